/**
 * The social index under load (issue 4, "What must hold" 5).
 *
 *  1. Builds (or reuses) a network-shaped data set by running the real projector over generated blocks —
 *     at scale 1: 100,000 accounts, 1,000,000 posts and comments, 10,000,000 votes, ~5,000,000 follows,
 *     reblogs, community subscriptions, a 500-comment thread, 30 days of which the first 23 are paid out
 *     (bench/index-dataset.ts). The build measures the projection's throughput in transactions/s: at the
 *     network's own pace (≈ 19 transactions a block) for two hours, and over the last day in blocks of
 *     30,000 transactions (10,000 transactions/s of ingest) on the full-size index. The SQLite file is
 *     cached (keyed by data-set version, scale, seed and the projector's sources).
 *  2. Serves it with Kettle's API server in a child process and loads it with a closed-loop generator
 *     (fixed keep-alive connections, `--warmup` seconds per method so that the server that has just opened
 *     its copy of the index measures in its steady state, then `--seconds` per method, params drawn at random from
 *     the data set: tags, communities, accounts, observers), reporting p50/p99 latency and requests/s
 *     next to a bare node:http handler measured in the same run with the same generator.
 *  3. The same on PostgreSQL (a throwaway cluster on loopback, durability off): the projection's
 *     throughput on a sample — the data set from its start in 30,000-transaction blocks, for
 *     `--pg-sample-seconds`, and SQLite on the same blocks — then the full index loaded in bulk from the
 *     SQLite file (index-postgres.ts) and served and loaded like SQLite.
 *
 * With pinning (default) the server process — and PostgreSQL's processes — run on CPU 0 and the load
 * generator on CPU 1. Any error response fails the run (exit code 1).
 *
 *   npm run bench:index [-- --scale 1 --seed 1 --seconds 10 --warmup 10 --connections 10 --data DIR
 *                           --rebuild --postgres on|off --pg-sample-seconds 60 --pin on|off --only PATTERN]
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { discussionPostsMax } from "../src/api/social/post-queries.ts";
import { PostgresIndexDatabase } from "../src/index/db/postgres.ts";
import { SqliteIndexDatabase } from "../src/index/db/sqlite.ts";
import { indexDigest } from "../src/index/digest.ts";
import { tables } from "../src/index/schema.ts";
import { createPrng } from "../src/stdx/prng.ts";
import { runAdminSql, startTestPostgres } from "../test/helpers/postgres.ts";
import { benchArgs, indexLoadArgs } from "./args.ts";
import { type BuildRecord, cachedIndex, type PhaseTiming, type ProjectionRun, projectDataset } from "./index-build.ts";
import { accountName, bulkBlockTransactions, communityName, denseBlockTransactions, tagName, threadComments, threadPermlink, World, word } from "./index-dataset.ts";
import { liveBlockTransactions } from "./index-live.ts";
import { type LoadResult, runLoad } from "./index-load.ts";
import { copySqliteToPostgres } from "./index-postgres.ts";

const args = benchArgs();
const { scale, seed, seconds, warmupSeconds, connections, dataDir, pin, only } = indexLoadArgs(args);
const rebuild = args.get("rebuild") === "on";
const withPostgres = (args.get("postgres") ?? "on") === "on";
const pgSampleSeconds = Number(args.get("pg-sample-seconds") ?? 60);
/** The digest comparison of SQLite and PostgreSQL reads whole tables into memory: small scales only. */
const digestScaleMax = 0.05;

const log = (line: string) => console.error(line);

// ---- the measured methods and their params -------------------------------------------------------

interface Workload {
  readonly name: string;
  readonly method: string;
  readonly params: (random: Random) => Record<string, unknown>;
  /** p99 and req/s targets on SQLite (issue 4), if any. */
  readonly target?: { readonly p99Ms: number; readonly requestsPerSecond?: number };
  /** How many entries an answer has (a list's length, an object's keys): sane answers have some. */
  readonly size: (result: unknown) => number;
  /** The size the fullest answer must have, when known. */
  readonly expectedMaxSize?: number;
}

const listLength = (result: unknown) => (Array.isArray(result) ? result.length : -1);

type Random = () => number;

