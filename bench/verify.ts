/**
 * Signature recovery throughput: native libsecp256k1 on one core, the worker-pool verifier on two, and
 * pure-JS noble, each recovering the same 65-byte compact signatures through `recoverSignatureKey`.
 * Prints a markdown table with ratios to native inline, then a JSON line.
 *
 * Usage: node --import tsx bench/verify.ts [rounds=3] [seconds=1]
 */
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { sha256 } from "../src/core/crypto/hash.ts";
import { nobleSecp256k1 } from "../src/core/crypto/noble-secp256k1.ts";
import type { Secp256k1 } from "../src/core/crypto/secp256k1.ts";
import { recoverSignatureKey, signDigest } from "../src/core/protocol/signature.ts";
import { assertNativeSecp256k1Loaded, nativeSecp256k1 } from "../src/node/native-secp256k1.ts";
import { createSignatureVerifier, type SignatureRecoveryJob, type SignatureVerifier } from "../src/node/signature-verifier.ts";

const rounds = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 1);
assertNativeSecp256k1Loaded();

const fixture: SignatureRecoveryJob[] = Array.from({ length: 512 }, () => {
  const digest = sha256(randomBytes(200));
  return { digest, signatures: [signDigest(nativeSecp256k1, digest, randomBytes(32))] };
});

/** Recovers in a tight loop on this thread for `ms`; returns signatures per second. */
function measureInline(secp: Secp256k1, ms: number): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let k = 0; k < 16; k++) {
      const job = fixture[n++ % fixture.length];
      recoverSignatureKey(secp, job.digest, job.signatures[0]);
    }
  }
  return (n * 1000) / (performance.now() - start);
}

/** Keeps `inFlight` calls of `jobsPerCall` jobs outstanding for `ms`; returns signatures per second. */
async function measureVerifier(verifier: SignatureVerifier, jobsPerCall: number, inFlight: number, ms: number): Promise<number> {
  let done = 0;
  let next = 0;
  const start = performance.now();
  const take = () => Array.from({ length: jobsPerCall }, () => fixture[next++ % fixture.length]);
  async function loop(): Promise<void> {
    while (performance.now() - start < ms) {
      const results = await verifier.recoverKeys(take());
      if (!Array.isArray(results[0])) throw new Error("a fixture signature failed to recover");
      done += results.length;
    }
  }
  await Promise.all(Array.from({ length: inFlight }, loop));
  return (done * 1000) / (performance.now() - start);
}

/** Median microseconds of one sequential 1-job call. */
async function measureLatency(verifier: SignatureVerifier, calls: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await verifier.recoverKeys([fixture[i % fixture.length]]);
    samples.push((performance.now() - start) * 1000);
  }
  return median(samples);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function spread(values: number[]): number {
  return (Math.max(...values) - Math.min(...values)) / 2 / median(values);
}

const rows: { name: string; measure: () => Promise<number> | number }[] = [];
const inline = createSignatureVerifier({ workers: 0 });
const pooled = createSignatureVerifier({ workers: 2 });
await pooled.ready();
const ms = seconds * 1000;
rows.push({ name: "native libsecp256k1, inline, one core", measure: () => measureInline(nativeSecp256k1, ms) });
rows.push({ name: "verifier, 0 workers (inline), calls of 64 jobs", measure: () => measureVerifier(inline, 64, 1, ms) });
rows.push({ name: "verifier, 2 workers, calls of 64 jobs, 8 in flight", measure: () => measureVerifier(pooled, 64, 8, ms) });
rows.push({ name: "verifier, 2 workers, calls of 1 job, 256 in flight (micro-batched)", measure: () => measureVerifier(pooled, 1, 256, ms) });
rows.push({ name: "verifier, 2 workers, calls of 1 job, 1 in flight (latency-bound)", measure: () => measureVerifier(pooled, 1, 1, ms) });
rows.push({ name: "noble-curves (pure JS), inline, one core", measure: () => measureInline(nobleSecp256k1, ms) });

// Warm-up, then interleaved rounds so the ratios share the machine's conditions.
for (const row of rows) await row.measure();
const rates = new Map<string, number[]>(rows.map((row) => [row.name, []]));
const latencies: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const row of rows) rates.get(row.name)!.push(await row.measure());
  latencies.push(await measureLatency(pooled, 2000));
  process.stderr.write(`round ${round + 1}/${rounds}\n`);
}
await Promise.all([pooled.close(), inline.close()]);

const baseline = median(rates.get(rows[0].name)!);
const format = (value: number) => Math.round(value).toLocaleString("en-US");
console.log(`cores: ${cpus().length}, node ${process.version}, ${rounds} rounds of ${seconds} s, 1 signature per job\n`);
console.log("| mode | recover/s (median) | spread | vs native inline |");
console.log("|---|---:|---:|---:|");
for (const [name, values] of rates) {
  console.log(`| ${name} | ${format(median(values))} | ±${(spread(values) * 100).toFixed(0)}% | ${(median(values) / baseline).toFixed(2)} |`);
}
console.log(`\nOne 1-job call on an idle 2-worker pool: median ${median(latencies).toFixed(0)} µs round trip.`);
console.log("\nJSON " + JSON.stringify({ rates: Object.fromEntries(rates), latencyMicroseconds: latencies }));
