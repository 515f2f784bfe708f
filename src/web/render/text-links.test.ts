// Checks how plain text is split into URLs, @mentions and #hashtags, including the look-alikes that must stay text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { splitTextIntoLinks, type TextPiece } from "./text-links.ts";

function kinds(text: string, before = ""): string[] {
  return splitTextIntoLinks(text, before).map((piece: TextPiece) => (piece.kind === "text" ? piece.text : `${piece.kind}:${piece.kind === "url" ? piece.url : piece.kind === "mention" ? piece.account : piece.tag}`));
}

test("mentions are valid Steem account names, with sentence punctuation left outside", () => {
  assert.deepEqual(kinds("hi @alice and @bob.smith, bye @carol."), ["hi ", "mention:alice", " and ", "mention:bob.smith", ", bye ", "mention:carol", "."]);
  assert.deepEqual(kinds("(@dave-1)"), ["(", "mention:dave-1", ")"]);
});

test("invalid names, e-mails, paths and upper case are not mentions", () => {
  for (const text of ["@ab", "@a.b", "@Alice", "@1abc", "@toolongaccountname", "bob@example.com", "/@alice", "x@alice", "@alice_b", "@bob@mastodon.example"]) {
    assert.ok(!kinds(text).some((piece) => piece.startsWith("mention:")), text);
  }
  assert.deepEqual(kinds("@alice", "e"), ["@alice"]);
  assert.deepEqual(kinds("@alice", " "), ["mention:alice"]);
});

test("hashtags are lower-cased letters, digits and dashes starting with a letter", () => {
  assert.deepEqual(kinds("#Steem #news-today. #1 #a_b x#y"), ["tag:steem", " ", "tag:news-today", ". #1 #a_b x#y"]);
  assert.deepEqual(kinds("#" + "a".repeat(33)), ["#" + "a".repeat(33)]);
});

test("URLs are found, fragments in them are not hashtags, and www. hosts get https", () => {
  assert.deepEqual(kinds("see https://example.com/page#section now"), ["see ", "url:https://example.com/page#section", " now"]);
  assert.deepEqual(kinds("visit www.example.org."), ["visit ", "url:https://www.example.org", "."]);
  assert.deepEqual(kinds("README.md and setup.py"), ["README.md and setup.py"]);
  assert.deepEqual(kinds("mail bob@example.com"), ["mail bob@example.com"]);
});

test("text right after a URL is judged by the character before it", () => {
  assert.deepEqual(kinds("https://example.com@evil.example"), ["url:https://example.com", "@evil.example"]);
});
