// Checks, with a seeded mutation fuzzer, that no malformed or tampered transaction crashes the node, is accepted, or changes its state or supply.
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeFuzzFailures, type FuzzMode, runFuzz } from "./helpers/transaction-fuzzer.ts";

const seed = 0x6b65746c;
const count = 100_000;

test(`${count.toLocaleString("en")} mutated transactions (seed ${seed}) break no invariant`, { timeout: 180_000 }, async (t) => {
  const report = await runFuzz({ seed, count });
  const seconds = report.elapsedMs / 1000;
  t.diagnostic(`sent ${report.sent} in ${seconds.toFixed(1)} s (${Math.round(report.sent / seconds)}/s): ${JSON.stringify(report.byMode)}`);
  t.diagnostic(`state hash compared in ${report.stateChecks} windows; ${report.skippedOversized} oversized mutants not sent`);
  for (const [mode, outcomes] of Object.entries(report.outcomes)) {
    const sorted = Object.entries(outcomes).sort((a, b) => b[1] - a[1]);
    t.diagnostic(`${mode}: ${sorted.map(([name, n]) => `${name} ${n}`).join(", ")}`);
  }
  assert.deepEqual(report.failures, [], describeFuzzFailures(report));
  assert.ok(report.sent >= count, `only ${report.sent} mutated transactions were sent`);
  // The fuzzer must not degenerate into refusals at the parser: every mode runs, mutants reach the chain's rules, re-signed ones apply.
  for (const mode of Object.keys(report.byMode) as FuzzMode[]) assert.ok(report.byMode[mode] > 1_000, `only ${report.byMode[mode]} ${mode} mutants`);
  assert.ok((report.outcomes.resigned_json["accepted (re-signed)"] ?? 0) > 50, "re-signed mutants hardly ever applied");
  assert.ok(Object.keys(report.outcomes.legacy_json).length >= 25, "legacy JSON mutants met too few distinct rules");
  assert.ok(report.stateChecks >= 50, `the state hash was compared in only ${report.stateChecks} windows`);
});
