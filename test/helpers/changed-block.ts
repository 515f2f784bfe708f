/**
 * Checks `posts.changed_block` block by block (src/index/schema.ts): rebuilding the index of a node's data
 * directory, after every block each post whose row (but for changed_block) or votes differ from the block
 * before — or which is new — must carry that block's number, and every other post the number it had.
 * Readers keep what they built from a post until it moves (src/api/social/bridge-post-cache.ts), so a
 * change the mark missed would be served stale. Returns how many post changes were seen.
 */
import assert from "node:assert/strict";
import { reindexDataDir } from "../../src/cli/index-sync.ts";
import { SqliteIndexDatabase } from "../../src/index/db/sqlite.ts";

export async function assertChangedBlocks(dataDir: string, scratchPath: string): Promise<number> {
  const db = new SqliteIndexDatabase({ path: scratchPath });
  let prior = new Map<number, { changed: number; text: string }>();
  let changes = 0;
  const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  try {
    await reindexDataDir(dataDir, db, async (block) => {
      // A block without operations changes nothing (and long fast-forwards are made of them).
      if (block.transactions.length === 0 && block.virtualOps.length === 0) return;
      const votes = new Map<number, unknown[]>();
      for (const vote of await db.all("SELECT * FROM votes ORDER BY post_id, voter")) {
        const list = votes.get(vote.post_id as number) ?? [];
        list.push(vote);
        votes.set(vote.post_id as number, list);
      }
      const next = new Map<number, { changed: number; text: string }>();
      for (const row of await db.all("SELECT * FROM posts ORDER BY id")) {
        const { changed_block: changed, ...rest } = row;
        const id = row.id as number;
        const text = json([rest, votes.get(id) ?? []]);
        const was = prior.get(id);
        if (was === undefined || was.text !== text) {
          assert.equal(changed, block.blockNum, `post ${id} changed in block ${block.blockNum}: ${was?.text ?? "(new)"} → ${text}`);
          changes++;
        } else {
          assert.equal(changed, was.changed, `post ${id} did not change in block ${block.blockNum}, yet its changed_block moved`);
        }
        next.set(id, { changed: changed as number, text });
      }
      prior = next;
    });
  } finally {
    await db.close();
  }
  return changes;
}
