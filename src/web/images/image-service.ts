/**
 * The image service, compatible with the Steem/Hive image hoster, served at the root of the site:
 * signed uploads, content-addressed originals, a resizing proxy, and account avatars and covers. It claims
 * only requests whose paths have the hoster's exact shapes, so site routes pass through untouched.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import sharp from "sharp";
import type { Secp256k1 } from "../../core/crypto/secp256k1.ts";
import { type AvatarRoute, handleAvatar, matchAvatarRoute } from "./avatar.ts";
import type { ImageAccountOf, ImageContext } from "./image-context.ts";
import { ImageError } from "./image-errors.ts";
import { type ImageLimits, resolveImageLimits } from "./image-limits.ts";
import { createImageProxy, createProxyPath, hashOfPath } from "./image-proxy.ts";
import { immutableCacheControl, rejectUnreadRequest, sendImageError, sendImageFile, sendRedirect } from "./image-replies.ts";
import { createImageStore } from "./image-store.ts";
import { readImageInfo } from "./image-type.ts";
import { type UploadRoute, createUploadFilename, handleUpload, matchUploadRoute } from "./image-upload.ts";
import { createRateLimiter } from "./rate-limiter.ts";
import { createWorkQueue } from "./work-queue.ts";

export type { ImageAccount, ImageAccountOf } from "./image-context.ts";
export type { ImageLimits } from "./image-limits.ts";

export interface ImageServiceOptions {
  /** Images live in <dataDir>/images (content-addressed originals) and <dataDir>/images/cache (resized copies). */
  readonly dataDir: string;
  readonly secp: Secp256k1;
  /** The account's posting and active authorities, display reputation and profile images, or null when it does not exist. */
  readonly accountOf: ImageAccountOf;
  readonly limits?: Partial<ImageLimits>;
  /** Remote fetches for the proxy refuse private, loopback and link-local addresses (SSRF) unless this is true (tests). */
  readonly allowPrivateAddresses?: boolean;
  readonly now?: () => number;
  /** Accounts that may not upload. */
  readonly blockedUploaders?: readonly string[];
  /** Origin put before image paths in upload answers and redirects, e.g. "https://example.com"; root-relative without it. */
  readonly publicUrl?: string;
  /** The address uploads are rate-limited by; the socket's peer by default (set it when behind a reverse proxy). */
  readonly addressOf?: (request: IncomingMessage) => string;
}

export interface ImageService {
  /** Handles the request if it is an image route and returns true; false leaves it to the site. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** Stores image bytes as an upload would (for the dev demo's seed image) and returns its path `/D…/<filename>`. */
  store(bytes: Uint8Array, filename: string): Promise<string>;
  /** Refuses new requests, stops remote fetches and waits for requests under way. */
  close(): Promise<void>;
}

const weekMs = 7 * 24 * 3600 * 1000;
const hourMs = 3600 * 1000;

/** libvips threads per image operation: concurrency comes from the work queue, not from each operation. */
export const libvipsThreadsPerOperation = 1;

type ImageRoute =
  | { readonly kind: "upload"; readonly upload: UploadRoute }
  | { readonly kind: "original"; readonly hash: string }
  | { readonly kind: "proxy"; readonly encodedUrl: string; readonly query: URLSearchParams }
  | { readonly kind: "legacy-proxy"; readonly width: string; readonly height: string; readonly url: string }
  | { readonly kind: "avatar"; readonly avatar: AvatarRoute };

/** Which image route a request is, or null when it belongs to the site. */
export function matchImageRoute(method: string | undefined, rawUrl: string | undefined): ImageRoute | null {
  const url = rawUrl ?? "/";
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (method === "POST") {
    const upload = matchUploadRoute(path);
    return upload === null ? null : { kind: "upload", upload };
  }
  if (method !== "GET" && method !== "HEAD") return null;
  const segments = path.split("/").slice(1);
  if (segments[0] === "p" && segments.length === 2) return { kind: "proxy", encodedUrl: segments[1], query: new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1)) };
  const legacy = /^\/(\d{1,5})x(\d{1,5})\/(https?:\/\/.+)$/.exec(url);
  if (legacy !== null) return { kind: "legacy-proxy", width: legacy[1], height: legacy[2], url: legacy[3] };
  const avatar = matchAvatarRoute(path);
  if (avatar !== null) return { kind: "avatar", avatar };
  const hash = segments.length <= 2 ? hashOfPath(path) : null;
  return hash === null ? null : { kind: "original", hash };
}

