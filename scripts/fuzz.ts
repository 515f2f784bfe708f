/**
 * Long fuzz runs outside `npm test` (which runs 100,000 mutants with a fixed seed):
 *   npm run fuzz -- [--seed N] [--count N]
 * Prints the seed first, so a failing run can be repeated exactly.
 */
import { describeFuzzFailures, runFuzz } from "../test/helpers/transaction-fuzzer.ts";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1]);
const seed = Number(args.get("seed") ?? Math.floor(Math.random() * 2 ** 31));
const count = Number(args.get("count") ?? 1_000_000);
console.log(`fuzz seed ${seed}, ${count} mutants`);
const report = await runFuzz({ seed, count });
console.log(`sent ${report.sent} in ${(report.elapsedMs / 1000).toFixed(1)} s; state hash compared in ${report.stateChecks} windows`);
if (report.failures.length > 0) {
  console.error(describeFuzzFailures(report));
  process.exit(1);
}
console.log("no invariant broken");
