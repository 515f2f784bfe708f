// Ranked lists kept across head blocks and brought up to date from the posts changed since
// (post-ranked.ts) against the same lists read afresh from the index, over blocks of random changes:
// score moves, payouts, deletions, new posts, tag edits, pins, authors turning gray and back, the
// observer's mutes, and blocks that change nothing.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { SqlRunner } from "../../index/db/database.ts";
import { SqliteIndexDatabase } from "../../index/db/sqlite.ts";
import { grayReputationMax } from "../../index/rules/reputation-display.ts";
import { schemaStatements } from "../../index/schema.ts";
import { createPrng } from "../../stdx/prng.ts";
import { type RankedQuery, type RankedScope, type RankedSort, rankedPostIds, rankedPostIdsFromIndex } from "./post-ranked.ts";

const dir = mkdtempSync(join(tmpdir(), "kettle-ranked-"));
const path = join(dir, "index.sqlite");
const db = new SqliteIndexDatabase({ path });
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const random = createPrng(11);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
const tags = ["a", "b", "c"];
const communities = [null, "hive-111111", "hive-222222"];
let nextId = 1;
let head = 1;

async function insertPost(tx: SqlRunner, block: number): Promise<void> {
  const id = nextId++;
  const depth = random() < 0.7 ? 0 : 1;
  // A post's category is among its tags (its first), as the projector writes them.
  const category = pick(tags);
  await tx.run(
    `INSERT INTO posts (id, author, permlink, parent_id, root_id, depth, category, community, title, body, json_metadata, created_at, updated_at, active_at,
       edits, children, net_rshares, abs_rshares, vote_rshares, total_votes, up_votes, cashout_at, payout_at, is_paidout, pending_payout, author_payout,
       curator_payout, payout, max_accepted_payout, percent_sbd, allow_replies, allow_votes, allow_curation, beneficiaries, is_deleted, is_muted,
       muted_reasons, is_pinned, is_nsfw, sc_trend, sc_hot, promoted, reblogs, author_rewards, beneficiary_payout, total_vote_weight, changed_block)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, 'T', 'B', '{}', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?, 0, 0, 0, 0, 10000, 1, 1, 1, '[]', 0, 0, 0, ?, 0, ?, ?, ?, 0, 0, 0, 0, ?)`,
    [
      id, `u${id % 10}`, `p${id}`, id, depth, category, pick(communities), random() < 0.2 ? 1 : 0, Math.floor(random() * 50) / 10,
      random() < 0.05 ? 1 : 0, Math.floor(random() * 40), Math.floor(random() * 40), random() < 0.3 ? Math.floor(random() * 10) : 0, block,
    ],
  );
  for (const tag of tags) if (tag === category || random() < 0.5) await tx.run("INSERT INTO post_tags (tag, post_id) VALUES (?, ?)", [tag, id]);
}

