// The social projection against a real node, on SQLite and on PostgreSQL: follows and Hive's lists with
// their counters, reblogs and their undo, the reply/mention/follow/reblog/vote notifications with their
// exact scores (none to oneself, none from muted accounts), setLastRead, the search rows through edits and
// deletes, the payout split after a cashout, and bad custom_json that changes nothing and stops nothing.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Operation } from "dsteem";
import type { IndexDatabase, SqlRow, SqlValue } from "../../src/index/db/database.ts";
import { PostgresIndexDatabase } from "../../src/index/db/postgres.ts";
import { SqliteIndexDatabase } from "../../src/index/db/sqlite.ts";
import { notifyTypes } from "../../src/index/rules/notifications.ts";
import { notificationScoreOfReputation } from "../../src/index/rules/reputation-display.ts";
import { assertChangedBlocks } from "../helpers/changed-block.ts";
import { onBothDatabases, type SocialNetwork } from "../helpers/social-network.ts";

const customJson = (signer: string, id: string, json: unknown): Operation => [
  "custom_json", { required_auths: [], required_posting_auths: [signer], id, json: typeof json === "string" ? json : JSON.stringify(json) },
];
const follow = (follower: string, following: string | string[], what: string[]) => customJson(follower, "follow", ["follow", { follower, following, what }]);
const reblog = (account: string, author: string, permlink: string, undo = false) =>
  customJson(account, "follow", ["reblog", { account, author, permlink, ...(undo ? { delete: "delete" } : {}) }]);
const post = (author: string, permlink: string, title: string, body: string, parent?: { author: string; permlink: string }): Operation => [
  "comment", {
    parent_author: parent?.author ?? "", parent_permlink: parent?.permlink ?? "kettle", author, permlink, title, body, json_metadata: JSON.stringify({ tags: ["kettle"] }),
  },
];
const vote = (voter: string, author: string, permlink: string, weight: number): Operation => ["vote", { voter, author, permlink, weight }];

/** The suite's index database, opened on first use (read-only use: the node is its writer). */
function indexOf(net: () => SocialNetwork) {
  let db: IndexDatabase | null = null;
  after(async () => {
    await db?.close();
  });
  const open = async () => {
    if (db !== null) return db;
    const network = net();
    db = network.databaseUrl !== null ? await PostgresIndexDatabase.open({ url: network.databaseUrl }) : new SqliteIndexDatabase({ path: join(network.kettle.dataDir, "index.sqlite") });
    return db;
  };
  return {
    async all<T extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<T[]> {
      return (await open()).all<T>(sql, params);
    },
    async get<T extends SqlRow = SqlRow>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
      return (await open()).get<T>(sql, params);
    },
    async dialect() {
      return (await open()).dialect;
    },
  };
}

