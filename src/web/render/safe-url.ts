/**
 * The one URL policy for rendered post bodies: what a user may link to or load an image from.
 * Everything that ends up in an href, src or srcset passes through parseSafeUrl.
 */

/** The longest URL we keep; longer ones are dropped rather than cut (a cut URL points elsewhere). */
export const urlCharsMax = 4096;

/** A URL that is safe to put in an href or src. */
export interface SafeUrl {
  /** Canonical form: an absolute http(s) URL, or a path starting with exactly one "/". */
  readonly href: string;
  /** Lower-case host with port for absolute URLs; null for site-relative paths. */
  readonly host: string | null;
}

// Resolving relative paths against a reserved origin lets the WHATWG parser canonicalize them without guessing.
const relativeBase = "https://relative.invalid";
const schemePattern = /^([a-z][a-z0-9+.-]*):/i;
// A scheme-less host such as "www.example.com/path" or "example.org:8080": letters, digits, dashes, dots and a TLD.
const hostLikePattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}(?::\d{1,5})?(?:[/?#]|$)/i;
// Browsers drop tabs and newlines anywhere in a URL and ignore other C0 controls around it, so we remove them all.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f]/g;

/**
 * Parses a URL from untrusted markup (entities already decoded) and returns its canonical safe form, or null.
 * Accepts http(s) URLs, protocol-relative "//host" (made https), scheme-less hosts (made https),
 * "@account/..." shorthand (made "/@account/...") and paths starting with one "/". Everything else,
 * including javascript:, data:, vbscript:, fragments alone and URLs with credentials, is refused.
 */
export function parseSafeUrl(raw: string | undefined): SafeUrl | null {
  if (raw === undefined) return null;
  // Browsers treat "\" like "/" in http(s) URLs, so "/\evil.com" would be protocol-relative; normalize first.
  let text = raw.replace(controlCharacters, "").trim().replace(/\\/g, "/");
  if (text === "" || text.length > urlCharsMax) return null;
  if (text.startsWith("//")) return parseAbsolute("https:" + text);
  if (text.startsWith("/")) return parseRelative(text);
  if (text.startsWith("@")) return parseRelative("/" + text);
  const scheme = schemePattern.exec(text)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return parseAbsolute(text);
  if (!hostLikePattern.test(text)) return null;
  text = "https://" + text;
  return parseAbsolute(text);
}

function parseAbsolute(text: string): SafeUrl | null {
  const url = parseOrNull(text);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  // "https://trusted.example@evil.example" shows one host and opens another; nobody needs credentials in a post.
  if (url.hostname === "" || url.username !== "" || url.password !== "") return null;
  if (url.href.length > urlCharsMax) return null;
  return { href: url.href, host: url.host.toLowerCase() };
}

function parseRelative(text: string): SafeUrl | null {
  const url = parseOrNull(text, relativeBase);
  if (url === null || url.origin !== relativeBase) return null;
  const href = url.pathname + url.search + url.hash;
  // Dot segments can collapse "/.//evil.example" into "//evil.example", which a browser reads as another host.
  if (!href.startsWith("/") || href.startsWith("//") || href.length > urlCharsMax) return null;
  return { href, host: null };
}

function parseOrNull(text: string, base?: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

/** The host without a leading "www." and without a port, for comparing which site two URLs name. */
export function siteOfHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/:\d+$/, "")
    .replace(/^www\./, "")
    .replace(/\.$/, "");
}

/** Whether a string (as written in an attribute, entities decoded) is an http(s) URL or a single-slash path. */
export function isSafeUrlText(text: string): boolean {
  const cleaned = text.replace(controlCharacters, "").trim();
  return /^https?:\/\/[^/\\]/i.test(cleaned) || /^\/(?![/\\])/.test(cleaned);
}

/** The display width images are proxied at; the 2× srcset entry asks for twice this. */
export const imageWidthPixels = 640;

/**
 * The URL the page loads for an image: the proxy's answer when there is a proxy and its answer is itself a safe
 * URL, otherwise the image's own URL. The proxy is ours, but a misconfigured one must not open a hole.
 */
export function proxifiedImageUrl(href: string, width: number, proxifyImage?: (url: string, width: number) => string): string {
  if (proxifyImage === undefined) return href;
  return parseSafeUrl(proxifyImage(href, width))?.href ?? href;
}
