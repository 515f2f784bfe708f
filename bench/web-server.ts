/**
 * The server side of `bench:web`, run as a child process (pinned to its own core by the parent):
 *
 *   node --import tsx bench/web-server.ts site --index FILE --chain URL [--live on] [--page-cache off] [--profile DIR]
 *   node --import tsx bench/web-server.ts bare       node:http answering a fixed 20 KB HTML page (the baseline)
 *
 * It prints `listening on http://127.0.0.1:PORT` when ready. The site is the product's page app
 * (createWebApp's handleGet, with the client bundles built as at start-up) over the router a read-only
 * `kettle api` process builds: the index methods over the SQLite index FILE, every other call forwarded to
 * the chain at URL (bench/web-chain.ts) as such a process forwards to its producer.
 *
 * With `--page-cache off` the site renders every page (no page is kept per head for anonymous readers).
 * With `--live on` the process also projects a block of the network's own pace into FILE every 3 s
 * (bench/index-live.ts, as bench:index's server does), so the site's and the API's per-head caches see the
 * head move and the posts each block changes; on SIGTERM it prints `live blocks N mean MS max MS`. With
 * `--profile DIR`, each SIGUSR2 starts or stops a CPU profile written there (the parent profiles each page
 * type's measured window, not its warm-up).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { bareHtmlPage } from "./web-sample.ts";

const mode = process.argv[2];
const flags = new Map<string, string>();
for (let i = 3; i + 1 < process.argv.length; i += 2) flags.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1]);

/** Steem's block interval, at which a live index moves. */
const blockIntervalMs = 3000;

function bareServer(): Server {
  const page = bareHtmlPage();
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" }).end(page);
  });
  process.once("SIGTERM", () => process.exit(0));
  return server;
}

/** The product's modules are loaded here only, so the baseline process runs none of them. */
async function siteServer(): Promise<Server> {
  const { SqliteIndexDatabase } = await import("../src/index/db/sqlite.ts");
  const { tableRouter } = await import("../src/api/rpc/dispatch.ts");
  const { createIndexMethodTable } = await import("../src/api/social/methods.ts");
  const { ProducerClient } = await import("../src/cli/api-producer.ts");
  const { buildClientBundles, createClientAssets } = await import("../src/web/client-bundle.ts");
  const { clientEntries } = await import("../src/web/client-entries.ts");
  const { createWebApp } = await import("../src/web/web-app.ts");

  const chain = new ProducerClient(new URL(flags.get("chain")!));
  const db = new SqliteIndexDatabase({ path: flags.get("index")! });
  const router = tableRouter({ index: { db }, addressPrefix: "STM" }, createIndexMethodTable(), chain.forward);
  const pageCache = flags.get("page-cache") !== "off";
  const assets = createClientAssets(buildClientBundles(clientEntries));
  await assets.ready;
  const app = createWebApp({ router, assets, signupOpen: false, ...(pageCache ? {} : { pageCacheBytes: 0 }) });
  const server = createServer((request, response) => app.handleGet(request, response));
  const live = flags.get("live") === "on" ? await (await import("./index-live.ts")).startLiveBlocks(db, blockIntervalMs, 1) : null;
  process.once("SIGTERM", () => {
    server.close();
    (live === null ? Promise.resolve() : live.stop())
      .then(() => {
        if (live === null) return;
        const { blocks, meanMs, maxMs } = live.stats();
        process.stdout.write(`live blocks ${blocks} mean ${meanMs.toFixed(1)} max ${maxMs.toFixed(1)}\n`);
      })
      .then(() => db.close())
      .catch((error: unknown) => process.stderr.write(`closing: ${String(error)}\n`))
      .finally(() => {
        chain.close();
        process.exit(0);
      });
  });
  return server;
}

/** Starts a CPU profile at the first SIGUSR2, writes it to `dir` at the next, and so on. */
async function profileOnSignal(dir: string): Promise<void> {
  const { Session } = await import("node:inspector/promises");
  const { mkdirSync, writeFileSync } = await import("node:fs");
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  let running = false;
  let count = 0;
  process.on("SIGUSR2", () => {
    running = !running;
    const step = running ? session.post("Profiler.start") : session.post("Profiler.stop").then(({ profile }) => writeFileSync(join(dir, `web-${++count}.cpuprofile`), JSON.stringify(profile)));
    step.catch((error: unknown) => process.stderr.write(`profile: ${String(error)}\n`));
  });
}

if (mode !== "bare" && (mode !== "site" || !flags.has("index") || !flags.has("chain"))) {
  throw new Error(`usage: web-server.ts site --index FILE --chain URL [--live on] [--page-cache off] [--profile DIR] | bare (got ${mode})`);
}
const server = mode === "bare" ? bareServer() : await siteServer();
if (flags.has("profile")) await profileOnSignal(flags.get("profile")!);
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
