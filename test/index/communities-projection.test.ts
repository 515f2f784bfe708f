// Communities through a real node on SQLite and PostgreSQL: created hivemind's way (the community account grants
// roles with its own key) and Kettle's way (its creator is its admin at once), every community action with the
// rows and notifications it leaves, refused ops that leave only their `error` notification, and the muted state
// of posts in topics, journals and councils.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import type { Operation } from "dsteem";
import type { IndexDatabase, SqlRow } from "../../src/index/db/database.ts";
import { PostgresIndexDatabase } from "../../src/index/db/postgres.ts";
import { SqliteIndexDatabase } from "../../src/index/db/sqlite.ts";
import { type NotifyTypeId, notifyTypeNames, notifyTypes } from "../../src/index/rules/notifications.ts";
import { keyOf, onBothDatabases, type SocialNetwork } from "../helpers/social-network.ts";

const topic = "hive-111111";
const journal = "hive-222222";
const council = "hive-333333";

async function withIndex<T>(net: SocialNetwork, body: (db: IndexDatabase) => Promise<T>): Promise<T> {
  const db = net.databaseUrl === null ? new SqliteIndexDatabase({ path: join(net.kettle.dataDir, "index.sqlite") }) : await PostgresIndexDatabase.open({ url: net.databaseUrl, readers: 1 });
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}

const communityOp = (signer: string, action: string, payload: Record<string, unknown>): Operation => [
  "custom_json", { required_auths: [], required_posting_auths: [signer], id: "community", json: JSON.stringify([action, payload]) },
];

const comment = (author: string, permlink: string, parent: string | [string, string]): Operation => [
  "comment",
  {
    parent_author: typeof parent === "string" ? "" : parent[0], parent_permlink: typeof parent === "string" ? parent : parent[1], author, permlink,
    title: typeof parent === "string" ? `Post ${permlink}` : "", body: `Body of ${permlink}`, json_metadata: "{}",
  },
];

interface Notification {
  type: string;
  score: number;
  src: string | null;
  dst: string | null;
  community: string | null;
  post: string | null;
  payload: string | null;
}

/** Community notifications (new_community … subscribe) with ids above `afterId`, in id order. */
async function communityNotificationsAfter(net: SocialNetwork, afterId: number): Promise<Notification[]> {
  const rows = await withIndex(net, (db) =>
    db.all(
      `SELECT n.type_id, n.score, n.src, n.dst, n.community, n.payload, p.author, p.permlink
       FROM notifications n LEFT JOIN posts p ON p.id = n.post_id WHERE n.id > ? AND n.type_id <= ? ORDER BY n.id`,
      [afterId, notifyTypes.subscribe],
    ),
  );
  return rows.map((row) => ({
    type: notifyTypeNames[row.type_id as NotifyTypeId], score: Number(row.score), src: row.src as string | null, dst: row.dst as string | null,
    community: row.community as string | null, post: row.author === null ? null : `${row.author}/${row.permlink}`, payload: row.payload as string | null,
  }));
}

async function lastNotificationId(net: SocialNetwork): Promise<number> {
  return withIndex(net, async (db) => Number((await db.get("SELECT COALESCE(MAX(id), 0) AS id FROM notifications"))!.id));
}

async function rolesOf(net: SocialNetwork, community: string): Promise<Record<string, [number, string]>> {
  const rows = await withIndex(net, (db) =>
    db.all("SELECT r.account, r.role, r.title FROM community_roles r JOIN communities c ON c.id = r.community_id WHERE c.name = ? ORDER BY r.account", [community]),
  );
  return Object.fromEntries(rows.map((row) => [row.account, [Number(row.role), String(row.title)]]));
}

async function community(net: SocialNetwork, name: string): Promise<SqlRow | undefined> {
  return withIndex(net, (db) => db.get("SELECT type_id, title, about, lang, is_nsfw, settings, subscribers FROM communities WHERE name = ?", [name]));
}

/** [community, is_muted, muted_reasons, is_pinned] of a post. */
async function postState(net: SocialNetwork, author: string, permlink: string): Promise<[string | null, number, number, number]> {
  const row = await withIndex(net, (db) => db.get("SELECT community, is_muted, muted_reasons, is_pinned FROM posts WHERE author = ? AND permlink = ?", [author, permlink]));
  assert.ok(row !== undefined, `@${author}/${permlink} is indexed`);
  return [row.community as string | null, Number(row.is_muted), Number(row.muted_reasons), Number(row.is_pinned)];
}

