// The social index follows a real node: posts, replies, votes, edits and deletions land in the index as the
// blocks commit; `kettle reindex` rebuilds the same rows (digest) on SQLite and on PostgreSQL; and a SIGKILL
// of the node mid-projection loses nothing — the restarted node resumes from the index's checkpoint.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Client, PrivateKey } from "dsteem";
import { reindexDataDir } from "../../src/cli/index-sync.ts";
import { PostgresIndexDatabase } from "../../src/index/db/postgres.ts";
import { SqliteIndexDatabase } from "../../src/index/db/sqlite.ts";
import { indexDigest } from "../../src/index/digest.ts";
import { assertChangedBlocks } from "../helpers/changed-block.ts";
import { type KettleProcess, startKettle } from "../helpers/kettle-process.ts";
import { createTestDatabase } from "../helpers/postgres.ts";

const seedPermlink = "the-battle-for-aleppo-a-new-chapter-in-syrias-enduring-conflict";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const temp = mkdtempSync(join(tmpdir(), "kettle-index-test-"));
after(() => rmSync(temp, { recursive: true, force: true }));

const posting = (name: string) => PrivateKey.fromLogin(name, `P5KettleDemo${name[0].toUpperCase()}${name.slice(1)}`, "posting");

async function headBlock(node: KettleProcess): Promise<number> {
  return (await node.rpc("condenser_api.get_dynamic_global_properties", [])).head_block_number;
}

/** Waits until the node's index holds `blockNum` (read straight from its SQLite file). */
async function waitForIndex(path: string, blockNum: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const db = new SqliteIndexDatabase({ path });
    try {
      const row = await db.get<{ block_num: number }>("SELECT block_num FROM index_state WHERE id = 1");
      if (row !== undefined && row.block_num >= blockNum) return;
    } catch {
      // not created yet
    } finally {
      await db.close();
    }
    await sleep(50);
  }
  throw new Error(`the index did not reach block ${blockNum}`);
}

async function reindexInto(dataDir: string, name: string): Promise<string> {
  const db = new SqliteIndexDatabase({ path: join(temp, `${name}.sqlite`) });
  try {
    return (await reindexDataDir(dataDir, db)).digest;
  } finally {
    await db.close();
  }
}

