/**
 * Recovers transaction signers on both cores. Signature recovery bounds ingest (≈22k/s per core with
 * libsecp256k1, reference/limits.md §1), so the main thread packs jobs into one transferable buffer per
 * worker and lets worker threads run `recoverSignatureKey`, the one place the signature rules live.
 *
 * Latency and throughput are balanced by micro-batching: calls made in the same tick are flushed together
 * from a microtask, and each worker has at most `inFlightPerWorkerMax` batches outstanding. An idle pool
 * therefore answers a single call after one message round trip, while a busy pool lets work pile up in
 * the queue and sends it as a few large batches, so per-message costs shrink as load grows.
 */
import { Worker } from "node:worker_threads";
import type { PublicKey } from "../core/crypto/keys.ts";
import type { ChainErrorCode } from "../core/errors.ts";
import { type BatchReply, encodeBatch, recoverJob } from "./signature-verifier-batch.ts";
import { getSignatureVerifierWorkerUrl } from "./signature-verifier-worker-bundle.ts";

/** One digest and the signatures over it (a transaction's signature digest and its signatures). */
export interface SignatureRecoveryJob {
  readonly digest: Uint8Array;
  readonly signatures: readonly Uint8Array[];
}

/** A rejection as a plain value: the code and message `recoverSignatureKey` throws. */
export interface ChainErrorLike {
  readonly code: ChainErrorCode;
  readonly message: string;
}

/** The signers of one job in signature order, or the error of its first unrecoverable signature. */
export type SignatureRecoveryResult = PublicKey[] | ChainErrorLike;

/** Counters for tests and metrics: how many calls arrived and how many batch messages carried them. */
export interface SignatureVerifierStats {
  readonly calls: number;
  readonly jobs: number;
  readonly signatures: number;
  readonly batches: number;
}

/** A pool of recovery workers (or, with zero workers, the calling thread). */
export interface SignatureVerifier {
  /** Worker threads started (0 for inline); workers that died are not replaced. */
  readonly workers: number;
  /**
   * Recovers every job's signers; results are in job order. Rejects only on misuse, after close(), or when
   * every worker has died. The pool copies the bytes when it dispatches (a microtask later), so leave
   * them unchanged until the promise settles.
   */
  recoverKeys(jobs: readonly SignatureRecoveryJob[]): Promise<SignatureRecoveryResult[]>;
  /** Resolves once every worker has loaded its code; rejects if one failed to start. */
  ready(): Promise<void>;
  /** Counters since creation. */
  getStats(): SignatureVerifierStats;
  /** Rejects queued and in-flight calls and terminates the workers. */
  close(): Promise<void>;
}

/** Options of `createSignatureVerifier`. */
export interface CreateSignatureVerifierOptions {
  /** Worker threads to start; 0 recovers inline on the calling thread (synchronously, behind a Promise). */
  readonly workers: number;
}

/** The most worker threads one verifier may start. */
export const workersMax = 64;
/** Two batches per worker keep it busy while the next reply is in transit. */
const inFlightPerWorkerMax = 2;
/** Signatures per batch message at most, so a huge call still spreads over the pool and pipelines. */
const batchSignaturesMax = 2048;
/** Below this many signatures per worker a call is not split: the extra message costs more than it saves. */
const batchSignaturesMin = 4;

function assertJobs(jobs: readonly SignatureRecoveryJob[]): void {
  if (!Array.isArray(jobs)) throw new TypeError("recoverKeys expects an array of jobs");
  for (const job of jobs) {
    if (!(job.digest instanceof Uint8Array)) throw new TypeError("a job's digest must be a Uint8Array");
    if (!Array.isArray(job.signatures)) throw new TypeError("a job's signatures must be an array");
    for (const signature of job.signatures) if (!(signature instanceof Uint8Array)) throw new TypeError("a signature must be a Uint8Array");
  }
}

/** A call waiting for its results; its jobs may be spread over several batches. */
interface PendingCall {
  readonly jobs: readonly SignatureRecoveryJob[];
  readonly results: SignatureRecoveryResult[];
  nextJob: number;
  batchesOutstanding: number;
  settled: boolean;
  resolve(results: SignatureRecoveryResult[]): void;
  reject(error: Error): void;
}

