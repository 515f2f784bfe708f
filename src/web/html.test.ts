// Checks the page template: every interpolated value is escaped unless it is already Html, lists join, absent values vanish, and inline JSON cannot close its script tag.
import assert from "node:assert/strict";
import { test } from "node:test";
import { encodedHtml, escapeHtml, html, htmlChunks, jsonScriptText, safeUrl, trustedHtml } from "./html.ts";

test("text is escaped in content and attributes; Html passes as it is", () => {
  const title = `<script>alert("x")</script> & 'quotes'`;
  assert.equal(html`<h1 title="${title}">${title}</h1>`.text,
    "<h1 title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1>");
  assert.equal(html`<p>${trustedHtml("<b>bold</b>")}</p>`.text, "<p><b>bold</b></p>");
  assert.equal(html`<p>${html`<i>${"<x>"}</i>`}</p>`.text, "<p><i>&lt;x&gt;</i></p>");
});

test("lists join, numbers print, null, undefined and booleans vanish", () => {
  assert.equal(html`${["<a>", html`<b>`, 3, 4n]}|${null}${undefined}${false}${true}`.text, "&lt;a&gt;<b>34|");
  assert.equal(escapeHtml("plain"), "plain");
});

test("inline JSON cannot end its script element or break lines in old parsers", () => {
  const text = jsonScriptText({ a: "</script><script>alert(1)</script>", b: "\u2028" }).text;
  assert.doesNotMatch(text, /<\/script/i);
  assert.deepEqual(JSON.parse(text), { a: "</script><script>alert(1)</script>", b: "\u2028" });
});

test("safeUrl keeps http(s), mailto and site paths, and turns anything else into #", () => {
  for (const url of ["https://example.com/a", "http://x.y", "/trending/syria", "mailto:a@b.c"]) assert.equal(safeUrl(url), url);
  for (const url of ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,<b>", "//evil.example/x", "vbscript:x"]) assert.equal(safeUrl(url), "#");
});

test("markup kept encoded reads and sends as the same text, however it is nested", () => {
  const card = encodedHtml(html`<li title="${"«x»"}">▲ ${"a < b"} 😀</li>`);
  assert.notEqual(card.parts, null);
  const page = html`<ul>${[card, html`<li>${"—"}</li>`, card]}</ul><p>${html`<i>${card}</i>`}</p>`;
  const expected = `<ul>${card.text}<li>—</li>${card.text}</ul><p><i>${card.text}</i></p>`;
  assert.equal(card.text, '<li title="«x»">▲ a &lt; b 😀</li>');
  assert.equal(page.text, expected);
  const { chunks, bytes } = htmlChunks(page);
  assert.deepEqual(Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))), Buffer.from(expected));
  assert.equal(bytes, Buffer.byteLength(expected));
  assert.ok(chunks.includes(card.parts![0]), "kept bytes are sent as they are");
  assert.deepEqual(htmlChunks(html`<b>${"plain"}</b>`), { chunks: ["<b>plain</b>"], bytes: 12 });
});
