/**
 * Checks the marks readers keep their work by (src/index/schema.ts), block by block: rebuilding the index
 * of a node's data directory, after every block
 * - each post whose row (but for changed_block) or votes differ from the block before — or which is new —
 *   must carry that block's number in `posts.changed_block`, and every other post the number it had;
 * - each account whose own follows rows differ must carry it in `accounts.follows_block` (an account whose
 *   rows did not change may carry it too: a reset of empty lists marks it);
 * - `index_state.gray_block` is the block's number exactly when some author turned gray or stopped being gray.
 * Readers keep what they built until these move (bridge-post-cache.ts, post-ranked.ts, post-feed.ts in
 * src/api/social), so a change a mark missed would be served stale. Returns how many changes were seen.
 */
import assert from "node:assert/strict";
import { reindexDataDir } from "../../src/cli/index-sync.ts";
import { SqliteIndexDatabase } from "../../src/index/db/sqlite.ts";
import { grayReputationMax } from "../../src/index/rules/reputation-display.ts";

export interface MarkedChanges {
  readonly posts: number;
  readonly follows: number;
  readonly gray: number;
}

export async function assertChangedBlocks(dataDir: string, scratchPath: string): Promise<MarkedChanges> {
  const db = new SqliteIndexDatabase({ path: scratchPath });
  let prior = new Map<number, { changed: number; text: string }>();
  let priorFollows = new Map<string, { mark: number | null; text: string }>();
  let priorGray = new Set<string>();
  let priorGrayBlock = 0;
  let changes = 0;
  let followChanges = 0;
  let grayChanges = 0;
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

      const rowsBy = new Map<string, unknown[]>();
      for (const row of await db.all("SELECT * FROM follows ORDER BY follower, following")) {
        const list = rowsBy.get(row.follower as string) ?? [];
        list.push(row);
        rowsBy.set(row.follower as string, list);
      }
      const nextFollows = new Map<string, { mark: number | null; text: string }>();
      const gray = new Set<string>();
      for (const account of await db.all("SELECT name, reputation, follows_block FROM accounts ORDER BY name")) {
        const name = account.name as string;
        const mark = account.follows_block as number | null;
        const text = json(rowsBy.get(name) ?? []);
        const was = priorFollows.get(name) ?? { mark: null, text: "[]" };
        if (was.text !== text) {
          assert.equal(mark, block.blockNum, `${name}'s follows changed in block ${block.blockNum}: ${was.text} → ${text}`);
          followChanges++;
        } else if (mark !== was.mark) {
          assert.equal(mark, block.blockNum, `${name}'s follows_block moved to ${mark} in block ${block.blockNum}`);
        }
        nextFollows.set(name, { mark, text });
        if (BigInt((account.reputation as number | bigint | null) ?? 0) <= grayReputationMax) gray.add(name);
      }
      priorFollows = nextFollows;

      const grayMoved = gray.size !== priorGray.size || [...gray].some((name) => !priorGray.has(name));
      const state = await db.get<{ gray_block: number }>("SELECT gray_block FROM index_state WHERE id = 1");
      assert.equal(state?.gray_block, grayMoved ? block.blockNum : priorGrayBlock, `gray_block after block ${block.blockNum} (gray: ${[...gray].join(", ")})`);
      if (grayMoved) grayChanges++;
      priorGray = gray;
      priorGrayBlock = state!.gray_block;
    });
  } finally {
    await db.close();
  }
  return { posts: changes, follows: followChanges, gray: grayChanges };
}
