// First feed pages kept across head blocks and brought up to date (post-feed.ts) against the same pages
// read afresh from the index, over blocks of random changes: new posts, reblogs and undone reblogs,
// deleted posts, the reader following and unfollowing, mutes (direct and through a mute list), and time
// passing so that entries leave the month — old posts reblogged since move to their next entry.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { SqlRunner } from "../../index/db/database.ts";
import { SqliteIndexDatabase } from "../../index/db/sqlite.ts";
import { schemaStatements } from "../../index/schema.ts";
import { createPrng } from "../../stdx/prng.ts";
import { feedEntries } from "./post-feed.ts";

const dir = mkdtempSync(join(tmpdir(), "kettle-feed-kept-"));
const path = join(dir, "index.sqlite");
const db = new SqliteIndexDatabase({ path });
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const random = createPrng(23);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
const day = 24 * 3600;
const authors = [...Array.from({ length: 12 }, (_, i) => `f${i}`), "o0", "o1", "o2"];
const readers = ["reader", "reader2", "lister"];
let head = 1;
let now = 100 * day;
let nextId = 1;

async function follow(tx: SqlRunner, follower: string, following: string, state: number, followMuted = 0): Promise<void> {
  await tx.run(
    `INSERT INTO follows (follower, following, state, blacklisted, follow_blacklists, follow_muted, created_at) VALUES (?, ?, ?, 0, 0, ?, 0)
     ON CONFLICT (follower, following) DO UPDATE SET state = excluded.state, follow_muted = excluded.follow_muted`,
    [follower, following, state, followMuted],
  );
  await tx.run("UPDATE accounts SET follows_block = ? WHERE name = ?", [head, follower]);
}

async function newPost(tx: SqlRunner, at: number): Promise<number> {
  const id = nextId++;
  const author = pick(authors);
  await tx.run("INSERT INTO posts (id, author, permlink, root_id, depth, changed_block) VALUES (?, ?, ?, ?, 0, ?)", [id, author, `p${id}`, id, head]);
  await tx.run("INSERT INTO feed_cache (account, post_id, created_at) VALUES (?, ?, ?)", [author, id, at]);
  return id;
}

