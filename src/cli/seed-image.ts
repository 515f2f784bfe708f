/**
 * The demo's picture for the seed post: the seed page showed a photo we do not have, so the demo draws an
 * illustration in its place — Aleppo's citadel on its hill above the old city at dusk — and stores it in the
 * image service like any upload. Drawn from fixed shapes, so every run makes the same bytes.
 */
import sharp from "sharp";

const width = 1200;
const height = 675;

function skyline(): string {
  const shapes: string[] = [];
  // Houses of the old city: fixed widths and heights, no randomness.
  const heights = [70, 95, 60, 110, 85, 75, 120, 65, 100, 90, 70, 115, 80, 60, 105, 95, 72, 88, 64, 118];
  let x = 0;
  heights.forEach((h, i) => {
    const w = 48 + ((i * 37) % 30);
    shapes.push(`<rect x="${x}" y="${height - h}" width="${w}" height="${h}"/>`);
    if (i % 4 === 1) shapes.push(`<circle cx="${x + w / 2}" cy="${height - h}" r="${w / 3}"/>`);
    if (i % 6 === 3) shapes.push(`<rect x="${x + w / 2 - 5}" y="${height - h - 90}" width="10" height="90"/><circle cx="${x + w / 2}" cy="${height - h - 92}" r="8"/>`);
    x += w;
  });
  return shapes.join("");
}

/** The illustration as a JPEG. */
export function createSeedImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b3a67"/><stop offset="0.55" stop-color="#c8643b"/><stop offset="1" stop-color="#f3b562"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>
<circle cx="860" cy="330" r="70" fill="#fbe3a1" opacity="0.9"/>
<g fill="#3b2a2f"><path d="M280 675 L420 300 L760 300 L900 675 Z"/><rect x="450" y="230" width="280" height="80"/><rect x="470" y="200" width="40" height="40"/><rect x="560" y="190" width="60" height="50"/><rect x="670" y="200" width="40" height="40"/><rect x="700" y="150" width="22" height="90"/></g>
<g fill="#1f1619">${skyline()}</g>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
