/**
 * Start-up benchmark: from spawning `kettle dev` on a fresh data directory (what `npm start` runs) to the
 * first answered JSON-RPC call, next to a bare `node -e 0` measured in the same run.
 *
 *   npm run bench:startup
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function timeToFirstAnswer(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-startup-"));
  const started = performance.now();
  const child = spawn(process.execPath, ["bin/kettle.mjs", "dev", "--port", "0", "--data", dataDir, "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve) => {
    let out = "";
    child.stdout!.on("data", (c) => {
      out += c;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
  });
  const response = await fetch(url, { method: "POST", body: '{"jsonrpc":"2.0","id":1,"method":"condenser_api.get_dynamic_global_properties","params":[]}' });
  await response.json();
  const elapsed = performance.now() - started;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
  return elapsed;
}

function bareNode(): number {
  const started = performance.now();
  spawnSync(process.execPath, ["-e", "0"]);
  return performance.now() - started;
}

const runs = 3;
const kettle: number[] = [];
const bare: number[] = [];
for (let i = 0; i < runs; i++) {
  bare.push(bareNode());
  kettle.push(await timeToFirstAnswer());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("| measure | median ms | ratio to bare node |\n|---|---:|---:|");
console.log(`| node -e 0 (baseline) | ${Math.round(median(bare))} | 1.0 |`);
console.log(`| kettle dev, fresh data dir, demo included → first JSON-RPC answer | ${Math.round(median(kettle))} | ${(median(kettle) / median(bare)).toFixed(1)} |`);
console.log(`JSON ${JSON.stringify({ bareNodeMs: median(bare), kettleFirstAnswerMs: median(kettle), runs })}`);
