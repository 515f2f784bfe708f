/**
 * The web site under load (the target: with the index benchmark's data, server-side render of the post
 * page and of trending at p99 ≤ 20 ms and at least 2,000 pages/s on one core; JavaScript shipped per page
 * ≤ 60 KB compressed).
 *
 *  1. Takes bench:index's cached SQLite index (its cache key; it is never built here unless `--build on`:
 *     at scale 1 that takes half an hour) and samples pages from it: top-level posts of the last week and of
 *     the rest of the month (`--posts`, half each), the threads of 100 replies or more apart, and trending
 *     lists — global, by community and by tag (Zipf-weighted as the data set's activity is), page 1 and the
 *     next page.
 *  2. Serves the site from a child process (web-server.ts: createWebApp's pages over the index methods, the
 *     chain methods forwarded to a small dev chain node in another process, web-chain.ts) and loads it with a closed-loop
 *     GET generator (web-load.ts: `--connections` keep-alive connections, `--warmup` then `--seconds` per
 *     page type, the requests in a fixed seeded random order, half of them by logged-in readers whose
 *     accounts exist on the chain and in the index). The site serves a copy of the index into which, with
 *     `--live on` (default), a block of the network's own pace is projected every 3 s, as bench:index's
 *     server does: every per-head cache (the API's and the site's) sees the head move. Before each load,
 *     every distinct page is requested once, one at a time: that checks it (HTTP 200 and the page's markup)
 *     and measures first views, whose caches are cold. A bare node:http handler answering a fixed 20 KB page
 *     is measured in the same run, with the same generator, as the baseline the figures are compared with.
 *     With `--uncached on` (default) the targeted page types are then measured again from a site that
 *     renders every page (no page kept per head for readers who are not logged in).
 *  3. The scripts each page loads (read from the pages served), with their gzip and brotli sizes as served,
 *     and the chunks a page may load on a first action; every client entry's own cost as well.
 *  4. The server's resident memory after the run.
 *
 * With pinning (default) the server process runs on CPU 0, the load generator and the chain on CPU 1. It prints a
 * report and a verdict per target; the exit code is 0 unless a page failed (a report, not a test).
 *
 *   npm run bench:web [-- --scale 1 --seed 1 --seconds 10 --warmup 10 --connections 10 --posts 2000
 *                         --observers 100 --live on|off --uncached on|off --data DIR --build off|on --pin on|off --only PATTERN --profile DIR]
 *
 * `--profile DIR` writes a CPU profile of the server per page type's measured window to DIR (web-N.cpuprofile).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, rmSync } from "node:fs";
import { SqliteIndexDatabase } from "../src/index/db/sqlite.ts";
import { createPrng } from "../src/stdx/prng.ts";
import { buildClientBundles } from "../src/web/client-bundle.ts";
import { clientEntries } from "../src/web/client-entries.ts";
import { benchArgs, indexLoadArgs } from "./args.ts";
import { type BuildRecord, cachedIndex, cachedIndexPath } from "./index-build.ts";
import { World } from "./index-dataset.ts";
import { type GetLoadResult, runGetLoad } from "./web-load.ts";
import { firstViews, type SampledPosts, samplePosts } from "./web-pages.ts";
import { type Measured, type PageWorkload, printReport, type Report } from "./web-report.ts";
import { moduleScriptPaths } from "./web-sample.ts";
import { pageScripts } from "./web-scripts.ts";
import { observerNames, postWorkloads, rankedWorkloads } from "./web-workloads.ts";

const args = benchArgs();
const { scale, seed, seconds, warmupSeconds, connections, dataDir, pin, only } = indexLoadArgs(args);
const postCount = Number(args.get("posts") ?? 2_000);
const observerCount = Number(args.get("observers") ?? 100);
const build = args.get("build") === "on";
const profileDir = args.get("profile");
const live = (args.get("live") ?? "on") === "on";
const uncached = (args.get("uncached") ?? "on") === "on";

const log = (line: string) => console.error(line);

/** Threads at least this long are measured apart. */
const largeThreadReplies = 100;

// ---- processes ------------------------------------------------------------------------------------

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  /** What it printed so far. */
  readonly output: () => string;
}

