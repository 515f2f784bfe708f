// bridge communities through JSON-RPC on a real node with its index on SQLite and on PostgreSQL: the community
// object (props, team, observer context, pending stats from the posts' pending payouts), the three sorts of
// list_communities with paging and text query, subscribers and roles with keyset paging, subscriptions, popular
// communities, trending topics, payout stats, what a payout does to them, and clear errors for bad params.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Operation } from "dsteem";
import { blockTime, onBothDatabases, pendingAfterVote } from "../helpers/social-network.ts";

const topic = "hive-144444";
const second = "hive-155555";
const quiet = "hive-166666";
const journal = "hive-277777";
const communities = [topic, second, quiet, journal];

const communityOp = (signer: string, action: string, payload: Record<string, unknown>): Operation => [
  "custom_json", { required_auths: [], required_posting_auths: [signer], id: "community", json: JSON.stringify([action, payload]) },
];

const post = (author: string, permlink: string, parent: string | [string, string]): Operation => [
  "comment",
  {
    parent_author: typeof parent === "string" ? "" : parent[0], parent_permlink: typeof parent === "string" ? parent : parent[1], author, permlink,
    title: typeof parent === "string" ? `Post ${permlink}` : "", body: `Body of ${permlink}`, json_metadata: "{}",
  },
];

interface Stats {
  sum_pending: number;
  num_pending: number;
  num_authors: number;
  subscribers: number;
  title: string;
  id: number;
}

/** hivemind's rank order: pending payout, authors, posts, subscribers, titled first, newer first. */
function rankOrder(stats: Record<string, Stats>): string[] {
  return Object.keys(stats).sort((a, b) => {
    const x = stats[a];
    const y = stats[b];
    return y.sum_pending - x.sum_pending || y.num_authors - x.num_authors || y.num_pending - x.num_pending || y.subscribers - x.subscribers ||
      Number(x.title.startsWith("@")) - Number(y.title.startsWith("@")) || y.id - x.id;
  });
}

