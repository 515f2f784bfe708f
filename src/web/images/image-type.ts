/**
 * Which bytes count as an image here: JPEG, PNG, GIF or WebP, recognised by their magic bytes and then
 * read by libvips. SVG (which can carry script), TIFF, BMP, HEIC and everything else are refused.
 */
import sharp, { type Metadata } from "sharp";
import { ImageError } from "./image-errors.ts";

export const imageFormats = ["jpeg", "png", "gif", "webp"] as const;
export type ImageFormat = (typeof imageFormats)[number];

export const imageContentTypes: Readonly<Record<ImageFormat, string>> = Object.freeze({
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
});

export const imageExtensions: Readonly<Record<ImageFormat, string>> = Object.freeze({ jpeg: "jpg", png: "png", gif: "gif", webp: "webp" });

/** Bytes needed to recognise every format (the WebP RIFF header is the longest). */
export const imageSniffBytes = 12;

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The format the leading bytes announce, or null for anything that is not one of the four. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  return null;
}

export interface ImageInfo {
  readonly format: ImageFormat;
  /** Displayed size: EXIF orientation applied, one frame for animations. */
  readonly width: number;
  readonly height: number;
  /** Frames (1 for still images). */
  readonly pages: number;
  readonly hasAlpha: boolean;
}

/**
 * Checks that `bytes` are an image of an accepted format whose header libvips can read, within the pixel
 * limit, without decoding the pixels. Throws `unsupported_image_type` or `invalid_image`.
 */
export async function readImageInfo(bytes: Uint8Array, inputPixelsMax: number): Promise<ImageInfo> {
  const format = sniffImageFormat(bytes);
  if (format === null) throw new ImageError("unsupported_image_type", "the file is not a JPEG, PNG, GIF or WebP image");
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageError("invalid_image", `the file looks like ${format.toUpperCase()} but cannot be read as an image`);
  }
  if (metadata.format !== format) throw new ImageError("invalid_image", `the file starts like ${format.toUpperCase()} but decodes as ${metadata.format}`);
  const pages = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height;
  if (!(metadata.width > 0 && frameHeight > 0)) throw new ImageError("invalid_image", "the image has no pixels");
  if (metadata.width * frameHeight > inputPixelsMax) {
    throw new ImageError("invalid_image", `the image is ${metadata.width}×${frameHeight} pixels; at most ${inputPixelsMax} pixels are accepted`);
  }
  const swapped = (metadata.orientation ?? 1) >= 5;
  return {
    format,
    width: swapped ? frameHeight : metadata.width,
    height: swapped ? metadata.width : frameHeight,
    pages,
    hasAlpha: metadata.hasAlpha,
  };
}
