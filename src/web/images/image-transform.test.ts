// Checks the proxy's size arithmetic (never upscale, fit inside, cover with a shrunken box) and the parsing of its options.
import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultImageLimits } from "./image-limits.ts";
import { type ProxyOptions, parseProxyOptions, planResize } from "./image-transform.ts";

const limits = defaultImageLimits;
const options = (overrides: Partial<ProxyOptions>): ProxyOptions => ({ width: 0, height: 0, mode: "fit", format: "match", ...overrides });

test("fit shrinks inside the box and never grows", () => {
  const source = { width: 800, height: 600 };
  assert.deepEqual(planResize(source, options({ width: 100 }), limits), { width: 100, height: 75, fit: "inside" });
  assert.deepEqual(planResize(source, options({ height: 60 }), limits), { width: 80, height: 60, fit: "inside" });
  assert.deepEqual(planResize(source, options({ width: 400, height: 100 }), limits), { width: 133, height: 100, fit: "inside" });
  assert.equal(planResize(source, options({ width: 1000 }), limits), null);
  assert.equal(planResize(source, options({}), limits), null);
  assert.deepEqual(planResize({ width: 4000, height: 3000 }, options({}), limits), { width: 1280, height: 960, fit: "inside" });
  assert.deepEqual(planResize({ width: 1000, height: 20000 }, options({}), limits), { width: 400, height: 8000, fit: "inside" });
});

test("cover fills the box, shrinking the box when the image is too small to fill it", () => {
  const source = { width: 800, height: 600 };
  assert.deepEqual(planResize(source, options({ width: 100, height: 100, mode: "cover" }), limits), { width: 100, height: 100, fit: "cover" });
  assert.deepEqual(planResize(source, options({ width: 1600, height: 200, mode: "cover" }), limits), { width: 800, height: 100, fit: "cover" });
  assert.deepEqual(planResize(source, options({ width: 2000, height: 2000, mode: "cover" }), limits), { width: 600, height: 600, fit: "cover" });
  assert.equal(planResize(source, options({ width: 1600, height: 1200, mode: "cover" }), limits), null);
  assert.deepEqual(planResize(source, options({ width: 100, mode: "cover" }), limits), { width: 100, height: 75, fit: "inside" });
});

test("options are parsed strictly and sizes capped at the custom maximum", () => {
  assert.deepEqual(parseProxyOptions(new URLSearchParams("width=100&height=&mode=cover&format=webp"), limits), { width: 100, height: 0, mode: "cover", format: "webp" });
  assert.equal(parseProxyOptions(new URLSearchParams("width=99999"), limits).width, limits.proxyCustomSizeMax);
  for (const query of ["width=-1", "width=1.5", "height=abc", "mode=fill", "format=gif", "format=svg"]) {
    assert.throws(() => parseProxyOptions(new URLSearchParams(query), limits), { code: "invalid_proxy_options" }, query);
  }
});
