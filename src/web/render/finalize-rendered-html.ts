/**
 * The last line of defence: a check of the serialized output that does not trust the sanitizer, the DOM pass or
 * the serializer. It reads every tag with a strict grammar and accepts only the tags and attributes we emit.
 */
import { divClassesAllowed } from "./sanitize-body-html.ts";
import { isSafeUrlText } from "./safe-url.ts";

/** Tags the rendered output may contain: the author whitelist without iframe, which we never emit. */
export const outputTagsAllowed: ReadonlySet<string> = new Set([
  "div", "del", "a", "p", "b", "i", "q", "br", "ul", "li", "ol", "img",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "pre", "code", "em", "strong", "center",
  "table", "thead", "tbody", "tr", "th", "td", "strike", "sup", "sub", "span",
]);

type ValueCheck = (value: string) => boolean;

const anyText: ValueCheck = () => true;
const relWords = new Set(["noopener", "noreferrer", "nofollow", "ugc"]);
const divClasses = new Set(divClassesAllowed);
const alignment: ValueCheck = (value) => /^text-(?:left|right|center)$/.test(value);

/** For each tag, the attributes it may carry and what their values may be. */
const attributesAllowed: Readonly<Record<string, Readonly<Record<string, ValueCheck>>>> = {
  a: {
    href: isSafeUrlText,
    title: anyText,
    class: (value) => value === "external",
    target: (value) => value === "_blank",
    rel: (value) => value.split(" ").every((word) => relWords.has(word)),
  },
  img: { src: isSafeUrlText, srcset: isSafeSrcset, alt: anyText, title: anyText, loading: (value) => value === "lazy" },
  div: {
    class: (value) => value.split(/\s+/).every((name) => divClasses.has(name)),
    title: anyText,
    "data-embed-provider": (value) => value === "youtube" || value === "vimeo",
    "data-embed-id": (value) => /^[A-Za-z0-9_-]{1,20}$/.test(value),
  },
  td: { class: alignment },
  th: { class: alignment },
};

// The serializer writes ` name="value"` with `"` and `&` escaped, so a value never contains a quote.
const tagPattern = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"]*")?)*)\s*\/?>/y;
const attributePattern = /\s+([a-z][a-z0-9-]*)(?:="([^"]*)")?/g;

function isSafeSrcset(value: string): boolean {
  return value.split(/,\s+/).every((candidate) => {
    const [url, descriptor, extra] = candidate.trim().split(/\s+/);
    return isSafeUrlText(url) && (descriptor === undefined || /^\d+(?:\.\d+)?[wx]$/.test(descriptor)) && extra === undefined && !url.includes(",");
  });
}

function decodeSerializedValue(value: string): string {
  return value.replace(/&(amp|quot|nbsp|lt|gt);/g, (_, name: string) => ({ amp: "&", quot: '"', nbsp: "\u00a0", lt: "<", gt: ">" })[name] ?? "");
}

/**
 * Checks serialized output and returns it ready to send (with "<" and ">" inside attribute values escaped, so
 * that no "<script" can appear anywhere, even as an attribute's text), or null when anything is off: a tag or
 * attribute outside the whitelist, an event handler, a URL that is not http(s) or a single-slash path, or
 * markup the grammar cannot read.
 */
export function finalizeRenderedHtml(html: string): string | null {
  let output = "";
  let last = 0;
  for (let start = html.indexOf("<"); start !== -1; start = html.indexOf("<", last)) {
    tagPattern.lastIndex = start;
    const match = tagPattern.exec(html);
    if (match === null) return null;
    const [tag, closing, name, attributes] = match;
    if (!outputTagsAllowed.has(name) || (closing === "/" && attributes !== "")) return null;
    if (!areAttributesAllowed(name, attributes)) return null;
    output += html.slice(last, start) + (/[<>]/.test(tag.slice(1, -1)) ? `<${closing}${name}${escapeBrackets(attributes)}>` : tag);
    last = tagPattern.lastIndex;
  }
  output += html.slice(last);
  // Belt and braces: the grammar above already excludes these, and a regression must not slip through silently.
  if (/<\s*\/?\s*(?:script|iframe|style|svg|math|object|embed|form|base|meta|link)\b/i.test(output)) return null;
  return output;
}

function areAttributesAllowed(tag: string, attributes: string): boolean {
  const allowed = attributesAllowed[tag] ?? {};
  for (const [, name, rawValue] of attributes.matchAll(attributePattern)) {
    if (name.startsWith("on") || !Object.hasOwn(allowed, name)) return false;
    if (!allowed[name](decodeSerializedValue(rawValue ?? ""))) return false;
  }
  return true;
}

function escapeBrackets(attributes: string): string {
  return attributes.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
