// Checks how links are rendered: external and internal links, scheme fixes, and phishing and look-alike links made non-clickable.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isPhishingHost } from "./phishing.ts";
import { renderPostBody } from "./render-post-body.ts";

const site = { siteHost: "kettle.example" };
const warning = 'class="phishy" title="Link expanded to plain text; beware of a potential phishing attempt"';

test("external links open in a new tab without opener or referrer, marked as user content", () => {
  const { html, links } = renderPostBody("[docs](https://example.com/docs)", site);
  assert.equal(
    html,
    '<p><a href="https://example.com/docs" class="external" target="_blank" rel="noopener noreferrer ugc" title="This link leaves the site for example.com">docs</a></p>\n',
  );
  assert.deepEqual(links, ["https://example.com/docs"]);
});

test("low-quality content gets nofollow on every external link", () => {
  const { html } = renderPostBody("[a](https://example.com/) https://example.org/x", { ...site, lowQuality: true });
  assert.equal((html.match(/rel="noopener noreferrer nofollow ugc"/g) ?? []).length, 2);
});

test("internal links stay plain: relative paths and the site's own host, with or without www.", () => {
  const { html } = renderPostBody('[p](/@alice/post "Alice\'s post") [q](https://kettle.example/trending) [r](https://www.kettle.example/x) [s](@bob/post)', site);
  assert.match(html, /<a href="\/@alice\/post" title="Alice's post">p<\/a>/);
  assert.match(html, /<a href="https:\/\/kettle.example\/trending">q<\/a>/);
  assert.match(html, /<a href="https:\/\/www.kettle.example\/x">r<\/a>/);
  assert.match(html, /<a href="\/@bob\/post">s<\/a>/);
  assert.doesNotMatch(html, /target=/);
});

test("scheme-less and protocol-relative hosts become https external links; unusable hrefs leave plain text", () => {
  const { html } = renderPostBody('[a](www.example.com/x) <a href="//cdn.example.net/y">b</a> <a href="#top">c</a> <a href="javascript:alert(1)">d</a>', site);
  assert.match(html, /<a href="https:\/\/www.example.com\/x" class="external"[^>]*>a<\/a>/);
  assert.match(html, /<a href="https:\/\/cdn.example.net\/y" class="external"[^>]*>b<\/a>/);
  assert.match(html, / c d<\/p>/);
});

test("links to phishing hosts, their subdomains and operator-listed hosts are not clickable", () => {
  const { html, links } = renderPostBody("[wallet](https://steemit.co/login) [x](https://login.hive-blog.com/) [y](https://bad.example/)", {
    ...site,
    phishingHosts: new Set(["bad.example"]),
  });
  assert.equal((html.match(new RegExp(warning, "g")) ?? []).length, 3);
  assert.match(html, /<div class="phishy"[^>]*>wallet<\/div>/);
  assert.deepEqual(links, []);
  assert.ok(isPhishingHost("WWW.Steemitt.com"));
  assert.ok(!isPhishingHost("steemit.com"));
});

test("link text that claims another host than the href's is not clickable", () => {
  for (const body of [
    "[https://kettle.example/@alice](https://evil.example/)",
    "[kettle.example/login](https://evil.example/)",
    "[www.example.com](https://evil.example/)",
    "<a href='https://evil.example/'>https://example.com</a>",
  ]) {
    assert.match(renderPostBody(body, site).html, /<div class="phishy"/, body);
  }
});

test("ordinary link text, and URL text matching its href, stay clickable", () => {
  for (const body of ["[Node.js](https://nodejs.org/)", "[www.example.com](https://example.com/)", "[https://Example.com/a](https://example.com/b)", "https://example.com/c"]) {
    assert.doesNotMatch(renderPostBody(body, site).html, /phishy/, body);
  }
});

test("link text is kept when a phishy link has none, by showing its URL", () => {
  assert.match(renderPostBody('<a href="https://steemit.co/"><img src="https://example.com/a.png"></a>').html, /<div class="phishy"[^>]*>https:\/\/steemit.co\/<\/div>/);
});
