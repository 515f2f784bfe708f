// Checks signed uploads end to end over HTTP: who may upload, what counts as an image, size and rate limits, and serving the stored original.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createImageHash } from "./image-hash.ts";
import { type ImageTestServer, createJpeg, createPng, errorNameOf, postImage, signUpload, startImageTestServer } from "./image-test-kit.ts";

describe("image uploads", () => {
  let server: ImageTestServer;
  let jpeg: Buffer;
  before(async () => {
    server = await startImageTestServer({ limits: { uploadBytesMax: 200_000, multipartOverheadBytesMax: 4096 } });
    jpeg = await createJpeg();
  });
  after(() => server.close());

  test("an upload signed with the posting key answers {url}, and the url serves the same bytes", async () => {
    const response = await postImage(server.url, `/alice/${signUpload(jpeg, "alice-posting")}`, jpeg, "My photo (1).jpg");
    assert.equal(response.status, 200);
    const { url } = (await response.json()) as { url: string };
    assert.equal(url, `/${createImageHash(jpeg)}/My-photo-1-.jpg`);
    const served = await fetch(server.url + url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get("content-type"), "image/jpeg");
    assert.equal(served.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(served.headers.get("x-content-type-options"), "nosniff");
    assert.match(served.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), jpeg);
    const again = await fetch(server.url + url, { headers: { "if-none-match": served.headers.get("etag") ?? "" } });
    assert.equal(again.status, 304);
    const bare = await fetch(`${server.url}/${createImageHash(jpeg)}`, { method: "HEAD" });
    assert.equal(bare.status, 200);
    assert.equal(bare.headers.get("content-length"), String(jpeg.length));
  });

  test("the same bytes uploaded twice get the same hash and one file", async () => {
    const png = await createPng();
    const first = (await (await postImage(server.url, `/alice/${signUpload(png, "alice-posting")}`, png, "a.png", "image/png")).json()) as { url: string };
    const second = (await (await postImage(server.url, `/alice/${signUpload(png, "alice-active")}`, png, "b.png", "image/png")).json()) as { url: string };
    const hash = createImageHash(png);
    assert.equal(first.url.split("/")[1], hash);
    assert.equal(second.url.split("/")[1], hash);
    assert.deepEqual(readdirSync(join(server.dataDir, "images", hash.slice(-2))).filter((name) => name.startsWith(hash)), [hash]);
  });

  test("the /cs/ variant signs the image's sha256; the plain route does not accept that signature", async () => {
    const signature = signUpload(jpeg, "alice-active", true);
    const response = await postImage(server.url, `/cs/alice/${signature}`, jpeg);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { url: string }).url.split("/")[1], createImageHash(jpeg));
    const wrongVariant = await postImage(server.url, `/alice/${signature}`, jpeg);
    assert.equal(wrongVariant.status, 401);
    assert.equal(await errorNameOf(wrongVariant), "missing_authority");
  });

  test("a key in an account_auths account's posting authority counts, one level deep", async () => {
    const response = await postImage(server.url, `/shared/${signUpload(jpeg, "alice-posting")}`, jpeg);
    assert.equal(response.status, 200);
  });

  test("who may not upload: unrelated key, unknown account, low reputation, bad signature", async () => {
    const cases: [string, number, string][] = [
      [`/alice/${signUpload(jpeg, "mallory")}`, 401, "missing_authority"],
      [`/nobody/${signUpload(jpeg, "alice-posting")}`, 404, "no_such_account"],
      [`/newbie/${signUpload(jpeg, "newbie-posting")}`, 403, "reputation_too_low"],
      [`/alice/${"00".repeat(65)}`, 400, "invalid_signature"],
      [`/Bad_Name/${signUpload(jpeg, "alice-posting")}`, 400, "invalid_account_name"],
    ];
    for (const [path, status, name] of cases) {
      const response = await postImage(server.url, path, jpeg);
      assert.equal(response.status, status, path);
      assert.equal(await errorNameOf(response), name, path);
    }
  });

  test("bodies that are not a multipart upload of one image are refused", async () => {
    const path = `/alice/${signUpload(jpeg, "alice-posting")}`;
    const plain = await fetch(server.url + path, { method: "POST", headers: { "content-type": "image/jpeg" }, body: new Uint8Array(jpeg) });
    assert.equal(plain.status, 400);
    assert.equal(await errorNameOf(plain), "not_multipart");
    const form = new FormData();
    form.append("note", "no file here");
    const noFile = await fetch(server.url + path, { method: "POST", body: form });
    assert.equal(await errorNameOf(noFile), "missing_file");
  });

  test("bytes that are not an accepted image are refused with 415 (or 400 when they only look like one)", async () => {
    const text = Buffer.from("just some text, not an image");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
    for (const [bytes, status, name] of [[text, 415, "unsupported_image_type"], [svg, 415, "unsupported_image_type"], [fake, 400, "invalid_image"]] as const) {
      const response = await postImage(server.url, `/alice/${signUpload(bytes, "alice-posting")}`, bytes, "x.svg", "image/svg+xml");
      assert.equal(response.status, status);
      assert.equal(await errorNameOf(response), name);
      assert.equal(existsSync(join(server.dataDir, "images", createImageHash(bytes).slice(-2))), false);
    }
  });

  test("oversized uploads get 413 by Content-Length before reading and while streaming a chunked body", async () => {
    const big = Buffer.alloc(300_000, 1);
    const byLength = await rawUpload(server.url, `/alice/${signUpload(jpeg, "alice-posting")}`, { "content-length": String(big.length) }, null);
    assert.equal(byLength.status, 413);
    assert.equal(JSON.parse(byLength.body).error.name, "payload_too_large");
    const streamed = await rawUpload(server.url, `/alice/${signUpload(jpeg, "alice-posting")}`, { "transfer-encoding": "chunked" }, big);
    assert.equal(streamed.status, 413);
    const noLength = await sendRawHttp(server.url, `POST /alice/${signUpload(jpeg, "alice-posting")} HTTP/1.1\r\nhost: x\r\ncontent-type: multipart/form-data; boundary=x\r\nconnection: close\r\n\r\n`);
    assert.match(noLength, /^HTTP\/1\.1 411 /);
  });

  test("routes of the site are left alone", async () => {
    for (const path of ["/trending/syria", "/@alice", "/", "/p", "/u/alice", "/Dshort/x.jpg", "/alice/notasignature"]) {
      const response = await fetch(server.url + path);
      assert.equal(await response.text(), "site", path);
    }
    const rpc = await fetch(server.url + "/", { method: "POST", body: "{}" });
    assert.equal(await rpc.text(), "site");
  });

  test("an unknown hash answers 404 JSON", async () => {
    const response = await fetch(`${server.url}/${createImageHash(Buffer.from("never uploaded"))}/x.png`);
    assert.equal(response.status, 404);
    assert.equal(await errorNameOf(response), "not_found");
  });

  test("store() keeps bytes as an upload would and returns their path", async () => {
    const png = await createPng(10, 10, "#00ff00");
    const path = await server.service.store(png, "seed image.png");
    assert.equal(path, `/${createImageHash(png)}/seed-image.png`);
    assert.deepEqual(Buffer.from(await (await fetch(server.url + path)).arrayBuffer()), png);
    await assert.rejects(server.service.store(Buffer.from("text"), "x.png"), { code: "unsupported_image_type" });
  });
});

