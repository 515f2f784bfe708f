/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already `Html`. Pages
 * and components return `Html`; the only way to put markup in is another template or `trustedHtml`, whose
 * callers vouch for it (the body renderer's sanitized output, the page layout's own constants).
 */

/** A piece of markup: text, or the UTF-8 bytes of markup kept encoded (`encodedHtml`). */
type Part = string | Buffer;

/**
 * Markup that is safe to send as it is: text, or parts of which some are kept already encoded, so that a
 * page holding them encodes only the rest (`htmlBytes`).
 */
export class Html {
  #text: string | undefined;
  /** Set only when some part is bytes. */
  readonly parts: readonly Part[] | null;

  constructor(content: string | readonly Part[]) {
    if (typeof content === "string") {
      this.#text = content;
      this.parts = null;
    } else {
      this.parts = content;
    }
  }

  /** The markup as one string (bytes parts decoded). */
  get text(): string {
    this.#text ??= (this.parts ?? []).map((part) => (typeof part === "string" ? part : part.toString("utf8"))).join("");
    return this.#text;
  }

  toString(): string {
    return this.text;
  }
}

/** A value a template may interpolate: text is escaped, lists are joined, absent values vanish. */
export type HtmlValue = Html | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const needsEscape = /[&<>"']/;
const escapable = /[&<>"']/g;

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return needsEscape.test(text) ? text.replace(escapable, (c) => escapes[c]) : text;
}

function valueText(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return "";
  if (value instanceof Html) return value.text;
  if (typeof value === "string") return escapeHtml(value);
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  let out = "";
  for (const item of value) out += valueText(item);
  return out;
}

function holdsBytes(value: HtmlValue): boolean {
  if (value instanceof Html) return value.parts !== null;
  return Array.isArray(value) && value.some(holdsBytes);
}

/** Parts being gathered: finished ones, and the text after the last bytes part. */
interface Gathered {
  readonly parts: Part[];
  text: string;
}

function gather(into: Gathered, value: HtmlValue): void {
  if (value instanceof Html && value.parts !== null) {
    for (const part of value.parts) {
      if (typeof part === "string") into.text += part;
      else {
        if (into.text !== "") into.parts.push(into.text);
        into.text = "";
        into.parts.push(part);
      }
    }
  } else if (Array.isArray(value)) {
    for (const item of value as readonly HtmlValue[]) gather(into, item);
  } else {
    into.text += valueText(value);
  }
}

/**
 * The template tag: `html\`<a href="${url}">${title}</a>\``. Pieces are joined with `+`, which V8 keeps as
 * a rope until the page is written out, rather than `join`, which copies them: a page is templates nested
 * some ten deep, and copying each level's text again cost a tenth of a page's render (bench:web). Values
 * holding encoded parts keep them as they are.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    if (holdsBytes(values[i])) {
      const into: Gathered = { parts: [], text: out };
      for (let j = i; j < values.length; j++) {
        gather(into, values[j]);
        into.text += strings[j + 1];
      }
      if (into.text !== "") into.parts.push(into.text);
      return new Html(into.parts);
    }
    out += valueText(values[i]) + strings[i + 1];
  }
  return new Html(out);
}

/**
 * The same markup kept as UTF-8 bytes, for markup sent again and again (fragment-cache.ts): encoding a page
 * whose text holds a non-Latin-1 character (an arrow, a dash) costs several times what copying its bytes
 * does, and cached cards were most of a list page's bytes (bench:web).
 */
export function encodedHtml(markup: Html): Html {
  return markup.parts !== null && markup.parts.length === 1 ? markup : new Html([Buffer.from(markup.text)]);
}

/**
 * The markup in pieces to write one after the other, and their length in UTF-8 bytes: the encoded parts as
 * they are (shared, not copied), the text between them as text — left to the socket to encode, rather than
 * made into buffers at every request, whose memory outside the heap drove V8 to full collections (bench:web).
 */
export function htmlChunks(markup: Html): { readonly chunks: readonly (string | Buffer)[]; readonly bytes: number } {
  const chunks = markup.parts ?? [markup.text];
  let bytes = 0;
  for (const chunk of chunks) bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
  return { chunks, bytes };
}

/** Markup the caller vouches for (sanitized post bodies, constant snippets). */
export function trustedHtml(text: string): Html {
  return new Html(text);
}

/** A JSON value for an inline `<script type="application/json">` block: `<` is escaped so it cannot close the tag. */
export function jsonScriptText(value: unknown): Html {
  return new Html(JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"));
}

/** `href`-safe URL: only http(s), mailto and site-relative paths pass; anything else becomes "#". */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (/^\/(?!\/)/.test(trimmed) || /^https?:\/\//i.test(trimmed) || /^mailto:/i.test(trimmed)) return trimmed;
  return "#";
}