/** Every community row and the posts' community flags: what a refused op must leave as it was. */
async function communityRows(net: SocialNetwork): Promise<Record<string, SqlRow[]>> {
  return withIndex(net, async (db) => ({
    communities: await db.all("SELECT * FROM communities ORDER BY id"),
    subscriptions: await db.all("SELECT * FROM subscriptions ORDER BY community_id, account"),
    roles: await db.all("SELECT * FROM community_roles ORDER BY community_id, account"),
    flags: await db.all("SELECT * FROM community_flags ORDER BY post_id, account"),
    posts: await db.all("SELECT id, community, is_muted, muted_reasons, is_pinned FROM posts ORDER BY id"),
  }));
}

const note = (type: string, score: number, src: string | null, dst: string, communityName: string, post: string | null = null, payload: string | null = null): Notification => ({
  type, score, src, dst, community: communityName, post, payload,
});
const refusal = (dst: string, payload: string, communityName: string | null = topic): Notification => ({
  type: "error", score: 35, src: communityName, dst, community: communityName, post: null, payload,
});

onBothDatabases("communities in the index projection", (net) => {
  test("hivemind's way: a hive-1NNNNN account is a topic owned by itself, whose key then grants roles", async () => {
    const since = await lastNotificationId(net());
    await net().createAccounts(["cadmin", "cmod", "cmember", "cguest", "cmuted", "cfounder", topic, council]);
    await net().customJson(topic, "community", ["setRole", { community: topic, account: "cadmin", role: "admin" }]);
    assert.deepEqual(await community(net(), topic), { type_id: 1, title: "", about: "", lang: "en", is_nsfw: 0, settings: "{}", subscribers: 0 });
    assert.equal((await community(net(), council))!.type_id, 3);
    // initminer created the account, so it is an admin too (Kettle's rule, below).
    assert.deepEqual(await rolesOf(net(), topic), { cadmin: [6, ""], [topic]: [8, ""], initminer: [6, ""] });
    assert.deepEqual(await communityNotificationsAfter(net(), since), [
      note("new_community", 35, null, topic, topic),
      note("set_role", 15, topic, "initminer", topic, null, "admin"),
      note("new_community", 35, null, council, council),
      note("set_role", 15, council, "initminer", council, null, "admin"),
      note("set_role", 15, topic, "cadmin", topic, null, "admin"),
    ]);
  });

  test("Kettle's way: the creator is the new community's admin, so the creator alone sets it up", async () => {
    await net().send([["transfer", { from: "initminer", to: "cfounder", amount: "10.000 STEEM", memo: "" }]], "initminer", "active");
    const authority = (role: "owner" | "active" | "posting") => ({ weight_threshold: 1, account_auths: [], key_auths: [[keyOf(journal, role).createPublic("STM").toString(), 1]] });
    const since = await lastNotificationId(net());
    await net().send([["account_create", {
      fee: "3.000 STEEM", creator: "cfounder", new_account_name: journal, owner: authority("owner"), active: authority("active"), posting: authority("posting"),
      memo_key: keyOf(journal, "memo").createPublic("STM").toString(), json_metadata: "",
    }]], "cfounder", "active");
    // The chain takes posting and active authorities in separate transactions (as Steem), so the setup is a second one.
    const props = { title: "Kettle Journal", about: "Long reads", lang: "en", is_nsfw: false, settings: { avatar_url: "https://example.test/a.png" } };
    await net().send([communityOp("cfounder", "updateProps", { community: journal, props }), communityOp("cfounder", "subscribe", { community: journal })], "cfounder");
    const row = await community(net(), journal);
    assert.deepEqual({ ...row, settings: JSON.parse(String(row!.settings)) }, {
      type_id: 2, title: "Kettle Journal", about: "Long reads", lang: "en", is_nsfw: 0, settings: props.settings, subscribers: 1,
    });
    assert.deepEqual(await rolesOf(net(), journal), { cfounder: [6, ""], [journal]: [8, ""] });
    assert.deepEqual(await communityNotificationsAfter(net(), since), [
      note("new_community", 35, null, journal, journal),
      note("set_role", 15, journal, "cfounder", journal, null, "admin"),
      note("set_props", 35, "cfounder", journal, journal, null, JSON.stringify(props)),
      note("subscribe", 25, "cfounder", journal, journal),
    ]);
  });

  test("every action leaves its rows and notifies as hivemind does", async () => {
    const since = await lastNotificationId(net());
    await net().send([communityOp("cmember", "subscribe", { community: topic })], "cmember");
    await net().send([
      communityOp("cadmin", "setRole", { community: topic, account: "cmod", role: "mod" }),
      communityOp("cadmin", "setRole", { community: topic, account: "cmember", role: "member" }),
      communityOp("cadmin", "setRole", { community: topic, account: "cmuted", role: "muted" }),
      communityOp("cadmin", "setUserTitle", { community: topic, account: "cmember", title: "Regular" }),
    ], "cadmin");
    await net().send([comment("cguest", "guest-post", topic)], "cguest");
    await net().send([comment("cmember", "member-post", topic)], "cmember");
    await net().send([comment("cmuted", "muted-post", topic)], "cmuted");
    await net().send([
      communityOp("cmod", "mutePost", { community: topic, account: "cguest", permlink: "guest-post", notes: "spam" }),
      communityOp("cmod", "pinPost", { community: topic, account: "cmember", permlink: "member-post" }),
    ], "cmod");
    await net().send([comment("cguest", "re-guest-post", ["cguest", "guest-post"])], "cguest");
    await net().send([communityOp("cmember", "flagPost", { community: topic, account: "cguest", permlink: "guest-post", notes: "bad" })], "cmember");

    assert.deepEqual(await rolesOf(net(), topic), {
      cadmin: [6, ""], cmember: [2, "Regular"], cmod: [4, ""], cmuted: [-2, ""], [topic]: [8, ""], initminer: [6, ""],
    });
    assert.deepEqual(await postState(net(), "cguest", "guest-post"), [topic, 1, 1, 0], "muted by a mod: MUTED_COMMUNITY_MODERATION");
    assert.deepEqual(await postState(net(), "cmember", "member-post"), [topic, 0, 0, 1]);
    assert.deepEqual(await postState(net(), "cmuted", "muted-post"), [topic, 1, 16, 0], "a muted author's post: MUTED_ROLE_COMMUNITY");
    assert.deepEqual(await postState(net(), "cguest", "re-guest-post"), [topic, 1, 4, 0], "a reply to a muted post: MUTED_PARENT");
    const flags = await withIndex(net(), (db) => db.all("SELECT account, notes FROM community_flags f JOIN posts p ON p.id = f.post_id WHERE p.permlink = 'guest-post'"));
    assert.deepEqual(flags, [{ account: "cmember", notes: "bad" }]);
    const flagged = (dst: string) => note("flag_post", 35, "cmember", dst, topic, "cguest/guest-post", "bad");
    assert.deepEqual(await communityNotificationsAfter(net(), since), [
      note("subscribe", 25, "cmember", topic, topic),
      note("set_role", 15, "cadmin", "cmod", topic, null, "mod"),
      note("set_role", 35, "cadmin", "cmember", topic, null, "member"),
      note("set_role", 15, "cadmin", "cmuted", topic, null, "muted"),
      note("set_label", 35, "cadmin", "cmember", topic, null, "Regular"),
      note("mute_post", 15, "cmod", "cguest", topic, "cguest/guest-post", "spam"),
      note("pin_post", 35, "cmod", "cmember", topic, "cmember/member-post"),
      flagged("cadmin"), flagged("cmod"), flagged(topic), flagged("initminer"),
    ]);

    const later = await lastNotificationId(net());
    await net().send([
      communityOp("cmod", "unmutePost", { community: topic, account: "cguest", permlink: "guest-post", notes: "fine after all" }),
      communityOp("cmod", "unpinPost", { community: topic, account: "cmember", permlink: "member-post" }),
    ], "cmod");
    await net().send([communityOp("cmember", "unsubscribe", { community: topic })], "cmember");
    assert.deepEqual(await postState(net(), "cguest", "guest-post"), [topic, 0, 0, 0]);
    assert.deepEqual(await postState(net(), "cmember", "member-post"), [topic, 0, 0, 0]);
    assert.deepEqual(await postState(net(), "cguest", "re-guest-post"), [topic, 1, 4, 0], "unmuting a post does not unmute its replies");
    assert.equal((await community(net(), topic))!.subscribers, 0);
    assert.deepEqual(await communityNotificationsAfter(net(), later), [
      note("unmute_post", 15, "cmod", "cguest", topic, "cguest/guest-post", "fine after all"),
      note("unpin_post", 35, "cmod", "cmember", topic, "cmember/member-post"),
    ]);
  });

  test("refused ops leave no row but an error notification to the actor", async () => {
    const before = await communityRows(net());
    const since = await lastNotificationId(net());
    await net().send([
      communityOp("cmod", "setRole", { community: topic, account: "cguest", role: "admin" }),
      communityOp("cmod", "setRole", { community: topic, account: "cadmin", role: "member" }),
      communityOp("cmod", "mutePost", { community: topic, account: "cmuted", permlink: "muted-post", notes: "again" }),
      communityOp("cmod", "unmutePost", { community: topic, account: "cguest", permlink: "guest-post", notes: "not muted" }),
    ], "cmod");
    await net().send([
      communityOp("cadmin", "setRole", { community: topic, account: topic, role: "guest" }),
      communityOp("cadmin", "setRole", { community: topic, account: "cmod", role: "owner" }),
    ], "cadmin");
    await net().send([communityOp("cmuted", "flagPost", { community: topic, account: "cguest", permlink: "guest-post", notes: "me too" })], "cmuted");
    await net().send([communityOp("cmember", "flagPost", { community: topic, account: "cguest", permlink: "guest-post", notes: "twice" })], "cmember");
    await net().send([
      communityOp("cguest", "subscribe", { community: "hive-199999" }),
      communityOp("cguest", "mutePost", { community: topic, account: "cmember", permlink: "member-post", notes: "mine" }),
      communityOp("cguest", "updateProps", { community: topic, props: { title: "Taken" } }),
      communityOp("cguest", "pinPost", { community: topic, account: "cguest", permlink: "no-such-post" }),
    ], "cguest");
    await net().send([communityOp("cmod", "pinPost", { community: topic, account: "cguest", permlink: "no-such-post" })], "cmod");
    assert.deepEqual(await communityNotificationsAfter(net(), since), [
      refusal("cmod", "cannot promote to or above own rank"),
      refusal("cmod", "cant modify a user with a higher role"),
      refusal("cmod", "post is already muted"),
      refusal("cmod", "post is not muted"),
      refusal("cadmin", "cant modify owner role"),
      refusal("cadmin", "cannot promote to or above own rank"),
      refusal("cmuted", "muted users cannot flag posts"),
      refusal("cmember", "user already flagged this post"),
      refusal("cguest", "Community 'hive-199999' does not exist", null),
      refusal("cguest", "only mods and above can mute posts"),
      refusal("cguest", "only admins can update props"),
      refusal("cguest", "only mods and above can pin posts"),
      refusal("cmod", "post does not exists cguest/no-such-post"),
    ]);
    assert.deepEqual(await communityRows(net()), before);
  });

  test("posts in journals and councils: guests' top-level posts are muted, in councils their comments too", async () => {
    // One author per post: the chain allows one top-level post per 5 minutes and a comment per 3 seconds.
    await net().createAccounts(["jmember", "kmember", "jguest", "kguest", "uguest", "replier", "replier2"]);
    await net().send([communityOp("cfounder", "setRole", { community: journal, account: "jmember", role: "member" })], "cfounder");
    await net().send([communityOp("initminer", "setRole", { community: council, account: "kmember", role: "member" })], "initminer");
    await net().send([comment("jmember", "journal-member", journal)], "jmember");
    await net().send([comment("kmember", "council-member", council)], "kmember");
    await net().send([comment("jguest", "journal-guest", journal)], "jguest");
    await net().send([comment("kguest", "council-guest", council)], "kguest");
    await net().send([comment("uguest", "unregistered", "hive-199999")], "uguest");
    await net().send([comment("replier", "re-journal-member", ["jmember", "journal-member"])], "replier");
    await net().send([comment("replier2", "re-council-member", ["kmember", "council-member"])], "replier2");
    await net().send([comment("kmember", "re-re-council", ["replier2", "re-council-member"])], "kmember");
    assert.deepEqual(await postState(net(), "jmember", "journal-member"), [journal, 0, 0, 0]);
    assert.deepEqual(await postState(net(), "kmember", "council-member"), [council, 0, 0, 0]);
    assert.deepEqual(await postState(net(), "jguest", "journal-guest"), [journal, 1, 2, 0], "MUTED_COMMUNITY_TYPE");
    assert.deepEqual(await postState(net(), "kguest", "council-guest"), [council, 1, 2, 0]);
    assert.deepEqual(await postState(net(), "replier", "re-journal-member"), [journal, 0, 0, 0], "anyone comments in a journal");
    assert.deepEqual(await postState(net(), "replier2", "re-council-member"), [council, 1, 2, 0], "members only in a council");
    assert.deepEqual(await postState(net(), "kmember", "re-re-council"), [council, 1, 4, 0], "a member's reply under a muted comment: MUTED_PARENT");
    assert.deepEqual(await postState(net(), "uguest", "unregistered"), [null, 0, 0, 0], "an unregistered community is an ordinary tag");
  });
}, { demo: false });
