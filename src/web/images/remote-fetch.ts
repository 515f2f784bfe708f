/**
 * Downloads a remote image for the proxy: http(s) only, a bounded number of redirects (each target checked
 * again), one deadline for the whole chain, a byte cap, and an image Content-Type. Host names are resolved
 * by a lookup that refuses forbidden addresses at connect time, so DNS cannot swap in a private address
 * between a check and the connection.
 */
import { lookup as dnsLookup } from "node:dns";
import { type IncomingMessage, get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isForbiddenAddress } from "./address-guard.ts";
import { ImageError, isImageError } from "./image-errors.ts";

export interface RemoteFetchOptions {
  readonly bytesMax: number;
  readonly timeoutMs: number;
  readonly redirectsMax: number;
  readonly allowPrivateAddresses: boolean;
  /** Aborts the fetch (the service is closing). */
  readonly signal: AbortSignal;
}

export const remoteUserAgent = "Kettle image proxy";

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

type Answer = { readonly bytes: Uint8Array } | { readonly location: string };

/** Throws `invalid_proxy_url` for anything but a plain http(s) URL, `forbidden_address` for a forbidden IP literal. */
export function checkRemoteUrl(url: URL, allowPrivateAddresses: boolean): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ImageError("invalid_proxy_url", `only http and https images can be proxied, not ${url.protocol}`);
  if (url.username !== "" || url.password !== "") throw new ImageError("invalid_proxy_url", "image URLs may not carry credentials");
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (!allowPrivateAddresses && isIP(host) !== 0 && isForbiddenAddress(host)) throw forbidden(host);
}

export async function fetchRemoteImage(url: URL, options: RemoteFetchOptions): Promise<Uint8Array> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    checkRemoteUrl(current, options.allowPrivateAddresses);
    const answer = await requestOnce(current, options, signal);
    if ("bytes" in answer) return answer.bytes;
    if (redirects >= options.redirectsMax) throw new ImageError("upstream_error", `the image redirected more than ${options.redirectsMax} times`);
    try {
      current = new URL(answer.location, current);
    } catch {
      throw new ImageError("upstream_error", "the image redirected to an invalid URL");
    }
  }
}

function requestOnce(url: URL, options: RemoteFetchOptions, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === "https:" ? httpsGet : httpGet;
    const request = get(url, { agent: false, lookup: createGuardedLookup(options.allowPrivateAddresses), signal, headers: { accept: "image/*", "user-agent": remoteUserAgent } }, (response) => {
      readAnswer(response, options.bytesMax).then(resolve, (error: unknown) => {
        response.destroy();
        reject(error);
      });
    });
    request.on("error", (error) => reject(describeRequestError(error, options, signal)));
  });
}

async function readAnswer(response: IncomingMessage, bytesMax: number): Promise<Answer> {
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (redirectStatuses.has(status) && location !== undefined) {
    response.resume();
    return { location };
  }
  if (status === 404 || status === 410) throw new ImageError("upstream_error", `the image's server has no such image (HTTP ${status})`, { status: 404 });
  if (status < 200 || status >= 300) throw new ImageError("upstream_error", `the image's server answered HTTP ${status}`);
  const type = (response.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  // Object stores often label images as octet-stream; the bytes are sniffed afterwards either way.
  if (type !== "" && !type.startsWith("image/") && type !== "application/octet-stream") {
    throw new ImageError("unsupported_image_type", `the URL serves ${type.slice(0, 60)}, not an image`);
  }
  const declared = Number(response.headers["content-length"] ?? 0);
  if (declared > bytesMax) throw upstreamTooLarge(bytesMax);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > bytesMax) throw upstreamTooLarge(bytesMax);
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks) };
}

function upstreamTooLarge(bytesMax: number): ImageError {
  return new ImageError("upstream_error", `the image is larger than ${bytesMax} bytes, the most the proxy fetches`);
}

function describeRequestError(error: Error, options: RemoteFetchOptions, signal: AbortSignal): ImageError {
  if (isImageError(error)) return error;
  if (options.signal.aborted) return new ImageError("shutting_down", "the image service is shutting down");
  if (signal.aborted) return new ImageError("upstream_error", `the image's server did not answer within ${options.timeoutMs / 1000} seconds`);
  const code = (error as NodeJS.ErrnoException).code;
  return new ImageError("upstream_error", `the image's server could not be reached${code === undefined ? "" : ` (${code})`}`);
}

function forbidden(address: string): ImageError {
  return new ImageError("forbidden_address", `the image's host resolves to ${address}, a private or reserved address the proxy does not fetch from`);
}

/** dns.lookup that fails when any address of the host is forbidden (a mixed answer is a rebinding attempt). */
function createGuardedLookup(allowPrivateAddresses: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, "");
      const bad = allowPrivateAddresses ? undefined : addresses.find((entry) => isForbiddenAddress(entry.address));
      if (bad !== undefined) return callback(forbidden(bad.address) as unknown as NodeJS.ErrnoException, "");
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no addresses`), { code: "ENOTFOUND" }), "");
      if (options.all === true) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