/** Everything the routes share, built from the options; `closing` aborts when the service closes. */
function createImageContext(options: ImageServiceOptions, closing: AbortSignal): ImageContext {
  const limits = resolveImageLimits(options.limits);
  const now = options.now ?? Date.now;
  return {
    limits,
    store: createImageStore(join(options.dataDir, "images")),
    secp: options.secp,
    accountOf: options.accountOf,
    blockedUploaders: new Set(options.blockedUploaders ?? []),
    publicUrl: (options.publicUrl ?? "").replace(/\/+$/, ""),
    allowPrivateAddresses: options.allowPrivateAddresses ?? false,
    addressOf: options.addressOf ?? ((request) => request.socket.remoteAddress ?? "unknown"),
    uploadsPerAccount: createRateLimiter({ limit: limits.uploadsPerWeekMax, windowMs: weekMs, now }),
    uploadsPerAddress: createRateLimiter({ limit: limits.uploadsPerAddressPerHourMax, windowMs: hourMs, now }),
    queue: createWorkQueue(limits.transformsInFlightMax, limits.transformsWaitingMax),
    closing,
  };
}

export function createImageService(options: ImageServiceOptions): ImageService {
  const closing = new AbortController();
  const context = createImageContext(options, closing.signal);
  const { limits } = context;
  // Process-wide libvips settings: concurrency comes from the work queue, and libvips' operation cache
  // would hold decoded images across requests (the disk cache does that job).
  sharp.concurrency(libvipsThreadsPerOperation);
  sharp.cache(false);
  const proxy = createImageProxy(context);
  const underWay = new Set<Promise<void>>();

  const serve = async (route: ImageRoute, request: IncomingMessage, response: ServerResponse): Promise<void> => {
    switch (route.kind) {
      case "upload":
        return handleUpload(context, request, response, route.upload);
      case "proxy":
        return proxy.handle(request, response, route.encodedUrl, route.query);
      case "legacy-proxy":
        return sendRedirect(response, context.publicUrl + createProxyPath(route.url, { width: route.width, height: route.height }), immutableCacheControl);
      case "avatar":
        return handleAvatar(context, request, response, route.avatar);
      case "original": {
        const image = await context.store.openOriginal(route.hash);
        if (image === null) throw new ImageError("not_found", "no image with this hash has been uploaded here");
        return sendImageFile(request, response, image, { etag: `"${route.hash}"`, cacheControl: immutableCacheControl });
      }
    }
  };

  return {
    handle(request, response) {
      const route = matchImageRoute(request.method, request.url);
      if (route === null) return false;
      if (closing.signal.aborted) {
        rejectUnreadRequest(request, response, new ImageError("shutting_down", "the image service is shutting down"));
        return true;
      }
      const work = serve(route, request, response).catch((error: unknown) => sendImageError(response, error));
      underWay.add(work);
      void work.finally(() => underWay.delete(work));
      return true;
    },
    async store(bytes, filename) {
      if (bytes.length > limits.uploadBytesMax) throw new ImageError("payload_too_large", `images may be at most ${limits.uploadBytesMax} bytes`);
      const info = await context.queue.run(() => readImageInfo(bytes, limits.inputPixelsMax));
      const hash = await context.store.putOriginal(bytes);
      return `/${hash}/${createUploadFilename(filename, info.format)}`;
    },
    async close() {
      closing.abort();
      await Promise.allSettled([...underWay]);
      await context.queue.idle();
    },
  };
}