/** Starts `node bench/<script> …args` on `cpus` (when pinning); resolves once it prints "<ready> URL". */
function startChild(script: string, args: readonly string[], ready: string, cpus: string): Promise<Server> {
  const command = [process.execPath, "--import", "tsx", `bench/${script}`, ...args];
  const child = pin ? spawn("taskset", ["-c", cpus, ...command], { stdio: ["ignore", "pipe", "inherit"] }) : spawn(command[0], command.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = new RegExp(`${ready} (http://\\S+)`).exec(out);
      if (match) resolve({ child, url: match[1], output: () => out });
    });
    child.once("exit", (code) => reject(new Error(`bench/${script} exited with ${code}`)));
  });
}

/** A site or baseline server, on the server's core. */
const startServer = (mode: "site" | "bare", extra: readonly string[]) => startChild("web-server.ts", [mode, ...extra], "listening on", "0");

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGTERM");
  await exited;
}

/** The server's resident set now and at its peak, in MB (10^6 bytes). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: (kb("VmRSS") * 1024) / 1e6, peak: (kb("VmHWM") * 1024) / 1e6 };
}

function pinProcess(pid: number, cpus: string): void {
  const result = spawnSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`taskset could not pin ${pid}: ${result.stderr}`);
}

// ---- the pages ------------------------------------------------------------------------------------

/** The index to serve: bench:index's cached build for this scale and seed, never rebuilt unless asked. */
async function theIndex(): Promise<{ path: string; record: BuildRecord }> {
  mkdirSync(dataDir, { recursive: true });
  if (build) return cachedIndex(dataDir, scale, seed, false, log);
  const path = cachedIndexPath(dataDir, scale, seed);
  const recordPath = path.replace(/\.sqlite$/, ".json");
  if (!existsSync(path) || !existsSync(recordPath)) {
    throw new Error(`no cached index for this projector at scale ${scale}, seed ${seed} (${path}): run bench:index with the same scale first, or pass --build on`);
  }
  return { path, record: JSON.parse(readFileSync(recordPath, "utf8")) as BuildRecord };
}

// ---- measuring ------------------------------------------------------------------------------------

interface SiteRun {
  readonly measured: readonly Measured[];
  /** Per page type, the scripts one of its pages loads. */
  readonly pageScriptPaths: ReadonlyMap<string, string[]>;
  readonly memory: Report["memory"];
  readonly liveBlocks: string | null;
}

/** What a site pass serves: its observers, and its workloads (null: made from the first pages served). */
interface SitePass {
  readonly observers: readonly string[];
  /** The chain's JSON-RPC address (web-chain.ts). */
  readonly chain: string;
  readonly workloads: readonly PageWorkload[] | null;
  /** Whether the site keeps anonymous readers' pages per head (page-cache.ts). */
  readonly pageCache: boolean;
  /** Measure only the page types the issue sets targets for. */
  readonly targetedOnly: boolean;
}

/** Serves the index from a site server and loads it with each workload in turn. */
async function measureSite(indexPath: string, posts: SampledPosts, world: World, pass: SitePass): Promise<SiteRun & { workloads: readonly PageWorkload[] }> {
  log(`site (page cache ${pass.pageCache ? "on" : "off"}): starting`);
  const server = await startServer("site", [
    "--index", indexPath, "--chain", pass.chain, "--live", live ? "on" : "off", "--page-cache", pass.pageCache ? "on" : "off",
    ...(profileDir === undefined ? [] : ["--profile", profileDir]),
  ]);
  try {
    const random = createPrng(seed + 3);
    const workloads = pass.workloads ?? [
      ...postWorkloads(posts, largeThreadReplies, pass.observers, random), ...(await rankedWorkloads(server.url, world, pass.observers, random)),
    ].filter((w) => only === undefined || w.name.includes(only));
    const measured: Measured[] = [];
    const pageScriptPaths = new Map<string, string[]>();
    for (const workload of workloads.filter((w) => w.targeted || !pass.targetedOnly)) {
      log(`site: ${workload.name}: first views`);
      const first = await firstViews(server.url, workload.requests, workload.marker);
      pageScriptPaths.set(workload.name, moduleScriptPaths(first.samplePage));
      log(`site: ${workload.name}: load`);
      // A profile of the measured window only (the server toggles its profiler at each SIGUSR2).
      const profiling = profileDir === undefined ? null : setTimeout(() => server.child.kill("SIGUSR2"), warmupSeconds * 1000);
      const load = await runGetLoad({ url: server.url, connections, warmupSeconds, seconds, requests: first.requests });
      if (profiling !== null) server.child.kill("SIGUSR2");
      measured.push({ workload, first, load });
    }
    const memory = memoryMb(server.child.pid!);
    await stopServer(server);
    const blocks = /live blocks (\d+) mean (\S+) max (\S+)/.exec(server.output());
    const liveBlocks = blocks === null ? null : `${blocks[1]} blocks projected, mean ${blocks[2]} ms, max ${blocks[3]} ms`;
    return { measured, pageScriptPaths, memory, liveBlocks, workloads };
  } finally {
    await stopServer(server);
  }
}

