/**
 * Ingest benchmark: signed votes and transfers from many accounts, sent as JSON-RPC batches of
 * condenser_api.broadcast_transaction_synchronous to a real `kettle dev` process, counted when answered
 * (answered = applied and in an fsynced block). Reported next to this machine's native signature
 * recovery rate measured in the same run.
 *
 *   npm run bench:ingest [-- --accounts 100000 --seconds 60 --rate 10000 --batch 100 --node-flags '…' --kettle-args '…' --hold-seconds 0]
 *
 * With BENCH_NODE_STDOUT=FILE the node's standard output (e.g. `--node-flags --trace-gc`) is appended to FILE.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatLegacyTransaction } from "../src/api/format/transaction-json.ts";
import { sha256 } from "../src/core/crypto/hash.ts";
import { decodeWif, getPublicKey, type PublicKey } from "../src/core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../src/core/protocol/authority.ts";
import type { Operation } from "../src/core/protocol/operation-schemas.ts";
import { signTransaction } from "../src/core/protocol/transaction.ts";
import { nativeSecp256k1 as secp } from "../src/node/native-secp256k1.ts";
import { hexToBytes, utf8Encode } from "../src/stdx/bytes.ts";
import { benchArgs } from "./args.ts";

const args = benchArgs();
const accountCount = Number(args.get("accounts") ?? 100_000);
const seconds = Number(args.get("seconds") ?? 60);
const rate = Number(args.get("rate") ?? 10_000);
const batchSize = Number(args.get("batch") ?? 100);
const postCount = Math.min(1000, accountCount);
/** Seconds to keep the node running after the report (to inspect it, e.g. take a heap snapshot). */
const holdSeconds = Number(args.get("hold-seconds") ?? 0);
const initSecret = decodeWif("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n")!;
const chainId = new Uint8Array(32);
/** Recreated before the timed run: sockets left idle while pre-signing may have been closed by the server. */
let agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function measureNativeRecoverRate(ms: number): number {
  const secret = sha256(utf8Encode("bench"));
  const digests = Array.from({ length: 256 }, (_, i) => sha256(utf8Encode(`d${i}`)));
  const sigs = digests.map((d) => secp.signRecoverable(d, secret));
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 256; i++) secp.recover(digests[i], sigs[i].signature, sigs[i].recoveryId);
    n += 256;
  }
  return (n / (performance.now() - start)) * 1000;
}

function startNode(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const nodeFlags = (args.get("node-flags") ?? "").split(" ").filter(Boolean);
  const kettleArgs = (args.get("kettle-args") ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, "bin/kettle.mjs", "dev", "--no-demo", "--quiet", "--port", "0", "--data", dataDir, "--max-block-size", String(32 * 1024 * 1024), ...kettleArgs], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      if (process.env.BENCH_NODE_STDOUT) appendFileSync(process.env.BENCH_NODE_STDOUT, chunk);
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.once("exit", (code) => reject(new Error(`node exited with ${code}`)));
  });
}

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => resolve(Buffer.concat(chunks).toString()));
    });
    request.on("error", reject);
    request.end(body);
  });
}

async function rpc(url: string, method: string, params: unknown): Promise<any> {
  const response = JSON.parse(await post(url, JSON.stringify({ jsonrpc: "2.0", id: 1, method, params })));
  if (response.error) throw new Error(`${method}: ${response.error.message}`);
  return response.result;
}

interface Head { num: number; prefix: number; time: number }
async function getHead(url: string): Promise<Head> {
  const dgp = await rpc(url, "condenser_api.get_dynamic_global_properties", []);
  const id = hexToBytes(dgp.head_block_id);
  return { num: dgp.head_block_number & 0xffff, prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0, time: Date.parse(`${dgp.time}Z`) / 1000 };
}

function signJson(head: Head, operations: Operation[], secrets: Uint8Array[], nonce: number): unknown {
  const tx = signTransaction(secp, { ref_block_num: head.num, ref_block_prefix: head.prefix, expiration: head.time + 3000 + (nonce % 500), operations, extensions: [] }, chainId, secrets);
  return formatLegacyTransaction(tx, { addressPrefix: "STM" });
}

const name = (i: number) => `u${i.toString(36).padStart(4, "0")}`;