/** One block of `changes` random changes, each marking the post it changes as the projector does. */
async function block(changes: number): Promise<void> {
  head++;
  await db.transaction(async (tx) => {
    for (let i = 0; i < changes; i++) {
      const id = 1 + Math.floor(random() * (nextId - 1));
      const kind = random();
      if (kind < 0.5) {
        // Scores move both ways, often onto values other posts have (ties).
        await tx.run("UPDATE posts SET sc_trend = ?, sc_hot = ?, pending_payout = ?, changed_block = ? WHERE id = ?", [
          Math.floor(random() * 40), Math.floor(random() * 40), Math.floor(random() * 50) / 10, head, id,
        ]);
      } else if (kind < 0.6) {
        await tx.run("UPDATE posts SET is_paidout = 1, pending_payout = 0, changed_block = ? WHERE id = ?", [head, id]);
      } else if (kind < 0.65) {
        // A deleted post leaves nothing that says it changed.
        await tx.run("DELETE FROM posts WHERE id = ?", [id]);
        await tx.run("DELETE FROM post_tags WHERE post_id = ?", [id]);
      } else if (kind < 0.8) {
        await insertPost(tx, head);
      } else if (kind < 0.9) {
        // An edit's tags: the category stays first, the others change.
        await tx.run("DELETE FROM post_tags WHERE post_id = ? AND tag <> (SELECT category FROM posts WHERE id = ?)", [id, id]);
        await tx.run("INSERT INTO post_tags (tag, post_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [pick(tags), id]);
        await tx.run("UPDATE posts SET changed_block = ? WHERE id = ?", [head, id]);
      } else if (kind < 0.93) {
        await tx.run("UPDATE posts SET is_pinned = 1 - is_pinned, changed_block = ? WHERE id = ?", [head, id]);
      } else if (kind < 0.95) {
        // An author's reputation moves (nothing marks their posts); crossing the gray line marks the index.
        const author = `u${Math.floor(random() * 10)}`;
        const gray = random() < 0.5;
        const before = await tx.get<{ reputation: number }>("SELECT reputation FROM accounts WHERE name = ?", [author]);
        await tx.run("UPDATE accounts SET reputation = ? WHERE name = ?", [gray ? grayReputationMax - 5n : 1000 + Math.floor(random() * 100), author]);
        if (gray !== BigInt(before!.reputation) <= grayReputationMax) await tx.run("UPDATE index_state SET gray_block = ? WHERE id = 1", [head]);
      } else if (kind < 0.96) {
        // The observer mutes or unmutes an author, which marks the observer.
        const author = `u${Math.floor(random() * 10)}`;
        if ((await tx.run("DELETE FROM follows WHERE follower = 'watcher' AND following = ?", [author])) === 0) {
          await tx.run("INSERT INTO follows (follower, following, state, blacklisted, follow_blacklists, follow_muted, created_at) VALUES ('watcher', ?, 2, 0, 0, 0, 0)", [author]);
        }
        await tx.run("UPDATE accounts SET follows_block = ? WHERE name = 'watcher'", [head]);
      } else {
        await tx.run("UPDATE posts SET promoted = promoted + 1, changed_block = ? WHERE id = ?", [head, id]);
      }
    }
    await tx.run("UPDATE index_state SET block_num = ?, block_time = ? WHERE id = 1", [head, head * 3]);
  });
}

const queries: RankedQuery[] = [];
for (const sort of ["trending", "hot", "promoted", "payout_comments", "payout", "created", "muted"] as RankedSort[]) {
  for (const scope of [{ kind: "all" }, { kind: "tag", tag: "b" }, { kind: "communities", names: ["hive-111111"] }] as RankedScope[]) {
    for (const excludePinned of [false, true]) {
      // An observer who muted most authors is shown posts from deep in everybody's list.
      for (const [limit, observer] of [[3, null], [10, "watcher"]] as const) {
        queries.push({ sort, scope, start: null, limit, observer, now: 0, flavor: "condenser", inclusive: false, excludePinned, mutedReasonsFilter: 0 });
      }
    }
  }
}

test("kept ranked lists brought up to date block by block are the lists read afresh", async () => {
  await db.transaction(async (tx) => {
    for (const statement of schemaStatements("sqlite")) await tx.run(statement);
    await tx.run(
      `INSERT INTO index_state (id, schema_version, block_num, block_id, block_time, next_post_id, next_notification_id, next_account_id, next_community_id, gray_block)
       VALUES (1, 0, 1, '', 3, 0, 0, 0, 0, 0)`,
    );
    for (const [id, name] of [...Array.from({ length: 10 }, (_, i) => `u${i}`), "watcher"].entries()) {
      await tx.run(
        `INSERT INTO accounts (id, name, created_at, json_metadata, posting_json_metadata, reputation, post_count, followers, following, lastread_at, active_at)
         VALUES (?, ?, 0, '', '', ?, 0, 0, 0, 0, 0)`,
        [id + 1, name, id < 2 ? grayReputationMax : 0],
      );
    }
    for (let i = 0; i < 150; i++) await insertPost(tx, 1);
    for (let i = 0; i < 7; i++) {
      await tx.run("INSERT INTO follows (follower, following, state, blacklisted, follow_blacklists, follow_muted, created_at) VALUES ('watcher', ?, 2, 0, 0, 0, 0)", [`u${i}`]);
    }
  });
  let compared = 0;
  for (let round = 0; round < 60; round++) {
    // Mostly small blocks, some empty, some that change much of the index.
    await block(round % 10 === 9 ? 0 : round % 15 === 14 ? 120 : 1 + Math.floor(random() * 8));
    // A fresh handle keeps nothing: it reads every list from the index.
    const fresh = new SqliteIndexDatabase({ path });
    try {
      for (const query of queries) {
        // Not every list is read at every head: some are brought up over several blocks at once.
        if (random() < 0.3) continue;
        const firstPage = await rankedPostIds(fresh, query);
        assert.deepEqual(await rankedPostIds(db, query), firstPage, `${JSON.stringify(query)} at block ${head}`);
        compared++;
        // The next page from a post of the first, exclusive (bridge) or inclusive (condenser): often taken
        // from the kept first page, which must then be what the index says follows that post.
        if (firstPage.length > 0) {
          const start = { id: pick(firstPage), author: "", permlink: "" };
          for (const inclusive of [false, true]) {
            const next = { ...query, start, inclusive };
            assert.deepEqual(await rankedPostIds(db, next), await rankedPostIdsFromIndex(fresh, next), `${JSON.stringify(next)} at block ${head}`);
            compared++;
          }
        }
      }
    } finally {
      await fresh.close();
    }
  }
  assert.ok(compared > 5000);
});
