// bridge notifications through JSON-RPC on a real node with its index on SQLite and on PostgreSQL: replies,
// mentions, follows, reblogs, votes and community actions with their exact order, scores, messages and URLs
// (Steemit's wording), min_score filtering, last_id paging, a community account's activity log, unread
// counts around setLastRead, a post's notifications, and clear errors for bad params.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Operation } from "dsteem";
import { voteNotificationScore } from "../../src/index/rules/notifications.ts";
import { formatHundredthsHalfEven } from "../../src/index/rules/reputation-display.ts";
import { blockTime, onBothDatabases, pendingAfterVote } from "../helpers/social-network.ts";

const community = "hive-188888";

const comment = (author: string, permlink: string, parent: string | [string, string], body: string): Operation => [
  "comment",
  {
    parent_author: typeof parent === "string" ? "" : parent[0], parent_permlink: typeof parent === "string" ? parent : parent[1], author, permlink,
    title: typeof parent === "string" ? `Post ${permlink}` : "", body, json_metadata: "{}",
  },
];

const custom = (signer: string, id: string, json: unknown): Operation => [
  "custom_json", { required_auths: [], required_posting_auths: [signer], id, json: JSON.stringify(json) },
];

interface Expected {
  type: string;
  score: number;
  date: string;
  msg: string;
  url: string;
}

/** The notifications without their ids, after checking the ids run strictly downwards. */
function withoutIds(list: { id: number }[]): Omit<Expected, "id">[] {
  for (let i = 1; i < list.length; i++) assert.ok(list[i].id < list[i - 1].id, "newest first");
  return list.map(({ id, ...rest }) => {
    assert.equal(typeof id, "number");
    return rest as Expected;
  });
}

