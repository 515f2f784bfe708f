/**
 * How the image service answers: JSON for uploads and errors, and images with headers that make them
 * long-cached, never sniffed into HTML and inert even if opened directly.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ImageError, toImageError } from "./image-errors.ts";
import { type ImageFormat, imageContentTypes } from "./image-type.ts";
import type { OpenedImage } from "./image-store.ts";

/** Immutable content (originals, proxy results keyed by their request) is cached for a year. */
export const immutableCacheControl = "public, max-age=31536000, immutable";
/** Answers that depend on mutable data (profile images, default avatars) are cached briefly. */
export const shortCacheControl = "public, max-age=600";

/** After rejecting an upload, how long and how much of its unread body is drained before the connection is cut. */
export const lingerMs = 1000;
export const lingerBytesMax = 1024 * 1024;

const sharedHeaders = {
  "access-control-allow-origin": "*",
  "x-content-type-options": "nosniff",
};

const imageHeaders = {
  ...sharedHeaders,
  "content-security-policy": "default-src 'none'; sandbox",
  "cross-origin-resource-policy": "cross-origin",
};

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...sharedHeaders,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store",
    ...headers,
  });
  response.end(text);
}

/** `{"error": {"name": code, "info": message}}` with the code's status (and Retry-After when it has one). */
export function sendImageError(response: ServerResponse, error: unknown): void {
  const imageError: ImageError = toImageError(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  if (imageError.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(imageError.retryAfterSeconds)));
  sendJson(response, imageError.status, { error: { name: imageError.code, info: imageError.message } }, headers);
}

/**
 * Rejects a request whose body has not been read: drains it for a moment so the client sees the answer
 * (closing a socket with unread data would reset it), then cuts the connection if the body goes on.
 */
export function rejectUnreadRequest(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  let drained = 0;
  const cut = (): void => {
    request.socket.destroy();
  };
  request.unpipe();
  request.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > lingerBytesMax) cut();
  });
  request.resume();
  if (!request.complete) {
    const timer = setTimeout(cut, lingerMs);
    timer.unref();
    request.once("end", () => clearTimeout(timer));
    request.once("close", () => clearTimeout(timer));
  }
  sendImageError(response, error);
}

function isNotModified(request: IncomingMessage, etag: string): boolean {
  const header = request.headers["if-none-match"];
  return header?.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*") === true;
}

interface ImageReply {
  readonly format: ImageFormat;
  readonly etag: string;
  readonly cacheControl: string;
}

function imageResponseHeaders(reply: ImageReply, bytesLength: number): Record<string, string> {
  return {
    ...imageHeaders,
    "content-type": imageContentTypes[reply.format],
    "content-length": String(bytesLength),
    "cache-control": reply.cacheControl,
    etag: reply.etag,
  };
}

/** Sends image bytes held in memory, or 304 when the client already has them. */
export function sendImageBytes(request: IncomingMessage, response: ServerResponse, bytes: Uint8Array, reply: ImageReply): void {
  if (isNotModified(request, reply.etag)) {
    response.writeHead(304, { ...imageHeaders, etag: reply.etag, "cache-control": reply.cacheControl }).end();
    return;
  }
  response.writeHead(200, imageResponseHeaders(reply, bytes.length));
  response.end(request.method === "HEAD" ? undefined : bytes);
}

/** Streams an opened image file and closes it, or answers 304 when the client already has it. */
export function sendImageFile(request: IncomingMessage, response: ServerResponse, image: OpenedImage, reply: Omit<ImageReply, "format">): void {
  const notModified = isNotModified(request, reply.etag);
  if (notModified || request.method === "HEAD") {
    if (notModified) response.writeHead(304, { ...imageHeaders, etag: reply.etag, "cache-control": reply.cacheControl });
    else response.writeHead(200, imageResponseHeaders({ ...reply, format: image.format }, image.bytesLength));
    response.end();
    void image.handle.close();
    return;
  }
  response.writeHead(200, imageResponseHeaders({ ...reply, format: image.format }, image.bytesLength));
  const stream = image.handle.createReadStream({ start: 0, autoClose: true });
  stream.on("error", () => response.destroy());
  response.on("close", () => stream.destroy());
  stream.pipe(response);
}

export function sendRedirect(response: ServerResponse, location: string, cacheControl: string): void {
  response.writeHead(302, { ...sharedHeaders, location, "cache-control": cacheControl, "content-length": "0" }).end();
}
