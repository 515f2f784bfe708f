/**
 * `GET /p/<base58(url)>?width&height&mode&format`: fetches (or reads from this service's own store) an
 * image, shrinks and transcodes it, and keeps the result on disk under a key of the request, so what was
 * served once keeps being served even if the upstream image later changes or disappears.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { base58 } from "@scure/base";
import { sha256 } from "../../core/crypto/hash.ts";
import { bytesToHex, utf8DecodeOrNull, utf8Encode } from "../../stdx/bytes.ts";
import type { ImageContext } from "./image-context.ts";
import { ImageError } from "./image-errors.ts";
import { isImageHash } from "./image-hash.ts";
import { immutableCacheControl, sendImageBytes, sendImageFile } from "./image-replies.ts";
import { type ProxyOptions, type TransformedImage, parseProxyOptions, transformImage } from "./image-transform.ts";
import { readImageInfo } from "./image-type.ts";
import { checkRemoteUrl, fetchRemoteImage } from "./remote-fetch.ts";

/** Longest base58 segment accepted (about 2,900 bytes of URL). */
export const proxyEncodedLengthMax = 4000;

/** What a proxy URL points at: an image of this service, a remote image, or a remote URL that names a hash this service may hold. */
export interface ProxyTarget {
  /** The URL as it enters the cache key. */
  readonly text: string;
  readonly hash: string | null;
  readonly remote: URL | null;
}

export interface ImageProxy {
  handle(request: IncomingMessage, response: ServerResponse, encodedUrl: string, query: URLSearchParams): Promise<void>;
}

/** The path of a proxied image: `/p/<base58(url)>` plus the query of its options. */
export function createProxyPath(url: string, query: Record<string, string | number> = {}): string {
  const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
  return `/p/${base58.encode(utf8Encode(url))}${search === "" ? "" : `?${search}`}`;
}

/** The first path segment when it is an image hash (`/D…/name.jpg` → `D…`), else null. */
export function hashOfPath(path: string): string | null {
  const first = path.split("/")[1] ?? "";
  return path.startsWith("/") && isImageHash(first) ? first : null;
}

/** Decodes the base58 segment; throws `invalid_proxy_url` unless it holds a `/D…` path or an http(s) URL. */
export function decodeProxyTarget(encoded: string): ProxyTarget {
  let text: string | null = null;
  if (encoded.length > 0 && encoded.length <= proxyEncodedLengthMax) {
    try {
      text = utf8DecodeOrNull(base58.decode(encoded))?.trim() ?? null;
    } catch {
      text = null;
    }
  }
  if (text === null || text === "") throw new ImageError("invalid_proxy_url", "the proxy path must be base58 of an image URL");
  if (text.startsWith("/") && !text.startsWith("//")) {
    const hash = hashOfPath(text);
    if (hash === null) throw new ImageError("invalid_proxy_url", "a site-relative proxy URL must name an uploaded image (/D…)");
    return { text: `/${hash}`, hash, remote: null };
  }
  let remote: URL;
  try {
    // Old posts write protocol-relative URLs (//host/image.png); they are fetched over https.
    remote = new URL(text.startsWith("//") ? `https:${text}` : text);
  } catch {
    throw new ImageError("invalid_proxy_url", `"${text.slice(0, 80)}" is not a URL`);
  }
  return { text: remote.href, hash: hashOfPath(remote.pathname), remote };
}

/** sha256 of the request that produced a proxy result, in hex: the name of its cache file and its ETag. */
export function createProxyCacheKey(target: ProxyTarget, options: ProxyOptions): string {
  return bytesToHex(sha256(utf8Encode(JSON.stringify([target.text, options.width, options.height, options.mode, options.format]))));
}

export function createImageProxy(context: ImageContext): ImageProxy {
  // Identical requests arriving together share one fetch and one resize.
  const inFlight = new Map<string, Promise<TransformedImage>>();

  const produce = async (target: ProxyTarget, options: ProxyOptions, key: string): Promise<TransformedImage> => {
    const source = await loadSource(context, target);
    const result = await context.queue.run(async () => {
      const info = await readImageInfo(source, context.limits.inputPixelsMax);
      return transformImage(source, info, options, context.limits);
    });
    // A failed cache write (a full disk) still serves the image; the next request tries to cache it again.
    await context.store.putCached(key, result.bytes).catch(() => undefined);
    return result;
  };

  return {
    async handle(request, response, encodedUrl, query) {
      const target = decodeProxyTarget(encodedUrl);
      const options = parseProxyOptions(query, context.limits);
      if (target.remote !== null) checkRemoteUrl(target.remote, context.allowPrivateAddresses);
      const key = createProxyCacheKey(target, options);
      const reply = { etag: `"${key}"`, cacheControl: immutableCacheControl };
      const cached = await context.store.openCached(key);
      if (cached !== null) return sendImageFile(request, response, cached, reply);
      let pending = inFlight.get(key);
      if (pending === undefined) {
        pending = produce(target, options, key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const result = await pending;
      sendImageBytes(request, response, result.bytes, { ...reply, format: result.format });
    },
  };
}

async function loadSource(context: ImageContext, target: ProxyTarget): Promise<Uint8Array> {
  // Uploads are content-addressed, so a local copy of a hash is the right image whatever host the URL names.
  if (target.hash !== null) {
    const local = await context.store.readOriginal(target.hash);
    if (local !== null) return local;
  }
  if (target.remote === null) throw new ImageError("not_found", "no image with this hash has been uploaded here");
  return fetchRemoteImage(target.remote, {
    bytesMax: context.limits.remoteBytesMax,
    timeoutMs: context.limits.remoteTimeoutMs,
    redirectsMax: context.limits.remoteRedirectsMax,
    allowPrivateAddresses: context.allowPrivateAddresses,
    signal: context.closing,
  });
}