/** The part of one call a batch carries: jobs [start, end) of `call`. */
interface BatchSegment {
  readonly call: PendingCall;
  readonly start: number;
  readonly end: number;
}

interface BatchInFlight {
  readonly segments: BatchSegment[];
  readonly signatures: number;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly inFlight: BatchInFlight[];
  signaturesInFlight: number;
  alive: boolean;
}

/** Jobs weigh their signature count; an empty job still costs a little. */
function jobWeight(job: SignatureRecoveryJob): number {
  return Math.max(1, job.signatures.length);
}

/** Creates a verifier with `workers` threads (0 for inline recovery on the calling thread). */
export function createSignatureVerifier(options: CreateSignatureVerifierOptions): SignatureVerifier {
  const { workers } = options;
  if (!Number.isInteger(workers) || workers < 0 || workers > workersMax) throw new RangeError(`workers must be an integer in 0–${workersMax}`);
  return workers === 0 ? createInlineVerifier() : createPooledVerifier(workers);
}

function createInlineVerifier(): SignatureVerifier {
  const stats = { calls: 0, jobs: 0, signatures: 0, batches: 0 };
  let closed = false;
  return {
    workers: 0,
    recoverKeys(jobs) {
      try {
        if (closed) throw new Error("signature verifier is closed");
        assertJobs(jobs);
        stats.calls++;
        stats.jobs += jobs.length;
        const results = jobs.map((job) => {
          stats.signatures += job.signatures.length;
          return recoverJob(job.digest, job.signatures);
        });
        return Promise.resolve(results);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    ready: () => Promise.resolve(),
    getStats: () => ({ ...stats }),
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}

function createPooledVerifier(workerCount: number): SignatureVerifier {
  const stats = { calls: 0, jobs: 0, signatures: 0, batches: 0 };
  const queue: PendingCall[] = [];
  let queuedSignatures = 0;
  let flushScheduled = false;
  let closedError: Error | null = null;
  let lastDeathCause: Error | null = null;
  const readiness: Promise<void>[] = [];
  const pool: PoolWorker[] = [];

  for (let i = 0; i < workerCount; i++) pool.push(spawn());
  const allReady = Promise.all(readiness).then(() => undefined);
  allReady.catch(() => {}); // observed through ready() or through failed calls

  function spawn(): PoolWorker {
    const worker = new Worker(getSignatureVerifierWorkerUrl(), { name: "signature-verifier" });
    worker.unref(); // an idle pool must not hold the process open; a worker with batches in flight is ref'd
    const member: PoolWorker = { worker, inFlight: [], signaturesInFlight: 0, alive: true };
    let started = false;
    readiness.push(
      new Promise<void>((resolve, reject) => {
        worker.on("message", (message: BatchReply | "ready") => {
          if (message === "ready") {
            started = true;
            resolve();
          } else onReply(member, message);
        });
        worker.on("error", (error) => {
          if (!started) reject(error);
          onDeath(member, error);
        });
        worker.on("exit", (code) => {
          const error = new Error(`signature verifier worker exited with code ${code}`);
          if (!started) reject(error);
          onDeath(member, error);
        });
      }),
    );
    return member;
  }

  function onReply(member: PoolWorker, reply: BatchReply): void {
    const batch = member.inFlight.shift();
    // A reply can still arrive after close() rejected and dropped the in-flight batches.
    if (batch === undefined) return;
    member.signaturesInFlight -= batch.signatures;
    if (member.inFlight.length === 0) member.worker.unref();
    let keyIndex = 0;
    let errorIndex = 0;
    let jobIndex = 0;
    for (const { call, start, end } of batch.segments) {
      for (let j = start; j < end; j++, jobIndex++) {
        if (reply.errors[errorIndex] === jobIndex) {
          call.results[j] = { code: reply.errors[errorIndex + 1] as ChainErrorCode, message: reply.errors[errorIndex + 2] as string };
          errorIndex += 3;
        } else {
          const count = call.jobs[j].signatures.length;
          call.results[j] = reply.keys.slice(keyIndex, keyIndex + count);
          keyIndex += count;
        }
      }
      call.batchesOutstanding--;
      if (call.batchesOutstanding === 0 && call.nextJob === call.jobs.length && !call.settled) {
        call.settled = true;
        call.resolve(call.results);
      }
    }
    if (queue.length > 0) flush();
  }

  function onDeath(member: PoolWorker, cause: Error): void {
    if (!member.alive) return;
    member.alive = false;
    lastDeathCause = cause;
    const index = pool.indexOf(member);
    if (index >= 0) pool.splice(index, 1);
    for (const batch of member.inFlight.splice(0)) for (const { call } of batch.segments) settleWithError(call, cause);
    if (pool.length === 0) for (const call of queue) settleWithError(call, noWorkersError());
    dropSettledCalls();
    if (queue.length > 0) flush();
  }

  /** Removes rejected calls from the queue so their unsent jobs are not recovered for nobody. */
  function dropSettledCalls(): void {
    for (let i = queue.length - 1; i >= 0; i--) {
      const call = queue[i];
      if (!call.settled) continue;
      for (let j = call.nextJob; j < call.jobs.length; j++) queuedSignatures -= jobWeight(call.jobs[j]);
      queue.splice(i, 1);
    }
  }

  function settleWithError(call: PendingCall, error: Error): void {
    if (call.settled) return;
    call.settled = true;
    call.reject(error);
  }

  function noWorkersError(): Error {
    return new Error("signature verifier has no live workers", { cause: lastDeathCause ?? undefined });
  }

  /** Sends queued jobs to workers with a free slot, split evenly, each batch at most `batchSignaturesMax`. */
  function flush(): void {
    flushScheduled = false;
    while (queue.length > 0) {
      const free = pool.filter((member) => member.inFlight.length < inFlightPerWorkerMax);
      if (free.length === 0) return; // a reply will flush again
      free.sort((a, b) => a.signaturesInFlight - b.signaturesInFlight);
      const split = Math.max(1, Math.min(free.length, Math.floor(queuedSignatures / batchSignaturesMin)));
      const target = Math.min(batchSignaturesMax, Math.ceil(queuedSignatures / split));
      for (let i = 0; i < split && queue.length > 0; i++) send(free[i], target);
    }
  }

  /** Takes jobs from the head of the queue up to about `target` signatures and posts them to `member`. */
  function send(member: PoolWorker, target: number): void {
    const segments: BatchSegment[] = [];
    const packed: SignatureRecoveryJob[] = [];
    let signatures = 0;
    while (queue.length > 0 && signatures < target) {
      const call = queue[0];
      const start = call.nextJob;
      while (call.nextJob < call.jobs.length && signatures < target) {
        const job = call.jobs[call.nextJob++];
        packed.push(job);
        signatures += jobWeight(job);
      }
      segments.push({ call, start, end: call.nextJob });
      call.batchesOutstanding++;
      if (call.nextJob === call.jobs.length) queue.shift();
    }
    queuedSignatures -= signatures;
    const buffer = encodeBatch(packed);
    if (member.inFlight.length === 0) member.worker.ref();
    member.inFlight.push({ segments, signatures });
    member.signaturesInFlight += signatures;
    stats.batches++;
    member.worker.postMessage(buffer, [buffer]);
  }

  return {
    workers: workerCount,
    recoverKeys(jobs) {
      return new Promise<SignatureRecoveryResult[]>((resolve, reject) => {
        if (closedError !== null) throw closedError;
        if (pool.length === 0) throw noWorkersError();
        assertJobs(jobs);
        stats.calls++;
        stats.jobs += jobs.length;
        if (jobs.length === 0) return resolve([]);
        const call: PendingCall = { jobs, results: new Array(jobs.length), nextJob: 0, batchesOutstanding: 0, settled: false, resolve, reject };
        queue.push(call);
        for (const job of jobs) {
          queuedSignatures += jobWeight(job);
          stats.signatures += job.signatures.length;
        }
        if (!flushScheduled) {
          flushScheduled = true;
          queueMicrotask(flush);
        }
      });
    },
    ready: () => allReady,
    getStats: () => ({ ...stats }),
    async close() {
      if (closedError !== null) return;
      closedError = new Error("signature verifier is closed");
      const members = pool.splice(0);
      for (const call of queue.splice(0)) settleWithError(call, closedError);
      queuedSignatures = 0;
      for (const member of members) {
        member.alive = false;
        for (const batch of member.inFlight.splice(0)) for (const { call } of batch.segments) settleWithError(call, closedError);
      }
      await Promise.all(members.map((member) => member.worker.terminate()));
    },
  };
}
