/**
 * Resizing and transcoding for the proxy. Images are only ever shrunk; `fit` keeps the whole image inside
 * the box and `cover` fills the box and crops, shrinking the box (keeping its shape) when the image is too
 * small to fill it. Output drops metadata (EXIF, including GPS) after applying the EXIF orientation.
 */
import sharp from "sharp";
import { ImageError } from "./image-errors.ts";
import type { ImageLimits } from "./image-limits.ts";
import type { ImageFormat, ImageInfo } from "./image-type.ts";

export const proxyModes = ["fit", "cover"] as const;
export const proxyFormats = ["match", "jpeg", "png", "webp"] as const;

export interface ProxyOptions {
  /** 0 when not given. */
  readonly width: number;
  readonly height: number;
  readonly mode: (typeof proxyModes)[number];
  readonly format: (typeof proxyFormats)[number];
}

export const jpegQuality = 85;
export const webpQuality = 82;

/** Reads `width`, `height`, `mode` and `format`; sizes above the custom maximum are lowered to it. */
export function parseProxyOptions(query: URLSearchParams, limits: ImageLimits): ProxyOptions {
  const size = (name: string): number => {
    const text = query.get(name);
    if (text === null || text === "") return 0;
    if (!/^\d{1,9}$/.test(text)) throw new ImageError("invalid_proxy_options", `${name} must be a whole number of pixels, got "${text.slice(0, 20)}"`);
    return Math.min(Number(text), limits.proxyCustomSizeMax);
  };
  const choice = <T extends string>(name: string, allowed: readonly T[]): T => {
    const text = query.get(name) ?? allowed[0];
    if (!(allowed as readonly string[]).includes(text)) throw new ImageError("invalid_proxy_options", `${name} must be one of ${allowed.join(", ")}, got "${text.slice(0, 20)}"`);
    return text as T;
  };
  return { width: size("width"), height: size("height"), mode: choice("mode", proxyModes), format: choice("format", proxyFormats) };
}

export interface ResizePlan {
  readonly width: number;
  readonly height: number;
  readonly fit: "inside" | "cover";
}

/** The target size for an image of `source` size, or null when it is already small enough. */
export function planResize(source: { readonly width: number; readonly height: number }, options: ProxyOptions, limits: ImageLimits): ResizePlan | null {
  const { width, height } = source;
  if (options.mode === "cover" && options.width > 0 && options.height > 0) {
    const scale = Math.max(options.width / width, options.height / height);
    const boxWidth = scale > 1 ? Math.max(1, Math.round(options.width / scale)) : options.width;
    const boxHeight = scale > 1 ? Math.max(1, Math.round(options.height / scale)) : options.height;
    return boxWidth === width && boxHeight === height ? null : { width: boxWidth, height: boxHeight, fit: "cover" };
  }
  const named = options.width > 0 || options.height > 0;
  const boxWidth = named ? options.width || Number.POSITIVE_INFINITY : limits.proxyWidthMax;
  const boxHeight = named ? options.height || Number.POSITIVE_INFINITY : limits.proxyHeightMax;
  const scale = Math.min(boxWidth / width, boxHeight / height);
  if (scale >= 1) return null;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), fit: "inside" };
}

export interface TransformedImage {
  readonly bytes: Uint8Array;
  readonly format: ImageFormat;
}

/** Resizes and encodes `bytes` (already checked by `readImageInfo`) as `options` ask. */
export async function transformImage(bytes: Uint8Array, info: ImageInfo, options: ProxyOptions, limits: ImageLimits): Promise<TransformedImage> {
  const format: ImageFormat = options.format === "match" ? info.format : options.format;
  const plan = planResize(info, options, limits);
  // A GIF that needs no change is served as it is: re-encoding animations is slow and lossy.
  if (plan === null && info.format === "gif" && format === "gif") return { bytes, format };
  const animated = info.pages > 1 && (format === "gif" || format === "webp") && info.width * info.height * info.pages <= limits.inputPixelsMax;
  // failOn "none": a slightly damaged or truncated photo still shows, as it would in a browser.
  let pipeline = sharp(bytes, { animated, autoOrient: !animated, limitInputPixels: limits.inputPixelsMax, failOn: "none" });
  if (plan !== null) pipeline = pipeline.resize({ width: plan.width, height: plan.height, fit: plan.fit, withoutEnlargement: true });
  if (format === "jpeg") {
    if (info.hasAlpha) pipeline = pipeline.flatten({ background: "#ffffff" });
    pipeline = pipeline.jpeg({ quality: jpegQuality, progressive: true });
  } else if (format === "png") {
    pipeline = pipeline.png();
  } else if (format === "webp") {
    pipeline = pipeline.webp({ quality: webpQuality });
  } else {
    pipeline = pipeline.gif();
  }
  try {
    return { bytes: await pipeline.toBuffer(), format };
  } catch {
    throw new ImageError("invalid_image", `the ${info.format.toUpperCase()} image could not be decoded`);
  }
}
