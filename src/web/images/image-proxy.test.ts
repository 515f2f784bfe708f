// Checks the resizing proxy over HTTP: local and remote sources, the disk cache, redirects, the SSRF guard, bad input, and avatars.
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import sharp, { type Metadata } from "sharp";
import { createProxyCacheKey, createProxyPath, decodeProxyTarget } from "./image-proxy.ts";
import { type ImageTestServer, createAnimatedGif, createJpeg, createTestAccounts, errorNameOf, listen, startImageTestServer } from "./image-test-kit.ts";
import { parseProxyOptions } from "./image-transform.ts";
import { resolveImageLimits } from "./image-limits.ts";

async function metadataOf(response: Response): Promise<Metadata> {
  assert.equal(response.status, 200, await response.clone().text().catch(() => ""));
  return sharp(Buffer.from(await response.arrayBuffer())).metadata();
}

describe("image proxy", () => {
  let server: ImageTestServer;
  let upstream: Server;
  let upstreamUrl: string;
  let jpeg: Buffer;
  let gif: Buffer;
  let localPath: string;
  const upstreamHits = new Map<string, number>();

  before(async () => {
    jpeg = await createJpeg(800, 600);
    gif = await createAnimatedGif();
    const accounts = createTestAccounts({ alice: { profileImage: "https://example.com/alice.png", coverImage: "javascript:alert(1)" } });
    server = await startImageTestServer({ allowPrivateAddresses: true, limits: { remoteRedirectsMax: 3 } }, accounts);
    localPath = await server.service.store(jpeg, "local.jpg");
    upstream = createServer((request, response) => serveUpstream(request, response, jpeg, gif, upstreamHits));
    upstreamUrl = await listen(upstream);
  });
  after(async () => {
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    await server.close();
  });

  test("a local image shrinks to width=100, is cached on disk, and keeps being served without its original", async () => {
    const local = await startImageTestServer();
    try {
      const path = await local.service.store(jpeg, "x.jpg");
      const proxied = await fetch(local.url + createProxyPath(path, { width: 100 }));
      assert.equal(proxied.headers.get("cache-control"), "public, max-age=31536000, immutable");
      const metadata = await metadataOf(proxied);
      assert.deepEqual([metadata.format, metadata.width, metadata.height], ["jpeg", 100, 75]);
      const cacheFile = cacheFileOf(local, path, { width: "100" });
      assert.ok(existsSync(cacheFile));
      rmSync(join(local.dataDir, "images", path.split("/")[1].slice(-2)), { recursive: true });
      const again = await fetch(local.url + createProxyPath(path, { width: 100 }));
      assert.equal((await metadataOf(again)).width, 100);
      const otherSize = await fetch(local.url + createProxyPath(path, { width: 50 }));
      assert.equal(otherSize.status, 404);
    } finally {
      await local.close();
    }
  });

  test("modes and formats: cover crops to the box, fit keeps the shape, formats convert, images never grow", async () => {
    const cover = await metadataOf(await fetch(server.url + createProxyPath(localPath, { width: 100, height: 100, mode: "cover", format: "webp" })));
    assert.deepEqual([cover.format, cover.width, cover.height], ["webp", 100, 100]);
    const fit = await metadataOf(await fetch(server.url + createProxyPath(localPath, { width: 100, height: 100, format: "png" })));
    assert.deepEqual([fit.format, fit.width, fit.height], ["png", 100, 75]);
    const large = await metadataOf(await fetch(server.url + createProxyPath(localPath, { width: 4000 })));
    assert.deepEqual([large.width, large.height], [800, 600]);
    const widerBox = await metadataOf(await fetch(server.url + createProxyPath(localPath, { width: 1600, height: 200, mode: "cover" })));
    assert.deepEqual([widerBox.width, widerBox.height], [800, 100]);
  });

  test("a remote image is fetched, resized and cached; the second request does not reach the upstream", async () => {
    const path = createProxyPath(`${upstreamUrl}/image.jpg`, { width: 200 });
    assert.equal((await metadataOf(await fetch(server.url + path))).width, 200);
    assert.equal((await metadataOf(await fetch(server.url + path))).width, 200);
    assert.equal(upstreamHits.get("/image.jpg"), 1);
  });

  test("redirects are followed up to the limit", async () => {
    assert.equal((await metadataOf(await fetch(server.url + createProxyPath(`${upstreamUrl}/redirect/3`, { width: 64 })))).width, 64);
    const tooMany = await fetch(server.url + createProxyPath(`${upstreamUrl}/redirect/4`, { width: 64 }));
    assert.equal(tooMany.status, 502);
    assert.equal(await errorNameOf(tooMany), "upstream_error");
  });

  test("upstream failures and bad input have their codes", async () => {
    const cases: [string, number, string][] = [
      [createProxyPath(`${upstreamUrl}/page.html`), 415, "unsupported_image_type"],
      [createProxyPath(`${upstreamUrl}/fake.png`), 415, "unsupported_image_type"],
      [createProxyPath(`${upstreamUrl}/missing.jpg`), 404, "upstream_error"],
      [createProxyPath(`${upstreamUrl}/error.jpg`), 502, "upstream_error"],
      ["/p/0OIl", 400, "invalid_proxy_url"],
      [createProxyPath("ftp://example.com/x.jpg"), 400, "invalid_proxy_url"],
      [createProxyPath("/trending"), 400, "invalid_proxy_url"],
      [createProxyPath(localPath, { width: "wide" }), 400, "invalid_proxy_options"],
      [createProxyPath(localPath, { mode: "stretch" }), 400, "invalid_proxy_options"],
    ];
    for (const [path, status, name] of cases) {
      const response = await fetch(server.url + path);
      assert.equal(response.status, status, path);
      assert.equal(await errorNameOf(response), name, path);
    }
  });

  test("remote fetches stop at the byte cap and the deadline", async () => {
    const strict = await startImageTestServer({ allowPrivateAddresses: true, limits: { remoteBytesMax: 1000, remoteTimeoutMs: 300 } });
    try {
      for (const [path, info] of [["/image.jpg", /larger than 1000 bytes/], ["/slow.jpg", /did not answer within 0.3 seconds/]] as const) {
        const response = await fetch(strict.url + createProxyPath(upstreamUrl + path));
        assert.equal(response.status, 502);
        assert.match(((await response.json()) as { error: { info: string } }).error.info, info);
      }
    } finally {
      await strict.close();
    }
  });

  test("animated GIFs pass through untouched when small enough and stay animated when resized", async () => {
    const asIs = await fetch(server.url + createProxyPath(`${upstreamUrl}/anim.gif`));
    assert.deepEqual(Buffer.from(await asIs.arrayBuffer()), gif);
    const resized = await metadataOf(await fetch(server.url + createProxyPath(`${upstreamUrl}/anim.gif`, { width: 20 })));
    assert.deepEqual([resized.format, resized.width, resized.pages], ["gif", 20, 3]);
  });

  test("the deprecated /<W>x<H>/<url> form redirects to /p/", async () => {
    const response = await fetch(`${server.url}/100x0/${upstreamUrl}/image.jpg`, { redirect: "manual" });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get("location"), createProxyPath(`${upstreamUrl}/image.jpg`, { width: 100, height: 0 }));
  });

  test("avatars redirect to the proxied profile image, or are drawn when there is none", async () => {
    const redirect = await fetch(`${server.url}/u/alice/avatar/small`, { redirect: "manual" });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get("location"), createProxyPath("https://example.com/alice.png", { width: 64, height: 64, mode: "cover" }));
    assert.equal(redirect.headers.get("cache-control"), "public, max-age=600");
    for (const [path, size] of [["/u/newbie/avatar", 128], ["/u/nobody/avatar/large", 512], ["/u/alice/cover", 1280]] as const) {
      const response = await fetch(server.url + path);
      assert.equal(response.headers.get("cache-control"), "public, max-age=600");
      const metadata = await metadataOf(response);
      assert.deepEqual([metadata.format, metadata.width], ["png", size], path);
    }
    const first = Buffer.from(await (await fetch(`${server.url}/u/newbie/avatar/small`)).arrayBuffer());
    const second = Buffer.from(await (await fetch(`${server.url}/u/newbie/avatar/small`)).arrayBuffer());
    assert.deepEqual(first, second);
    assert.equal((await fetch(`${server.url}/u/alice/avatar/huge`)).status, 404);
  });
});

