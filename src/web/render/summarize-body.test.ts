// Checks summarizeBody: plain text without markup, URLs, images or comments, cut at a word boundary with an ellipsis.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cutAtWord, summarizeBody } from "./summarize-body.ts";

test("markup, images, URLs and comments are dropped and whitespace collapsed", () => {
  const body = "![cover](https://example.com/a.png)\n\n# Big   news\n\n<!-- draft note -->Read **this** at https://example.com/x and www.example.org.\n\n- one\n- two";
  assert.equal(summarizeBody(body), "Big news Read this at and one two");
});

test("HTML bodies and mentions read as their text", () => {
  assert.equal(summarizeBody("<p>Hello <b>@alice</b>,</p><p>see #news</p>"), "Hello @alice, see #news");
});

test("long text is cut at a word boundary and marked with an ellipsis", () => {
  const summary = summarizeBody("word ".repeat(100), 24);
  assert.equal(summary, "word word word word…");
  assert.ok(summary.length <= 24);
  assert.equal(cutAtWord("a".repeat(50), 10), "a".repeat(9) + "…");
  assert.equal(cutAtWord("short", 10), "short");
  assert.equal(cutAtWord("end of a sentence. Next one", 20), "end of a sentence…");
  assert.equal(cutAtWord("😀".repeat(10), 6).includes("\ud83d…"), false);
});

test("the summary never contains angle brackets, even from code or escaped text", () => {
  assert.equal(summarizeBody("`<script>alert(1)</script>` and 1 < 2 > 0"), "script alert(1) /script and 1 2 0");
  assert.throws(() => summarizeBody("x", 0));
});
