/**
 * The worker side of signature-verifier.ts and the wire format between the two: many jobs in one
 * ArrayBuffer, so a batch crosses threads as a single transfer instead of a structured clone of thousands
 * of small arrays. Replies are plain arrays of key strings, which structured clone copies cheaply.
 *
 * Layout (host byte order; both ends are the same process):
 *   u32 jobCount, u32 lengthCount,
 *   lengthCount × u32: per job, its digest length, its signature count, then each signature's length,
 *   the bytes: per job, its digest then its signatures.
 * Lengths are carried rather than assumed so malformed input reaches `recoverSignatureKey` unchanged and
 * is rejected there with the same error as on the inline path.
 */
import { isMainThread, parentPort } from "node:worker_threads";
import type { PublicKey } from "../core/crypto/keys.ts";
import { ChainError } from "../core/errors.ts";
import { recoverSignatureKey } from "../core/protocol/signature.ts";
import { assertNativeSecp256k1Loaded, nativeSecp256k1 } from "./native-secp256k1.ts";
import type { SignatureRecoveryJob, SignatureRecoveryResult } from "./signature-verifier.ts";

const headerWords = 2;

/** Recovers one job's signers: the single function both the workers and the inline path run. */
export function recoverJob(digest: Uint8Array, signatures: readonly Uint8Array[]): SignatureRecoveryResult {
  const keys: PublicKey[] = [];
  try {
    for (const signature of signatures) keys.push(recoverSignatureKey(nativeSecp256k1, digest, signature));
  } catch (error) {
    if (error instanceof ChainError) return { code: error.code, message: error.message };
    throw error;
  }
  return keys;
}

/** What a worker posts back for one batch: every recovered key in order, and the failed jobs. */
export interface BatchReply {
  readonly keys: PublicKey[];
  /** Triples: job index within the batch, code, message. */
  readonly errors: (number | string)[];
}

/**
 * Serves batches inside a worker thread; called by signature-verifier-worker.mjs. A worker without the
 * native addon would be 30× slower than the pool is sized for, so it fails to start instead.
 */
export function serveSignatureVerifierWorker(): void {
  if (isMainThread || parentPort === null) throw new Error("serveSignatureVerifierWorker runs only inside a worker thread");
  assertNativeSecp256k1Loaded();
  const port = parentPort;
  port.on("message", (buffer: ArrayBuffer) => {
    const keys: PublicKey[] = [];
    const errors: (number | string)[] = [];
    decodeBatch(buffer, (index, digest, signatures) => {
      const result = recoverJob(digest, signatures);
      if (Array.isArray(result)) for (const key of result) keys.push(key);
      else errors.push(index, result.code, result.message);
    });
    port.postMessage({ keys, errors } satisfies BatchReply);
  });
  port.postMessage("ready");
}

/** Packs jobs into one transferable buffer. */
export function encodeBatch(jobs: readonly SignatureRecoveryJob[]): ArrayBuffer {
  let lengthCount = 0;
  let byteCount = 0;
  for (const job of jobs) {
    lengthCount += 2 + job.signatures.length;
    byteCount += job.digest.length;
    for (const signature of job.signatures) byteCount += signature.length;
  }
  const buffer = new ArrayBuffer(4 * (headerWords + lengthCount) + byteCount);
  const words = new Uint32Array(buffer, 0, headerWords + lengthCount);
  const bytes = new Uint8Array(buffer, 4 * (headerWords + lengthCount));
  words[0] = jobs.length;
  words[1] = lengthCount;
  let word = headerWords;
  let offset = 0;
  for (const job of jobs) {
    words[word++] = job.digest.length;
    words[word++] = job.signatures.length;
    bytes.set(job.digest, offset);
    offset += job.digest.length;
    for (const signature of job.signatures) {
      words[word++] = signature.length;
      bytes.set(signature, offset);
      offset += signature.length;
    }
  }
  return buffer;
}

/** Walks a packed batch, handing each job's digest and signatures (views into `buffer`) to `visit`. */
export function decodeBatch(buffer: ArrayBuffer, visit: (index: number, digest: Uint8Array, signatures: Uint8Array[]) => void): void {
  const header = new Uint32Array(buffer, 0, headerWords);
  const jobCount = header[0];
  const lengthCount = header[1];
  const words = new Uint32Array(buffer, 0, headerWords + lengthCount);
  const bytes = new Uint8Array(buffer, 4 * (headerWords + lengthCount));
  let word = headerWords;
  let offset = 0;
  for (let index = 0; index < jobCount; index++) {
    const digestLength = words[word++];
    const signatureCount = words[word++];
    const digest = bytes.subarray(offset, offset + digestLength);
    offset += digestLength;
    const signatures: Uint8Array[] = new Array(signatureCount);
    for (let s = 0; s < signatureCount; s++) {
      const length = words[word++];
      signatures[s] = bytes.subarray(offset, offset + length);
      offset += length;
    }
    visit(index, digest, signatures);
  }
}