describe("image proxy SSRF guard", () => {
  test("private and loopback addresses are refused, by IP and by name", async () => {
    const server = await startImageTestServer();
    try {
      for (const url of ["http://127.0.0.1:9/x.jpg", "http://localhost:9/x.jpg", "http://[::1]:9/x.jpg", "http://169.254.169.254/latest", "http://[::ffff:10.0.0.1]/x.png"]) {
        const response = await fetch(server.url + createProxyPath(url));
        assert.equal(response.status, 403, url);
        assert.equal(await errorNameOf(response), "forbidden_address", url);
      }
    } finally {
      await server.close();
    }
  });

  test("decoding normalises URLs and names hashes on any host", () => {
    const target = decodeProxyTarget(createProxyPath("//cdn.example.com/DQmQipPoSLHUZv42R7tuouzGZMLZ9dounNGCR61UkKcC91H/a.png").slice(3));
    assert.equal(target.text, "https://cdn.example.com/DQmQipPoSLHUZv42R7tuouzGZMLZ9dounNGCR61UkKcC91H/a.png");
    assert.equal(target.hash, "DQmQipPoSLHUZv42R7tuouzGZMLZ9dounNGCR61UkKcC91H");
  });
});

function cacheFileOf(server: ImageTestServer, url: string, query: Record<string, string>): string {
  const key = createProxyCacheKey(decodeProxyTarget(createProxyPath(url).slice(3)), parseProxyOptions(new URLSearchParams(query), resolveImageLimits()));
  return join(server.dataDir, "images", "cache", key.slice(0, 2), key);
}

function serveUpstream(request: IncomingMessage, response: ServerResponse, jpeg: Buffer, gif: Buffer, hits: Map<string, number>): void {
  const path = request.url ?? "/";
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const redirect = /^\/redirect\/(\d+)$/.exec(path);
  if (redirect !== null) {
    const left = Number(redirect[1]) - 1;
    response.writeHead(302, { location: left === 0 ? "/image.jpg" : `/redirect/${left}` }).end();
  } else if (path === "/image.jpg") {
    response.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
  } else if (path === "/anim.gif") {
    response.writeHead(200, { "content-type": "image/gif" }).end(gif);
  } else if (path === "/page.html") {
    response.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
  } else if (path === "/fake.png") {
    response.writeHead(200, { "content-type": "image/png" }).end("<svg></svg>");
  } else if (path === "/slow.jpg") {
    response.writeHead(200, { "content-type": "image/jpeg" });
    response.write(jpeg.subarray(0, 100));
  } else if (path === "/error.jpg") {
    response.writeHead(500).end();
  } else {
    response.writeHead(404).end();
  }
}
