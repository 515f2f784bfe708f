// Checks `kettle dev` as a newcomer meets it: demo accounts exist, the seed post is published in syria with its image, tags, votes and replies, and the node survives a restart with the same chain.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { type KettleProcess, startKettle } from "./helpers/kettle-process.ts";

const seedPermlink = "the-battle-for-aleppo-a-new-chapter-in-syrias-enduring-conflict";

function start(dataDir: string): Promise<KettleProcess> {
  return startKettle({ dataDir, args: ["dev", "--port", "0", "--data", "{data}"] });
}

test("kettle dev publishes the demo and the seed post, and keeps them across a restart", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-dev-"));
  try {
    const first = await start(dataDir);
    assert.match(first.output(), /alice\s+P5KettleDemoAlice/);
    const post = await first.rpc("condenser_api.get_content", ["alice", seedPermlink]);
    assert.equal(post.title, "The Battle for Aleppo: A New Chapter in Syria's Enduring Conflict");
    assert.equal(post.category, "hive-196037", "the post is in the syria community");
    assert.equal(post.url, `/hive-196037/@alice/${seedPermlink}`);
    const metadata = JSON.parse(post.json_metadata);
    assert.deepEqual(metadata.tags.slice(0, 2), ["hive-196037", "syria"]);
    assert.match(metadata.image[0], /GdfiV5jWMAA9dOQ\.jpeg$/);
    for (const heading of ["Current Developments", "Context of the Conflict", "Implications", "Looking Ahead", "Conclusion"]) {
      assert.ok(post.body.includes(`## ${heading}`), heading);
    }
    assert.ok(post.body.includes("- **Rapid Advance:**"));
    assert.equal(post.active_votes.length, 3);
    assert.ok(BigInt(post.net_rshares) > 0n);
    assert.equal(post.children, 3);
    const replies = await first.rpc("condenser_api.get_content_replies", ["alice", seedPermlink]);
    assert.deepEqual(replies.map((r: { author: string }) => r.author).sort(), ["bob", "carol"]);
    const accounts = await first.rpc("condenser_api.get_accounts", [["alice", "bob", "carol", "dave"]]);
    assert.equal(accounts.length, 4);
    const head = (await first.rpc("condenser_api.get_dynamic_global_properties", [])).head_block_number;
    await first.stop("SIGTERM");

    const second = await start(dataDir);
    try {
      const again = await second.rpc("condenser_api.get_content", ["alice", seedPermlink]);
      assert.equal(again.active_votes.length, 3, "the demo is not published twice");
      assert.ok((await second.rpc("condenser_api.get_dynamic_global_properties", [])).head_block_number >= head);
      // The genesis accounts, the four demo accounts and the syria community's account.
      assert.equal((await second.rpc("condenser_api.get_account_count", [])), 9);
    } finally {
      await second.stop("SIGTERM");
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("npm start's command serves the demo site at http://127.0.0.1:8090 with the seed post on the front page", async () => {
  const scripts = (JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  assert.equal(scripts.start, "node bin/kettle.mjs dev", "npm start runs kettle dev with its defaults");
  // Its defaults but the data directory (npm start keeps its chain in ./data).
  const node = await startKettle({ args: ["dev", "--data", "{data}"] });
  try {
    assert.equal(node.url, "http://127.0.0.1:8090");
    const front = await fetch(`${node.url}/`, { headers: { accept: "text/html" } });
    assert.equal(front.status, 200);
    const html = await front.text();
    assert.ok(html.includes(`href="/hive-196037/@alice/${seedPermlink}"`), "the seed post's card links to it");
    assert.match(html, /The Battle for Aleppo: A New Chapter in Syria&#39;s Enduring Conflict/);
  } finally {
    await node.stop("SIGTERM");
  }
});