describe("upload rate limits", () => {
  test("an account's weekly quota and an address's hourly quota answer 429 with Retry-After", async () => {
    let now = 1_000_000;
    const server = await startImageTestServer({ now: () => now, limits: { uploadsPerWeekMax: 1, uploadsPerAddressPerHourMax: 4 } });
    try {
      const jpeg = await createJpeg(40, 40);
      assert.equal((await postImage(server.url, `/alice/${signUpload(jpeg, "alice-posting")}`, jpeg)).status, 200);
      const limited = await postImage(server.url, `/alice/${signUpload(jpeg, "alice-posting")}`, jpeg);
      assert.equal(limited.status, 429);
      assert.equal(await errorNameOf(limited), "rate_limited");
      assert.equal(limited.headers.get("retry-after"), String(7 * 24 * 3600));
      now += 7 * 24 * 3600 * 1000;
      assert.equal((await postImage(server.url, `/alice/${signUpload(jpeg, "alice-posting")}`, jpeg)).status, 200);
      // The upload after the week is this hour's first attempt; three more reach the hourly limit of four.
      now += 1000;
      for (let i = 0; i < 3; i++) await postImage(server.url, `/nobody/${signUpload(jpeg, "x")}`, jpeg);
      const byAddress = await postImage(server.url, `/nobody/${signUpload(jpeg, "x")}`, jpeg);
      assert.equal(byAddress.status, 429);
      assert.match((await byAddress.json()).error.info, /an hour/);
    } finally {
      await server.close();
    }
  });
});

/** Sends a multipart upload with hand-set headers; `body` null sends only the headers and waits for the answer. */
function rawUpload(baseUrl: string, path: string, headers: Record<string, string>, body: Buffer | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(baseUrl + path, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", ...headers } }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
    if (body === null) return void request.flushHeaders();
    const preamble = Buffer.from('--x\r\ncontent-disposition: form-data; name="file"; filename="big.jpg"\r\ncontent-type: image/jpeg\r\n\r\n');
    request.write(preamble);
    // Stream in chunks until the server answers (it stops reading once the cap is passed).
    let offset = 0;
    const pump = (): void => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 16_384);
        offset += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end("\r\n--x--\r\n");
    };
    pump();
  });
}

/** Writes `text` on a fresh connection and returns everything the server sends back. */
function sendRawHttp(baseUrl: string, text: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("blocked uploaders and shutdown", () => {
  test("a blocked account gets 403, and a closed service answers 503", async () => {
    const server = await startImageTestServer({ blockedUploaders: ["alice"], publicUrl: "https://images.example/" });
    try {
      const jpeg = await createJpeg(20, 20);
      const blocked = await postImage(server.url, `/alice/${signUpload(jpeg, "alice-posting")}`, jpeg);
      assert.equal(blocked.status, 403);
      assert.equal(await errorNameOf(blocked), "account_blacklisted");
      const allowed = await postImage(server.url, `/shared/${signUpload(jpeg, "shared-posting")}`, jpeg);
      assert.equal(((await allowed.json()) as { url: string }).url, `https://images.example/${createImageHash(jpeg)}/photo.jpg`);
      await server.service.close();
      const closed = await fetch(`${server.url}/${createImageHash(jpeg)}/photo.jpg`);
      assert.equal(closed.status, 503);
      assert.equal(await errorNameOf(closed), "shutting_down");
    } finally {
      await server.close();
    }
  });
});