function workloads(world: World): Workload[] {
  const account = (random: Random) => accountName(world.activity.sample(random));
  const observer = (random: Random) => (random() < 0.5 ? { observer: account(random) } : {});
  const ranked = (sort: string, scope: "all" | "community" | "tag"): Workload => ({
    name: `bridge.get_ranked_posts ${sort}, ${scope === "all" ? "global" : `by ${scope}`}`,
    method: "bridge.get_ranked_posts",
    params: (random) => ({
      sort,
      tag: scope === "all" ? "" : scope === "community" ? communityName(world.communityPick.sample(random)) : tagName(world.tagPick.sample(random)),
      limit: 20,
      ...observer(random),
    }),
    target: { p99Ms: 10, requestsPerSecond: 5_000 },
    size: listLength,
  });
  const list: Workload[] = [
    ranked("trending", "all"),
    ranked("hot", "all"),
    ranked("created", "all"),
    ranked("trending", "community"),
    ranked("hot", "community"),
    ranked("created", "community"),
    ranked("trending", "tag"),
    {
      name: "bridge.get_account_posts feed",
      method: "bridge.get_account_posts",
      params: (random: Random) => {
        const reader = account(random);
        return { sort: "feed", account: reader, observer: reader, limit: 20 };
      },
      target: { p99Ms: 20 },
      size: listLength,
    },
    {
      name: `bridge.get_discussion, ${threadComments}-comment thread`,
      method: "bridge.get_discussion",
      params: (random) => ({ author: world.threadAuthor, permlink: threadPermlink, ...observer(random) }),
      size: (result) => (result !== null && typeof result === "object" ? Object.keys(result).length : -1),
      // The post and its comments, within the 500 posts a discussion holds at most (Steemit's cap); an
      // observer who muted the author gets less.
      expectedMaxSize: Math.min(threadComments + 1, discussionPostsMax),
    },
    {
      name: "bridge.account_notifications",
      method: "bridge.account_notifications",
      params: (random) => ({ account: accountName(world.popularity.sample(random)), limit: 100 }),
      size: listLength,
    },
    {
      name: "search-api.find_text",
      method: "search-api.find_text",
      // One or two topical words: vocabulary ranks 100 to 10,000, even in log scale (a word of rank 100 is
      // in about a quarter of the posts, one of rank 10,000 in 0.3 %).
      params: (random) => {
        const pick = () => word(Math.floor(100 * 100 ** random()));
        return { pattern: random() < 0.5 ? pick() : `${pick()} ${pick()}`, sort: "relevance", limit: 20 };
      },
      size: listLength,
    },
  ];
  return list.filter((w) => only === undefined || w.name.includes(only));
}

const poolSize = 2_000;

function requestBodies(workload: Workload, random: () => number): string[] {
  return Array.from({ length: poolSize }, (_, id) => JSON.stringify({ jsonrpc: "2.0", id, method: workload.method, params: workload.params(random) }));
}

// ---- processes ------------------------------------------------------------------------------------

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  /** What it printed so far. */
  readonly output: () => string;
}

function startServer(mode: "sqlite" | "postgres" | "bare", target: string): Promise<Server> {
  const command = [process.execPath, "--import", "tsx", "bench/index-server.ts", mode, ...(target === "" ? [] : [target])];
  const child = pin ? spawn("taskset", ["-c", "0", ...command], { stdio: ["ignore", "pipe", "inherit"] }) : spawn(command[0], command.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1], output: () => out });
    });
    child.once("exit", (code) => reject(new Error(`the ${mode} server exited with ${code}`)));
  });
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGTERM");
  await exited;
}

/** The server's peak resident set (VmHWM), in MB (10^6 bytes). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return (Number(/VmHWM:\s+(\d+)/.exec(status)![1]) * 1024) / 1e6;
}

/** Sets the CPUs (a taskset list, e.g. "0" or "0,1") every thread of process `pid` may run on. */
function pinProcess(pid: number, cpus: string): void {
  const result = spawnSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`taskset could not pin ${pid}: ${result.stderr}`);
}

/** Pins a PostgreSQL server (its postmaster, whose future backends inherit it, and its current children). */
async function pinPostgres(url: string, cpus: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
  let postmaster: number;
  try {
    postmaster = parentOf((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number);
  } finally {
    await client.end();
  }
  pinProcess(postmaster, cpus);
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (parentOf(Number(name)) === postmaster) pinProcess(Number(name), cpus);
    } catch {
      // the process ended meanwhile
    }
  }
}

