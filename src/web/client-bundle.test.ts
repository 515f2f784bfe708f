// Checks the browser bundles: no Node built-ins or Buffer in the output, the signing library within its compressed-size budget, shared chunks and their listing, and serving with encoding negotiation, immutable caching and 304s.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { type ClientBundles, buildClientBundles, chooseEncoding, createClientAssets, serveClientAsset } from "./client-bundle.ts";

/** What the signing library may cost a page, gzipped, leaving room in the site's 60 KB for the page's own script. */
const signingBudgetGzipBytes = 45 * 1024;

const lib = join(import.meta.dirname, "client/lib");
let directory: string;
let bundles: ClientBundles;
let buildMs: number;

before(async () => {
  directory = mkdtempSync(join(tmpdir(), "kettle-client-bundle-"));
  const write = (name: string, text: string) => {
    writeFileSync(join(directory, name), text);
    return join(directory, name);
  };
  const entries = {
    "signing-page": write("signing-page.ts", [
      `import { broadcast } from ${JSON.stringify(join(lib, "broadcast.ts"))};`,
      `import { deriveKeys, generateMasterPassword } from ${JSON.stringify(join(lib, "keys.ts"))};`,
      `import { currentUser, logout } from ${JSON.stringify(join(lib, "current-user.ts"))};`,
      `import { login, loginWithKeychain } from ${JSON.stringify(join(lib, "session.ts"))};`,
      `import { setKeyPrompt } from ${JSON.stringify(join(lib, "signing-key.ts"))};`,
      `import { uploadImage } from ${JSON.stringify(join(lib, "sign-buffer.ts"))};`,
      `import { createAccountKeys, requestAccount } from ${JSON.stringify(join(lib, "signup.ts"))};`,
      "Object.assign(globalThis, { broadcast, deriveKeys, generateMasterPassword, currentUser, login, loginWithKeychain, logout, setKeyPrompt, uploadImage, createAccountKeys, requestAccount });",
    ].join("\n")),
    "name-check": write("name-check.ts", [
      `import { describeAccountNameProblem } from ${JSON.stringify(join(lib, "account-name.ts"))};`,
      `import { currentUser } from ${JSON.stringify(join(lib, "current-user.ts"))};`,
      `document.title = String(describeAccountNameProblem("x")) + currentUser()?.name;`,
      `document.body.onclick = () => import(${JSON.stringify(join(lib, "broadcast.ts"))}).then((m) => m.broadcast([], "posting"));`,
    ].join("\n")),
  };
  const started = performance.now();
  bundles = await buildClientBundles(entries);
  buildMs = performance.now() - started;
});

