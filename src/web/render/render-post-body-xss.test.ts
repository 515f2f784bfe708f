// Renders every XSS payload and checks the output structurally (only whitelisted elements and attributes, no handlers, only http(s) or single-slash URLs), for the whole pipeline and for each guard alone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { xssPayloads, xssTextPayloads } from "../../../test/xss/payloads.ts";
import { finalizeRenderedHtml } from "./finalize-rendered-html.ts";
import { renderPostBody } from "./render-post-body.ts";
import { sanitizeBodyHtml } from "./sanitize-body-html.ts";
import { summarizeBody } from "./summarize-body.ts";

// Written out again rather than imported, so that loosening the renderer's lists cannot loosen this test.
const elementsAllowed = new Set(
  "div del a p b i q br ul li ol img h1 h2 h3 h4 h5 h6 hr blockquote pre code em strong center table thead tbody tr th td strike sup sub span".split(" "),
);
const elementsForbidden = ["iframe", "script", "style", "svg", "math", "object", "embed", "form", "base", "meta", "link"];
const urlAttributes = new Set(["href", "src"]);

const renderOptions = [
  {},
  {
    proxifyImage: (url: string, width: number) => `https://images.kettle.example/p/${encodeURIComponent(url)}?width=${width}`,
    siteHost: "kettle.example",
    lowQuality: true,
  },
];

// Browsers drop ASCII whitespace and control characters around and inside URLs before reading the scheme.
function isAllowedUrl(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const url = value.replace(/[\u0000-\u0020\u007f]/g, "");
  return /^https?:\/\/[^/\\]/i.test(url) || /^\/(?![/\\])/.test(url);
}

// The sanitizer alone may keep an iframe, but only one whose src is a whitelisted player (or none at all).
function isPlayerIframe(node: Element): boolean {
  const src = node.attribs.src;
  return src === undefined || /^https:\/\/(?:www\.youtube\.com|youtube\.com|www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(src);
}

function problemsIn(html: string, allowPlayerIframes = false): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push("contains <script");
  const visit = (nodes: readonly ChildNode[]) => {
    for (const node of nodes) {
      if (!(node instanceof Element)) continue;
      const tolerated = allowPlayerIframes && node.name === "iframe" && isPlayerIframe(node);
      if (!elementsAllowed.has(node.name) && !tolerated) problems.push(`element <${node.name}>`);
      if (elementsForbidden.includes(node.name) && !tolerated) problems.push(`forbidden <${node.name}>`);
      for (const [name, value] of Object.entries(node.attribs)) {
        if (name.toLowerCase().startsWith("on")) problems.push(`handler ${name} on <${node.name}>`);
        if (name === "style" && !((node.name === "td" || node.name === "th") && /^text-align:(?:left|right|center);?$/.test(value))) problems.push(`style ${value} on <${node.name}>`);
        if (urlAttributes.has(name) && !isAllowedUrl(value)) problems.push(`${name}=${value}`);
        if (name === "srcset") {
          for (const candidate of value.split(/,\s+/)) if (!isAllowedUrl(candidate.trim().split(/\s+/)[0])) problems.push(`srcset ${value}`);
        }
      }
      visit(node.children);
    }
  };
  visit(parseDocument(html).children);
  return problems;
}

test("there are at least 150 payloads, each with a unique name, and short text payloads fit one line", () => {
  assert.ok(xssPayloads.length >= 150, `only ${xssPayloads.length} payloads`);
  assert.equal(new Set(xssPayloads.map((entry) => entry.name)).size, xssPayloads.length);
  assert.equal(new Set(xssPayloads.map((entry) => entry.payload)).size, xssPayloads.length);
  assert.ok(xssTextPayloads.length >= 100);
  for (const { payload } of xssTextPayloads) assert.ok(payload.length <= 255 && !payload.includes("\n"));
});

test("no payload renders to anything outside the whitelist", () => {
  for (const options of renderOptions) {
    for (const { name, payload } of xssPayloads) {
      const rendered = renderPostBody(payload, options);
      assert.deepEqual(problemsIn(rendered.html), [], `${name}: ${rendered.html.slice(0, 400)}`);
      for (const url of [...rendered.images, ...rendered.links]) assert.ok(isAllowedUrl(url), `${name}: listed ${url}`);
    }
  }
});

// Each guard is checked alone too, so that loosening one of them fails a test even while the others still hold.
test("the sanitizer alone reduces every payload to the whitelist", () => {
  for (const { name, payload } of xssPayloads) {
    const html = sanitizeBodyHtml(payload);
    assert.deepEqual(problemsIn(html, true), [], `${name}: ${html.slice(0, 400)}`);
  }
});

test("the output guard alone refuses every payload it cannot vouch for", () => {
  for (const { name, payload } of xssPayloads) {
    const html = finalizeRenderedHtml(payload);
    if (html !== null) assert.deepEqual(problemsIn(html), [], `${name}: ${html.slice(0, 400)}`);
  }
});

test("payloads as text fields and summaries never produce markup", () => {
  for (const { name, payload } of xssPayloads) assert.ok(!summarizeBody(payload).includes("<"), name);
});

test("the structural check itself catches what it is meant to", () => {
  assert.deepEqual(problemsIn('<p><a href="https://example.com/">ok</a><img src="/a.png"></p>'), []);
  for (const bad of [
    "<script>x</script>",
    '<img src="x" onerror="y">',
    '<a href="javascript:x">x</a>',
    '<a href="jav&#x09;ascript:x">x</a>',
    '<a href="//evil.example">x</a>',
    '<img src="/a.png" srcset="javascript:x 2x">',
    '<p style="color:red">x</p>',
    "<svg></svg>",
  ]) {
    assert.notDeepEqual(problemsIn(bad), [], bad);
  }
});