async function rpc(url: string, body: string): Promise<{ result?: unknown; error?: { message: string } }> {
  const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
  return (await response.json()) as { result?: unknown; error?: { message: string } };
}

// ---- measuring ------------------------------------------------------------------------------------

interface EngineResults {
  readonly results: Map<string, LoadResult>;
  readonly sanity: Map<string, string>;
  readonly peakRssMb: number;
  /** The live blocks the server projected while loaded (index-live.ts): "N mean MS max MS". */
  readonly liveBlocks: string;
}

/** Calls each workload's first requests once and says what they returned (and whether that is sane). */
async function checkAnswers(url: string, list: readonly Workload[], pools: Map<string, string[]>): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  for (const workload of list) {
    const sizes: number[] = [];
    let error = "";
    for (const body of pools.get(workload.name)!.slice(0, 20)) {
      const answer = await rpc(url, body);
      if (answer.error !== undefined) error ||= answer.error.message;
      else sizes.push(workload.size(answer.result));
    }
    const nonEmpty = sizes.filter((n) => n > 0).length;
    const sane = error === "" && nonEmpty > 0 && sizes.every((n) => n >= 0) && (workload.expectedMaxSize === undefined || Math.max(...sizes) === workload.expectedMaxSize);
    notes.set(workload.name, `${sane ? "ok" : "NOT SANE"}: ${error !== "" ? `error "${error.slice(0, 160)}"` : `${nonEmpty}/${sizes.length} non-empty, sizes ${Math.min(...sizes)}–${Math.max(...sizes)}`}`);
  }
  return notes;
}

async function measureEngine(mode: "sqlite" | "postgres", target: string, list: readonly Workload[], pools: Map<string, string[]>): Promise<EngineResults> {
  const server = await startServer(mode, target);
  try {
    const sanity = await checkAnswers(server.url, list, pools);
    const results = new Map<string, LoadResult>();
    for (const workload of list) {
      log(`  ${mode}: ${workload.name}`);
      results.set(workload.name, await runLoad({ url: server.url, connections, warmupSeconds, seconds, bodies: pools.get(workload.name)! }));
    }
    const peak = peakRssMb(server.child.pid!);
    await stopServer(server);
    const live = /live blocks (\d+) mean (\S+) max (\S+)/.exec(server.output());
    return { results, sanity, peakRssMb: peak, liveBlocks: live === null ? "none reported" : `${live[1]} blocks, mean ${live[2]} ms, max ${live[3]} ms` };
  } finally {
    await stopServer(server);
  }
}

async function measureBaseline(): Promise<LoadResult> {
  const server = await startServer("bare", "");
  try {
    return await runLoad({ url: server.url, connections, warmupSeconds, seconds, bodies: ['{"jsonrpc":"2.0","id":1,"method":"bare.ping","params":{}}'] });
  } finally {
    await stopServer(server);
  }
}

// ---- PostgreSQL -------------------------------------------------------------------------------------

interface PostgresPart {
  /** The ingest-rate sample on PostgreSQL, and on SQLite over the same blocks. */
  readonly sample: { readonly postgres: ProjectionRun; readonly sqlite: ProjectionRun };
  readonly copySeconds: number;
  readonly copy: Awaited<ReturnType<typeof copySqliteToPostgres>>;
  readonly rowsMatch: boolean;
  readonly digestsMatch: boolean | null;
  readonly engine: EngineResults;
}

/**
 * The projection at the ingest rate on both engines: the data set from its start, the activity packed in
 * blocks of 30,000 transactions, into fresh indexes — PostgreSQL for up to `pgSampleSeconds` of
 * projection, then SQLite (a scratch file) for the same blocks.
 */
async function projectionSample(clusterUrl: string, record: BuildRecord): Promise<PostgresPart["sample"]> {
  log(`PostgreSQL: projecting the data set in ${fmt(denseBlockTransactions)}-transaction blocks (up to ${pgSampleSeconds} s)`);
  await runAdminSql(clusterUrl, "CREATE DATABASE bench_sample");
  const pgDb = await PostgresIndexDatabase.open({ url: clusterUrl.replace(/\/postgres$/, "/bench_sample") });
  let postgres: ProjectionRun;
  try {
    postgres = await projectDataset(pgDb, new World(record.options), { seconds: pgSampleSeconds, denseEverywhere: true }, log);
  } finally {
    await pgDb.close();
  }
  await runAdminSql(clusterUrl, "DROP DATABASE bench_sample");
  const blocks = postgres.phases.accounts.blocks + postgres.phases.ingest.blocks;
  log(`SQLite: the same ${blocks} blocks into a scratch file`);
  const scratch = join(dataDir, "sample-scratch.sqlite");
  const removeScratch = () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(scratch + suffix, { force: true });
  };
  removeScratch();
  const sqliteDb = new SqliteIndexDatabase({ path: scratch });
  try {
    return { postgres, sqlite: await projectDataset(sqliteDb, new World(record.options), { blocks, denseEverywhere: true }, log) };
  } finally {
    await sqliteDb.close();
    removeScratch();
  }
}

