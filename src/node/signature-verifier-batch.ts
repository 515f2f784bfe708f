/**
 * The wire format between signature-verifier.ts and its workers: many jobs in one ArrayBuffer, so a batch
 * crosses threads as a single transfer instead of a structured clone of thousands of small arrays.
 *
 * Layout (host byte order; both ends are the same process):
 *   u32 jobCount, u32 lengthCount,
 *   lengthCount × u32: per job, its digest length, its signature count, then each signature's length,
 *   the bytes: per job, its digest then its signatures.
 * Lengths are carried rather than assumed so malformed input reaches `recoverSignatureKey` unchanged and
 * is rejected there with the same error as on the inline path.
 */

/** One job as the encoder reads it. */
export interface PackedJob {
  readonly digest: Uint8Array;
  readonly signatures: readonly Uint8Array[];
}

const headerWords = 2;

/** Packs jobs into one transferable buffer. */
export function encodeBatch(jobs: readonly PackedJob[]): ArrayBuffer {
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
