/**
 * The server side of `bench:index`, run as a child process (pinned to its own core by the parent):
 *
 *   node --import tsx bench/index-server.ts sqlite FILE      Kettle's API server over the SQLite index
 *   node --import tsx bench/index-server.ts postgres URL     the same over PostgreSQL
 *   node --import tsx bench/index-server.ts bare             node:http answering a fixed small JSON body (the baseline)
 *
 * It prints `listening on http://127.0.0.1:PORT` when ready. The API server is the product's, serving what a
 * read-only `kettle api` process serves itself — the index-backed (social) methods over an index-only
 * context, no chain — without forwarding anything. Meanwhile the process projects a block of the network's
 * own pace into the index every 3 s (bench/index-live.ts), as a live node does, so its read caches see the
 * head move and the posts each block changes; on SIGTERM it prints `live blocks N mean MS max MS`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MethodTable } from "../src/api/methods/method-table.ts";
import type { IndexContext } from "../src/api/ports.ts";
import type { IndexDatabase } from "../src/index/db/database.ts";

const [mode, target] = process.argv.slice(2);

/** The social methods, typed for the index-only context they use (as src/cli/run-api.ts does). */
async function indexMethodTable(): Promise<MethodTable<IndexContext>> {
  const { socialAppbaseMethods, socialCondenserMethods } = await import("../src/api/social/methods.ts");
  const asIndexHandlers = (methods: object) => new Map(Object.entries(methods)) as MethodTable<IndexContext>["appbase"];
  return { condenser: asIndexHandlers(socialCondenserMethods), appbase: asIndexHandlers(socialAppbaseMethods) };
}

async function openIndex(): Promise<IndexDatabase> {
  if (mode === "sqlite") return new (await import("../src/index/db/sqlite.ts")).SqliteIndexDatabase({ path: target });
  return (await import("../src/index/db/postgres.ts")).PostgresIndexDatabase.open({ url: target });
}

/** Steem's block interval, at which a live index moves. */
const blockIntervalMs = 3000;

const bareBody = JSON.stringify({ jsonrpc: "2.0", result: { ok: true }, id: 1 });

/** Answers every request with the same small JSON body, after reading the request body as a JSON-RPC server must. */
function bareServer(): Server {
  const server = createServer((request, response) => {
    request.on("data", () => {});
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(bareBody);
    });
  });
  server.keepAliveTimeout = 65_000;
  process.once("SIGTERM", () => process.exit(0));
  return server;
}

/** The product's modules are loaded here only, so the baseline process runs none of them. */
async function indexServer(): Promise<Server> {
  const { createApiServer } = await import("../src/api/server.ts");
  const { tableRouter } = await import("../src/api/rpc/dispatch.ts");
  const table = await indexMethodTable();
  const db = await openIndex();
  const context: IndexContext = { index: { db }, addressPrefix: "STM" };
  const api = createApiServer({ router: tableRouter(context, table), subscriptions: null, status: async () => ({ name: "kettle-bench-index" }) });
  const { startLiveBlocks } = await import("./index-live.ts");
  const live = await startLiveBlocks(db, blockIntervalMs, 1);
  process.once("SIGTERM", () => {
    live
      .stop()
      .then(() => {
        const { blocks, meanMs, maxMs } = live.stats();
        process.stdout.write(`live blocks ${blocks} mean ${meanMs.toFixed(1)} max ${maxMs.toFixed(1)}\n`);
      })
      .then(() => api.close())
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
  return api.http;
}

if (mode !== "bare" && mode !== "sqlite" && mode !== "postgres") throw new Error(`usage: index-server.ts sqlite FILE | postgres URL | bare (got ${mode})`);
const server = mode === "bare" ? bareServer() : await indexServer();
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
