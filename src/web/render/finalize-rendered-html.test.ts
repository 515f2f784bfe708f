// Checks the final output guard on its own: it accepts what the renderer emits and refuses anything outside the whitelist.
import assert from "node:assert/strict";
import { test } from "node:test";
import { finalizeRenderedHtml } from "./finalize-rendered-html.ts";

test("what the renderer emits passes unchanged", () => {
  const html =
    '<p>a <a href="https://example.com/" class="external" target="_blank" rel="noopener noreferrer ugc" title="t">b</a><br>' +
    '<img src="/a.png" alt srcset="https://p.example/a 1x, https://p.example/b 2x" loading="lazy"></p>' +
    '<div class="videoWrapper" data-embed-provider="youtube" data-embed-id="dQw4w9WgXcQ"></div>' +
    '<table><tr><td class="text-right">1 &lt; 2</td></tr></table><div class="phishy" title="w">x</div>';
  assert.equal(finalizeRenderedHtml(html), html);
});

test("angle brackets inside attribute values are escaped, so no <script appears anywhere", () => {
  assert.equal(finalizeRenderedHtml('<img src="/a.png" alt="<script>x</script>">'), '<img src="/a.png" alt="&lt;script&gt;x&lt;/script&gt;">');
});

test("tags, attributes, handlers, styles and URLs outside the whitelist are refused", () => {
  for (const html of [
    "<script>x</script>",
    "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
    "<svg></svg>",
    '<img src="x" onerror="y">',
    '<p onclick="y">x</p>',
    '<p style="color:red">x</p>',
    '<td style="text-align:right">x</td>',
    '<td class="text-right evil">x</td>',
    '<a href="javascript:x">x</a>',
    '<a href="//evil.example/">x</a>',
    '<a href="java\tscript:x">x</a>',
    '<img src="/a.png" srcset="javascript:x 1x">',
    '<div class="evil">x</div>',
    '<div data-embed-id="a b">x</div>',
    '<a target="_top" href="/x">x</a>',
    "<p>unfinished <a href='/x'>",
    "<p <img>",
    "</p class=\"x\">",
  ]) {
    assert.equal(finalizeRenderedHtml(html), null, html);
  }
});
