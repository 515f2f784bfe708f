// Checks `kettle dev` as a newcomer meets it: demo accounts exist, the seed post is published in syria with its image, tags, votes and replies, and the node survives a restart with the same chain.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const seedPermlink = "the-battle-for-aleppo-a-new-chapter-in-syrias-enduring-conflict";

async function start(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["bin/kettle.mjs", "dev", "--port", "0", "--data", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr!.on("data", (c) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`kettle dev exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

async function rpc(url: string, method: string, params: unknown): Promise<any> {
  const response = await fetch(url, { method: "POST", body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const json = await response.json();
  if (json.error) throw new Error(json.error.message);
  return json.result;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

test("kettle dev publishes the demo and the seed post, and keeps them across a restart", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-dev-"));
  try {
    const first = await start(dataDir);
    assert.match(first.output(), /alice\s+P5KettleDemoAlice/);
    const post = await rpc(first.url, "condenser_api.get_content", ["alice", seedPermlink]);
    assert.equal(post.title, "The Battle for Aleppo: A New Chapter in Syria's Enduring Conflict");
    assert.equal(post.category, "syria");
    assert.equal(post.url, `/syria/@alice/${seedPermlink}`);
    const metadata = JSON.parse(post.json_metadata);
    assert.equal(metadata.tags[0], "syria");
    assert.match(metadata.image[0], /GdfiV5jWMAA9dOQ\.jpeg$/);
    for (const heading of ["Current Developments", "Context of the Conflict", "Implications", "Looking Ahead", "Conclusion"]) {
      assert.ok(post.body.includes(`## ${heading}`), heading);
    }
    assert.ok(post.body.includes("- **Rapid Advance:**"));
    assert.equal(post.active_votes.length, 3);
    assert.ok(BigInt(post.net_rshares) > 0n);
    assert.equal(post.children, 3);
    const replies = await rpc(first.url, "condenser_api.get_content_replies", ["alice", seedPermlink]);
    assert.deepEqual(replies.map((r: { author: string }) => r.author).sort(), ["bob", "carol"]);
    const accounts = await rpc(first.url, "condenser_api.get_accounts", [["alice", "bob", "carol", "dave"]]);
    assert.equal(accounts.length, 4);
    const head = (await rpc(first.url, "condenser_api.get_dynamic_global_properties", [])).head_block_number;
    await stop(first.child);

    const second = await start(dataDir);
    const again = await rpc(second.url, "condenser_api.get_content", ["alice", seedPermlink]);
    assert.equal(again.active_votes.length, 3, "the demo is not published twice");
    assert.ok((await rpc(second.url, "condenser_api.get_dynamic_global_properties", [])).head_block_number >= head);
    assert.equal((await rpc(second.url, "condenser_api.get_account_count", [])), 8);
    await stop(second.child);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