async function postgresPart(sqlitePath: string, record: BuildRecord, list: readonly Workload[], pools: Map<string, string[]>): Promise<PostgresPart> {
  const cluster = await startTestPostgres();
  try {
    // The server inherited the load generator's CPU: it may use both until the load.
    if (pin) await pinPostgres(cluster.url, "0,1");
    // Settings an operator would give an SSD-backed index server (reloadable without a restart).
    await runAdminSql(cluster.url, "ALTER SYSTEM SET random_page_cost = 1.1");
    await runAdminSql(cluster.url, "ALTER SYSTEM SET jit = off");
    await runAdminSql(cluster.url, "SELECT pg_reload_conf()");

    const sample = await projectionSample(cluster.url, record);

    log("PostgreSQL: loading the full index in bulk from the SQLite file");
    await runAdminSql(cluster.url, "CREATE DATABASE bench_index");
    const url = cluster.url.replace(/\/postgres$/, "/bench_index");
    const started = performance.now();
    const copy = await copySqliteToPostgres(sqlitePath, url, log);
    const copySeconds = (performance.now() - started) / 1000;
    const rowsMatch = tables.every((t) => copy.rows[t.name] === record.rows[t.name]);
    let digestsMatch: boolean | null = null;
    if (record.options.scale <= digestScaleMax) {
      const sqlite = new SqliteIndexDatabase({ path: sqlitePath });
      const postgres = await PostgresIndexDatabase.open({ url });
      try {
        digestsMatch = (await indexDigest(sqlite)) === (await indexDigest(postgres));
      } finally {
        await Promise.all([sqlite.close(), postgres.close()]);
      }
    }
    if (pin) await pinPostgres(url, "0");
    log("PostgreSQL: load");
    const engine = await measureEngine("postgres", url, list, pools);
    return { sample, copySeconds, copy, rowsMatch, digestsMatch, engine };
  } finally {
    await cluster.stop();
  }
}

// ---- the report -------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "—");
const latency = (r: LoadResult | undefined) => (r === undefined ? "—" : `${fmt(r.p50Ms, 2)} / ${fmt(r.p99Ms, 2)}`);
const rate = (r: LoadResult | undefined) => (r === undefined ? "—" : fmt(r.requestsPerSecond));
const ratio = (r: LoadResult | undefined, base: LoadResult) => (r === undefined ? "—" : `${(r.requestsPerSecond / base.requestsPerSecond).toPrecision(2)}×`);

function meets(workload: Workload, r: LoadResult): boolean {
  const t = workload.target!;
  return r.p99Ms <= t.p99Ms && (t.requestsPerSecond === undefined || r.requestsPerSecond >= t.requestsPerSecond);
}

const tps = (p: { transactions: number; seconds: number }) => (p.seconds > 0 ? p.transactions / p.seconds : Number.NaN);
const ingestTarget = 10_000;

/** A row of the projection table; `local` when the projection's writes are this process's (SQLite). */
function phaseRow(label: string, p: PhaseTiming, target: boolean, local = true): string[] {
  const perBlock = p.blocks === 0 ? "—" : `${fmt(p.transactions / p.blocks, 1)} / ${fmt((p.seconds / p.blocks) * 1000, 1)} ms / ${fmt(p.maxBlockSeconds * 1000)} ms`;
  const written = p.transactions === 0 || !local ? "—" : `${fmt(p.writtenBytes / 1e9, 1)} GB, ${fmt(p.writtenBytes / p.transactions / 1e3, 1)} kB/tx`;
  const verdict = target ? (tps(p) >= ingestTarget ? "✔" : "✘") : "";
  return [label, fmt(p.blocks), fmt(p.transactions), `${fmt(p.seconds, 1)} s`, perBlock, written, fmt(tps(p)), target ? `≥ ${fmt(ingestTarget)} tx/s` : "", verdict];
}