/** A reblog by a random author at `at` of a random post older than `at`, marking the post. */
async function reblog(tx: SqlRunner, at: number): Promise<void> {
  const post = await tx.get<{ id: number }>("SELECT post_id AS id FROM feed_cache WHERE created_at < ? ORDER BY (post_id * 7919) % 1009 LIMIT 1 OFFSET ?", [
    at, Math.floor(random() * 50),
  ]);
  if (post === undefined) return;
  await tx.run("INSERT INTO feed_cache (account, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [pick(authors), post.id, at]);
  await tx.run("UPDATE posts SET changed_block = ? WHERE id = ?", [head, post.id]);
}

async function block(changes: number, seconds: number): Promise<void> {
  head++;
  now += seconds;
  await db.transaction(async (tx) => {
    for (let i = 0; i < changes; i++) {
      const kind = random();
      if (kind < 0.35) await newPost(tx, now);
      else if (kind < 0.55) await reblog(tx, now);
      else if (kind < 0.62) {
        // A reblog of a post whose first entry leaves the month within minutes (no change marks that).
        const post = await tx.get<{ id: number }>(
          "SELECT post_id AS id FROM feed_cache GROUP BY post_id HAVING MIN(created_at) > ? AND MIN(created_at) <= ? LIMIT 1",
          [now - 30 * day, now - 30 * day + 1200],
        );
        if (post !== undefined) {
          await tx.run("INSERT INTO feed_cache (account, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [pick(authors), post.id, now]);
          await tx.run("UPDATE posts SET changed_block = ? WHERE id = ?", [head, post.id]);
        }
      }
      else if (kind < 0.75) {
        // An undone reblog (never the author's own entry), mostly a recent one (on first pages).
        const row = await tx.get<{ account: string; post_id: number }>(
          "SELECT fc.account, fc.post_id FROM feed_cache fc JOIN posts p ON p.id = fc.post_id WHERE fc.account <> p.author ORDER BY fc.created_at DESC LIMIT 1 OFFSET ?",
          [Math.floor(random() * 30)],
        );
        if (row !== undefined) {
          await tx.run("DELETE FROM feed_cache WHERE account = ? AND post_id = ?", [row.account, row.post_id]);
          await tx.run("UPDATE posts SET changed_block = ? WHERE id = ?", [head, row.post_id]);
        }
      } else if (kind < 0.85) {
        // A deleted post (mostly a recent one) leaves nothing that says it changed.
        const id = Math.max(1, nextId - 1 - Math.floor(random() * 40));
        await tx.run("DELETE FROM posts WHERE id = ?", [id]);
        await tx.run("DELETE FROM feed_cache WHERE post_id = ?", [id]);
      } else if (kind < 0.92) {
        await follow(tx, pick(["reader", "reader2"]), pick(authors), pick([0, 1, 1, 2]));
      } else {
        // A mute on the list the reader follows.
        await follow(tx, "lister", pick(authors), pick([0, 2]));
      }
    }
    await tx.run("UPDATE index_state SET block_num = ?, block_time = ? WHERE id = 1", [head, now]);
  });
}

/** (account, observer, limit): the reader's own feed, seen by others, short and long pages, one holding the whole month. */
const queries: [string, string | null, number][] = [
  ["reader", "reader", 5], ["reader", "reader", 20], ["reader", null, 5], ["reader", "reader2", 8], ["reader2", "reader2", 3], ["reader2", null, 20], ["reader", "reader", 400],
];

test("kept first feed pages brought up to date block by block are the pages read afresh", async () => {
  await db.transaction(async (tx) => {
    for (const statement of schemaStatements("sqlite")) await tx.run(statement);
    await tx.run(
      `INSERT INTO index_state (id, schema_version, block_num, block_id, block_time, next_post_id, next_notification_id, next_account_id, next_community_id, gray_block)
       VALUES (1, 0, 1, '', ?, 0, 0, 0, 0, 0)`,
      [now],
    );
    for (const [id, name] of [...authors, ...readers].entries()) {
      await tx.run(
        `INSERT INTO accounts (id, name, created_at, json_metadata, posting_json_metadata, reputation, post_count, followers, following, lastread_at, active_at)
         VALUES (?, ?, 0, '', '', 0, 0, 0, 0, 0, 0)`,
        [id + 1, name],
      );
    }
    for (let i = 0; i < 10; i++) await follow(tx, "reader", `f${i}`, 1);
    for (let i = 5; i < 12; i++) await follow(tx, "reader2", `f${i}`, 1);
    await follow(tx, "reader", "lister", 0, 1);
    await follow(tx, "lister", "f3", 2);
    // Six weeks of posts and reblogs (many of posts weeks old) up to the first head.
    for (let i = 0; i < 300; i++) await newPost(tx, now - Math.floor(random() * 42 * day));
    for (let i = 0; i < 250; i++) await reblog(tx, now - Math.floor(random() * 30 * day));
    // Posts whose first entry leaves the month within the next hours, reblogged in the last half hour:
    // each moves up to its reblog, onto the first pages, when its first entry leaves. And many more
    // leaving the month in the days the test runs through, some reblogged as it goes.
    for (let i = 0; i < 40; i++) {
      const id = await newPost(tx, now - 30 * day + Math.floor(random() * 2 * 3600));
      await tx.run("INSERT INTO feed_cache (account, post_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [pick(authors), id, now - Math.floor(random() * 1800)]);
    }
    for (let i = 0; i < 600; i++) await newPost(tx, now - 30 * day + Math.floor(random() * 12 * day));
  });
  let compared = 0;
  let moved = 0;
  const before = new Map<string, string>();
  for (let round = 0; round < 80; round++) {
    // Mostly blocks seconds apart; some hours or a day later, when many entries leave the month at once.
    const seconds = round % 9 === 8 ? day : round % 4 === 3 ? 3 * 3600 : 3 + Math.floor(random() * 300);
    await block(round % 10 === 9 ? 0 : round % 13 === 12 ? 40 : 1 + Math.floor(random() * 5), seconds);
    // A fresh handle keeps nothing: it reads every page from the index.
    const fresh = new SqliteIndexDatabase({ path });
    try {
      for (const [account, observer, limit] of queries) {
        // Not every page is read at every head: some are brought up over several blocks at once.
        if (random() < 0.3) continue;
        const kept = await feedEntries(db, account, null, limit, observer, now, false);
        const want = await feedEntries(fresh, account, null, limit, observer, now, false);
        assert.deepEqual(kept, want, `${account} seen by ${observer} (${limit}) at block ${head}`);
        const key = `${account} ${observer} ${limit}`;
        if (before.get(key) !== JSON.stringify(want)) moved++;
        before.set(key, JSON.stringify(want));
        compared++;
      }
    } finally {
      await fresh.close();
    }
  }
  assert.ok(compared > 300 && moved > 100, `${compared} pages compared, ${moved} of them moved`);
});