test("the live index holds the chain's posts, votes and reputations, and a rebuild (SQLite and PostgreSQL) equals it", async () => {
  const dataDir = join(temp, "live");
  const node = await startKettle({ demo: true, blockInterval: 0.25, dataDir });
  let reputations: Record<string, string | number>;
  try {
    const client = new Client(node.url);
    const post = { parent_author: "", parent_permlink: "kettle", author: "bob", permlink: "index-test", title: "Index test", body: "First body", json_metadata: JSON.stringify({ tags: ["kettle", "Index", "nsfw"] }) };
    await client.broadcast.comment(post, posting("bob"));
    await client.broadcast.comment({ ...post, parent_author: "bob", parent_permlink: "index-test", author: "carol", permlink: "re-index-test", title: "", body: "A reply", json_metadata: "{}" }, posting("carol"));
    await client.broadcast.vote({ voter: "dave", author: "bob", permlink: "index-test", weight: 10000 }, posting("dave"));
    await client.broadcast.comment({ ...post, body: "@@ -1,5 +1,6 @@\n-First\n+Second\n  bod\n", json_metadata: "" }, posting("bob"));
    await client.broadcast.comment({ ...post, author: "dave", permlink: "short-lived", title: "Gone soon", body: "to be deleted" }, posting("dave"));
    await sleep(600);
    await client.broadcast.sendOperations([["delete_comment", { author: "dave", permlink: "short-lived" }]], posting("dave"));
    await sleep(600);
    const accounts = await node.rpc("condenser_api.get_accounts", [["alice", "bob", "carol", "dave"]]);
    reputations = Object.fromEntries(accounts.map((a: { name: string; reputation: string | number }) => [a.name, a.reputation]));
    await waitForIndex(join(dataDir, "index.sqlite"), await headBlock(node));
  } finally {
    assert.equal(await node.stop(), 0);
  }

  const live = new SqliteIndexDatabase({ path: join(dataDir, "index.sqlite") });
  try {
    const seed = await live.get("SELECT * FROM posts WHERE author = 'alice' AND permlink = ?", [seedPermlink]);
    assert.ok(seed !== undefined, "the seed post is indexed");
    assert.equal(seed.category, "hive-196037");
    assert.equal(seed.community, "hive-196037", "the seed post is in the syria community");
    assert.equal(seed.depth, 0);
    assert.equal(seed.children, 3, "two replies and a reply to a reply");
    assert.ok(Number(seed.net_rshares) > 0 && Number(seed.pending_payout) > 0, "the demo's votes count");
    const edited = await live.get("SELECT body, edits, children, total_votes, is_nsfw FROM posts WHERE author = 'bob' AND permlink = 'index-test'");
    assert.deepEqual(edited, { body: "Second body", edits: 1, children: 1, total_votes: 1, is_nsfw: 1 });
    const tags = await live.all("SELECT tag FROM post_tags WHERE post_id = (SELECT id FROM posts WHERE author = 'bob' AND permlink = 'index-test') ORDER BY tag");
    assert.ok(tags.some((t) => t.tag === "index"), `tags are lower-cased: ${JSON.stringify(tags)}`);
    assert.equal(await live.get("SELECT id FROM posts WHERE author = 'dave' AND permlink = 'short-lived'"), undefined, "a deleted post leaves the index");
    const reply = await live.get("SELECT depth, root_id, parent_id FROM posts WHERE author = 'carol' AND permlink = 're-index-test'");
    const root = await live.get("SELECT id FROM posts WHERE author = 'bob' AND permlink = 'index-test'");
    assert.deepEqual(reply, { depth: 1, root_id: root!.id, parent_id: root!.id });
    for (const [name, chainReputation] of Object.entries(reputations)) {
      const row = await live.get<{ reputation: number | bigint | null }>("SELECT reputation FROM accounts WHERE name = ?", [name]);
      assert.equal(String(row!.reputation ?? 0), String(chainReputation), `${name}'s reputation in the index is the chain's`);
    }
    const liveDigest = await indexDigest(live);
    assert.equal(await reindexInto(dataDir, "rebuilt"), liveDigest, "kettle reindex rebuilds exactly the live rows");
    assert.ok((await assertChangedBlocks(dataDir, join(temp, "changed-block.sqlite"))).posts > 10, "posts are marked with the blocks that change them");
    const pgDb = await createTestDatabase();
    const pg = await PostgresIndexDatabase.open({ url: pgDb.url });
    try {
      assert.equal((await reindexDataDir(dataDir, pg)).digest, liveDigest, "PostgreSQL holds the same rows as SQLite");
      const fromPg = await pg.get("SELECT net_rshares, reblogs FROM posts WHERE author = 'alice' AND permlink = ?", [seedPermlink]);
      assert.equal(String(fromPg!.net_rshares), String(seed.net_rshares));
    } finally {
      await pg.close();
      await pgDb.drop();
    }
  } finally {
    await live.close();
  }
});

test("a SIGKILL mid-projection loses nothing: the restarted node catches the index up to the same rows a rebuild gives", async () => {
  const dataDir = join(temp, "killed");
  const first = await startKettle({ demo: true, blockInterval: 0.05, dataDir });
  await sleep(1500);
  await first.stop("SIGKILL");
  const second = await startKettle({ blockInterval: 0.05, dataDir });
  try {
    await sleep(500);
  } finally {
    assert.equal(await second.stop(), 0);
  }
  const live = new SqliteIndexDatabase({ path: join(dataDir, "index.sqlite") });
  try {
    const state = await live.get<{ block_num: number }>("SELECT block_num FROM index_state WHERE id = 1");
    assert.ok(state!.block_num > 20, `the index followed the restarted chain (block ${state!.block_num})`);
    assert.equal(await reindexInto(dataDir, "after-kill"), await indexDigest(live));
  } finally {
    await live.close();
  }
});
