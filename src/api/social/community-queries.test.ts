// The community ranking's running tally of pending posts (community-queries.ts), brought up to date block by
// block from the posts changed since, against the ranking read afresh from the index: votes moving pending
// payouts, payouts, new posts and comments in and out of communities, empty blocks and jumps of many blocks.
// Deleted posts (Steem deletes only posts without positive votes) leave no trace until the next full read:
// until then only their count may linger, never a payout.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { SqlRunner } from "../../index/db/database.ts";
import { SqliteIndexDatabase } from "../../index/db/sqlite.ts";
import { schemaStatements } from "../../index/schema.ts";
import { createPrng } from "../../stdx/prng.ts";
import { pendingFullReadBlocks, type RankedCommunity, rankedCommunities } from "./community-queries.ts";

const dir = mkdtempSync(join(tmpdir(), "kettle-community-ranking-"));
const path = join(dir, "index.sqlite");
const db = new SqliteIndexDatabase({ path });
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const random = createPrng(23);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
/** Registered communities, a name no community has (an ordinary tag), and posts outside communities. */
const communities = ["hive-111111", "hive-222222", "hive-333333", "hive-444444"];
const placements = [...communities, "hive-999999", null];
let nextId = 1;
let head = 1;

async function insertPost(tx: SqlRunner, block: number): Promise<void> {
  const id = nextId++;
  await tx.run(
    `INSERT INTO posts (id, author, permlink, parent_id, root_id, depth, category, community, title, body, json_metadata, created_at, updated_at, active_at,
       edits, children, net_rshares, abs_rshares, vote_rshares, total_votes, up_votes, cashout_at, payout_at, is_paidout, pending_payout, author_payout,
       curator_payout, payout, max_accepted_payout, percent_sbd, allow_replies, allow_votes, allow_curation, beneficiaries, is_deleted, is_muted,
       muted_reasons, is_pinned, is_nsfw, sc_trend, sc_hot, promoted, reblogs, author_rewards, beneficiary_payout, total_vote_weight, changed_block)
     VALUES (?, ?, ?, NULL, ?, ?, 'c', ?, 'T', 'B', '{}', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10000, 1, 1, 1, '[]', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?)`,
    [id, `u${Math.floor(random() * 12)}`, `p${id}`, id, random() < 0.6 ? 0 : 1, pick(placements), block],
  );
}

/** A random pending payout in SBD with three decimals, often one other posts have. */
const payout = () => (random() < 0.3 ? Math.floor(random() * 5) : Math.floor(random() * 40_000) / 1000);

/** One block of `changes` random changes, each marking the post it changes as the projector does. */
async function block(changes: number, deletions: boolean, step = 1): Promise<void> {
  head += step;
  await db.transaction(async (tx) => {
    for (let i = 0; i < changes; i++) {
      const id = 1 + Math.floor(random() * (nextId - 1));
      const kind = random();
      if (kind < 0.55) {
        await tx.run("UPDATE posts SET pending_payout = ?, changed_block = ? WHERE id = ? AND is_paidout = 0", [payout(), head, id]);
      } else if (kind < 0.65) {
        await tx.run("UPDATE posts SET is_paidout = 1, pending_payout = 0, changed_block = ? WHERE id = ?", [head, id]);
      } else if (kind < 0.7) {
        // Only a post without positive votes can be deleted, and it leaves nothing that says it changed.
        if (deletions) await tx.run("DELETE FROM posts WHERE id = ? AND pending_payout = 0", [id]);
      } else {
        await insertPost(tx, head);
      }
    }
    await tx.run("UPDATE index_state SET block_num = ?, block_time = ? WHERE id = 1", [head, head * 3]);
  });
}

async function freshRanking(): Promise<readonly RankedCommunity[]> {
  // A fresh handle keeps nothing: it reads every pending post.
  const fresh = new SqliteIndexDatabase({ path });
  try {
    return await rankedCommunities(fresh);
  } finally {
    await fresh.close();
  }
}

test("the ranking kept from a running tally is the ranking read afresh, block after block", async () => {
  await db.transaction(async (tx) => {
    for (const statement of schemaStatements("sqlite")) await tx.run(statement);
    await tx.run(
      `INSERT INTO index_state (id, schema_version, block_num, block_id, block_time, next_post_id, next_notification_id, next_account_id, next_community_id, gray_block)
       VALUES (1, 0, 1, '', 3, 0, 0, 0, 0, 0)`,
    );
    for (const [i, name] of communities.entries()) {
      await tx.run(
        `INSERT INTO communities (id, name, type_id, title, about, lang, is_nsfw, description, flag_text, settings, created_at, subscribers)
         VALUES (?, ?, 1, ?, '', 'en', 0, '', '', '{}', 0, ?)`,
        [i + 1, name, i === 3 ? "" : `Community ${i}`, i],
      );
    }
    for (let i = 0; i < 200; i++) await insertPost(tx, 1);
  });
  let withPending = 0;
  for (let round = 0; round < 80; round++) {
    // Mostly small blocks, some empty, some that change much of the index, some several blocks at once.
    await block(round % 10 === 9 ? 0 : round % 15 === 14 ? 150 : 1 + Math.floor(random() * 8), false, round % 7 === 6 ? 5 : 1);
    const kept = await rankedCommunities(db);
    assert.deepEqual(kept, await freshRanking(), `at block ${head}`);
    withPending += kept.filter((community) => community.num_pending > 0).length;
  }
  assert.ok(withPending > 200, "the rankings compared hold pending posts");
});

test("a deletion leaves at most its count behind, until the next full read", async () => {
  const payouts = (ranking: readonly RankedCommunity[]) => ranking.map(({ name, sum_pending }) => [name, sum_pending]);
  for (let round = 0; round < 30; round++) {
    await block(10, true);
    const kept = await rankedCommunities(db);
    const fresh = await freshRanking();
    assert.deepEqual(payouts([...kept].sort((a, b) => a.id - b.id)), payouts([...fresh].sort((a, b) => a.id - b.id)), `payouts at block ${head}`);
    for (const community of kept) {
      const read = fresh.find((c) => c.name === community.name)!;
      assert.ok(community.num_pending >= read.num_pending && community.num_authors >= read.num_authors, `${community.name} at block ${head}`);
    }
  }
  // Past the full-read interval the tally is read again: exact.
  await block(3, false, pendingFullReadBlocks);
  assert.deepEqual(await rankedCommunities(db), await freshRanking());
});
