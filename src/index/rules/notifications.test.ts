// Checks notification ids, scores, `msg` and `url` against both hivemind forks: Steemit's hive_api/notify.py
// and cached_post.py, Hive's notify_type.py, notifications.sql and bridge_api_account_notifications.sql.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  communityNotificationScore,
  isNotifyTypeId,
  isNotifyTypeName,
  mentionNotificationScore,
  mentionsNotifiedMax,
  notificationMessage,
  notificationScoreOfRank,
  notificationTypeName,
  notificationUrl,
  notifyTypeNames,
  notifyTypes,
  voteNotificationPayload,
  voteNotificationScore,
  voteValueThousandths,
} from "./notifications.ts";

test("the 17 types carry hivemind's ids, both ways", () => {
  const expected = [
    "new_community",
    "set_role",
    "set_props",
    "set_label",
    "mute_post",
    "unmute_post",
    "pin_post",
    "unpin_post",
    "flag_post",
    "error",
    "subscribe",
    "reply",
    "reply_comment",
    "reblog",
    "follow",
    "mention",
    "vote",
  ];
  assert.deepEqual(Object.keys(notifyTypes), expected);
  expected.forEach((name, index) => {
    assert.equal(notifyTypes[name as keyof typeof notifyTypes], index + 1);
    assert.equal(notifyTypeNames[(index + 1) as keyof typeof notifyTypeNames], name);
  });
  assert.equal(isNotifyTypeName("vote"), true);
  assert.equal(isNotifyTypeName("toString"), false);
  assert.equal(isNotifyTypeId(17), true);
  assert.equal(isNotifyTypeId(18), false);
  assert.equal(notificationTypeName(4), "set_label");
  assert.equal(notificationTypeName(4, "hive"), "set_title");
  assert.equal(notificationTypeName(14, "hive"), "reblog");
});

test("vote score: −1 below $0.020, then 25 per digit of thousandths beyond the first, at most 100", () => {
  const table: [number, number][] = [
    [0, -1],
    [-5, -1],
    [Number.NaN, -1],
    [0.019, -1],
    [0.0199, -1],
    [0.02, 25],
    [0.0999, 25],
    [0.1, 50],
    [0.09999999999999999, 50],
    [0.999, 50],
    [1, 75],
    [9.999, 75],
    [10, 100],
    [1_000_000, 100],
  ];
  for (const [value, score] of table) assert.equal(voteNotificationScore(value), score, `${value}`);
});

test("a vote's value is its rshares' share of the payout, in whole thousandths", () => {
  assert.equal(voteValueThousandths(1_000n, 10n ** 12n, 10n ** 11n), 100n);
  assert.equal(voteValueThousandths(1_234n, 3n * 10n ** 12n, 2n * 10n ** 11n), 82n);
  assert.equal(voteValueThousandths(5_000n, 0n, 10n ** 11n), 0n);
  assert.equal(voteValueThousandths(10n ** 9n, 9_223_372_036_854_775_807n, 9_223_372_036_854_775_806n), 999_999_999n);
  assert.equal(voteNotificationScore(Number(voteValueThousandths(1_000n, 10n ** 12n, 10n ** 11n)) / 1000), 50);
});

test("vote payload is Steemit's $x.xxx", () => {
  assert.equal(voteNotificationPayload(0.05), "$0.050");
  assert.equal(voteNotificationPayload(0.0999), "$0.099");
  assert.equal(voteNotificationPayload(12.3456), "$12.345");
  assert.equal(voteNotificationPayload(0.09999999999999999), "$0.100");
  assert.throws(() => voteNotificationPayload(-1));
});

test("community and rank scores", () => {
  assert.equal(communityNotificationScore(true), 35);
  assert.equal(communityNotificationScore(false), 15);
  const ranks: [number | null, number][] = [
    [0, 70],
    [199, 70],
    [200, 60],
    [999, 60],
    [1_000, 50],
    [6_499, 50],
    [6_500, 40],
    [24_999, 40],
    [25_000, 30],
    [99_999, 30],
    [100_000, 20],
    [null, 20],
  ];
  for (const [rank, score] of ranks) assert.equal(notificationScoreOfRank(rank), score, `${rank}`);
});

test("mentions: Steemit's cap by author score and 2 points off per extra mention", () => {
  assert.equal(mentionsNotifiedMax(29), 5);
  assert.equal(mentionsNotifiedMax(30), 10);
  assert.equal(mentionsNotifiedMax(59), 10);
  assert.equal(mentionsNotifiedMax(60), 25);
  assert.equal(mentionNotificationScore(20, 1), 20);
  assert.equal(mentionNotificationScore(20, 5), 12);
  assert.equal(mentionNotificationScore(20, 6), null, "over the cap: nobody is notified");
  assert.equal(mentionNotificationScore(50, 10), 32);
  assert.equal(mentionNotificationScore(70, 25), 22);
  assert.equal(mentionNotificationScore(70, 26), null);
  assert.equal(mentionNotificationScore(5, 5), 0, "never below 0");
  assert.throws(() => mentionNotificationScore(25, 0));
});

const post = { author: "bob", permlink: "my-post" };

