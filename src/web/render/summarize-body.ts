/**
 * summarizeBody: the plain-text teaser of a post for cards and <meta name="description">. It renders the body
 * with the same pipeline as the page, so hidden or unsafe content never leaks into a summary.
 */
import type { ChildNode } from "domhandler";
import { Element, Text } from "domhandler";
import { parseDocument } from "htmlparser2";
import { assert } from "../../stdx/assert.ts";
import { renderPostBody } from "./render-post-body.ts";

/** The default summary length in characters, Steemit's card teaser length. */
export const summaryCharsDefault = 140;

// A break between these elements reads as a space; inline elements join their text directly.
const blockElements = new Set(["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td", "th", "table", "hr", "center"]);

/**
 * Plain text of a body, at most `maxChars` characters: rendered, tags stripped, URLs, images and HTML comments
 * dropped, whitespace collapsed, cut at a word boundary with "…". It never contains "<" or ">", so even a caller
 * that forgets to escape it cannot produce markup.
 */
export function summarizeBody(body: string, maxChars: number = summaryCharsDefault): string {
  assert(Number.isSafeInteger(maxChars) && maxChars >= 1, "maxChars must be a positive integer");
  // Comments would show as "(html comment removed: …)" and image markdown leaves its alt text; neither belongs here.
  const source = body.replace(/<!--[\s\S]*?(?:-->|$)/g, " ").replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, " ");
  const { html } = renderPostBody(source);
  const text = textOf(parseDocument(html).children)
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, " ")
    .replace(/[<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return cutAtWord(text, maxChars);
}

function textOf(nodes: readonly ChildNode[]): string {
  let text = "";
  for (const node of nodes) {
    if (node instanceof Text) text += node.data;
    else if (node instanceof Element) {
      const gap = blockElements.has(node.name) ? " " : "";
      text += gap + textOf(node.children) + gap;
    }
  }
  return text;
}

/** Cuts text to `maxChars` characters at the last word boundary, marking the cut with "…". */
export function cutAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  // Cutting at the last space is nicer, unless that throws away most of the text (one very long word).
  if (space >= maxChars / 2) cut = cut.slice(0, space);
  // Never end on half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/[\s.,;:!?\-–—]+$/, "") + "…";
}
