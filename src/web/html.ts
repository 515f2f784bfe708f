/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already `Html`. Pages
 * and components return `Html`; the only way to put markup in is another template or `trustedHtml`, whose
 * callers vouch for it (the body renderer's sanitized output, the page layout's own constants).
 */

/** Markup that is safe to send as it is. */
export class Html {
  constructor(readonly text: string) {}

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

function appendValue(out: string[], value: HtmlValue): void {
  if (value === null || value === undefined || value === false || value === true) return;
  if (value instanceof Html) out.push(value.text);
  else if (typeof value === "string") out.push(escapeHtml(value));
  else if (typeof value === "number" || typeof value === "bigint") out.push(String(value));
  else for (const item of value) appendValue(out, item);
}

/** The template tag: `html\`<a href="${url}">${title}</a>\``. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  const out: string[] = [strings[0]];
  for (let i = 0; i < values.length; i++) {
    appendValue(out, values[i]);
    out.push(strings[i + 1]);
  }
  return new Html(out.join(""));
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
