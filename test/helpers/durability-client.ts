// Helpers for test/durability.test.ts: spawn and kill the real `kettle dev` CLI, speak raw JSON-RPC, sign
// condenser-format transactions with core/, and replay a data directory to the state hash at chosen heights.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseTime } from "../../src/api/format/json-time.ts";
import { type TransactionJson, formatLegacyTransaction } from "../../src/api/format/transaction-json.ts";
import { applyBlock } from "../../src/core/chain/apply-block.ts";
import { createGenesisState } from "../../src/core/chain/genesis.ts";
import { getStateHash } from "../../src/core/chain/state-snapshot.ts";
import { decode } from "../../src/core/encoding/codec.ts";
import { signedBlockSchema } from "../../src/core/protocol/block.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import { type Transaction, encodeTransaction, getTransactionId, signTransaction } from "../../src/core/protocol/transaction.ts";
import { readGenesisFile } from "../../src/cli/genesis-file.ts";
import { BlockLog } from "../../src/node/block-log.ts";
import { nativeSecp256k1 } from "../../src/node/native-secp256k1.ts";
import { bytesToHex, hexToBytes } from "../../src/stdx/bytes.ts";

export const repoRoot = resolve(import.meta.dirname, "..", "..");
export const kettleBin = resolve(repoRoot, "bin", "kettle.mjs");
export const devChainId = new Uint8Array(32);

// ---------------------------------------------------------------------------------------------------------------
// The node as a child process

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface KettleProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Settles when the process has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  /** Everything the process wrote to stderr so far (and stdout lines after the readiness line). */
  output(): string;
  /** Sends `signal` to the process if it is still running. */
  signal(signal: NodeJS.Signals): void;
  isRunning(): boolean;
}

const readinessPattern = /^Kettle JSON-RPC listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/;