onBothDatabases("social projection", (net) => {
  const index = indexOf(net);
  const names = ["ps-ann", "ps-ben", "ps-cat", "ps-dan", "ps-eve", "ps-fay", "ps-gus", "ps-hal", "ps-ivy", "ps-jon"];
  const [ann, ben, cat, dan, eve, fay, gus, hal, ivy, jon] = names;

  const postId = async (author: string, permlink: string) => (await index.get<{ id: number }>("SELECT id FROM posts WHERE author = ? AND permlink = ?", [author, permlink]))?.id;
  const followRows = (follower: string) =>
    index.all("SELECT following, state, blacklisted, follow_blacklists, follow_muted FROM follows WHERE follower = ? ORDER BY following", [follower]);
  const counts = async (...accounts: string[]) => {
    const rows = await index.all<{ name: string; followers: number; following: number }>(
      `SELECT name, followers, following FROM accounts WHERE name IN (${accounts.map(() => "?").join(", ")}) ORDER BY name`,
      accounts,
    );
    return Object.fromEntries(rows.map((row) => [row.name, [row.followers, row.following]]));
  };
  const notificationsTo = (dst: string) => index.all("SELECT type_id, score, src, post_id, payload FROM notifications WHERE dst = ? ORDER BY id", [dst]);
  const blockTime = async (blockNum: number) => Date.parse(`${(await net().call("condenser_api.get_block", [blockNum])).timestamp}Z`) / 1000;
  const chainReputation = async (name: string) => BigInt((await net().call("condenser_api.get_accounts", [[name]]))[0].reputation);
  // The chain lets an author comment (or edit) once every 3 seconds: move its clock on before an author's next one.
  const pause = () => net().fastForward(4);

  test("accounts for the suite", async () => {
    await net().createAccounts(names, 10_000);
  });

  test("follow, mute, the list flags and the resets keep the rows and the follow counters as hivemind does", async () => {
    await net().send([follow(ann, [ben, cat, "ps-nobody", ann], ["blog"])], ann);
    assert.deepEqual(await followRows(ann), [
      { following: ben, state: 1, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 },
      { following: cat, state: 1, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 },
    ]);
    assert.deepEqual(await counts(ann, ben, cat), { [ann]: [0, 2], [ben]: [1, 0], [cat]: [1, 0] });
    assert.deepEqual(await notificationsTo(ben), [{ type_id: notifyTypes.follow, score: 25, src: ann, post_id: null, payload: null }]);

    // A mute replaces the follow; the list flags sit beside the state.
    await net().send([follow(ann, cat, ["ignore"]), follow(ann, dan, ["blacklist"]), follow(ann, ben, ["follow_muted"]), follow(ann, ben, ["follow_blacklist"])], ann);
    assert.deepEqual(await followRows(ann), [
      { following: ben, state: 1, blacklisted: 0, follow_blacklists: 1, follow_muted: 1 },
      { following: cat, state: 2, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 },
      { following: dan, state: 0, blacklisted: 1, follow_blacklists: 0, follow_muted: 0 },
    ]);
    assert.deepEqual(await counts(ann, ben, cat, dan), { [ann]: [0, 1], [ben]: [1, 0], [cat]: [0, 0], [dan]: [0, 0] });

    // Following again from a mute notifies again; following someone already followed changes nothing.
    await net().send([follow(ann, cat, ["follow"]), follow(ann, ben, ["blog"])], ann);
    assert.deepEqual(await counts(ann, ben, cat), { [ann]: [0, 2], [ben]: [1, 0], [cat]: [1, 0] });
    assert.equal((await notificationsTo(cat)).length, 2);
    assert.equal((await notificationsTo(ben)).length, 1);

    // Clearing (what: []) drops a pair with nothing left; unblacklist keeps the rest of a row.
    await net().send([follow(ann, cat, []), follow(ann, dan, ["unblacklist"]), follow(ann, ben, ["unfollow_blacklist"])], ann);
    assert.deepEqual(await followRows(ann), [{ following: ben, state: 1, blacklisted: 0, follow_blacklists: 0, follow_muted: 1 }]);
    assert.deepEqual(await counts(ann, ben, cat), { [ann]: [0, 1], [ben]: [1, 0], [cat]: [0, 0] });

    // Resets empty one list each, or all of them; others' rows are untouched.
    await net().send([follow(ann, [cat, dan], ["blog"]), follow(ann, eve, ["ignore"]), follow(ann, fay, ["blacklist"])], ann);
    await net().send([follow(ben, ann, ["blog"])], ben);
    await net().send([customJson(ann, "follow", ["follow", { follower: ann, following: "", what: ["reset_following_list"] }])], ann);
    assert.deepEqual(await followRows(ann), [
      { following: ben, state: 0, blacklisted: 0, follow_blacklists: 0, follow_muted: 1 },
      { following: eve, state: 2, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 },
      { following: fay, state: 0, blacklisted: 1, follow_blacklists: 0, follow_muted: 0 },
    ]);
    assert.deepEqual(await counts(ann, ben, cat, dan), { [ann]: [1, 0], [ben]: [0, 1], [cat]: [0, 0], [dan]: [0, 0] });
    await net().send([customJson(ann, "follow", ["follow", { follower: ann, following: null, what: ["reset_all_lists"] }])], ann);
    assert.deepEqual(await followRows(ann), []);
    assert.deepEqual(await followRows(ben), [{ following: ann, state: 1, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 }]);
    assert.deepEqual(await counts(ann, ben), { [ann]: [1, 0], [ben]: [0, 1] });
  });

  test("a reblog enters the reblogger's feed cache, counts and notifies once; its undo takes all of it back", async () => {
    const created = await net().send([post(ben, "ben-post", "Ben's post", "Something worth sharing")], ben);
    await net().send([post(cat, "cat-reply", "", "A comment", { author: ben, permlink: "ben-post" })], cat);
    const id = (await postId(ben, "ben-post"))!;
    const reply = (await postId(cat, "cat-reply"))!;
    assert.deepEqual(await index.all("SELECT account, created_at FROM feed_cache WHERE post_id = ?", [id]), [{ account: ben, created_at: await blockTime(created) }]);
    assert.deepEqual(await index.all("SELECT account FROM feed_cache WHERE post_id = ?", [reply]), [], "comments have no feed_cache row");

    const reblogged = await net().send([reblog(dan, ben, "ben-post"), reblog(dan, ben, "ben-post"), reblog(dan, cat, "cat-reply"), reblog(dan, ben, "no-such-post")], dan);
    const at = await blockTime(reblogged);
    assert.deepEqual(await index.all("SELECT account, post_id, created_at FROM reblogs WHERE account = ?", [dan]), [{ account: dan, post_id: id, created_at: at }]);
    assert.deepEqual(await index.all("SELECT post_id, created_at FROM feed_cache WHERE account = ?", [dan]), [{ post_id: id, created_at: at }]);
    assert.equal((await index.get("SELECT reblogs FROM posts WHERE id = ?", [id]))!.reblogs, 1);
    const reblogNotes = async () => (await notificationsTo(ben)).filter((n) => n.type_id === notifyTypes.reblog);
    assert.deepEqual(await reblogNotes(), [{ type_id: notifyTypes.reblog, score: 25, src: dan, post_id: id, payload: null }]);

    // The author's own reblog is recorded (the blog shows own community posts only once reblogged) without a notification.
    await net().send([reblog(ben, ben, "ben-post")], ben);
    assert.equal((await index.get("SELECT reblogs FROM posts WHERE id = ?", [id]))!.reblogs, 2);
    assert.equal((await reblogNotes()).length, 1);

    await net().send([reblog(dan, ben, "ben-post", true), reblog(dan, ben, "ben-post", true)], dan);
    await net().send([reblog(ben, ben, "ben-post", true)], ben);
    assert.deepEqual(await index.all("SELECT account FROM reblogs WHERE post_id = ?", [id]), []);
    assert.deepEqual(await index.all("SELECT account FROM feed_cache WHERE post_id = ?", [id]), [{ account: ben }], "undoing one's own reblog keeps the post on its author's blog");
    assert.equal((await index.get("SELECT reblogs FROM posts WHERE id = ?", [id]))!.reblogs, 0);
  });

  test("replies notify the parent's author (reply / reply_comment), never oneself, never from a muted account", async () => {
    await net().send([post(dan, "dan-root", "Dan's root", "Reply to me")], dan);
    await net().send([post(eve, "eve-comment", "", "First!", { author: dan, permlink: "dan-root" })], eve);
    await net().send([post(fay, "fay-comment", "", "Second", { author: eve, permlink: "eve-comment" })], fay);
    await net().send([follow(dan, gus, ["ignore"])], dan);
    await net().send([follow(eve, dan, ["follow_muted"])], eve);
    await net().send([post(gus, "gus-to-dan", "", "muted reply", { author: dan, permlink: "dan-root" })], gus);
    await pause();
    await net().send([post(gus, "gus-to-eve", "", "muted through a list", { author: eve, permlink: "eve-comment" })], gus);
    await net().send([post(dan, "dan-self", "", "My own reply", { author: dan, permlink: "dan-root" })], dan);
    const replies = async (dst: string) => (await notificationsTo(dst)).filter((n) => n.type_id === notifyTypes.reply || n.type_id === notifyTypes.reply_comment);
    assert.deepEqual(await replies(dan), [{ type_id: notifyTypes.reply, score: 25, src: eve, post_id: await postId(eve, "eve-comment"), payload: null }]);
    assert.deepEqual(await replies(eve), [{ type_id: notifyTypes.reply_comment, score: 25, src: fay, post_id: await postId(fay, "fay-comment"), payload: null }]);
  });

  test("mentions: rows for existing accounts, notifications scored by the author less 2 per extra mention, capped, on creation only", async () => {
    await net().send([post(hal, "hal-mentions", "Hi", `Hello @${ivy} and @${jon}, not @ps-nobody, not me @${hal}, email a@${ivy}.com`)], hal);
    const id = (await postId(hal, "hal-mentions"))!;
    assert.deepEqual(await index.all("SELECT account FROM mentions WHERE post_id = ? ORDER BY account", [id]), [{ account: ivy }, { account: jon }]);
    const mentionsOf = async (dst: string) => (await notificationsTo(dst)).filter((n) => n.type_id === notifyTypes.mention);
    assert.deepEqual(await mentionsOf(ivy), [{ type_id: notifyTypes.mention, score: 23, src: hal, post_id: id, payload: null }]);
    assert.deepEqual(await mentionsOf(jon), [{ type_id: notifyTypes.mention, score: 23, src: hal, post_id: id, payload: null }]);

    // An edit mentions nobody new.
    await pause();
    await net().send([post(hal, "hal-mentions", "Hi", `Hello @${ivy}, @${jon} and now @${fay}`)], hal);
    assert.deepEqual(await mentionsOf(fay), []);
    assert.equal((await index.all("SELECT account FROM mentions WHERE post_id = ?", [id])).length, 2);

    // The parent's author gets the reply, not a mention too (and is not counted against the cap).
    await pause();
    await net().send([post(hal, "hal-reply", "", `@${dan} see @${fay}`, { author: dan, permlink: "dan-root" })], hal);
    const reply = (await postId(hal, "hal-reply"))!;
    assert.deepEqual(await mentionsOf(dan), []);
    assert.deepEqual(await mentionsOf(fay), [{ type_id: notifyTypes.mention, score: 25, src: hal, post_id: reply, payload: null }]);

    // More mentions than a 25-score author may send (5): recorded, nobody notified. A muted author notifies no one.
    const six = [ann, ben, dan, eve, fay, hal];
    await net().send([post(cat, "cat-spam", "Spam", six.map((n) => `@${n}`).join(" "))], cat);
    assert.equal((await index.all("SELECT account FROM mentions WHERE post_id = ?", [(await postId(cat, "cat-spam"))!])).length, 6);
    await pause();
    await net().send([post(gus, "gus-mention", "Hey", `@${dan} look`)], gus);
    assert.deepEqual(await mentionsOf(dan), []);
    assert.equal(await notificationCount(index, "mention", ben), 0);
  });

  test("votes: aggregates move incrementally and match the chain; a vote worth $0.02+ notifies with hivemind's score and payload", async () => {
    await net().send([post(jon, "jon-post", "Vote on me", "Please")], jon);
    const id = (await postId(jon, "jon-post"))!;
    await net().send([vote(ivy, jon, "jon-post", 10_000)], ivy);
    // ivy's vote is the only one: its share is the whole pending payout the chain reported with it.
    const pendingThen = (await index.get<{ pending_payout: number }>("SELECT pending_payout FROM posts WHERE id = ?", [id]))!.pending_payout;
    const chainPending = Number.parseFloat((await net().call("condenser_api.get_content", [jon, "jon-post"])).pending_payout_value);
    assert.ok(Math.abs(pendingThen - chainPending) <= chainPending * 0.05, `${pendingThen} is the chain's pending payout (${chainPending})`);
    await net().send([vote(hal, jon, "jon-post", 100)], hal); // 1%: under 10^10 rshares
    await net().send([vote(jon, jon, "jon-post", 10_000), follow(jon, gus, ["ignore"])], jon);
    await net().send([vote(gus, jon, "jon-post", 10_000)], gus);
    await net().send([vote(fay, jon, "jon-post", -5_000)], fay);
    await net().send([vote(ivy, jon, "jon-post", 5_000)], ivy); // a changed vote does not notify again

    const content = await net().call("condenser_api.get_content", [jon, "jon-post"]);
    const row = (await index.get("SELECT net_rshares, abs_rshares, vote_rshares, total_votes, up_votes FROM posts WHERE id = ?", [id]))!;
    const rshares = content.active_votes.map((v: { rshares: string | number }) => BigInt(v.rshares)) as bigint[];
    assert.equal(String(row.net_rshares), String(content.net_rshares));
    assert.equal(String(row.abs_rshares), String(rshares.reduce((sum, r) => sum + (r < 0n ? -r : r), 0n)));
    assert.equal(String(row.vote_rshares), String(rshares.reduce((sum, r) => sum + (r > 0n ? r : 0n), 0n)));
    assert.equal(row.total_votes, 5);
    assert.equal(row.up_votes, 4);

    const votes = (await notificationsTo(jon)).filter((n) => n.type_id === notifyTypes.vote);
    assert.deepEqual(votes, [{ type_id: notifyTypes.vote, score: 25, src: ivy, post_id: id, payload: `$${pendingThen.toFixed(3)}` }]);
    assert.ok(pendingThen >= 0.02 && pendingThen < 0.1, `a 10,000 STEEM vote is worth a few cents here (score 25): ${pendingThen}`);
  });

  test("notification scores follow the source's reputation", async () => {
    // jon's post was upvoted, so jon has reputation: its reply scores by it.
    const reputation = await chainReputation(jon);
    assert.ok(reputation > 0n);
    await pause();
    await net().send([post(jon, "jon-reply", "", "I have a reputation now", { author: ben, permlink: "ben-post" })], jon);
    const replies = (await notificationsTo(ben)).filter((n) => n.type_id === notifyTypes.reply);
    assert.equal(replies.at(-1)!.src, jon);
    assert.equal(replies.at(-1)!.score, notificationScoreOfReputation(reputation));
    assert.notEqual(replies.at(-1)!.score, 25);
  });

  test("setLastRead sets the account's last-read time, never past the block", async () => {
    const lastRead = async () => (await index.get<{ lastread_at: number }>("SELECT lastread_at FROM accounts WHERE name = ?", [cat]))!.lastread_at;
    await net().send([customJson(cat, "notify", ["setLastRead", { date: "2020-01-01T00:00:00" }])], cat);
    assert.equal(await lastRead(), 1_577_836_800);
    const block = await net().send([customJson(cat, "notify", ["setLastRead", { date: "2999-01-01T00:00:00" }])], cat);
    assert.equal(await lastRead(), await blockTime(block));
    const later = await net().send([customJson(cat, "notify", ["setLastRead", {}])], cat);
    assert.equal(await lastRead(), await blockTime(later));
  });

  test("search rows follow the post's title and body through edits and its delete", async () => {
    const search = async (words: string) => {
      const rows = (await index.dialect()) === "sqlite"
        ? await index.all("SELECT rowid AS post_id FROM posts_fts WHERE posts_fts MATCH ?", [words])
        : await index.all("SELECT post_id FROM posts_fts WHERE document @@ plainto_tsquery('english', ?)", [words]);
      return rows.map((row) => Number(row.post_id));
    };
    await pause();
    await net().send([post(eve, "eve-search", "Quixotic zeppelins", "Marmalade recipes for travellers")], eve);
    const id = (await postId(eve, "eve-search"))!;
    assert.deepEqual(await search("zeppelin"), [id], "stemmed title word");
    assert.deepEqual(await search("marmalade"), [id]);
    await pause();
    await net().send([post(eve, "eve-search", "", "Saxophone lessons instead")], eve);
    assert.deepEqual(await search("marmalade"), []);
    assert.deepEqual(await search("saxophone"), [id]);
    assert.deepEqual(await search("zeppelin"), [id], "an edit without a title keeps the title");
    await net().send([["delete_comment", { author: eve, permlink: "eve-search" }]], eve);
    assert.deepEqual(await search("saxophone"), []);
    assert.deepEqual(await search("zeppelin"), []);
  });

  test("malformed, unauthorized, active-authority, unknown and oversized custom_json change no row and never stop the index", async () => {
    const snapshot = async () => {
      const parts: unknown[] = [];
      for (const sql of [
        "SELECT follower, following, state, blacklisted, follow_blacklists, follow_muted, created_at FROM follows ORDER BY follower, following",
        "SELECT account, post_id, created_at FROM reblogs ORDER BY account, post_id",
        "SELECT account, post_id, created_at FROM feed_cache ORDER BY account, post_id",
        "SELECT id, type_id, score, src, dst, post_id, payload FROM notifications ORDER BY id",
        "SELECT post_id, account FROM mentions ORDER BY post_id, account",
        "SELECT name, followers, following, lastread_at FROM accounts ORDER BY name",
        "SELECT id, reblogs FROM posts ORDER BY id",
      ]) parts.push(await index.all(sql));
      return JSON.stringify(parts);
    };
    const before = await snapshot();
    const head = (await net().call("hive.db_head_state", {})).db_head_block;
    await net().send([
      customJson(ivy, "follow", "\"just a string\""),
      customJson(ivy, "follow", { neither: "follower nor what" }),
      customJson(ivy, "notify", [1, 2, 3]),
      customJson(ivy, "reblog", "null"),
      customJson(ivy, "follow", ["follow", { follower: jon, following: ben, what: ["blog"] }]), // follower is not the signer
      customJson(ivy, "follow", ["dance", { follower: ivy, following: ben, what: ["blog"] }]),
      customJson(ivy, "follow", ["follow", { follower: ivy, following: ben, what: ["tango"] }]),
      customJson(ivy, "follow", ["follow", { follower: ivy, what: ["blog"] }]),
      customJson(ivy, "follow", ["follow", { follower: ivy, following: [42, null, "UPPER"], what: ["blog"] }]),
      customJson(ivy, "follow", ["follow", { follower: ivy, following: Array.from({ length: 300 }, (_, i) => `ps-none-${i}`), what: ["blog"] }]),
      customJson(ivy, "reblog", ["reblog", { account: jon, author: ben, permlink: "ben-post" }]),
      customJson(ivy, "reblog", ["reblog", { account: ivy, author: ben }]),
      customJson(ivy, "notify", ["setLastRead", { date: "yesterday" }]),
      customJson(ivy, "notify", ["markAllRead", {}]),
      customJson(ivy, "follow", ["follow", { follower: ivy, following: ben, what: ["blog"] }, "extra"]),
    ], ivy);
    const active: Operation = ["custom_json", { required_auths: [ivy], required_posting_auths: [], id: "follow", json: JSON.stringify(["follow", { follower: ivy, following: ben, what: ["blog"] }]) }];
    await net().send([active], ivy, "active");
    // Over the chain's custom_json limit: the node refuses the transaction.
    await assert.rejects(net().send([customJson(ivy, "follow", ["follow", { follower: ivy, following: ben, what: ["blog"], pad: "x".repeat(9000) }])], ivy));
    assert.equal(await snapshot(), before);
    // The index keeps following the chain: a good op right after is projected.
    await net().send([follow(ivy, ben, ["blog"])], ivy);
    assert.ok((await net().call("hive.db_head_state", {})).db_head_block > head);
    assert.deepEqual(await followRows(ivy), [{ following: ben, state: 1, blacklisted: 0, follow_blacklists: 0, follow_muted: 0 }]);
  });

  test("a cashout stores Hive's payout split: author, curators, beneficiaries and their total; nothing stays pending", async () => {
    await net().send([
      post(ann, "ann-paid", "Paid", "Reward me"),
      ["comment_options", {
        author: ann, permlink: "ann-paid", max_accepted_payout: "1000000.000 SBD", percent_steem_dollars: 10_000, allow_votes: true, allow_curation_rewards: true,
        extensions: [[0, { beneficiaries: [{ account: ben, weight: 2_500 }] }]],
      }],
    ], ann);
    // Votes after the 5-minute reverse auction, so that curators earn a share.
    await net().fastForward(301);
    await net().send([vote(ivy, ann, "ann-paid", 10_000)], ivy);
    await net().send([vote(jon, ann, "ann-paid", 10_000)], jon);
    await net().fastForward(7 * 24 * 3600 + 60);
    const content = await net().call("condenser_api.get_content", [ann, "ann-paid"]);
    const row = (await index.get("SELECT is_paidout, pending_payout, author_payout, curator_payout, beneficiary_payout, payout, author_rewards FROM posts WHERE author = ? AND permlink = ?", [ann, "ann-paid"]))!;
    const thousandths = (x: unknown) => Math.round(Number(x) * 1000);
    assert.equal(row.is_paidout, 1);
    assert.equal(row.pending_payout, 0);
    assert.equal(thousandths(row.author_payout), thousandths(Number.parseFloat(content.total_payout_value)));
    assert.equal(thousandths(row.curator_payout), thousandths(Number.parseFloat(content.curator_payout_value)));
    assert.ok(thousandths(row.author_payout) > 0 && thousandths(row.curator_payout) > 0 && thousandths(row.beneficiary_payout) > 0, JSON.stringify(row));
    assert.equal(thousandths(row.payout), thousandths(row.author_payout) + thousandths(row.curator_payout) + thousandths(row.beneficiary_payout));
    assert.ok(BigInt(row.author_rewards as number | bigint) > 0n);
  });

  test("every change the suite made to a post — votes, replies, edits, deletes, reblogs, options, payouts — marked it with its block", async () => {
    // The block log is the same whichever database the node indexes into: checked once, on SQLite.
    if (net().database !== "sqlite") return;
    const scratch = mkdtempSync(join(tmpdir(), "kettle-changed-block-"));
    try {
      // A copy of the running node's data directory (a block being written meanwhile is a torn tail, cut on open).
      cpSync(net().kettle.dataDir, join(scratch, "data"), { recursive: true });
      const changes = await assertChangedBlocks(join(scratch, "data"), join(scratch, "index.sqlite"));
      assert.ok(changes.posts > 30, JSON.stringify(changes));
      assert.ok(changes.follows > 10, JSON.stringify(changes));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

async function notificationCount(index: { all(sql: string, params?: SqlValue[]): Promise<SqlRow[]> }, type: keyof typeof notifyTypes, dst: string): Promise<number> {
  return (await index.all("SELECT id FROM notifications WHERE type_id = ? AND dst = ?", [notifyTypes[type], dst])).length;
}
