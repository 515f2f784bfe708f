/**
 * The server side of `bench:index`, run as a child process (pinned to its own core by the parent):
 *
 *   node --import tsx bench/index-server.ts sqlite FILE      Kettle's API server over the SQLite index
 *   node --import tsx bench/index-server.ts postgres URL     the same over PostgreSQL
 *   node --import tsx bench/index-server.ts bare             node:http answering a fixed small JSON body (the baseline)
 *
 * It prints `listening on http://127.0.0.1:PORT` when ready. The API server is the product's, serving what a
 * read-only `kettle api` process serves itself — the index-backed (social) methods over an index-only
 * context, no chain — without forwarding anything. Its cache of reads (src/api/social/head-cache.ts) is
 * emptied every 3 s, as each new block empties it on a live network.
 */
import { type Server, createServer } from "node:http";
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
  // The index no longer moves here, but on a live network every block does and empties the reads' cache:
  // empty it at the block interval, as a block would.
  const { forgetHeadCache } = await import("../src/api/social/head-cache.ts");
  setInterval(() => forgetHeadCache(db), blockIntervalMs).unref();
  process.once("SIGTERM", () => {
    api.close().then(() => db.close()).finally(() => process.exit(0));
  });
  return api.http;
}

if (mode !== "bare" && mode !== "sqlite" && mode !== "postgres") throw new Error(`usage: index-server.ts sqlite FILE | postgres URL | bare (got ${mode})`);
const server = mode === "bare" ? bareServer() : await indexServer();
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
