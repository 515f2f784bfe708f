/**
 * Default pictures for accounts without a profile or cover image, drawn from raw pixels (no fonts or SVG):
 * a symmetric 5×5 identicon in a colour taken from the name, and a plain cover in a paler shade.
 */
import sharp from "sharp";
import { sha256 } from "../../core/crypto/hash.ts";
import { utf8Encode } from "../../stdx/bytes.ts";

export const defaultCoverWidth = 1280;
export const defaultCoverHeight = 320;

const backgroundShade = 0xf2;

/** A square PNG identicon of `size` pixels; the same name always gives the same picture. */
export function createDefaultAvatar(name: string, size: number): Promise<Buffer> {
  const hash = sha256(utf8Encode(name));
  const [red, green, blue] = colourOf(hash, 0.5);
  const pixels = Buffer.alloc(size * size * 3, backgroundShade);
  // The picture is 6 units wide: half a unit of margin, five cells of one unit, half a unit of margin.
  for (let y = 0; y < size; y++) {
    const row = Math.floor((y * 12) / size);
    if (row < 1 || row > 10) continue;
    const cellRow = (row - 1) >> 1;
    for (let x = 0; x < size; x++) {
      const column = Math.floor((x * 12) / size);
      if (column < 1 || column > 10) continue;
      const cellColumn = (column - 1) >> 1;
      // Columns 3 and 4 mirror 1 and 0, so the figure is symmetric like a face.
      const sourceColumn = cellColumn <= 2 ? cellColumn : 4 - cellColumn;
      if ((hash[4 + cellRow * 3 + sourceColumn] & 1) === 0) continue;
      const offset = (y * size + x) * 3;
      pixels[offset] = red;
      pixels[offset + 1] = green;
      pixels[offset + 2] = blue;
    }
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png({ palette: true })
    .toBuffer();
}

/** A plain PNG cover in a pale shade of the name's colour. */
export function createDefaultCover(name: string): Promise<Buffer> {
  const [r, g, b] = colourOf(sha256(utf8Encode(name)), 0.8);
  return sharp({ create: { width: defaultCoverWidth, height: defaultCoverHeight, channels: 3, background: { r, g, b } } })
    .png({ palette: true })
    .toBuffer();
}

/** A colour of the hue given by the hash's first two bytes, 55% saturation and the given lightness. */
function colourOf(hash: Uint8Array, lightness: number): [number, number, number] {
  const hue = ((hash[0] << 8) | hash[1]) % 360;
  const saturation = 0.55;
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const sector = hue / 60;
  const second = chroma * (1 - Math.abs((sector % 2) - 1));
  const [r, g, b] = sector < 1 ? [chroma, second, 0] : sector < 2 ? [second, chroma, 0] : sector < 3 ? [0, chroma, second] : sector < 4 ? [0, second, chroma] : sector < 5 ? [second, 0, chroma] : [chroma, 0, second];
  const match = lightness - chroma / 2;
  return [Math.round((r + match) * 255), Math.round((g + match) * 255), Math.round((b + match) * 255)];
}