function projectionRows(record: BuildRecord, world: World, pgPart: PostgresPart | null): string[][] {
  const { phases } = record.run;
  const hours = (seconds: number) => fmt(seconds / 3600, 1);
  const span = record.options.endTime - world.start;
  const rows = [
    phaseRow("SQLite build: account creations", phases.accounts, false),
    phaseRow(`SQLite build: the first ${hours(world.ownPaceFrom)} h, ${fmt(bulkBlockTransactions)}-tx blocks (building)`, phases.bulk, false),
    phaseRow(`SQLite build: the next ${hours(world.denseFrom - world.ownPaceFrom)} h at the network's own pace`, phases.ownPace, false),
    phaseRow(`SQLite build: the last ${hours(span - world.denseFrom)} h, ${fmt(denseBlockTransactions)}-tx blocks (10,000 tx/s of ingest), full-size index`, phases.ingest, true),
  ];
  if (pgPart !== null) {
    const { postgres, sqlite } = pgPart.sample;
    const label = (engine: string) => `${engine} sample: ${fmt(denseBlockTransactions)}-tx blocks from the start, fresh index`;
    rows.push(phaseRow(label("SQLite"), sqlite.phases.ingest, true), phaseRow(label("PostgreSQL"), postgres.phases.ingest, false, false));
  }
  return rows;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const cached = await cachedIndex(dataDir, scale, seed, rebuild, log);
  const { record } = cached;
  const world = new World(record.options);
  const list = workloads(world);
  const random = createPrng(seed + 1);
  const pools = new Map(list.map((w) => [w.name, requestBodies(w, random)]));

  if (pin) pinProcess(process.pid, "1");
  log("baseline: bare node:http handler");
  const baseline = await measureBaseline();
  log("SQLite: load");
  // The server projects live blocks into what it serves: a copy, so the cached index stays as built.
  const liveCopy = `${cached.path}.live`;
  copyFileSync(cached.path, liveCopy);
  let sqlite: EngineResults;
  try {
    sqlite = await measureEngine("sqlite", liveCopy, list, pools);
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${liveCopy}${suffix}`, { force: true });
  }
  const pgPart = withPostgres ? await postgresPart(cached.path, record, list, pools) : null;
  const postgres = pgPart?.engine ?? null;

  const c = record.run.counts;
  const shape = world.shape;
  const ageHours = (Date.now() / 1000 - record.options.endTime) / 3600;
  console.log(`\n## bench:index — scale ${scale} (seed ${seed}), ${cached.built ? "built in this run" : `cached, built ${fmt(ageHours, 1)} h ago`}: ${cached.path}`);
  console.log(
    `\nData set: ${fmt(shape.accounts)} accounts + ${fmt(shape.communities)} communities; ${fmt(c.rootPosts)} posts + ${fmt(c.comments)} comments; ${fmt(c.votes)} votes ` +
      `(${fmt(c.downvotes)} down); ${fmt(c.follows)} follows, ${fmt(c.mutes)} mutes, ${fmt(c.unfollows)} unfollows; ${fmt(c.reblogs)} reblogs; ${fmt(c.subscriptions)} subscriptions; ` +
      `${fmt(c.pins)} pins, ${fmt(c.communityOps)} other community ops; ${fmt(c.edits)} edits, ${fmt(c.commentOptions)} comment_options; ${fmt(c.payouts)} payouts (block-level virtual ops). ` +
      `${fmt(c.transactions)} transactions in ${fmt(c.blocks)} blocks. ` +
      `SQLite file ${fmt(record.fileBytes / 1e6)} MB; rows: ${Object.entries(record.rows).map(([t, n]) => `${t} ${fmt(n)}`).join(", ")}.`,
  );
  console.log(`\n### Projection (time inside Projector.project; block generation took ${fmt(record.run.generationSeconds, 1)} s more)\n`);
  console.log(table(["blocks projected", "blocks", "transactions", "time", "tx a block / mean / max block time", "written (this process)", "tx/s", "target", ""], projectionRows(record, world, pgPart)));
  if (pgPart !== null) {
    const s = pgPart.copy.seconds;
    console.log(
      `\nPostgreSQL load from the SQLite file: ${fmt(pgPart.copySeconds, 1)} s (rows ${fmt(s.rows, 1)} s, search documents ${fmt(s.search, 1)} s, indexes ${fmt(s.indexes, 1)} s, ANALYZE ${fmt(s.analyze, 1)} s); ` +
        `row counts ${pgPart.rowsMatch ? "equal" : "DIFFER"}; digest ${pgPart.digestsMatch === null ? `not compared (scale > ${digestScaleMax})` : pgPart.digestsMatch ? "equal" : "DIFFERS"}.`,
    );
  }
  const cores = pin ? `server process${postgres === null ? "" : " (and PostgreSQL's)"} pinned to CPU 0, load generator to CPU 1` : "not pinned: server and generator share both CPUs";
  console.log(`\n### Under load: ${connections} keep-alive connections, ${warmupSeconds} s warm-up + ${seconds} s per method; ${cores}\n`);
  const header = ["method", "SQLite p50 / p99 ms", "SQLite req/s", "× bare", "target (SQLite)", "", "PostgreSQL p50 / p99 ms", "PostgreSQL req/s", "× bare"];
  const pgBaseline = postgres === null ? ["—", "—", "—"] : [latency(baseline), rate(baseline), "1.00×"];
  const rows: string[][] = [["bare node:http handler (baseline)", latency(baseline), rate(baseline), "1.00×", "", "", ...pgBaseline]];
  for (const w of list) {
    const s = sqlite.results.get(w.name)!;
    const p = postgres?.results.get(w.name);
    const target = w.target === undefined ? "" : `p99 ≤ ${w.target.p99Ms} ms${w.target.requestsPerSecond === undefined ? "" : `, ≥ ${fmt(w.target.requestsPerSecond)}/s`}`;
    rows.push([w.name, latency(s), rate(s), ratio(s, baseline), target, w.target === undefined ? "" : meets(w, s) ? "✔" : "✘", latency(p), rate(p), ratio(p, baseline)]);
  }
  console.log(table(header, rows));
  console.log(
    `\nLive blocks projected by the server while it was loaded (${liveBlockTransactions} transactions each, every 3 s): SQLite ${sqlite.liveBlocks}` +
      `${postgres === null ? "" : `; PostgreSQL ${postgres.liveBlocks}`}.`,
  );
  console.log(`\nServer peak RSS (VmHWM): SQLite ${fmt(sqlite.peakRssMb)} MB${postgres === null ? "" : `, PostgreSQL ${fmt(postgres.peakRssMb)} MB (the API process; PostgreSQL's own memory not included)`}.`);
  console.log("\nAnswers checked before loading (20 requests each):");
  for (const w of list) console.log(`- ${w.name}: SQLite ${sqlite.sanity.get(w.name)}${postgres === null ? "" : `; PostgreSQL ${postgres.sanity.get(w.name)}`}`);

  const errors: string[] = [];
  for (const [engine, results] of [["SQLite", sqlite], ["PostgreSQL", postgres]] as const) {
    if (results === null) continue;
    for (const [name, r] of results.results) if (r.errors > 0) errors.push(`${engine} ${name}: ${r.errors} errors, first: ${r.firstError}`);
    for (const [name, note] of results.sanity) if (!note.startsWith("ok")) errors.push(`${engine} ${name}: ${note}`);
  }
  if (baseline.errors > 0) errors.push(`baseline: ${baseline.errors} errors, first: ${baseline.firstError}`);
  if (pgPart !== null && (!pgPart.rowsMatch || pgPart.digestsMatch === false)) errors.push("the PostgreSQL copy differs from the SQLite index");
  const toJson = (m: Map<string, LoadResult> | undefined) => (m === undefined ? null : Object.fromEntries(m));
  console.log(
    `\nJSON ${JSON.stringify({
      scale, seed, connections, seconds, warmupSeconds, pinned: pin, build: record, baseline, sqlite: { results: toJson(sqlite.results), peakRssMb: sqlite.peakRssMb, liveBlocks: sqlite.liveBlocks },
      postgres: pgPart === null ? null : { sample: pgPart.sample, copySeconds: pgPart.copySeconds, copy: pgPart.copy, results: toJson(pgPart.engine.results), peakRssMb: pgPart.engine.peakRssMb },
      errors,
    })}`,
  );
  if (errors.length > 0) {
    console.log(`\nFAILED:\n${errors.map((e) => `- ${e}`).join("\n")}`);
    process.exitCode = 1;
  }
}

await main();