/**
 * The site as it serves (anonymous readers' pages kept per head), then — with `--uncached on` — the
 * targeted page types again from a site that renders every page: the same run, chain and copy of the index.
 */
async function measureSites(indexPath: string, posts: SampledPosts, world: World): Promise<{ cached: SiteRun; uncached: readonly Measured[]; observers: number }> {
  const observers = observerNames(world, observerCount, createPrng(seed + 2));
  log(`chain: starting a dev chain node (creating ${observers.length} observer accounts)`);
  // On the load generator's core: it answers a few calls per block and makes a block every 3 s.
  const chainProcess = await startChild("web-chain.ts", [observers.join(",")], "chain on", "1");
  try {
    const chain = chainProcess.url;
    const cached = await measureSite(indexPath, posts, world, { observers, chain, workloads: null, pageCache: true, targetedOnly: false });
    const again = uncached ? await measureSite(indexPath, posts, world, { observers, chain, workloads: cached.workloads, pageCache: false, targetedOnly: true }) : null;
    return { cached, uncached: again?.measured ?? [], observers: observers.length };
  } finally {
    await stopServer(chainProcess);
  }
}

/**
 * Writes a fresh copy back to storage and reads it through once, so the first page type measured neither
 * competes with gigabytes of write-back nor reads the file from storage while the second finds it cached
 * (without this, the first site pass of a run measured a p99 half again as high).
 */
function settleFile(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
    const buffer = Buffer.allocUnsafe(8 * 1024 * 1024);
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  const { path, record } = await theIndex();
  const world = new World(record.options);
  log(`index: ${path}`);
  const db = new SqliteIndexDatabase({ path });
  let posts: SampledPosts;
  try {
    posts = await samplePosts(db, postCount, createPrng(seed + 1), largeThreadReplies);
  } finally {
    await db.close();
  }
  if (pin) pinProcess(process.pid, "1");
  log("baseline: bare node:http handler, a 20 KB page");
  const bare = await startServer("bare", []);
  let baseline: GetLoadResult;
  try {
    baseline = await runGetLoad({ url: bare.url, connections, warmupSeconds, seconds, requests: [{ path: "/" }] });
  } finally {
    await stopServer(bare);
  }
  // Live blocks write into what the site serves: a copy, so the cached index stays as built.
  const served = live ? `${path}.live` : path;
  let sites: Awaited<ReturnType<typeof measureSites>>;
  try {
    if (live) {
      log(`copying the index to ${served} (live blocks are projected into it)`);
      copyFileSync(path, served);
      settleFile(served);
    }
    sites = await measureSites(served, posts, world);
  } finally {
    if (live) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${served}${suffix}`, { force: true });
  }
  const bundles = await buildClientBundles(clientEntries);
  const entries = Object.fromEntries(Object.keys(bundles.entries).map((name) => [name, pageScripts(bundles, name === "app" ? [] : [name])]));
  const site = sites.cached;
  const scripts = new Map([...site.pageScriptPaths].map(([name, paths]) => [name, { paths, cost: pageScripts(bundles, entryNamesOf(bundles, paths)) }]));
  const report: Report = {
    measured: site.measured, uncached: sites.uncached, memory: site.memory, observers: sites.observers, liveBlocks: site.liveBlocks, baseline, scripts, entries,
    scale, seed, connections, seconds, warmupSeconds, pinned: pin, indexPath: path, record, posts,
  };
  const failed = printReport(report);
  if (failed) process.exitCode = 1;
}

/** The client entries whose start files a page's script paths are (each entry's own file is first in its list). */
function entryNamesOf(bundles: Awaited<ReturnType<typeof buildClientBundles>>, paths: readonly string[]): string[] {
  return Object.values(bundles.entries).filter((entry) => paths.includes(entry.path)).map((entry) => entry.name);
}

await main();