test("Steemit messages for every type", () => {
  const table: [keyof typeof notifyTypes, Record<string, unknown>, string][] = [
    ["new_community", { dst: "hive-123456", community: "hive-123456" }, "@hive-123456 was created"],
    ["set_role", { src: "alice", dst: "bob", payload: "mod" }, "@alice set @bob mod"],
    ["set_props", { src: "alice", payload: '{"title": "T"}' }, '@alice set properties {"title": "T"}'],
    ["set_label", { src: "alice", dst: "bob", payload: "Editor" }, "@alice label @bob Editor"],
    ["mute_post", { src: "alice", ...post, payload: "spam" }, "@alice mute @bob/my-post - spam"],
    ["unmute_post", { src: "alice", ...post, payload: "ok" }, "@alice unmute @bob/my-post - ok"],
    ["pin_post", { src: "alice", ...post }, "@alice pin @bob/my-post"],
    ["unpin_post", { src: "alice", ...post }, "@alice unpin @bob/my-post"],
    ["flag_post", { src: "carol", ...post, payload: "off topic" }, "@carol flag @bob/my-post - off topic"],
    ["error", { dst: "carol", payload: "invalid action" }, "error: invalid action"],
    ["subscribe", { src: "dave", communityTitle: "Cats" }, "@dave subscribed to Cats"],
    ["reply", { src: "erin", ...post }, "@erin replied to your post"],
    ["reply_comment", { src: "erin", ...post }, "@erin replied to your comment"],
    ["reblog", { src: "fay", ...post }, "@fay resteemed your post"],
    ["follow", { src: "gus" }, "@gus followed you"],
    ["mention", { src: "hal", ...post, mentions: 4 }, "@hal mentioned you"],
    ["vote", { src: "ivy", ...post, payload: "$0.050" }, "@ivy voted on your post ($0.05)"],
  ];
  for (const [type, fields, message] of table) assert.equal(notificationMessage(type, fields), message, type);
});

test("Hive messages for every type", () => {
  const table: [keyof typeof notifyTypes, Record<string, unknown>, string][] = [
    ["new_community", { dst: "hive-123456" }, "@hive-123456 was created"],
    ["set_role", { src: "alice", dst: "bob", payload: "mod" }, "@alice set your role to mod"],
    ["set_props", { src: "alice", payload: "{}" }, "@alice set properties {}"],
    ["set_label", { src: "alice", payload: "Editor" }, "@alice set your title to Editor"],
    ["mute_post", { src: "alice", ...post, payload: "spam" }, "@alice muted your post - spam"],
    ["unmute_post", { src: "alice", ...post, payload: "ok" }, "@alice unmuted your post - ok"],
    ["pin_post", { src: "alice", ...post }, "@alice pinned your post"],
    ["unpin_post", { src: "alice", ...post }, "@alice unpinned your post"],
    ["flag_post", { src: "carol", ...post, payload: "off topic" }, "@carol flagged a post - off topic"],
    ["error", { payload: "invalid action" }, "error: invalid action"],
    ["subscribe", { src: "dave", communityTitle: "Cats" }, "@dave subscribed to Cats"],
    ["reply", { src: "erin" }, "@erin replied to your post"],
    ["reply_comment", { src: "erin" }, "@erin replied to your comment"],
    ["reblog", { src: "fay" }, "@fay reblogged your post"],
    ["follow", { src: "gus" }, "@gus followed you"],
    ["mention", { src: "hal", mentions: 4 }, "@hal mentioned you and 3 others"],
    ["mention", { src: "hal" }, "@hal mentioned you and 0 others"],
    ["vote", { src: "ivy", payload: "$1.234" }, "@ivy voted on your post ($1.23)"],
  ];
  for (const [type, fields, message] of table) assert.equal(notificationMessage(type, fields, "hive"), message, type);
});

test("vote messages: cents rounded as Python's %.2f, nothing under a cent, nothing without a payload", () => {
  assert.equal(notificationMessage("vote", { src: "a", payload: "$0.125" }), "@a voted on your post ($0.12)", "an exact tie goes to even");
  assert.equal(notificationMessage("vote", { src: "a", payload: "$0.135" }), "@a voted on your post ($0.14)");
  assert.equal(notificationMessage("vote", { src: "a", payload: "$0.009" }), "@a voted on your post");
  assert.equal(notificationMessage("vote", { src: "a", payload: "" }), "@a voted on your post");
  assert.equal(notificationMessage("vote", { src: "a" }, "hive"), "@a voted on your post");
  assert.equal(notificationMessage("vote", { src: "a", payload: "$x" }), "@a voted on your post");
});

test("missing payloads read null (Steemit also for an empty one), and missing names read empty", () => {
  assert.equal(notificationMessage("error", {}), "error: null");
  assert.equal(notificationMessage("error", { payload: "" }), "error: null");
  assert.equal(notificationMessage("error", { payload: "" }, "hive"), "error: ");
  assert.equal(notificationMessage("error", {}, "hive"), "error: null");
  assert.equal(notificationMessage("follow", {}), "@ followed you");
  assert.equal(notificationMessage("subscribe", { src: "a" }), "@a subscribed to ");
});

test("placeholders fill in order, each over the text so far; replacement patterns stay literal", () => {
  assert.equal(notificationMessage("flag_post", { src: "c", ...post, payload: "see <comm>", communityTitle: "Cats" }), "@c flag @bob/my-post - see Cats");
  assert.equal(notificationMessage("flag_post", { src: "c", ...post, payload: "<src> did it" }), "@c flag @bob/my-post - <src> did it", "<src> is already done");
  assert.equal(notificationMessage("error", { payload: "cost $& and $1 and $$" }), "error: cost $& and $1 and $$");
});

test("url: the post, else the community, else src, else dst", () => {
  assert.equal(notificationUrl({ src: "a", dst: "b", ...post, community: "hive-1" }), "@bob/my-post");
  assert.equal(notificationUrl({ src: "a", dst: "b", community: "hive-123456" }), "trending/hive-123456");
  assert.equal(notificationUrl({ src: "a", dst: "b", community: "hive-123456" }, "hive"), "c/hive-123456");
  assert.equal(notificationUrl({ src: "a", dst: "b" }), "@a");
  assert.equal(notificationUrl({ dst: "b", permlink: "" }), "@b");
  assert.equal(notificationUrl({}), null);
});
