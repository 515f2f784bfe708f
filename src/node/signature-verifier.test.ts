// Checks that the worker pool and the inline verifier recover the same keys and errors, that calls in one tick share a batch, and that close() works.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { getPublicKey, type PublicKey } from "../core/crypto/keys.ts";
import { nobleSecp256k1 } from "../core/crypto/noble-secp256k1.ts";
import { signDigest } from "../core/protocol/signature.ts";
import { bytesToHex, concatBytes, hexToBytes } from "../stdx/bytes.ts";
import { createPrng } from "../stdx/prng.ts";
import { nativeSecp256k1 } from "./native-secp256k1.ts";
import { createSignatureVerifier, type SignatureRecoveryJob, type SignatureRecoveryResult } from "./signature-verifier.ts";

const curveOrder = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const next = createPrng(0xc0ffee);
const randomBytes = (length: number) => Uint8Array.from({ length }, () => Math.floor(next() * 256));

function toHighS(signature: Uint8Array): Uint8Array {
  const s = BigInt("0x" + bytesToHex(signature.subarray(33)));
  const header = 27 + 4 + (((signature[0] - 27) & 3) ^ 1);
  return concatBytes(new Uint8Array([header]), signature.subarray(1, 33), hexToBytes((curveOrder - s).toString(16).padStart(64, "0")));
}

const signers = Array.from({ length: 8 }, () => {
  const secret = randomBytes(32);
  return { secret, key: getPublicKey(nativeSecp256k1, secret) };
});

/** A job of `count` valid signatures, and the keys it should recover to. */
function validJob(count: number): { job: SignatureRecoveryJob; keys: PublicKey[] } {
  const digest = randomBytes(32);
  const chosen = Array.from({ length: count }, (_, i) => signers[(i * 3 + digest[0]) % signers.length]);
  return { job: { digest, signatures: chosen.map((s) => signDigest(nativeSecp256k1, digest, s.secret)) }, keys: chosen.map((s) => s.key) };
}

/** Valid, malformed and high-S jobs, interleaved. */
function mixedJobs(count: number): SignatureRecoveryJob[] {
  const jobs: SignatureRecoveryJob[] = [];
  for (let i = 0; i < count; i++) {
    const { job } = validJob(1 + (i % 3));
    const [first] = job.signatures;
    switch (i % 9) {
      case 0:
        jobs.push({ digest: job.digest, signatures: [first.subarray(1)] }); // 64 bytes
        break;
      case 1:
        jobs.push({ digest: job.digest, signatures: [concatBytes(new Uint8Array([26]), first.subarray(1))] });
        break;
      case 2:
        jobs.push({ digest: job.digest, signatures: [...job.signatures, toHighS(first)] }); // last one high-S
        break;
      case 3:
        jobs.push({ digest: job.digest, signatures: [concatBytes(first.subarray(0, 33), new Uint8Array(32))] }); // S = 0
        break;
      case 4:
        jobs.push({ digest: job.digest, signatures: [] });
        break;
      case 5:
        jobs.push({ digest: job.digest.subarray(1), signatures: [first] }); // 31-byte digest
        break;
      default:
        jobs.push(job);
    }
  }
  return jobs;
}

const pooled = createSignatureVerifier({ workers: 2 });
const inline = createSignatureVerifier({ workers: 0 });
after(() => Promise.all([pooled.close(), inline.close()]));

test("valid signatures recover to their signers' keys in order, inline and in workers", async () => {
  const made = Array.from({ length: 20 }, (_, i) => validJob(1 + (i % 4)));
  const jobs = made.map((m) => m.job);
  const expected = made.map((m) => m.keys);
  assert.deepEqual(await inline.recoverKeys(jobs), expected);
  assert.deepEqual(await pooled.recoverKeys(jobs), expected);
});

test("2 workers and 0 workers give identical results on valid, malformed and high-S signatures", async () => {
  const jobs = mixedJobs(90);
  const fromInline = await inline.recoverKeys(jobs);
  assert.deepEqual(await pooled.recoverKeys(jobs), fromInline);
  const codes = new Set(fromInline.map((r) => (Array.isArray(r) ? "keys" : r.code)));
  assert.deepEqual([...codes].sort(), ["invalid_signature_format", "keys", "signature_unrecoverable"]);
  assert.deepEqual(fromInline[0], { code: "invalid_signature_format", message: "a signature must be 65 bytes" });
  assert.deepEqual(fromInline[1], { code: "invalid_signature_format", message: "signature recovery byte 26 is outside 27–34" });
  assert.equal((fromInline[2] as { code: string }).code, "signature_unrecoverable");
  assert.deepEqual(fromInline[4], []);
});

test("the pool agrees with inline and noble on a batch large enough to be split and pipelined", async () => {
  const jobs = mixedJobs(6000);
  const [fromPool, fromInline] = await Promise.all([pooled.recoverKeys(jobs), inline.recoverKeys(jobs)]);
  assert.deepEqual(fromPool, fromInline);
  for (const [i, job] of jobs.entries()) {
    if (i % 97 !== 6 || !Array.isArray(fromPool[i])) continue;
    assert.deepEqual(fromPool[i], job.signatures.map((s) => bytesToHex(nobleSecp256k1.recover(job.digest, s.subarray(1), (s[0] - 27) & 3)!)));
  }
});

test("many calls made in one tick are coalesced into at most one batch per worker", async () => {
  const verifier = createSignatureVerifier({ workers: 2 });
  try {
    await verifier.ready();
    const made = Array.from({ length: 200 }, () => validJob(1));
    const results: Promise<SignatureRecoveryResult[]>[] = made.map((m) => verifier.recoverKeys([m.job]));
    assert.deepEqual(await Promise.all(results), made.map((m) => [m.keys]));
    assert.deepEqual(verifier.getStats(), { calls: 200, jobs: 200, signatures: 200, batches: 2 });
    // A lone call is not split: one message, one round trip.
    assert.deepEqual(await verifier.recoverKeys([made[0].job]), [made[0].keys]);
    assert.equal(verifier.getStats().batches, 3);
  } finally {
    await verifier.close();
  }
});

test("an empty call resolves at once; misuse rejects", async () => {
  assert.deepEqual(await pooled.recoverKeys([]), []);
  await assert.rejects(pooled.recoverKeys([{ digest: "00" as never, signatures: [] }]), TypeError);
  await assert.rejects(inline.recoverKeys([{ digest: new Uint8Array(32), signatures: ["00" as never] }]), TypeError);
  assert.throws(() => createSignatureVerifier({ workers: -1 }), RangeError);
});

test("close() rejects in-flight and later calls and terminates the workers", async () => {
  const verifier = createSignatureVerifier({ workers: 2 });
  await verifier.ready();
  const inFlight = verifier.recoverKeys(mixedJobs(3000));
  await Promise.resolve(); // lets the flush microtask post the batches
  assert.ok(verifier.getStats().batches > 0);
  const queued = verifier.recoverKeys(mixedJobs(10));
  const closing = verifier.close();
  await assert.rejects(inFlight, /closed/);
  await assert.rejects(queued, /closed/);
  await closing;
  await assert.rejects(verifier.recoverKeys([validJob(1).job]), /closed/);
  await verifier.close(); // idempotent
  const closedInline = createSignatureVerifier({ workers: 0 });
  await closedInline.close();
  await assert.rejects(closedInline.recoverKeys([validJob(1).job]), /closed/);
});