async function setup(url: string, secrets: Uint8Array[], keys: PublicKey[]): Promise<void> {
  const head = await getHead(url);
  const perTx = 60;
  const bodies: string[] = [];
  for (let start = 0; start < accountCount; start += perTx) {
    const ops: Operation[] = [];
    for (let i = start; i < Math.min(accountCount, start + perTx); i++) {
      const auth = createSingleKeyAuthority(keys[i]);
      ops.push({ type: "account_create", value: { fee: { amount: 3000n, symbol: "STEEM" }, creator: "initminer", new_account_name: name(i), owner: auth, active: auth, posting: auth, memo_key: keys[i], json_metadata: "" } });
      ops.push({ type: "transfer_to_vesting", value: { from: "initminer", to: name(i), amount: { amount: 1000n, symbol: "STEEM" } } });
      ops.push({ type: "transfer", value: { from: "initminer", to: name(i), amount: { amount: 1000n, symbol: "STEEM" }, memo: "" } });
    }
    bodies.push(JSON.stringify({ jsonrpc: "2.0", id: start, method: "condenser_api.broadcast_transaction_synchronous", params: [signJson(head, ops, [initSecret], start)] }));
  }
  // Each synchronous broadcast waits for its block, so send many per round (≈ 7 MB of accounts a block).
  for (let i = 0; i < bodies.length; i += 400) {
    const results = await Promise.all(bodies.slice(i, i + 400).map((b) => post(url, b)));
    for (const r of results) if (JSON.parse(r).error) throw new Error(`setup: ${r.slice(0, 300)}`);
  }
  const postHead = await getHead(url);
  const posts: string[] = [];
  for (let i = 0; i < postCount; i++) {
    const op: Operation = { type: "comment", value: { parent_author: "", parent_permlink: "bench", author: name(i), permlink: "post", title: "Bench", body: "A post to vote on.", json_metadata: "{}" } };
    posts.push(JSON.stringify({ jsonrpc: "2.0", id: i, method: "condenser_api.broadcast_transaction_synchronous", params: [signJson(postHead, [op], [secrets[i]], i)] }));
  }
  await Promise.all(posts.map((b) => post(url, b)));
}

/** Round-robin over accounts so an account's consecutive transactions are ≥ accountCount / rate seconds apart. */
function presign(head: Head, secrets: Uint8Array[], total: number): string[] {
  const bodies: string[] = [];
  let batch: unknown[] = [];
  for (let n = 0; n < total; n++) {
    const i = n % accountCount;
    const round = Math.floor(n / accountCount);
    const op: Operation = n % 2 === 0
      ? { type: "vote", value: { voter: name(i), author: name((i + 1 + round * 7) % postCount), permlink: "post", weight: 100 + (round % 50) } }
      : { type: "transfer", value: { from: name(i), to: name((i + 1) % accountCount), amount: { amount: 1n, symbol: "STEEM" }, memo: String(round) } };
    batch.push({ jsonrpc: "2.0", id: n, method: "condenser_api.broadcast_transaction_synchronous", params: [signJson(head, [op], [secrets[i]], n)] });
    if (batch.length === batchSize) {
      bodies.push(JSON.stringify(batch));
      batch = [];
    }
  }
  if (batch.length > 0) bodies.push(JSON.stringify(batch));
  return bodies;
}

/** The process's resident set in bytes, from /proc (VmRSS is in KiB). */
function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

/** Megabytes (10^6 bytes) everywhere in this report. */
const mb = (bytes: number) => Math.round(bytes / 1e6);

interface NodeMemory {
  rss: number;
  heap_total: number;
  heap_used: number;
  external: number;
  array_buffers: number;
  tables: Record<string, number>;
}

