// Checks renderPostBody on ordinary content: markdown and HTML bodies, comments, mentions and hashtags, the seed post, the byte cap and speed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { seedPost } from "../../cli/seed-post.ts";
import { bodyBytesMax, cutToBytes, looksLikeHtmlBody, renderPostBody } from "./render-post-body.ts";

test("markdown: headings, lists, emphasis, links, images, code and quotes", () => {
  const { html, plainTextFallback } = renderPostBody(
    "# Title\n\n## Section\n\n- **bold** item\n- *em* item\n\n1. first\n\n[a link](https://example.com/) and `code`\n\n```\nblock <b>\n```\n\n> quoted\n\n---\n\n~~gone~~ H~2~O",
  );
  assert.equal(plainTextFallback, false);
  assert.match(html, /<h1>Title<\/h1>/);
  assert.match(html, /<h2>Section<\/h2>/);
  assert.match(html, /<ul>\s*<li><strong>bold<\/strong> item<\/li>\s*<li><em>em<\/em> item<\/li>\s*<\/ul>/);
  assert.match(html, /<ol>\s*<li>first<\/li>\s*<\/ol>/);
  assert.match(html, /<a href="https:\/\/example.com\/"[^>]*>a link<\/a>/);
  assert.match(html, /<code>code<\/code>/);
  assert.match(html, /<pre><code>block &lt;b&gt;\n<\/code><\/pre>/);
  assert.match(html, /<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
  assert.match(html, /<hr>/);
  assert.match(html, /<del>gone<\/del>/);
});

test("markdown: a single newline is a line break, and quotes and dashes stay as typed", () => {
  assert.equal(renderPostBody('one\ntwo -- "three"').html, '<p>one<br>\ntwo -- "three"</p>\n');
});

test("tables keep only their alignment, as a class (the site's CSP allows no inline style)", () => {
  const { html } = renderPostBody("| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |");
  assert.match(html, /<th class="text-left">a<\/th>/);
  assert.match(html, /<td class="text-right">2<\/td>/);
  assert.match(html, /<td class="text-center">3<\/td>/);
  const raw = renderPostBody('<table><tr><td style="text-align: RIGHT; color: red" class="evil">x</td><td style="color:red">y</td></tr></table>').html;
  assert.match(raw, /<td class="text-right">x<\/td><td>y<\/td>/);
  assert.doesNotMatch(raw, /style=|evil/);
});

test("markdown: raw HTML is allowed through the whitelist, layout classes included", () => {
  const { html } = renderPostBody('<center>**centered**</center>\n\n<div class="pull-right evil">x</div>\n\n<span style="color:red">s</span><sup>1</sup>');
  assert.match(html, /<center>\*\*centered\*\*<\/center>/);
  assert.match(html, /<div class="pull-right">x<\/div>/);
  assert.match(html, /<span>s<\/span><sup>1<\/sup>/);
});

test("HTML bodies are recognized and not run through markdown", () => {
  assert.equal(looksLikeHtmlBody("<html><p>x</p></html>"), true);
  assert.equal(looksLikeHtmlBody("  <p>x</p>"), true);
  assert.equal(looksLikeHtmlBody("# x\n<p>y</p>"), false);
  assert.equal(renderPostBody("<html><p>*not emphasis*</p>\n\n<p>b</p></html>").html, "<p>*not emphasis*</p>\n\n<p>b</p>");
  assert.equal(renderPostBody("<p>a</p><h3>b</h3>").html, "<p>a</p><h3>b</h3>");
});

test("HTML comments are shown as escaped text, in markdown and HTML bodies", () => {
  assert.match(renderPostBody("a\n\n<!-- hidden <b>note</b> -->\n\nb").html, /\(html comment removed: hidden &lt;b&gt;note&lt;\/b&gt;\)/);
  assert.equal(renderPostBody("<p>a<!-- x --></p>").html, "<p>a(html comment removed: x)</p>");
  assert.match(renderPostBody("`<!-- code -->`").html, /<code>&lt;!-- code --&gt;<\/code>/);
});

test("mentions and hashtags link to profiles and tag pages, but not in code or links", () => {
  const rendered = renderPostBody("Hi @alice and @bob, see #Steem and #news.\n\n`@carol #code`\n\n[@dave #x](https://example.com/)\n\nmail erin@example.com or https://example.com/#frag");
  assert.match(rendered.html, /<a href="\/@alice">@alice<\/a>/);
  assert.match(rendered.html, /<a href="\/trending\/steem">#Steem<\/a>/);
  assert.match(rendered.html, /<code>@carol #code<\/code>/);
  assert.deepEqual(rendered.mentions, ["alice", "bob"]);
  assert.deepEqual(rendered.tags, ["steem", "news"]);
  assert.match(rendered.html, /erin@example.com/);
});

test("bare URLs are linked in markdown and in HTML bodies, not inside code", () => {
  assert.deepEqual(renderPostBody("see https://example.com/a and www.example.org").links, ["https://example.com/a", "https://www.example.org/"]);
  assert.deepEqual(renderPostBody("<p>see https://example.com/b</p>").links, ["https://example.com/b"]);
  assert.deepEqual(renderPostBody("<pre>https://example.com/c</pre>").links, []);
});

// The demo fills "{image}" with the uploaded image's site-relative URL; a path of the same shape stands in here.
const seedImagePath = "/DQmSeedImageHash0000000000000000000000000000/GdfiV5jWMAA9dOQ.jpeg";
const seedBody: string = seedPost.body.replaceAll("{image}", seedImagePath);

test("the seed post renders with its image, five sections, bold lead-ins and closing note", () => {
  const rendered = renderPostBody(seedBody);
  assert.equal(rendered.plainTextFallback, false);
  assert.equal(rendered.images.length, 1);
  assert.match(rendered.images[0], /^\/.*GdfiV5jWMAA9dOQ\.jpeg$/);
  assert.match(rendered.html, /^<p><a href="\/[^"]*GdfiV5jWMAA9dOQ.jpeg"><img src="\/[^"]*GdfiV5jWMAA9dOQ.jpeg" alt="GdfiV5jWMAA9dOQ.jpeg"/);
  const headings = [...rendered.html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1]);
  assert.deepEqual(headings, ["Current Developments", "Context of the Conflict", "Implications", "Looking Ahead", "Conclusion"]);
  assert.match(rendered.html, /<li>\s*<p><strong>Rapid Advance:<\/strong> Syrian rebels/);
  assert.equal((rendered.html.match(/<li>\s*<p><strong>[^<]+:<\/strong>/g) ?? []).length, 12);
  assert.match(rendered.html, /<p>\[Note: This article was crafted using the latest available data up to November 28, 2024, [^<]*\]<\/p>\s*$/);
});

test("rendering is deterministic and a 10 KB post takes a few milliseconds", () => {
  const body = (seedBody + "\n\n").repeat(2).slice(0, 10_000);
  assert.deepEqual(renderPostBody(body), renderPostBody(body));
  const runs = 20;
  const started = performance.now();
  for (let run = 0; run < runs; run++) renderPostBody(body, { proxifyImage: (url, width) => `https://p.example/${width}/${url}` });
  const millisecondsEach = (performance.now() - started) / runs;
  assert.ok(millisecondsEach < 25, `${millisecondsEach.toFixed(1)} ms per 10 KB render`);
});

test("bodies are cut at the byte cap without splitting a character", () => {
  assert.equal(cutToBytes("aé😀", 7), "aé😀");
  assert.equal(cutToBytes("aé😀", 6), "aé");
  assert.equal(cutToBytes("aé😀", 2), "a");
  const long = "x".repeat(bodyBytesMax + 100);
  assert.equal(renderPostBody(long).html, `<p>${"x".repeat(bodyBytesMax)}</p>\n`);
  assert.equal(renderPostBody("abcdef", { bodyBytesMax: 3 }).html, "<p>abc</p>\n");
});

test("empty and non-string bodies render to nothing", () => {
  assert.equal(renderPostBody("").html, "");
  assert.equal(renderPostBody(undefined as unknown as string).html, "");
});

test("an over-long URL in text stays text instead of being linked over and over", () => {
  const url = "https://example.com/" + "x".repeat(5000);
  const rendered = renderPostBody(`<p>see ${url} here</p>`);
  assert.equal(rendered.plainTextFallback, false);
  assert.equal(rendered.html, `<p>see ${url} here</p>`);
});

test("a body that turns into very many nodes still renders", () => {
  const rendered = renderPostBody("<p>" + "#a ".repeat(20_000) + "</p>");
  assert.equal(rendered.plainTextFallback, false);
  assert.deepEqual(rendered.tags, ["a"]);
});
