// Checks images (proxy, srcset, links to the full image, broken sources) and video links and iframes turned into click-to-load placeholders.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderPostBody } from "./render-post-body.ts";
import { isValidVideoId, parseVideoUrl } from "./video-embed.ts";

const proxifyImage = (url: string, width: number) => `https://images.kettle.example/p/${encodeURIComponent(url)}?width=${width}`;
const options = { proxifyImage, siteHost: "kettle.example" };

test("images go through the proxy with a 2x srcset and link to the full-size image", () => {
  const { html, images } = renderPostBody("![a cat](https://example.com/cat.png)", options);
  const proxied = "https://images.kettle.example/p/https%3A%2F%2Fexample.com%2Fcat.png";
  assert.equal(
    html,
    `<p><a href="https://example.com/cat.png" class="external" target="_blank" rel="noopener noreferrer ugc" title="This link leaves the site for example.com">` +
      `<img src="${proxied}?width=640" alt="a cat" srcset="${proxied}?width=640 1x, ${proxied}?width=1280 2x" loading="lazy"></a></p>\n`,
  );
  assert.deepEqual(images, ["https://example.com/cat.png"]);
});

test("without a proxy, images keep their own URL and get no srcset", () => {
  assert.equal(renderPostBody("![x](https://example.com/a.png)").html.includes('src="https://example.com/a.png"'), true);
  assert.doesNotMatch(renderPostBody("![x](https://example.com/a.png)").html, /srcset/);
});

test("an image already inside a link keeps that link and is not wrapped again", () => {
  const { html } = renderPostBody("[![x](https://example.com/a.png)](https://example.com/page)", options);
  assert.equal((html.match(/<a /g) ?? []).length, 1);
  assert.match(html, /<a href="https:\/\/example.com\/page"[^>]*><img /);
});

test("site-relative images work and link internally; protocol-relative ones become https", () => {
  const { html, images } = renderPostBody("![p](/Dabc123/photo.jpeg) <img src='//cdn.example.com/b.png'>");
  assert.match(html, /<a href="\/Dabc123\/photo.jpeg"><img src="\/Dabc123\/photo.jpeg"/);
  assert.deepEqual(images, ["/Dabc123/photo.jpeg", "https://cdn.example.com/b.png"]);
});

test("images without an http(s) source become a visible placeholder, not an img", () => {
  const { html, images } = renderPostBody('![logo](javascript:alert(1)) <img src="data:image/png;base64,AAAA" alt="inline"> <img>');
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /\(broken image: inline\) \(broken image\)/);
  assert.deepEqual(images, []);
});

test("YouTube links alone on their line become placeholders, in every URL form", () => {
  for (const url of ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5", "https://youtu.be/dQw4w9WgXcQ", "https://youtube.com/embed/dQw4w9WgXcQ?start=1", "https://m.youtube.com/shorts/dQw4w9WgXcQ"]) {
    const { html, links } = renderPostBody(`intro\n\n${url}\n\noutro`, options);
    assert.match(html, /<p>intro<\/p>\n<div class="videoWrapper" data-embed-provider="youtube" data-embed-id="dQw4w9WgXcQ">/, url);
    assert.match(html, /<a href="https:\/\/www.youtube.com\/watch\?v=dQw4w9WgXcQ" target="_blank" rel="noopener noreferrer"><img src="https:\/\/images.kettle.example\/p\/https%3A%2F%2Fimg.youtube.com%2Fvi%2FdQw4w9WgXcQ%2F0.jpg\?width=640" alt="YouTube video"><\/a><\/div>/, url);
    assert.ok(links.includes(new URL(url).href), url);
  }
});

test("a video link on its own line splits its paragraph; one inside a sentence stays a link", () => {
  const split = renderPostBody("before\n[my video](https://youtu.be/dQw4w9WgXcQ)\nafter").html;
  assert.match(split, /^<p>before<\/p><div class="videoWrapper"[^>]*>.*<\/div><p>\s*after<\/p>/);
  const inline = renderPostBody("watch https://youtu.be/dQw4w9WgXcQ now").html;
  assert.doesNotMatch(inline, /videoWrapper/);
});

test("Vimeo links and whitelisted iframes become placeholders; no iframe is ever emitted", () => {
  assert.match(renderPostBody("https://vimeo.com/76979871").html, /<div class="videoWrapper" data-embed-provider="vimeo" data-embed-id="76979871"><a href="https:\/\/vimeo.com\/76979871"[^>]*>Vimeo video<\/a><\/div>/);
  const iframes = renderPostBody('<p>a <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1" width="640"></iframe> b</p><iframe src="https://player.vimeo.com/video/123"></iframe><iframe src="https://evil.example/x"></iframe>').html;
  assert.doesNotMatch(iframes, /<iframe/);
  assert.match(iframes, /^<p>a <\/p><div class="videoWrapper" data-embed-provider="youtube" data-embed-id="dQw4w9WgXcQ">.*<\/div><p> b<\/p><div class="videoWrapper" data-embed-provider="vimeo" data-embed-id="123">.*<\/div>\(unsupported embed\)$/);
});

test("video ids are validated; anything else stays a plain link", () => {
  assert.equal(parseVideoUrl("https://www.youtube.com/watch?v=abc"), null);
  assert.equal(parseVideoUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ"x'), null);
  assert.equal(parseVideoUrl("https://vimeo.com/12ab"), null);
  assert.equal(parseVideoUrl("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ"), null);
  assert.deepEqual(parseVideoUrl("https://player.vimeo.com/video/42"), { provider: "vimeo", id: "42" });
  assert.ok(isValidVideoId("youtube", "dQw4w9WgXcQ") && !isValidVideoId("youtube", "a'b") && !isValidVideoId("dailymotion", "x"));
  assert.doesNotMatch(renderPostBody("https://www.youtube.com/watch?v=bad").html, /videoWrapper/);
});
