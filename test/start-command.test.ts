// Checks `kettle start --config FILE`: a node without demo content or debug API, whose producer key is created once in the data directory, and the key and replay commands.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startKettle } from "./helpers/kettle-process.ts";

/** A raw JSON-RPC exchange: the whole response, error included. */
async function call(url: string, method: string, params: unknown): Promise<any> {
  const response = await fetch(url, { method: "POST", body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  return response.json();
}

test("kettle start runs a plain node from a config file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kettle-start-"));
  try {
    const configPath = join(dir, "kettle.json");
    const chainId = "ab".repeat(32);
    writeFileSync(configPath, JSON.stringify({ host: "127.0.0.1", port: 0, data: join(dir, "data"), blockInterval: 1, chainId }));
    const node = await startKettle({ dataDir: join(dir, "data"), args: ["start", "--config", configPath] });
    assert.doesNotMatch(node.output(), /P5KettleDemo/);
    const version = await call(node.url, "condenser_api.get_version", []);
    assert.equal(version.result.chain_id, chainId);
    const debug = await call(node.url, "debug_node_api.debug_generate_blocks", { count: 1 });
    assert.equal(debug.error.code, -32601);
    assert.equal((await call(node.url, "condenser_api.get_accounts", [["alice"]])).result.length, 0);
    assert.equal(statSync(join(dir, "data", "producer.wif")).mode & 0o777, 0o600);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await node.stop("SIGTERM"), 0);

    const replay = spawnSync(process.execPath, ["bin/kettle.mjs", "replay", "--data", join(dir, "data")], { encoding: "utf8" });
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stdout, /state hash [0-9a-f]{64}/);

    const bad = spawnSync(process.execPath, ["bin/kettle.mjs", "start", "--config", configPath, "--chain-id", "00"], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--chain-id must be 64 hex characters/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("kettle keys derives the keys the client libraries derive", () => {
  const result = spawnSync(process.execPath, ["bin/kettle.mjs", "keys", "derive", "alice", "P5probe-master-password"], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /posting\s+5JP9fz3dWcMSZGJ13kSrxZXeD5nQPSbVFETXywCDYGsDgc7TJ68\s+STM7bMJ5Y3FuAEGCqNf5RYq9LWjx6SUmDxjn8bZtvFyhqJfuM6mzr/);
  const unknown = spawnSync(process.execPath, ["bin/kettle.mjs", "dev", "--bogus"], { encoding: "utf8" });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option --bogus/);
});

test("--snapshot-every sets how often state snapshots are written", async () => {
  const node = await startKettle({ blockInterval: 0.1, extraArgs: ["--snapshot-every", "3"] });
  try {
    const snapshots = () => readdirSync(node.dataDir).filter((name) => /^snapshot-\d+\.bin$/.test(name)).map((name) => Number(name.slice(9, -4)));
    for (let i = 0; i < 100 && !snapshots().some((n) => n >= 3); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(snapshots().some((n) => n >= 3 && n % 3 === 0), `snapshots ${snapshots()}`);
  } finally {
    assert.equal(await node.stop("SIGTERM"), 0);
  }
  const bad = spawnSync(process.execPath, ["bin/kettle.mjs", "dev", "--snapshot-every", "1.5"], { encoding: "utf8" });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--snapshot-every must be a whole number/);
});