/** Starts `kettle dev --no-demo` on loopback with a 1 s block interval and resolves once it prints its readiness line. */
export function startKettle(dataDir: string, timeoutMs = 20_000): Promise<KettleProcess> {
  const args = [kettleBin, "dev", "--no-demo", "--host", "127.0.0.1", "--port", "0", "--data", dataDir, "--block-interval", "1", "--quiet"];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let running = true;
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<ExitStatus>((resolveExit) => {
    child.once("exit", (code, signal) => {
      running = false;
      resolveExit({ code, signal });
    });
  });
  return new Promise<KettleProcess>((resolveReady, rejectReady) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      rejectReady(new Error(`kettle did not print its readiness line within ${timeoutMs} ms; output:\n${output}`));
    }, timeoutMs);
    let ready = false;
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (ready) {
        output += `${line}\n`;
        return;
      }
      const match = readinessPattern.exec(line);
      if (match === null) {
        output += `${line}\n`;
        return;
      }
      ready = true;
      clearTimeout(timer);
      resolveReady({
        url: match[1],
        pid: child.pid!,
        child,
        exited,
        output: () => output,
        signal: (signal) => {
          if (running) process.kill(child.pid!, signal);
        },
        isRunning: () => running,
      });
    });
    exited.then((status) => {
      if (ready) return;
      clearTimeout(timer);
      rejectReady(new Error(`kettle exited (code ${status.code}, signal ${status.signal}) before it was ready; output:\n${output}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// JSON-RPC

/** The node answered, with a JSON-RPC error (as opposed to the request failing in transport). */
export class RpcResponseError extends Error {
  override name = "RpcResponseError";
  constructor(readonly method: string, readonly body: { code: number; message: string; data?: unknown }) {
    super(`${method}: ${body.message} (code ${body.code})`);
  }
}

let nextRequestId = 1;

export async function rpcCall<T = any>(url: string, method: string, params: unknown = [], timeoutMs = 15_000): Promise<T> {
  const id = nextRequestId++;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { id: number; result?: T; error?: { code: number; message: string } };
  if (body.error !== undefined) throw new RpcResponseError(method, body.error);
  if (body.id !== id) throw new Error(`${method}: response id ${body.id} does not match request id ${id}`);
  return body.result as T;
}

/** Many calls in JSON-RPC batches of at most `chunk`; results in call order; any error throws. */
export async function rpcBatch<T = any>(url: string, calls: readonly { method: string; params: unknown }[], chunk = 500): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < calls.length; start += chunk) {
    const slice = calls.slice(start, start + chunk);
    const base = nextRequestId;
    nextRequestId += slice.length;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(slice.map((c, i) => ({ jsonrpc: "2.0", id: base + i, method: c.method, params: c.params }))),
      signal: AbortSignal.timeout(30_000),
    });
    const bodies = (await response.json()) as { id: number; result?: T; error?: { code: number; message: string } }[];
    if (!Array.isArray(bodies) || bodies.length !== slice.length) throw new Error(`batch of ${slice.length} answered with ${JSON.stringify(bodies).slice(0, 300)}`);
    const byId = new Map(bodies.map((b) => [b.id, b]));
    slice.forEach((call, i) => {
      const body = byId.get(base + i);
      if (body === undefined) throw new Error(`batch answer lacks id ${base + i} (${call.method})`);
      if (body.error !== undefined) throw new RpcResponseError(call.method, body.error);
      results.push(body.result as T);
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Signing

/** TaPoS reference and expiration taken from get_dynamic_global_properties. */
export interface ChainRef {
  readonly ref_block_num: number;
  readonly ref_block_prefix: number;
  readonly expiration: number;
}

export function chainRefFromProps(props: { head_block_number: number; head_block_id: string; time: string }, expiresInSeconds = 300): ChainRef {
  const id = hexToBytes(props.head_block_id);
  return {
    ref_block_num: props.head_block_number & 0xffff,
    ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0,
    expiration: parseTime(props.time) + expiresInSeconds,
  };
}

export interface SignedLegacy {
  /** The transaction id as the node reports it (40 hex characters). */
  readonly id: string;
  readonly trx: TransactionJson;
}

/** Signs operations for the dev chain and returns the condenser-format JSON and the id. */
export function signLegacy(operations: Operation[], secrets: readonly Uint8Array[], ref: ChainRef): SignedLegacy {
  const tx: Transaction = { ...ref, operations, extensions: [] };
  const signed = signTransaction(nativeSecp256k1, tx, devChainId, secrets);
  return { id: bytesToHex(getTransactionId(encodeTransaction(tx))), trx: formatLegacyTransaction(signed, { addressPrefix: "STM" }) };
}

// ---------------------------------------------------------------------------------------------------------------
// Replay

export interface ReplayHashes {
  readonly headBlockNum: number;
  readonly stateHash: string;
  /** The state hash after each requested block number that the log holds. */
  readonly at: ReadonlyMap<number, string>;
}

/**
 * Replays the data directory from genesis as `replayDataDir` does (opening the log the same way, so the node
 * must not be running), recording the state hash after each block in `heights`.
 */
export function replayStateHashes(dataDir: string, heights: Iterable<number>): ReplayHashes {
  const genesisFile = readGenesisFile(dataDir);
  if (genesisFile === null) throw new Error(`${dataDir} has no genesis.json`);
  const wanted = new Set(heights);
  const state = createGenesisState(genesisFile.genesis);
  const at = new Map<number, string>();
  if (wanted.has(0)) at.set(0, getStateHash(state));
  const options = { chainId: hexToBytes(genesisFile.chainIdHex), blockIntervalSeconds: genesisFile.blockIntervalSeconds };
  const log = BlockLog.open(dataDir);
  try {
    for (const { blockNum, bytes } of log.readRange(1, log.head)) {
      applyBlock(state, decode(signedBlockSchema, bytes), options);
      if (wanted.has(blockNum)) at.set(blockNum, getStateHash(state));
    }
  } finally {
    log.close();
  }
  return { headBlockNum: state.props.value.head_block_number, stateHash: getStateHash(state), at };
}