after(() => rmSync(directory, { recursive: true, force: true }));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test("the output is browser code: no node: imports, require(), Buffer or process", () => {
  assert.ok(bundles.assets.size >= 3, "entries plus at least one shared chunk");
  for (const asset of bundles.assets.values()) {
    const text = asset.body.toString("utf8");
    assert.match(asset.path, /^\/assets\/[a-z0-9-]+-[A-Z0-9]+\.js$/);
    assert.doesNotMatch(text, /["']node:/, `${asset.path} imports a node: module`);
    assert.doesNotMatch(text, /\brequire\(/, `${asset.path} calls require`);
    // Uses of Node's Buffer (Buffer.from, Buffer(…), globalThis.Buffer); the word inside a string is no use of it.
    assert.doesNotMatch(text, /(?<![\w$"'])Buffer\s*[.(]|\.Buffer\b/, `${asset.path} uses Buffer`);
    assert.doesNotMatch(text, /(?<![\w$.])process\.(env|versions|nextTick)/, `${asset.path} reads process`);
    assert.deepEqual(gunzipSync(asset.gzip), asset.body);
    assert.deepEqual(brotliDecompressSync(asset.brotli), asset.body);
  }
});

test(`what a signing page loads at start fits ${kb(signingBudgetGzipBytes)} gzipped`, (context) => {
  const entry = bundles.entries["signing-page"];
  context.diagnostic(`build ${buildMs.toFixed(0)} ms; signing-page loads ${entry.files.length} files: ${kb(entry.rawBytes)} raw, ${kb(entry.gzipBytes)} gzip, ${kb(entry.brotliBytes)} brotli`);
  for (const file of entry.files) {
    const asset = bundles.assets.get(file)!;
    context.diagnostic(`  ${file}: ${kb(asset.body.length)} raw, ${kb(asset.gzip.length)} gzip, ${kb(asset.brotli.length)} brotli`);
  }
  const small = bundles.entries["name-check"];
  context.diagnostic(`name-check (current user only) loads ${small.files.length} files: ${kb(small.rawBytes)} raw, ${kb(small.gzipBytes)} gzip, ${kb(small.brotliBytes)} brotli; later, on click: ${small.dynamicFiles.length} files`);
  assert.ok(entry.gzipBytes <= signingBudgetGzipBytes, `${kb(entry.gzipBytes)} gzipped is over the budget`);
});

test("entries list their start files (entry first, shared chunks) and dynamic imports apart", async () => {
  assert.deepEqual(Object.keys(bundles.entries).sort(), ["name-check", "signing-page"], "import() targets are chunks, not entries");
  const signing = bundles.entries["signing-page"];
  const small = bundles.entries["name-check"];
  assert.equal(signing.files[0], signing.path);
  assert.equal(small.files[0], small.path);
  const shared = small.files.slice(1);
  assert.ok(shared.length > 0 && shared.every((file) => signing.files.includes(file)), "the session code is one chunk both load");
  assert.ok(small.dynamicFiles.length > 0, "the broadcast code is loaded on click");
  assert.ok(small.dynamicFiles.every((file) => !small.files.includes(file)));
  assert.ok(small.gzipBytes < signing.gzipBytes / 2, `the small page loads ${kb(small.gzipBytes)}, not the signing code`);
  for (const file of [...signing.files, ...small.files, ...small.dynamicFiles]) assert.ok(bundles.assets.has(file), file);
  const assets = createClientAssets(Promise.resolve(bundles));
  assert.throws(() => assets.scriptPaths("name-check"), /not built yet/);
  await assets.ready;
  assert.deepEqual(assets.scriptPaths("name-check"), small.files);
});

test("building the same entries again shares the first build", async () => {
  const again = await buildClientBundles(Object.fromEntries(Object.entries({ "name-check": join(directory, "name-check.ts"), "signing-page": join(directory, "signing-page.ts") })));
  assert.equal(again, bundles);
  await assert.rejects(buildClientBundles({ "Bad Name": join(directory, "name-check.ts") }), /kebab-case/);
});

interface Served {
  handled: boolean;
  status: number;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/** Calls serveClientAsset with a request and a response that only record what is written. */
function serve(method: string, url: string, headers: Record<string, string> = {}): Served {
  const served: Served = { handled: false, status: 0, headers: {}, body: undefined };
  const response = {
    writeHead(status: number, written: Record<string, string>) {
      served.status = status;
      served.headers = written;
      return response;
    },
    end(body?: Buffer) {
      served.body = body;
      return response;
    },
  };
  served.handled = serveClientAsset(bundles, { method, url, headers } as unknown as IncomingMessage, response as unknown as ServerResponse);
  return served;
}

test("serving: brotli, then gzip, then identity, each with a year of immutable caching", () => {
  const asset = bundles.assets.get(bundles.entries["signing-page"].path)!;
  const cases: [string | undefined, string | undefined, Buffer][] = [
    ["gzip, deflate, br", "br", asset.brotli],
    ["gzip;q=1.0, br;q=0", "gzip", asset.gzip],
    ["deflate", undefined, asset.body],
    [undefined, undefined, asset.body],
    ["*", "br", asset.brotli],
  ];
  for (const [accept, encoding, body] of cases) {
    const served = serve("GET", `${asset.path}?v=1`, accept === undefined ? {} : { "accept-encoding": accept });
    assert.equal(served.status, 200, accept);
    assert.equal(served.headers["content-encoding"], encoding, accept);
    assert.equal(served.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(served.headers["content-type"], "text/javascript; charset=utf-8");
    assert.equal(served.headers.vary, "accept-encoding");
    assert.equal(served.headers["content-length"], String(body.length));
    assert.equal(served.body, body);
  }
  assert.equal(chooseEncoding("br;q=0, gzip;q=0"), "identity");
  const head = serve("HEAD", asset.path, { "accept-encoding": "br" });
  assert.equal(head.status, 200);
  assert.equal(head.body, undefined);
});

test("serving: 304 for a matching If-None-Match in any encoding; unknown paths and methods are left to the caller", () => {
  const asset = bundles.assets.get(bundles.entries["name-check"].path)!;
  const first = serve("GET", asset.path, { "accept-encoding": "gzip" });
  assert.match(first.headers.etag, /^"[\w-]+-gzip"$/);
  for (const tag of [first.headers.etag, asset.etag, `W/${asset.etag}`, `"other", ${asset.etag}`]) {
    const again = serve("GET", asset.path, { "accept-encoding": "gzip", "if-none-match": tag });
    assert.equal(again.status, 304, tag);
    assert.equal(again.body, undefined);
    assert.equal(again.headers["cache-control"], "public, max-age=31536000, immutable");
  }
  assert.equal(serve("GET", asset.path, { "if-none-match": '"stale"' }).status, 200);
  for (const [method, url] of [["GET", "/assets/nothing-ABC.js"], ["GET", "/"], ["POST", asset.path]]) {
    const served = serve(method, url);
    assert.equal(served.handled, false, `${method} ${url}`);
    assert.equal(served.status, 0, "nothing written");
  }
});
