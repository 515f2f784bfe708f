// Checks the URL policy: which hrefs and srcs survive, in what canonical form, and that scheme and host tricks are refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isSafeUrlText, parseSafeUrl, proxifiedImageUrl, siteOfHost, urlCharsMax } from "./safe-url.ts";

test("http(s) URLs are kept in canonical form with their host", () => {
  assert.deepEqual(parseSafeUrl("https://Example.COM/a b?x=1#y"), { href: "https://example.com/a%20b?x=1#y", host: "example.com" });
  assert.deepEqual(parseSafeUrl("  HTTP://example.com:8080/  "), { href: "http://example.com:8080/", host: "example.com:8080" });
  assert.equal(parseSafeUrl("https://bücher.de/")?.host, "xn--bcher-kva.de");
});

test("scheme-less hosts and protocol-relative URLs become https", () => {
  assert.equal(parseSafeUrl("www.example.com/path")?.href, "https://www.example.com/path");
  assert.equal(parseSafeUrl("example.org:8080")?.href, "https://example.org:8080/");
  assert.equal(parseSafeUrl("//cdn.example.com/a.png")?.href, "https://cdn.example.com/a.png");
  assert.equal(parseSafeUrl("\\\\cdn.example.com/a.png")?.href, "https://cdn.example.com/a.png");
});

test("site-relative paths stay relative, and @account shorthand becomes a profile path", () => {
  assert.deepEqual(parseSafeUrl("/Dabc123/photo.jpeg"), { href: "/Dabc123/photo.jpeg", host: null });
  assert.equal(parseSafeUrl("/a/../b?c=d#e")?.href, "/b?c=d#e");
  assert.equal(parseSafeUrl("@alice/my-post")?.href, "/@alice/my-post");
});

test("dangerous schemes are refused however they are disguised", () => {
  for (const raw of [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,AAAA",
    "file:///etc/passwd",
    "mailto:bob@example.com",
    "steem://transfer",
  ]) {
    assert.equal(parseSafeUrl(raw), null, raw);
  }
});

test("host tricks are refused: credentials, backslashes and dot segments that would leave the site", () => {
  assert.equal(parseSafeUrl("https://kettle.example@evil.example/"), null);
  assert.equal(parseSafeUrl("https://user:pass@example.com/"), null);
  assert.equal(parseSafeUrl("/\\evil.example")?.href, "https://evil.example/");
  assert.equal(parseSafeUrl("/.//evil.example/"), null);
  assert.equal(parseSafeUrl("/%2F%2Fevil.example")?.href, "/%2F%2Fevil.example");
});

test("fragments alone, bare words, empty and oversized URLs are refused", () => {
  for (const raw of [undefined, "", "   ", "#section", "?q=1", "foo", "README", "https://"]) assert.equal(parseSafeUrl(raw), null, String(raw));
  assert.equal(parseSafeUrl("https://example.com/" + "a".repeat(urlCharsMax)), null);
});

test("isSafeUrlText accepts only http(s) and single-slash paths", () => {
  assert.ok(isSafeUrlText("https://example.com/"));
  assert.ok(isSafeUrlText("/a.png"));
  for (const text of ["//evil.example", "/\\evil.example", "javascript:x", "java\tscript:x", "https:///x", "data:x", ""]) assert.ok(!isSafeUrlText(text), text);
});

test("siteOfHost drops www., the port and a trailing dot", () => {
  assert.equal(siteOfHost("WWW.Example.com:443"), "example.com");
  assert.equal(siteOfHost("example.com."), "example.com");
});

test("a proxy answer that is not a safe URL is ignored", () => {
  assert.equal(proxifiedImageUrl("https://a.example/x.png", 640), "https://a.example/x.png");
  assert.equal(proxifiedImageUrl("https://a.example/x.png", 640, (url, width) => `https://p.example/${width}/${url}`), "https://p.example/640/https://a.example/x.png");
  assert.equal(proxifiedImageUrl("https://a.example/x.png", 640, () => "javascript:alert(1)"), "https://a.example/x.png");
});
