/**
 * Finds what in a run of plain text should become a link: bare URLs, @account mentions and #hashtags.
 * Works on decoded text and returns pieces, so the caller builds nodes and nothing is ever spliced as markup.
 */
import { isValidAccountName } from "../../core/protocol/validation.ts";
import { tagLengthMax } from "../../index/rules/post-text.ts";
import { markdown } from "./body-to-html.ts";

/** One piece of a text run: plain text, or something to link. */
export type TextPiece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "url"; readonly text: string; readonly url: string }
  | { readonly kind: "mention"; readonly text: string; readonly account: string }
  | { readonly kind: "tag"; readonly text: string; readonly tag: string };

// A candidate is "@" or "#" followed by name characters; which ones count is decided after matching.
const mentionOrTagPattern = /([@#])([A-Za-z0-9][A-Za-z0-9.-]*)/g;
// Letters, digits and these marks before "@" or "#" mean an e-mail, a path, a URL fragment or an entity, not a mention.
const notBeforeMention = /[\p{L}\p{N}_@#/.+&=%~-]/u;
// A name running on into these characters ("@alice_b", "@bob@mastodon.example", "@alicé") is not an account.
const notAfterMention = /[\p{L}\p{N}_@]/u;
const hashtagPattern = /^[a-z][a-z0-9-]*$/;

/**
 * Splits text into plain runs, URLs (found by the same linkify-it instance markdown uses), mentions and hashtags.
 * `before` is the character just before the text on the page (the end of a preceding link, say), "" at a line start.
 */
export function splitTextIntoLinks(text: string, before = ""): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const url of markdown.linkify.match(text) ?? []) {
    splitMentionsAndTags(text, before, last, url.index, pieces);
    pieces.push({ kind: "url", text: url.text, url: url.url });
    last = url.lastIndex;
  }
  splitMentionsAndTags(text, before, last, text.length, pieces);
  return pieces;
}

// Scans text[from, to) but looks at the characters around a candidate in the whole text, so that the "@" in
// "https://example.com@host" is not read as a mention just because the URL before it was cut off.
function splitMentionsAndTags(text: string, before: string, from: number, to: number, pieces: TextPiece[]): void {
  let last = from;
  const run = text.slice(from, to);
  if (run.includes("@") || run.includes("#")) {
    for (const match of run.matchAll(mentionOrTagPattern)) {
      const start = from + match.index;
      const end = start + match[0].length;
      if (notBeforeMention.test(start > 0 ? text[start - 1] : before)) continue;
      if (end < text.length && notAfterMention.test(text[end])) continue;
      // A sentence may end right after a name: "thanks @alice." or "see #news-".
      const name = match[2].replace(/[.-]+$/, "");
      const piece = match[1] === "@" ? mentionPiece(name) : tagPiece(name);
      if (piece === null) continue;
      pushText(text.slice(last, start), pieces);
      pieces.push(piece);
      last = start + piece.text.length;
    }
  }
  pushText(text.slice(last, to), pieces);
}

function mentionPiece(name: string): TextPiece | null {
  return isValidAccountName(name) ? { kind: "mention", text: "@" + name, account: name } : null;
}

function tagPiece(name: string): TextPiece | null {
  const tag = name.toLowerCase();
  if (tag.length > tagLengthMax || !hashtagPattern.test(tag)) return null;
  return { kind: "tag", text: "#" + name, tag };
}

function pushText(text: string, pieces: TextPiece[]): void {
  if (text === "") return;
  const previous = pieces.at(-1);
  if (previous?.kind === "text") pieces[pieces.length - 1] = { kind: "text", text: previous.text + text };
  else pieces.push({ kind: "text", text });
}
