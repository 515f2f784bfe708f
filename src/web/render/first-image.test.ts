// Checks firstImage: json_metadata's image wins when it is an http(s) URL or a site path, otherwise the body's first image.
import assert from "node:assert/strict";
import { test } from "node:test";
import { firstImage } from "./first-image.ts";

const body = "text\n\n![a](https://example.com/first.png)\n\n![b](https://example.com/second.png)";

test("json_metadata image[0] wins when it is an http(s) URL or a site-relative path", () => {
  assert.equal(firstImage(body, ["https://example.com/meta.png", "https://example.com/other.png"]), "https://example.com/meta.png");
  assert.equal(firstImage(body, ["/Dabc/photo.jpeg"]), "/Dabc/photo.jpeg");
  assert.equal(firstImage(body, "https://example.com/single.png"), "https://example.com/single.png");
});

test("otherwise the first image in the body, or null", () => {
  for (const metadata of [undefined, [], ["javascript:alert(1)"], ["//evil.example/a.png"], ["data:image/png;base64,AA"], [42], { image: "x" }, "relative.png"]) {
    assert.equal(firstImage(body, metadata), "https://example.com/first.png", JSON.stringify(metadata));
  }
  assert.equal(firstImage("<p>no images</p>"), null);
  assert.equal(firstImage("![x](javascript:alert(1))"), null);
});
