// The feed read window by window (post-feed.ts) against the feed's definition computed by brute force
// over a month and more of generated entries: own posts and reblogs (old posts among them, reblogged
// weeks later), times that tie, followed accounts muted through a mute list, and every page in turn.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { SqliteIndexDatabase } from "../../index/db/sqlite.ts";
import { schemaStatements } from "../../index/schema.ts";
import { createPrng } from "../../stdx/prng.ts";
import { feedEntries, feedWindowSeconds } from "./post-feed.ts";

const dir = mkdtempSync(join(tmpdir(), "kettle-feed-"));
const db = new SqliteIndexDatabase({ path: join(dir, "index.sqlite") });
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const day = 24 * 3600;
const now = 45 * day;
const reader = "reader";
const followed = Array.from({ length: 30 }, (_, i) => `f${i}`);
const others = Array.from({ length: 10 }, (_, i) => `o${i}`);
/** Followed accounts that `reader` mutes through the mute list it follows. */
const mutedByList = new Set(["f5", "f6"]);

interface Entry {
  readonly account: string;
  readonly postId: number;
  readonly at: number;
}
const entries: Entry[] = [];

before(async () => {
  const random = createPrng(7);
  const posts: { id: number; at: number }[] = [];
  let nextId = 1;
  // Own posts over 45 days at 10-minute steps (so times tie), then reblogs of earlier posts, some weeks old.
  for (const account of [...followed, ...others]) {
    const count = 5 + Math.floor(random() * 40);
    for (let i = 0; i < count; i++) {
      const at = Math.floor((random() * now) / 600) * 600;
      const id = nextId++;
      posts.push({ id, at });
      entries.push({ account, postId: id, at });
    }
  }
  for (let i = 0; i < 400; i++) {
    const account = followed[Math.floor(random() * followed.length)];
    const post = posts[Math.floor(random() * posts.length)];
    const at = Math.min(now, post.at + Math.floor((random() * 20 * day) / 600) * 600);
    if (!entries.some((e) => e.account === account && e.postId === post.id)) entries.push({ account, postId: post.id, at });
  }
  await db.transaction(async (tx) => {
    for (const statement of schemaStatements("sqlite")) await tx.run(statement);
    const follow = (follower: string, following: string, state: number, followMuted: number) =>
      tx.run("INSERT INTO follows (follower, following, state, blacklisted, follow_blacklists, follow_muted, created_at) VALUES (?, ?, ?, 0, 0, ?, 0)", [follower, following, state, followMuted]);
    for (const account of followed) await follow(reader, account, 1, 0);
    await follow(reader, "o0", 2, 0); // a direct mute of an account the reader does not follow
    await follow(reader, "lister", 0, 1); // the reader follows lister's mute list
    for (const account of mutedByList) await follow("lister", account, 2, 0);
    for (const entry of entries) await tx.run("INSERT INTO feed_cache (account, post_id, created_at) VALUES (?, ?, ?)", [entry.account, entry.postId, entry.at]);
  });
});

/** The feed by its definition: followed accounts' entries of the month, the observer's mutes left out, each post at its first entry. */
function expectedFeed(observer: string | null): { id: number; at: number }[] {
  const follows = new Set(followed);
  const firstAt = new Map<number, number>();
  for (const entry of entries) {
    if (!follows.has(entry.account) || entry.at <= now - feedWindowSeconds) continue;
    if (observer !== null && mutedByList.has(entry.account)) continue;
    firstAt.set(entry.postId, Math.min(firstAt.get(entry.postId) ?? Number.POSITIVE_INFINITY, entry.at));
  }
  return [...firstAt].map(([id, at]) => ({ id, at })).sort((a, b) => b.at - a.at || b.id - a.id);
}

/** Where a page starting after post `id` begins: its first entry by any followed account (feedEntries' rule). */
function startKey(id: number): { at: number; id: number } {
  return { at: Math.min(...entries.filter((e) => e.postId === id && followed.includes(e.account)).map((e) => e.at)), id };
}

for (const observer of [null, reader]) {
  test(`every page of the feed is the feed's definition, page by page (${observer === null ? "no observer" : "the reader observing, with mutes"})`, async () => {
    const expected = expectedFeed(observer);
    assert.ok(expected.length > 300, "the data set fills many pages");
    const limit = 7;
    let start: { id: number; author: string; permlink: string } | null = null;
    let pages = 0;
    for (;;) {
      const page = await feedEntries(db, reader, start, limit, observer, now, false);
      const key: { at: number; id: number } | null = start === null ? null : startKey(start.id);
      const want: number[] = expected.filter((e) => key === null || e.at < key.at || (e.at === key.at && e.id < key.id)).slice(0, limit).map((e) => e.id);
      assert.deepEqual(page.map((e) => e.id), want, `page ${pages + 1}`);
      if (page.length === 0) break;
      pages++;
      const last = page[page.length - 1].id;
      start = { id: last, author: "", permlink: "" };
    }
    assert.ok(pages > 40, `walked ${pages} pages`);
  });
}

test("each feed entry names the followed accounts that brought it, the author among them when followed", async () => {
  const page = await feedEntries(db, reader, null, 50, null, now, false);
  for (const entry of page) {
    const want = [...new Set(entries.filter((e) => e.postId === entry.id && followed.includes(e.account) && e.at > now - feedWindowSeconds).map((e) => e.account))].sort();
    assert.deepEqual([...entry.accounts].sort(), want);
  }
});