function describeMemory(m: NodeMemory): string {
  const tables = Object.entries(m.tables).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(", ");
  return `rss ${mb(m.rss)} MB: JS heap ${mb(m.heap_total)} committed / ${mb(m.heap_used)} used, array buffers ${mb(m.array_buffers)} (${tables}), other external ${mb(m.external - m.array_buffers)}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function main(): Promise<void> {
  const nativeRate = measureNativeRecoverRate(2000);
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-bench-"));
  const { child, url } = await startNode(dataDir);
  try {
    console.error(`deriving ${accountCount} keys…`);
    const secrets = Array.from({ length: accountCount }, (_, i) => sha256(utf8Encode(`bench-account-${i}`)));
    const keys = secrets.map((s) => getPublicKey(secp, s));
    let t = performance.now();
    await setup(url, secrets, keys);
    console.error(`created ${accountCount} accounts and ${postCount} posts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const total = Math.ceil(rate * seconds * 1.05);
    t = performance.now();
    const bodies = presign(await getHead(url), secrets, total);
    console.error(`pre-signed ${total} transactions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    agent.destroy();
    agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    const rssAfterSetup = readRssBytes(child.pid!);
    const memoryAfterSetup: NodeMemory = await rpc(url, "debug_node_api.debug_get_memory", { gc: true });
    console.error(`after setup (collected): ${describeMemory(memoryAfterSetup)}`);
    const latencies: number[] = [];
    /** Answer arrival times (ms since start), for the steady-state rate between warm-up and the last send. */
    const arrivals: number[] = [];
    let answered = 0;
    let failed = 0;
    let firstError = "";
    /** The highest RSS seen, from /proc every 250 ms and from the node's own samples every 500 ms. */
    let maxRss = rssAfterSetup;
    /** What the node's memory was made of at its highest own sample. */
    let atPeak: NodeMemory = memoryAfterSetup;
    let ticks = 0;
    const rssTimer = setInterval(() => {
      maxRss = Math.max(maxRss, readRssBytes(child.pid!));
      if (ticks++ % 2 === 0) {
        rpc(url, "debug_node_api.debug_get_memory", {}).then((m: NodeMemory) => {
          maxRss = Math.max(maxRss, m.rss);
          if (m.rss > atPeak.rss) atPeak = m;
        }, () => {});
      }
    }, 250);
    const intervalMs = (batchSize / rate) * 1000;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let b = 0; b < bodies.length; b++) {
      const due = started + b * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (performance.now() - started > seconds * 1000) break;
      const sent = performance.now();
      inFlight.push(post(url, bodies[b]).then((text) => {
        const now = performance.now();
        for (const response of JSON.parse(text)) {
          if (response.error) {
            failed++;
            firstError ||= response.error.message;
          } else {
            answered++;
            latencies.push(now - sent);
            arrivals.push(now - started);
          }
        }
      }));
    }
    const sendEnd = performance.now() - started;
    await Promise.all(inFlight);
    const memoryAfterRun: NodeMemory = await rpc(url, "debug_node_api.debug_get_memory", { gc: true });
    console.error(`at the peak sample: ${describeMemory(atPeak)}`);
    console.error(`after run (collected): ${describeMemory(memoryAfterRun)}`);
    const elapsed = (performance.now() - started) / 1000;
    const warmUp = Math.min(10_000, sendEnd / 4);
    const steady = arrivals.filter((t) => t >= warmUp && t <= sendEnd).length / ((sendEnd - warmUp) / 1000);
    clearInterval(rssTimer);
    latencies.sort((a, b) => a - b);
    const tps = answered / elapsed;
    const rows = [
      ["native signature recovery, one core (baseline)", `${Math.round(nativeRate)}/s`, "1.00"],
      ["transactions answered, steady state (after warm-up, until the last send)", `${Math.round(steady)}/s`, (steady / nativeRate).toFixed(2)],
      ["transactions answered, whole run including the final drain", `${Math.round(tps)}/s`, (tps / nativeRate).toFixed(2)],
      ["p50 / p99 synchronous-broadcast latency", `${Math.round(percentile(latencies, 50))} / ${Math.round(percentile(latencies, 99))} ms`, `${(percentile(latencies, 99) / 3000).toFixed(2)} block intervals at p99`],
      ["node RSS after setup / max during run (MB = 10^6 bytes)", `${mb(rssAfterSetup)} / ${mb(maxRss)} MB`, `${accountCount} accounts`],
      ["at the node's highest own sample: JS heap committed / used, array buffers", `${mb(atPeak.heap_total)} / ${mb(atPeak.heap_used)} MB, ${mb(atPeak.array_buffers)} MB`, `rss ${mb(atPeak.rss)} MB`],
      ["failed broadcasts", String(failed), firstError.slice(0, 120)],
    ];
    console.log(`\n| measure | value | ratio / note |\n|---|---:|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}`);
    console.log(`JSON ${JSON.stringify({ nativeRecoverPerSecond: Math.round(nativeRate), steadyAnsweredPerSecond: Math.round(steady), answeredPerSecond: Math.round(tps), ratioToNative: steady / nativeRate, offeredPerSecond: rate, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), rssAfterSetupMb: rssAfterSetup / 1e6, maxRssMb: maxRss / 1e6, atPeak, accounts: accountCount, seconds: elapsed, answered, failed })}`);
    if (holdSeconds > 0) {
      console.error(`holding node ${child.pid} for ${holdSeconds} s`);
      await new Promise((r) => setTimeout(r, holdSeconds * 1000));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
    agent.destroy();
  }
}

await main();