onBothDatabases("bridge communities", (net) => {
  let createdAt = "";
  let secondPending = 0;
  const subscribedAt: Record<string, string> = {};

  test("setup: four communities, a team, props, subscribers, posts and a vote", async () => {
    const created = await net().createAccounts(["cx-mod", "cx-sub1", "cx-sub2", "cx-auth", "cx-troll", ...communities]);
    createdAt = (await blockTime(net(), created)).replace("T", " ");
    await net().customJson(topic, "community", ["setRole", { community: topic, account: "cx-mod", role: "mod" }]);
    const modSubscribed = await net().send([
      communityOp("cx-mod", "setUserTitle", { community: topic, account: "cx-mod", title: "Brewmaster" }),
      communityOp("cx-mod", "setRole", { community: topic, account: "cx-sub2", role: "member" }),
      communityOp("cx-mod", "setRole", { community: topic, account: "cx-troll", role: "muted" }),
      communityOp("cx-mod", "subscribe", { community: topic }),
    ], "cx-mod");
    // initminer created the community accounts, so it is their admin (Kettle's friendlier path).
    await net().send([
      communityOp("initminer", "updateProps", {
        community: topic,
        props: { title: "Kettle Topic", about: "All about brewing", lang: "en", is_nsfw: false, description: "The long story", flag_text: "No spam", settings: { avatar_url: "https://img.example/a.png" } },
      }),
      communityOp("initminer", "updateProps", { community: second, props: { title: "Second", about: "Another one", lang: "de", is_nsfw: true } }),
    ], "initminer");
    const [sub1, sub2, auth] = await Promise.all([
      net().send([communityOp("cx-sub1", "subscribe", { community: topic }), communityOp("cx-sub1", "subscribe", { community: quiet }), post("cx-sub1", "topic-one", topic)], "cx-sub1"),
      net().send([communityOp("cx-sub2", "subscribe", { community: topic }), communityOp("cx-sub2", "subscribe", { community: quiet }), post("cx-sub2", "topic-two", topic)], "cx-sub2"),
      net().send([communityOp("cx-auth", "subscribe", { community: second }), post("cx-auth", "second-one", second)], "cx-auth"),
      net().send([post("cx-troll", "blog-one", "kettle")], "cx-troll"),
    ]);
    subscribedAt["cx-mod"] = await blockTime(net(), modSubscribed);
    subscribedAt["cx-sub1"] = await blockTime(net(), sub1);
    subscribedAt["cx-sub2"] = await blockTime(net(), sub2);
    subscribedAt["cx-auth"] = await blockTime(net(), auth);
    await net().send([post("cx-mod", "re-topic-two", ["cx-sub2", "topic-two"])], "cx-mod");
    // A curator with the demo accounts' 5,000 SP (the demo itself is off: its syria community would join every list here).
    await net().createAccounts(["cx-voter"], 5000);
    const voted = await net().send([["vote", { voter: "cx-voter", author: "cx-auth", permlink: "second-one", weight: 10000 }]], "cx-voter");
    secondPending = await pendingAfterVote(net(), voted, "cx-auth", "second-one");
    assert.ok(secondPending > 0);
  });

  test("get_community: props, stats from pending posts, team and the observer's context", async () => {
    const community = await net().call("bridge.get_community", { name: topic, observer: "cx-mod" });
    assert.equal(typeof community.id, "number");
    assert.deepEqual(community, {
      id: community.id, name: topic, title: "Kettle Topic", about: "All about brewing", lang: "en", type_id: 1, is_nsfw: false, subscribers: 3,
      sum_pending: 0, num_pending: 3, num_authors: 3, created_at: createdAt, description: "The long story", flag_text: "No spam",
      settings: { avatar_url: "https://img.example/a.png" }, context: { role: "mod", subscribed: true, title: "Brewmaster" },
      team: [[topic, "owner", ""], ["initminer", "admin", ""], ["cx-mod", "mod", "Brewmaster"]],
    });
    const other = await net().call("bridge.get_community", { name: second });
    assert.deepEqual(
      [other.title, other.lang, other.is_nsfw, other.subscribers, other.sum_pending, other.num_pending, other.num_authors, other.context, other.team],
      ["Second", "de", true, 1, Math.round(secondPending), 1, 1, {}, [[second, "owner", ""], ["initminer", "admin", ""]]],
    );
    const untitled = await net().call("bridge.get_community", { name: journal });
    assert.deepEqual([untitled.title, untitled.type_id, untitled.subscribers, untitled.num_pending, untitled.settings], [`@${journal}`, 2, 0, 0, {}]);

    assert.deepEqual(await net().call("bridge.get_community_context", { name: topic, account: "cx-sub2" }), { role: "member", subscribed: true, title: "" });
    assert.deepEqual(await net().call("bridge.get_community_context", { name: topic, account: "cx-troll" }), { role: "muted", subscribed: false, title: "" });
    assert.deepEqual(await net().call("bridge.get_community_context", { name: journal, account: "cx-sub1" }), { role: "guest", subscribed: false, title: "" });
  });

  test("list_communities: rank from the stats, new, subs, keyset paging, query and observer context", async () => {
    const stats: Record<string, Stats> = {};
    for (const name of communities) {
      const c = await net().call("bridge.get_community", { name });
      stats[name] = { sum_pending: c.sum_pending, num_pending: c.num_pending, num_authors: c.num_authors, subscribers: c.subscribers, title: c.title, id: c.id };
    }
    const byRank = rankOrder(stats);
    // second's vote is worth cents, so every sum_pending rounds to 0: topic has the most authors, then posts, then subscribers decide.
    assert.deepEqual(byRank, [topic, second, quiet, journal]);
    const names = (list: any[]) => list.map((c) => c.name);
    assert.deepEqual(names(await net().call("bridge.list_communities", {})), byRank);
    assert.deepEqual(names(await net().call("bridge.list_communities", { sort: "rank", limit: 2 })), byRank.slice(0, 2));
    assert.deepEqual(names(await net().call("bridge.list_communities", { sort: "rank", last: byRank[1], limit: 5 })), byRank.slice(2));
    assert.deepEqual(names(await net().call("bridge.list_communities", { sort: "new" })), [journal, quiet, second, topic]);
    assert.deepEqual(names(await net().call("bridge.list_communities", { sort: "new", last: quiet })), [second, topic]);
    assert.deepEqual(names(await net().call("bridge.list_communities", { sort: "subs", limit: 2 })), [topic, quiet]);
    assert.deepEqual(names(await net().call("bridge.list_communities", { sort: "subs", last: quiet })), [second, journal]);
    assert.deepEqual(names(await net().call("bridge.list_communities", { query: "BREWING" })), [topic]);
    assert.deepEqual(names(await net().call("bridge.list_communities", { query: "kettle topic", sort: "new" })), [topic]);
    assert.deepEqual(names(await net().call("bridge.list_communities", { query: "hive-1", sort: "subs" })), [topic, quiet, second]);
    assert.deepEqual(names(await net().call("bridge.list_communities", { query: "nothing like this" })), []);

    const [listed] = await net().call("bridge.list_communities", { sort: "subs", limit: 1, observer: "cx-mod" });
    const full = await net().call("bridge.get_community", { name: topic });
    assert.deepEqual(listed, {
      id: full.id, name: topic, title: "Kettle Topic", about: "All about brewing", lang: "en", type_id: 1, is_nsfw: false, subscribers: 3,
      sum_pending: full.sum_pending, num_pending: 3, num_authors: 3, created_at: createdAt,
      context: { role: "mod", subscribed: true, title: "Brewmaster" }, admins: ["initminer"],
    });
    const [unobserved] = await net().call("bridge.list_communities", { sort: "new", limit: 1 });
    assert.deepEqual([unobserved.name, unobserved.context, unobserved.admins], [journal, {}, ["initminer"]]);
  });

  test("list_subscribers, list_community_roles, list_all_subscriptions, list_pop_communities, get_trending_topics", async () => {
    // A subscriber without a role row has a null title; cx-sub2's member row has an empty one.
    assert.deepEqual(await net().call("bridge.list_subscribers", { community: topic }), [
      ["cx-mod", "mod", "Brewmaster", subscribedAt["cx-mod"]], ["cx-sub1", "guest", null, subscribedAt["cx-sub1"]], ["cx-sub2", "member", "", subscribedAt["cx-sub2"]],
    ]);
    assert.deepEqual(await net().call("bridge.list_subscribers", { community: topic, last: "cx-mod", limit: 1 }), [["cx-sub1", "guest", null, subscribedAt["cx-sub1"]]]);
    assert.deepEqual(await net().call("bridge.list_subscribers", { community: journal }), []);

    const roles = [[topic, "owner", ""], ["initminer", "admin", ""], ["cx-mod", "mod", "Brewmaster"], ["cx-sub2", "member", ""], ["cx-troll", "muted", ""]];
    assert.deepEqual(await net().call("bridge.list_community_roles", { community: topic }), roles);
    assert.deepEqual(await net().call("bridge.list_community_roles", { community: topic, last: "initminer", limit: 2 }), roles.slice(2, 4));
    assert.deepEqual(await net().call("bridge.list_community_roles", { community: topic, last: "cx-sub2" }), roles.slice(4));

    const rank = (await net().call("bridge.list_communities", {})).map((c: any) => c.name);
    const subscriptionsOfSub1 = [[topic, "Kettle Topic", "guest", ""], [quiet, "", "guest", ""]].sort((a, b) => rank.indexOf(a[0]) - rank.indexOf(b[0]));
    assert.deepEqual(await net().call("bridge.list_all_subscriptions", { account: "cx-sub1" }), subscriptionsOfSub1);
    // Highest role first, whatever the rank.
    assert.deepEqual(await net().call("bridge.list_all_subscriptions", { account: "cx-sub2" }), [[topic, "Kettle Topic", "member", ""], [quiet, "", "guest", ""]]);
    assert.deepEqual(await net().call("bridge.list_all_subscriptions", { account: "cx-troll" }), []);

    assert.deepEqual(await net().call("bridge.list_pop_communities", {}), [[topic, "Kettle Topic"], [quiet, ""], [second, "Second"]]);
    assert.deepEqual(await net().call("bridge.list_pop_communities", { limit: 1 }), [[topic, "Kettle Topic"]]);

    const titles: Record<string, string> = { [topic]: "Kettle Topic", [second]: "Second", [quiet]: quiet, [journal]: journal };
    const topics = rank.map((name: string) => [name, titles[name]]);
    assert.deepEqual(await net().call("bridge.get_trending_topics", {}), [
      ...topics, ["photography", "#photography"], ["travel", "#travel"], ["gaming", "#gaming"], ["crypto", "#crypto"], ["newsteem", "#newsteem"], ["music", "#music"],
    ]);
    assert.deepEqual(await net().call("bridge.get_trending_topics", { limit: 2, observer: "cx-mod" }), topics.slice(0, 2));
  });

  test("get_payout_stats: pending payout by community and by blog author, totals", async () => {
    const stats = await net().call("bridge.get_payout_stats", {});
    const byKey = Object.fromEntries(stats.items.map((item: any[]) => [item[0], item]));
    assert.deepEqual(byKey[second], [second, "Second", secondPending, 1, 1]);
    assert.deepEqual(byKey[topic], [topic, "Kettle Topic", 0, 3, 3]);
    assert.deepEqual(byKey["@cx-troll"], ["@cx-troll", "@cx-troll", 0, 1, null]);
    assert.equal(byKey[quiet], undefined, "no pending posts, no item");
    const payouts = stats.items.map((item: any[]) => item[2]);
    assert.deepEqual(payouts, [...payouts].sort((a, b) => b - a), "largest first");
    const sum = (items: any[][]) => items.reduce((total, item) => total + item[2], 0);
    const blogItems = stats.items.filter((item: any[]) => item[0].startsWith("@"));
    assert.ok(Math.abs(stats.blogs - sum(blogItems)) < 1e-9, "blogs is the authors' sum");
    assert.ok(Math.abs(stats.total - sum(stats.items)) < 1e-9, "total is everything pending");
    assert.deepEqual(await net().call("bridge.get_payout_stats", { limit: 1 }), { ...stats, items: stats.items.slice(0, 1) });
  });

  test("after the payout and a month: no pending stats, no payout stats, no popular communities", async () => {
    await net().fastForward(31 * 24 * 60 * 60);
    const community = await net().call("bridge.get_community", { name: topic });
    assert.deepEqual([community.sum_pending, community.num_pending, community.num_authors, community.subscribers], [0, 0, 0, 3]);
    assert.deepEqual(await net().call("bridge.get_payout_stats", {}), { items: [], total: 0, blogs: 0 });
    assert.deepEqual(await net().call("bridge.list_pop_communities", {}), []);
    // With no pending posts the rank falls back to subscribers, then titled before untitled, then newer first.
    const rank = async () => (await net().call("bridge.list_communities", {})).map((c: any) => c.name);
    assert.deepEqual(await rank(), [topic, quiet, second, journal]);
    await Promise.all([
      net().send([communityOp("cx-sub1", "unsubscribe", { community: quiet })], "cx-sub1"),
      net().send([communityOp("cx-sub2", "unsubscribe", { community: quiet })], "cx-sub2"),
      net().send([communityOp("cx-auth", "unsubscribe", { community: second })], "cx-auth"),
    ]);
    assert.deepEqual(await rank(), [topic, second, journal, quiet]);
  });

  test("bad params are invalid_params errors that name the problem", async () => {
    const cases: [string, unknown, RegExp][] = [
      ["bridge.get_community", { name: "kettle" }, /name must be a community name/],
      ["bridge.get_community", { name: "hive-199999" }, /community not found: `hive-199999`/],
      ["bridge.get_community", { name: topic, observer: "nobody-here" }, /account not found: `nobody-here`/],
      ["bridge.get_community_context", { name: topic }, /account must be a valid account name/],
      ["bridge.list_communities", { sort: "hot" }, /sort must be one of rank, new, subs/],
      ["bridge.list_communities", { limit: 101 }, /limit must be an integer from 1 to 100/],
      ["bridge.list_communities", { last: "hive-199999" }, /last: community not found/],
      ["bridge.list_communities", { query: 5 }, /query must be a string/],
      ["bridge.list_pop_communities", { limit: 26 }, /limit must be an integer from 1 to 25/],
      ["bridge.list_subscribers", { community: topic, limit: 101 }, /limit must be an integer from 1 to 100/],
      ["bridge.list_subscribers", { community: topic, last: "Not Valid" }, /last must be a valid account name/],
      ["bridge.list_community_roles", { community: topic, last: "cx-sub1" }, /last: `cx-sub1` holds no role/],
      ["bridge.list_community_roles", { community: topic, limit: 1001 }, /limit must be an integer from 1 to 1000/],
      ["bridge.list_all_subscriptions", { account: "nobody-here" }, /account not found/],
      ["bridge.get_trending_topics", { limit: 26 }, /limit must be an integer from 1 to 25/],
      ["bridge.get_payout_stats", { limit: 251 }, /limit must be an integer from 1 to 250/],
      ["bridge.get_payout_stats", { limit: 10, sort: "x" }, /does not take sort/],
    ];
    for (const [method, params, message] of cases) {
      const error = await net().callError(method, params);
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)}: ${error.message}`);
      assert.match(error.message, message, method);
    }
  });
}, { demo: false });
