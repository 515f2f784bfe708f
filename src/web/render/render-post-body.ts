/**
 * renderPostBody: the single function that turns an untrusted Steem post body (markdown or HTML) into HTML that
 * is safe to put in a page, and lists the images, links, mentions and hashtags it refers to. Pages, the editor's
 * live preview, summaries and thumbnails all go through it.
 *
 * Pipeline: body → HTML (markdown-it, comments made visible) → whitelist sanitizer → DOM pass on the sanitized
 * tree (linkify, mentions, hashtags, links, images, video placeholders) → serializer → a strict check of the
 * serialized output. If that check fails, the body is shown as escaped text instead.
 */
import render from "dom-serializer";
import { parseDocument } from "htmlparser2";
import { bodyToHtml, escapeHtmlText } from "./body-to-html.ts";
import { decorateBodyDom } from "./decorate-body-dom.ts";
import { finalizeRenderedHtml } from "./finalize-rendered-html.ts";
import { sanitizeBodyHtml } from "./sanitize-body-html.ts";

export { looksLikeHtmlBody } from "./body-to-html.ts";

/** The longest body rendered, in UTF-8 bytes; longer bodies are cut. Steem caps bodies near 64 KiB; imports may be larger. */
export const bodyBytesMax = 256 * 1024;

/** How a body is rendered for one page. */
export interface RenderBodyOptions {
  /** The image proxy: maps an image URL and a display width to the URL the page uses. Absent: URLs are used as they are. */
  readonly proxifyImage?: (url: string, width: number) => string;
  /** The site's own host (e.g. "127.0.0.1:8090"), for internal links and the look-alike-link check. */
  readonly siteHost?: string;
  /** Low-rated or muted content: every external link gets rel="nofollow". */
  readonly lowQuality?: boolean;
  /** Extra phishing hosts (lower case, without "www."), on top of the built-in list; their subdomains count too. */
  readonly phishingHosts?: ReadonlySet<string>;
  /** Body byte cap; longer bodies are cut. Defaults to bodyBytesMax. */
  readonly bodyBytesMax?: number;
}

/** A rendered body and what it refers to. */
export interface RenderedBody {
  /** Safe HTML for the page. */
  readonly html: string;
  /** Image URLs as written (made absolute https or site-relative), in order, without repeats. */
  readonly images: string[];
  /** Link targets in order, without repeats (mention and hashtag links are listed separately). */
  readonly links: string[];
  /** Accounts mentioned as @name, in order, without repeats. */
  readonly mentions: string[];
  /** Hashtags (lower case), in order, without repeats. */
  readonly tags: string[];
  /** True when the output check refused the rendered HTML and the body is shown as escaped text. */
  readonly plainTextFallback: boolean;
}

/** Renders an untrusted post body to safe HTML. Deterministic and synchronous. */
export function renderPostBody(body: string, options: RenderBodyOptions = {}): RenderedBody {
  const capped = cutToBytes(typeof body === "string" ? body : "", options.bodyBytesMax ?? bodyBytesMax);
  try {
    const document = parseDocument(sanitizeBodyHtml(bodyToHtml(capped)));
    const facts = decorateBodyDom(document, options);
    const html = finalizeRenderedHtml(render(document, { encodeEntities: "utf8" }));
    if (html !== null) return { html, ...facts, plainTextFallback: false };
  } catch {
    // A body that breaks a library (absurd nesting, say) is shown as text rather than failing the page.
  }
  return plainTextBody(capped);
}

/** The fallback: the body as escaped text, line breaks kept. Nothing in it is markup. */
function plainTextBody(body: string): RenderedBody {
  const html = body.trim() === "" ? "" : `<p>${escapeHtmlText(body).replace(/\r?\n/g, "<br>")}</p>`;
  return { html, images: [], links: [], mentions: [], tags: [], plainTextFallback: true };
}

/** Cuts text to at most `bytesMax` UTF-8 bytes without splitting a character. */
export function cutToBytes(text: string, bytesMax: number): string {
  // Every UTF-16 code unit takes at most 3 UTF-8 bytes, so short texts need no encoding.
  if (text.length * 3 <= bytesMax) return text;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= bytesMax) return text;
  let cut = bytesMax;
  while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
  return new TextDecoder().decode(bytes.subarray(0, cut));
}
