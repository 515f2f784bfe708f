// Starts the real `kettle` command line (dev by default) in a child process for end-to-end tests and talks JSON-RPC to it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface StartKettleOptions {
  /** Create the demo accounts and seed post (default false: `--no-demo`). */
  readonly demo?: boolean;
  /** Seconds between blocks (default 1). */
  readonly blockInterval?: number;
  /** More command-line flags, appended after the defaults. */
  readonly extraArgs?: string[];
  /** Use this data directory and keep it afterwards; by default a fresh temporary one is made and removed. */
  readonly dataDir?: string;
  /** The whole command line after `bin/kettle.mjs` (replaces the dev defaults; `{data}` stands for the data directory). */
  readonly args?: readonly string[];
}

export interface KettleProcess {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** What the node printed so far (stdout then stderr, the last few KB of each). */
  output(): string;
  /** A JSON-RPC call (`method` as `api.method`); throws an Error carrying the node's message on an error response. */
  rpc(method: string, params: unknown): Promise<any>;
  /** Stops the node (SIGINT by default), resolves to its exit code, removes a temporary data directory. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const repositoryRoot = resolve(import.meta.dirname, "../..");
const cliPath = join(repositoryRoot, "bin/kettle.mjs");
const readinessTimeoutMs = 20_000;
const stopTimeoutMs = 10_000;
const outputKeptChars = 8_000;
const readinessPattern = /Kettle JSON-RPC listening on (http:\/\/[^\s]+)/;

/** Spawns `node bin/kettle.mjs dev --port 0 --quiet …` and resolves once it prints its listening line. */
export async function startKettle(options: StartKettleOptions = {}): Promise<KettleProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "kettle-process-"));
  const args = options.args !== undefined
    ? [cliPath, ...options.args.map((a) => a.replace("{data}", dataDir))]
    : [
      cliPath, "dev", "--port", "0", "--data", dataDir, "--block-interval", String(options.blockInterval ?? 1), "--quiet",
      ...(options.demo === true ? [] : ["--no-demo"]), ...(options.extraArgs ?? []),
    ];
  const child = spawn(process.execPath, args, { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-outputKeptChars);
  });
  // If the test process dies without calling stop(), the node must not outlive it.
  const killOnExit = () => {
    child.kill("SIGKILL");
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("exit", killOnExit);
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => {
    process.removeListener("exit", killOnExit);
    resolveExit(code);
  }));

  let url: string;
  try {
    url = await new Promise<string>((resolveUrl, reject) => {
      const fail = (why: string) => reject(new Error(`kettle dev did not start: ${why}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
      const timer = setTimeout(() => fail(`no "Kettle JSON-RPC listening on" line within ${readinessTimeoutMs} ms`), readinessTimeoutMs);
      child.stdout.on("data", (chunk: string) => {
        stdout = (stdout + chunk).slice(-outputKeptChars);
        const match = readinessPattern.exec(stdout);
        if (match !== null) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        fail(error.message);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        fail(`it exited with code ${code} (signal ${signal})`);
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopping: Promise<number | null> | null = null;
  return {
    url,
    dataDir,
    process: child,
    output: () => `${stdout}${stderr}`,
    rpc: (method, params) => callRpc(url, method, params),
    stop: (signal = "SIGINT") => (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
      const code = await exited;
      clearTimeout(timer);
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    })()),
  };
}

let nextRequestId = 1;

/** One JSON-RPC 2.0 request over HTTP POST. */
export async function callRpc(url: string, method: string, params: unknown): Promise<any> {
  const id = nextRequestId++;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
  });
  const text = await response.text();
  let body: { result?: unknown; error?: { code?: number; message?: string }; id?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${method}: HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
  }
  if (body.error !== undefined) {
    const error = new Error(`${method} failed (${body.error.code}): ${body.error.message}`) as Error & { rpcError?: unknown };
    error.rpcError = body.error;
    throw error;
  }
  if (body.id !== id) throw new Error(`${method}: response id ${JSON.stringify(body.id)} does not echo request id ${id}`);
  if (!("result" in body)) throw new Error(`${method}: response has neither result nor error: ${text.slice(0, 500)}`);
  return body.result;
}

// What the chain should compute, from steemd's formulas, so the client suites can check values exactly.

const assetPattern = /^(-?)(\d+)\.(\d+) ([A-Z]+)$/;

/** A legacy asset string ("1.000 STEEM", "2.000000 VESTS") as its raw integer amount. */
export function parseAssetRaw(text: string): bigint {
  const match = assetPattern.exec(text);
  if (match === null) throw new Error(`not a legacy asset string: ${JSON.stringify(text)}`);
  const raw = BigInt(match[2] + match[3]);
  return match[1] === "-" ? -raw : raw;
}

/** A raw amount as a legacy asset string with the symbol's precision. */
export function formatAssetRaw(raw: bigint, symbol: "STEEM" | "SBD" | "VESTS"): string {
  const precision = symbol === "VESTS" ? 6 : 3;
  const digits = (raw < 0n ? -raw : raw).toString().padStart(precision + 1, "0");
  return `${raw < 0n ? "-" : ""}${digits.slice(0, -precision)}.${digits.slice(-precision)} ${symbol}`;
}

/** VESTS (raw) that `steemRaw` buys at the price in a legacy get_dynamic_global_properties result. */
export function vestsForSteem(props: { total_vesting_shares: unknown; total_vesting_fund_steem: unknown }, steemRaw: bigint): bigint {
  const shares = parseAssetRaw(String(props.total_vesting_shares));
  const fund = parseAssetRaw(String(props.total_vesting_fund_steem));
  if (shares === 0n || fund === 0n) return steemRaw * 1000n;
  return (steemRaw * shares) / fund;
}

/**
 * Checks that a power-up of `steemRaw` bought `actualVests`: every block's issuance makes VESTS dearer
 * (the vesting fund grows faster than the shares), so the price when the power-up applied lies between the
 * price read before the broadcast and the one read after it.
 */
export function assertVestsBought(actualVests: bigint, steemRaw: bigint, propsBefore: PriceProps, propsAfter: PriceProps): void {
  const most = vestsForSteem(propsBefore, steemRaw);
  const least = vestsForSteem(propsAfter, steemRaw) - 1n;
  if (actualVests < least || actualVests > most) throw new Error(`${steemRaw} raw STEEM bought ${actualVests} raw VESTS, outside [${least}, ${most}] at the prices before and after`);
}

type PriceProps = { total_vesting_shares: unknown; total_vesting_fund_steem: unknown };

const manaRegenerationSeconds = 432000;
const votePowerReserveRate = 10n;
const voteDustThresholdRshares = 50_000_000n;
const downvotePoolPercent = 2500n;

/** The voting manabar at `now` (steemd `regenerate_mana`): linear refill over five days, capped at the maximum. */
export function regenerateMana(current: bigint, lastUpdateTime: number, maxMana: bigint, now: number): bigint {
  if (current >= maxMana) return maxMana;
  const elapsed = BigInt(Math.min(Math.max(0, now - lastUpdateTime), manaRegenerationSeconds));
  const regenerated = current + (maxMana * elapsed) / BigInt(manaRegenerationSeconds);
  return regenerated > maxMana ? maxMana : regenerated;
}

/**
 * Mana a vote uses and the rshares it casts (steemd hf20_vote_evaluator with HF21's dust threshold and HF22's downvote
 * rule: a downvote is sized by the larger of the voting mana and the downvote mana scaled up to the whole pool).
 */
export function voteRshares(votingMana: bigint, weight: number, downvoteMana?: bigint): { usedMana: bigint; rshares: bigint } {
  const absWeight = BigInt(Math.abs(weight));
  let base = votingMana;
  if (weight < 0) {
    if (downvoteMana === undefined) throw new Error("a downvote needs the downvote mana");
    const scaled = (downvoteMana * 10000n) / downvotePoolPercent;
    if (scaled > base) base = scaled;
  }
  const denominator = votePowerReserveRate * BigInt(manaRegenerationSeconds);
  const usedMana = ((base * absWeight * 86400n) / 10000n + denominator - 1n) / denominator;
  const absRshares = usedMana > voteDustThresholdRshares ? usedMana - voteDustThresholdRshares : 0n;
  return { usedMana, rshares: weight < 0 ? -absRshares : absRshares };
}

/** The downvote manabar's maximum: a quarter of the voting manabar's (downvote_pool_percent 25 %). */
export function downvoteManaMax(effectiveVests: bigint): bigint {
  return (effectiveVests * downvotePoolPercent) / 10000n;
}

/** Own + received − delegated VESTS (raw) of a legacy account object: the voting manabar's maximum. */
export function effectiveVestingShares(account: { vesting_shares: string; received_vesting_shares: string; delegated_vesting_shares: string }): bigint {
  return parseAssetRaw(account.vesting_shares) + parseAssetRaw(account.received_vesting_shares) - parseAssetRaw(account.delegated_vesting_shares);
}

/** Seconds since 1970 of a chain time string ("2026-11-24T19:32:25", UTC without a zone). */
export function parseChainTime(text: string): number {
  return Date.parse(`${text}Z`) / 1000;
}

export function formatChainTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}