onBothDatabases("bridge notifications", (net) => {
  const at: Record<string, string> = {};
  let annExpected: Expected[] = [];
  let voteValue = 0;

  test("setup: a post, a reply with mentions, a reply to it, a follow, a reblog, a vote, community actions", async () => {
    at.created = await blockTime(net(), await net().createAccounts(["nt-ann", "nt-ben", "nt-cat", "nt-dan", community]));
    await net().send([comment("nt-ann", "ann-post", "kettle", "The first post")], "nt-ann");
    at.reply = await blockTime(net(), await net().send([comment("nt-ben", "re-ann", ["nt-ann", "ann-post"], "Nice one @nt-ann, and see @nt-dan")], "nt-ben"));
    at.replyComment = await blockTime(net(), await net().send([comment("nt-cat", "re-re-ann", ["nt-ben", "re-ann"], "Agreed")], "nt-cat"));
    at.follow = await blockTime(net(), await net().send([custom("nt-dan", "follow", ["follow", { follower: "nt-dan", following: "nt-ann", what: ["blog"] }])], "nt-dan"));
    at.reblog = await blockTime(net(), await net().send([custom("nt-cat", "follow", ["reblog", { account: "nt-cat", author: "nt-ann", permlink: "ann-post" }])], "nt-cat"));
    const voted = await net().send([["vote", { voter: "alice", author: "nt-ann", permlink: "ann-post", weight: 10000 }]], "alice");
    at.vote = await blockTime(net(), voted);
    voteValue = await pendingAfterVote(net(), voted, "nt-ann", "ann-post");
    assert.ok(voteValue >= 0.02, `alice's vote is worth notifying ($${voteValue})`);
    // nt-ann is not subscribed, so the role change scores 15: below the default min_score.
    at.role = await blockTime(net(), await net().customJson(community, "community", ["setRole", { community, account: "nt-ann", role: "member" }]));
    at.props = await blockTime(net(), await net().customJson("initminer", "community", ["updateProps", { community, props: { title: "Eighty Eight" } }]));
    at.subscribe = await blockTime(net(), await net().customJson("nt-cat", "community", ["subscribe", { community }]));

    annExpected = [
      { type: "set_role", score: 15, date: at.role, msg: `@${community} set @nt-ann member`, url: `trending/${community}` },
      {
        type: "vote", score: voteNotificationScore(voteValue), date: at.vote,
        msg: `@alice voted on your post ($${formatHundredthsHalfEven(voteValue)})`, url: "@nt-ann/ann-post",
      },
      { type: "reblog", score: 25, date: at.reblog, msg: "@nt-cat resteemed your post", url: "@nt-ann/ann-post" },
      { type: "follow", score: 25, date: at.follow, msg: "@nt-dan followed you", url: "@nt-dan" },
      { type: "reply", score: 25, date: at.reply, msg: "@nt-ben replied to your post", url: "@nt-ben/re-ann" },
    ];
  });

  test("account_notifications: newest first, scores, msg and url, min_score, last_id paging", async () => {
    const all = await net().call("bridge.account_notifications", { account: "nt-ann", min_score: 0 });
    assert.deepEqual(withoutIds(all), annExpected);
    assert.deepEqual(withoutIds(await net().call("bridge.account_notifications", { account: "nt-ann" })), annExpected.slice(1), "min_score 25 by default");
    const above = annExpected.filter((n) => n.score >= 26);
    assert.deepEqual(withoutIds(await net().call("bridge.account_notifications", { account: "nt-ann", min_score: 26 })), above);

    const first = await net().call("bridge.account_notifications", { account: "nt-ann", limit: 2 });
    assert.deepEqual(first, all.slice(1, 3));
    const next = await net().call("bridge.account_notifications", { account: "nt-ann", limit: 2, last_id: first[1].id });
    assert.deepEqual(next, all.slice(3, 5));
    assert.deepEqual(await net().call("bridge.account_notifications", { account: "nt-ann", last_id: String(all[4].id) }), []);

    assert.deepEqual(withoutIds(await net().call("bridge.account_notifications", { account: "nt-ben" })), [
      { type: "reply_comment", score: 25, date: at.replyComment, msg: "@nt-cat replied to your comment", url: "@nt-cat/re-re-ann" },
    ]);
    // nt-ann, the parent's author, has the reply; nt-dan is mentioned.
    assert.deepEqual(withoutIds(await net().call("bridge.account_notifications", { account: "nt-dan" })), [
      { type: "mention", score: 25, date: at.reply, msg: "@nt-ben mentioned you", url: "@nt-ben/re-ann" },
    ]);
  });

  test("a community account sees everything about its community, whatever the score", async () => {
    const props = JSON.stringify({ title: "Eighty Eight" });
    assert.deepEqual(withoutIds(await net().call("bridge.account_notifications", { account: community, min_score: 90 })), [
      { type: "subscribe", score: 25, date: at.subscribe, msg: "@nt-cat subscribed to Eighty Eight", url: `trending/${community}` },
      { type: "set_props", score: 35, date: at.props, msg: `@initminer set properties ${props}`, url: `trending/${community}` },
      { type: "set_role", score: 15, date: at.role, msg: `@${community} set @nt-ann member`, url: `trending/${community}` },
      { type: "set_role", score: 15, date: at.created, msg: `@${community} set @initminer admin`, url: `trending/${community}` },
      { type: "new_community", score: 35, date: at.created, msg: `@${community} was created`, url: `trending/${community}` },
    ]);
  });

  test("unread_notifications counts what came after setLastRead", async () => {
    assert.deepEqual(await net().call("bridge.unread_notifications", { account: "nt-ann" }), { lastread: "1970-01-01 00:00:00", unread: 4 });
    assert.deepEqual(await net().call("bridge.unread_notifications", { account: "nt-ann", min_score: 0 }), { lastread: "1970-01-01 00:00:00", unread: 5 });
    const { time } = await net().call("condenser_api.get_dynamic_global_properties", []);
    await net().customJson("nt-ann", "notify", ["setLastRead", { date: time }]);
    assert.deepEqual(await net().call("bridge.unread_notifications", { account: "nt-ann", min_score: 0 }), { lastread: time.replace("T", " "), unread: 0 });
    // Following again after a clear notifies again: one unread.
    await net().send([
      custom("nt-dan", "follow", ["follow", { follower: "nt-dan", following: "nt-ann", what: [] }]),
      custom("nt-dan", "follow", ["follow", { follower: "nt-dan", following: "nt-ann", what: ["blog"] }]),
    ], "nt-dan");
    assert.deepEqual(await net().call("bridge.unread_notifications", { account: "nt-ann" }), { lastread: time.replace("T", " "), unread: 1 });
  });

  test("post_notifications: the notifications about one post", async () => {
    assert.deepEqual(withoutIds(await net().call("bridge.post_notifications", { author: "nt-ann", permlink: "ann-post" })), annExpected.slice(1, 3));
    const onReply = await net().call("bridge.post_notifications", { author: "nt-ben", permlink: "re-ann" });
    assert.deepEqual(withoutIds(onReply), [
      { type: "mention", score: 25, date: at.reply, msg: "@nt-ben mentioned you", url: "@nt-ben/re-ann" },
      { type: "reply", score: 25, date: at.reply, msg: "@nt-ben replied to your post", url: "@nt-ben/re-ann" },
    ]);
    assert.deepEqual(await net().call("bridge.post_notifications", { author: "nt-ben", permlink: "re-ann", limit: 1, last_id: onReply[0].id }), onReply.slice(1));
  });

  test("bad params are invalid_params errors that name the problem", async () => {
    const cases: [string, unknown, RegExp][] = [
      ["bridge.account_notifications", {}, /account must be a valid account name/],
      ["bridge.account_notifications", { account: "nobody-here" }, /account not found: `nobody-here`/],
      ["bridge.account_notifications", { account: "nt-ann", limit: 101 }, /limit must be an integer from 1 to 100/],
      ["bridge.account_notifications", { account: "nt-ann", min_score: 101 }, /min_score must be an integer from 0 to 100/],
      ["bridge.account_notifications", { account: "nt-ann", min_score: -1 }, /min_score must be an integer from 0 to 100/],
      ["bridge.account_notifications", { account: "nt-ann", last_id: -5 }, /last_id must be a non-negative integer/],
      ["bridge.account_notifications", { account: "nt-ann", last_id: "abc" }, /last_id must be a non-negative integer/],
      ["bridge.account_notifications", { account: "nt-ann", observer: "nt-ben" }, /does not take observer/],
      ["bridge.unread_notifications", { account: "nobody-here" }, /account not found/],
      ["bridge.unread_notifications", { account: "nt-ann", min_score: "high" }, /min_score must be an integer/],
      ["bridge.post_notifications", { author: "nt-ann", permlink: "no-such-post" }, /post not found: @nt-ann\/no-such-post/],
      ["bridge.post_notifications", { author: "nt-ann", permlink: "Bad Permlink" }, /permlink must be a valid permlink/],
      ["bridge.post_notifications", { author: "nt-ann", permlink: "ann-post", limit: 0 }, /limit must be an integer from 1 to 100/],
    ];
    for (const [method, params, message] of cases) {
      const error = await net().callError(method, params);
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)}: ${error.message}`);
      assert.match(error.message, message, method);
    }
  });
});
