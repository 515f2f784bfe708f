// Reading notifications from an index file: the unread count finds the last-read mark among many
// notifications, pages run newest first with last_id, and every type renders in Steemit's wording.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { SqliteIndexDatabase } from "../../index/db/sqlite.ts";
import { notifyTypes } from "../../index/rules/notifications.ts";
import { schemaStatements } from "../../index/schema.ts";
import { notificationPage, unreadCount } from "./notification-queries.ts";

const dir = mkdtempSync(join(tmpdir(), "kettle-notifications-"));
const db = new SqliteIndexDatabase({ path: join(dir, "index.sqlite") });

/** 250 notifications to ann, one every 3 seconds from t = 1000, score 25 except every tenth (15). */
const count = 250;
const timeOf = (id: number) => 1000 + 3 * id;

before(async () => {
  await db.transaction(async (tx) => {
    for (const statement of schemaStatements("sqlite")) await tx.run(statement);
    await tx.run("INSERT INTO accounts (id, name, created_at, json_metadata, posting_json_metadata, post_count, followers, following, lastread_at, active_at) VALUES (1, 'ann', 0, '', '', 0, 0, 0, 0, 0)");
    await tx.run("INSERT INTO communities (id, name, type_id, title, created_at, subscribers) VALUES (1, 'hive-100001', 1, '', 0, 0)");
    await tx.run("INSERT INTO posts (id, author, permlink, depth, created_at) VALUES (7, 'ann', 'kettles', 0, 0)");
    for (let id = 1; id <= count; id++) {
      await tx.run("INSERT INTO notifications (id, type_id, score, created_at, block_num, src, dst, community, post_id, payload) VALUES (?, ?, ?, ?, ?, ?, 'ann', NULL, NULL, NULL)", [
        id, notifyTypes.follow, id % 10 === 0 ? 15 : 25, timeOf(id), id, `fan${id}`,
      ]);
    }
  });
});

after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const setLastRead = (time: number) => db.transaction((tx) => tx.run("UPDATE accounts SET lastread_at = ? WHERE name = 'ann'", [time]));

test("unread counts every notification after the mark, with min_score", async () => {
  assert.deepEqual(await unreadCount(db, "ann", 25), { lastreadAt: 0, unread: 225 });
  assert.deepEqual(await unreadCount(db, "ann", 0), { lastreadAt: 0, unread: 250 });
  await setLastRead(timeOf(120));
  assert.deepEqual(await unreadCount(db, "ann", 0), { lastreadAt: timeOf(120), unread: 130 });
  assert.deepEqual(await unreadCount(db, "ann", 25), { lastreadAt: timeOf(120), unread: 117 });
  await setLastRead(timeOf(120) + 1);
  assert.deepEqual(await unreadCount(db, "ann", 0), { lastreadAt: timeOf(120) + 1, unread: 130 }, "a mark between two notifications");
  await setLastRead(timeOf(count));
  assert.deepEqual(await unreadCount(db, "ann", 0), { lastreadAt: timeOf(count), unread: 0 });
  assert.equal(await unreadCount(db, "nobody", 25), undefined);
});

test("pages run newest first, filtered by score, continued by last_id", async () => {
  const page = await notificationPage(db, { by: "dst", account: "ann" }, { minScore: 25, lastId: null, limit: 3 });
  assert.deepEqual(page.map((n) => n.id), [249, 248, 247]);
  assert.deepEqual(page[0], { id: 249, type: "follow", score: 25, date: "1970-01-01T00:29:07", msg: "@fan249 followed you", url: "@fan249" });
  const next = await notificationPage(db, { by: "dst", account: "ann" }, { minScore: 0, lastId: 242, limit: 3 });
  assert.deepEqual(next.map((n) => [n.id, n.score]), [[241, 25], [240, 15], [239, 25]]);
});

test("every type renders with Steemit's wording and URLs", async () => {
  const rows: [number, string | null, string, string | null, number | null, string | null][] = [
    [notifyTypes.new_community, null, "hive-100001", "hive-100001", null, null],
    [notifyTypes.set_role, "boss", "ann", "hive-100001", null, "mod"],
    [notifyTypes.set_props, "boss", "hive-100001", "hive-100001", null, '{"title":"T"}'],
    [notifyTypes.set_label, "boss", "ann", "hive-100001", null, "Chief"],
    [notifyTypes.mute_post, "boss", "ann", "hive-100001", 7, "spam"],
    [notifyTypes.unmute_post, "boss", "ann", "hive-100001", 7, "ok"],
    [notifyTypes.pin_post, "boss", "ann", "hive-100001", 7, null],
    [notifyTypes.unpin_post, "boss", "ann", "hive-100001", 7, null],
    [notifyTypes.flag_post, "carl", "boss", "hive-100001", 7, "rude"],
    [notifyTypes.error, "hive-100001", "ann", "hive-100001", null, "not authorized"],
    [notifyTypes.subscribe, "carl", "hive-100001", "hive-100001", null, null],
    [notifyTypes.reply, "carl", "ann", null, 7, null],
    [notifyTypes.reply_comment, "carl", "ann", null, 7, null],
    [notifyTypes.reblog, "carl", "ann", null, 7, null],
    [notifyTypes.mention, "carl", "ann", null, 7, null],
    [notifyTypes.vote, "carl", "ann", null, 7, "$1.235"],
    [notifyTypes.vote, "carl", "ann", null, 7, "$0.005"],
  ];
  await db.transaction(async (tx) => {
    for (const [i, [type, src, dst, community, postId, payload]] of rows.entries()) {
      await tx.run("INSERT INTO notifications (id, type_id, score, created_at, block_num, src, dst, community, post_id, payload) VALUES (?, ?, 35, 0, 0, ?, ?, ?, ?, ?)", [
        1000 + i, type, src, dst, community, postId, payload,
      ]);
    }
  });
  const rendered = await notificationPage(db, { by: "community", community: "hive-100001" }, { minScore: 0, lastId: null, limit: 100 });
  const personal = await notificationPage(db, { by: "post", postId: 7 }, { minScore: 0, lastId: null, limit: 100 });
  const all = new Map([...rendered, ...personal].map((n) => [n.id, [n.type, n.msg, n.url]]));
  const post = "@ann/kettles";
  const community = "trending/hive-100001";
  assert.deepEqual([...all.entries()].sort(([a], [b]) => a - b).map(([, value]) => value), [
    ["new_community", "@hive-100001 was created", community],
    ["set_role", "@boss set @ann mod", community],
    ["set_props", '@boss set properties {"title":"T"}', community],
    ["set_label", "@boss label @ann Chief", community],
    ["mute_post", `@boss mute ${post} - spam`, post],
    ["unmute_post", `@boss unmute ${post} - ok`, post],
    ["pin_post", `@boss pin ${post}`, post],
    ["unpin_post", `@boss unpin ${post}`, post],
    ["flag_post", `@carl flag ${post} - rude`, post],
    ["error", "error: not authorized", community],
    // An untitled community reads as @name.
    ["subscribe", "@carl subscribed to @hive-100001", community],
    ["reply", "@carl replied to your post", post],
    ["reply_comment", "@carl replied to your comment", post],
    ["reblog", "@carl resteemed your post", post],
    ["mention", "@carl mentioned you", post],
    ["vote", "@carl voted on your post ($1.24)", post],
    ["vote", "@carl voted on your post", post],
  ]);
});
