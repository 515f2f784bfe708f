// bridge profiles, follow lists and relationships, and condenser_api/follow_api followers, following and
// counts, through JSON-RPC on a real node with its index on SQLite and on PostgreSQL: values after follows,
// mutes, list subscriptions and unfollows, keyset paging, and clear errors for bad params.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Operation } from "dsteem";
import { repLog10 } from "../../src/index/rules/reputation-display.ts";
import { blockTime, onBothDatabases } from "../helpers/social-network.ts";

const followOp = (follower: string, following: string | string[], what: string[]): Operation => [
  "custom_json", { required_auths: [], required_posting_auths: [follower], id: "follow", json: JSON.stringify(["follow", { follower, following, what }]) },
];

const emptyProfile = {
  name: "", about: "", location: "", website: "", profile_image: "", cover_image: "", blacklist_description: "", muted_list_description: "",
};

onBothDatabases("bridge profiles and follows", (net) => {
  test("get_profile: fields from the chain's metadata and the index's counters, and the observer's follow context", async () => {
    const created = await net().createAccounts(["pf-ann", "pf-ben", "pf-cat"]);
    const createdAt = await blockTime(net(), created);
    const metadata = { profile: { name: "Ann", about: "Writes about kettles", website: "ann.example", profile_image: "https://img.example/ann.png" } };
    const posting = { profile: { name: "Ann P.", location: "Lisbon", muted_list_description: "spammers" } };
    await net().send([["account_update2", { account: "pf-ann", json_metadata: JSON.stringify(metadata), posting_json_metadata: JSON.stringify(posting), extensions: [] }]], "pf-ann", "active");
    await Promise.all([net().send([followOp("pf-ben", "pf-ann", ["blog"])], "pf-ben"), net().send([followOp("pf-cat", "pf-ann", ["ignore"])], "pf-cat")]);
    const posted = await net().send([["comment", {
      parent_author: "", parent_permlink: "kettle", author: "pf-ann", permlink: "first-post", title: "First", body: "Hello", json_metadata: "{}",
    }]], "pf-ann");
    await net().send([["vote", { voter: "alice", author: "pf-ann", permlink: "first-post", weight: 10000 }]], "alice");
    const [chainAccount] = await net().call("condenser_api.get_accounts", [["pf-ann"]]);

    const profile = await net().call("bridge.get_profile", { account: "pf-ann" });
    assert.equal(typeof profile.id, "number");
    assert.deepEqual(profile, {
      id: profile.id, name: "pf-ann", created: createdAt, active: await blockTime(net(), posted), post_count: 1,
      reputation: repLog10(BigInt(chainAccount.reputation)), blacklists: [], stats: { rank: 0, following: 0, followers: 1 },
      // posting_json_metadata's profile wins over json_metadata's (Hive).
      metadata: { profile: { ...emptyProfile, name: "Ann P.", location: "Lisbon", muted_list_description: "spammers" } },
    });
    assert.ok(profile.reputation > 25, "alice's upvote raised the reputation");
    assert.deepEqual((await net().call("bridge.get_profile", { account: "pf-ann", observer: "pf-ben" })).context, { followed: true, muted: false });
    assert.deepEqual((await net().call("bridge.get_profile", { account: "pf-ann", observer: "pf-cat" })).context, { followed: false, muted: true });
    assert.deepEqual((await net().call("bridge.get_profile", { account: "pf-ben", observer: "pf-ann" })).context, { followed: false, muted: false });
    const ben = await net().call("bridge.get_profile", { account: "pf-ben" });
    assert.deepEqual([ben.stats, ben.reputation, ben.metadata.profile], [{ rank: 0, following: 1, followers: 0 }, 25, emptyProfile]);
    assert.equal(await net().call("bridge.get_profile", { account: "pf-nobody" }), null);

    const profiles = await net().call("bridge.get_profiles", { accounts: ["pf-cat", "pf-ann", "pf-cat"], observer: "pf-ben" });
    assert.deepEqual(profiles.map((p: any) => [p.name, p.context]), [["pf-ann", { followed: true, muted: false }], ["pf-cat", { followed: false, muted: false }]]);
    assert.deepEqual(profiles[0], { ...profile, context: { followed: true, muted: false } });
    const missing = await net().callError("bridge.get_profiles", { accounts: ["pf-ann", "pf-zed", "pf-yan"] });
    assert.equal(missing.code, -32602);
    assert.match(missing.message, /accounts not found: `pf-zed`, `pf-yan`/);
  });

  test("get_followers / get_following: name order, start included, blog and ignore, follow counts, every param form", async () => {
    const followers = ["fl-a1", "fl-a2", "fl-a3", "fl-a4", "fl-a5"];
    await net().createAccounts(["fl-hub", ...followers, "fl-m1", "fl-m2"]);
    await Promise.all([
      ...followers.map((name) => net().send([followOp(name, "fl-hub", ["blog"])], name)),
      ...["fl-m1", "fl-m2"].map((name) => net().send([followOp(name, "fl-hub", ["ignore"])], name)),
    ]);
    const entry = (follower: string, what = "blog") => ({ follower, following: "fl-hub", what: [what] });

    assert.deepEqual(await net().call("condenser_api.get_followers", ["fl-hub", "", "blog", 3]), followers.slice(0, 3).map((f) => entry(f)));
    assert.deepEqual(await net().call("condenser_api.get_followers", ["fl-hub", "fl-a3", "blog", 3]), followers.slice(2, 5).map((f) => entry(f)));
    assert.deepEqual(await net().call("condenser_api.get_followers", ["fl-hub", "fl-a5", "blog", 3]), [entry("fl-a5")]);
    assert.deepEqual(await net().call("condenser_api.get_followers", ["fl-hub", null, "ignore", 10]), [entry("fl-m1", "ignore"), entry("fl-m2", "ignore")]);
    assert.deepEqual(await net().call("condenser_api.get_following", ["fl-a2", "", "blog", 10]), [{ follower: "fl-a2", following: "fl-hub", what: ["blog"] }]);
    assert.deepEqual(await net().call("condenser_api.get_following", ["fl-m1", "", "ignore", 10]), [{ follower: "fl-m1", following: "fl-hub", what: ["ignore"] }]);
    assert.deepEqual(await net().call("condenser_api.get_following", ["fl-m1", "", "blog", 10]), []);
    // Default type (blog) and limit (1000); hivemind's named forms; steem-js's follow_api positional form.
    assert.deepEqual(await net().call("condenser_api.get_followers", ["fl-hub", ""]), followers.map((f) => entry(f)));
    assert.deepEqual(await net().call("condenser_api.get_followers", { account: "fl-hub", start: "fl-a4", follow_type: "blog", limit: 1 }), [entry("fl-a4")]);
    assert.deepEqual(await net().call("follow_api.get_followers", { account: "fl-hub", start: "", type: "ignore", limit: 1 }), [entry("fl-m1", "ignore")]);
    assert.deepEqual(await net().call("follow_api.get_followers", ["fl-hub", "fl-a2", "blog", 2]), [entry("fl-a2"), entry("fl-a3")]);
    assert.deepEqual(await net().call("condenser_api.get_followers_by_page", ["fl-hub", 1, 2, "blog"]), [entry("fl-a3"), entry("fl-a4")]);
    assert.deepEqual(await net().call("condenser_api.get_following_by_page", ["fl-a1", 0, 10, "blog"]), [{ follower: "fl-a1", following: "fl-hub", what: ["blog"] }]);

    const counts = { account: "fl-hub", following_count: 0, follower_count: 5 };
    assert.deepEqual(await net().call("condenser_api.get_follow_count", ["fl-hub"]), counts);
    assert.deepEqual(await net().call("follow_api.get_follow_count", { account: "fl-hub" }), counts);
    assert.deepEqual(await net().call("condenser_api.get_follow_count", ["fl-a1"]), { account: "fl-a1", following_count: 1, follower_count: 0 });

    // Unfollowing, and turning a follow into a mute, move the lists and the counts.
    await Promise.all([
      net().send([followOp("fl-a2", "fl-hub", [])], "fl-a2"),
      net().send([followOp("fl-a4", "fl-hub", ["ignore"])], "fl-a4"),
    ]);
    assert.deepEqual(await net().call("condenser_api.get_followers", ["fl-hub", "", "blog", 10]), ["fl-a1", "fl-a3", "fl-a5"].map((f) => entry(f)));
    assert.deepEqual(await net().call("condenser_api.get_followers", ["fl-hub", "", "ignore", 10]), ["fl-a4", "fl-m1", "fl-m2"].map((f) => entry(f, "ignore")));
    assert.deepEqual(await net().call("condenser_api.get_follow_count", ["fl-hub"]), { ...counts, follower_count: 3 });
    assert.deepEqual(await net().call("condenser_api.get_follow_count", ["fl-a2"]), { account: "fl-a2", following_count: 0, follower_count: 0 });
  });

  test("blacklists and followed lists: get_follow_list, does_user_follow_any_lists, get_relationship_between_accounts", async () => {
    await net().createAccounts(["ls-obs", "ls-own", "ls-spam", "ls-troll", "ls-other"]);
    const ownerProfile = { profile: { blacklist_description: "Known scammers", muted_list_description: "Noise" } };
    await net().send([["account_update2", { account: "ls-own", json_metadata: "", posting_json_metadata: JSON.stringify(ownerProfile), extensions: [] }]], "ls-own", "active");
    assert.equal(await net().call("bridge.does_user_follow_any_lists", { observer: "ls-obs" }), false);
    await net().send([
      followOp("ls-obs", ["ls-troll", "ls-spam"], ["blacklist"]),
      followOp("ls-obs", "ls-troll", ["ignore"]),
      followOp("ls-obs", "ls-own", ["follow_blacklist"]),
      followOp("ls-obs", "ls-own", ["follow_muted"]),
      followOp("ls-obs", "ls-other", ["follow_muted"]),
    ], "ls-obs");

    const plain = (name: string) => ({ name, blacklist_description: "", muted_list_description: "" });
    const described = { name: "ls-own", blacklist_description: "Known scammers", muted_list_description: "Noise" };
    assert.deepEqual(await net().call("bridge.get_follow_list", { observer: "ls-obs" }), [plain("ls-spam"), plain("ls-troll")]);
    assert.deepEqual(await net().call("bridge.get_follow_list", { observer: "ls-obs", follow_type: "blacklisted", start: "ls-spam" }), [plain("ls-troll")]);
    assert.deepEqual(await net().call("bridge.get_follow_list", { observer: "ls-obs", follow_type: "muted" }), [plain("ls-troll")]);
    assert.deepEqual(await net().call("bridge.get_follow_list", { observer: "ls-obs", follow_type: "follow_blacklist" }), [described]);
    // Only the accounts whose lists are followed show their descriptions ("ls-other" has none).
    assert.deepEqual(await net().call("bridge.get_follow_list", { observer: "ls-obs", follow_type: "follow_muted" }), [plain("ls-other"), described]);
    assert.deepEqual(await net().call("bridge.get_follow_list", { observer: "ls-obs", follow_type: "follow_muted", start: "ls-other", limit: 1 }), [described]);
    assert.equal(await net().call("bridge.does_user_follow_any_lists", { observer: "ls-obs" }), true);
    assert.equal(await net().call("bridge.does_user_follow_any_lists", { observer: "ls-own" }), false);

    const none = { follows: false, ignores: false, blacklists: false, follows_blacklists: false, follows_muted: false };
    const relation = (account1: string, account2: string) => net().call("bridge.get_relationship_between_accounts", { account1, account2 });
    assert.deepEqual(await relation("ls-obs", "ls-troll"), { ...none, ignores: true, blacklists: true });
    assert.deepEqual(await relation("ls-obs", "ls-own"), { ...none, follows_blacklists: true, follows_muted: true });
    assert.deepEqual(await relation("ls-troll", "ls-obs"), none);
    await net().send([followOp("ls-obs", "ls-troll", ["blog"]), followOp("ls-obs", "ls-own", ["unfollow_blacklist"])], "ls-obs");
    assert.deepEqual(await relation("ls-obs", "ls-troll"), { ...none, follows: true, blacklists: true });
    assert.deepEqual(await relation("ls-obs", "ls-own"), { ...none, follows_muted: true });
    assert.equal(await net().call("bridge.does_user_follow_any_lists", { observer: "ls-obs" }), false);
    assert.deepEqual(await net().call("bridge.list_muted_reasons_enum", {}), {
      MUTED_COMMUNITY_MODERATION: 0, MUTED_COMMUNITY_TYPE: 1, MUTED_PARENT: 2, MUTED_REPUTATION: 3, MUTED_ROLE_COMMUNITY: 4,
    });
  });

  test("bad params are invalid_params errors that name the problem", async () => {
    const cases: [string, unknown, RegExp][] = [
      ["bridge.get_profile", { account: "X" }, /account must be a valid account name/],
      ["bridge.get_profile", { account: "alice", observer: "nobody-here" }, /account not found: `nobody-here`/],
      ["bridge.get_profile", { account: "alice", colour: "red" }, /does not take colour/],
      ["bridge.get_profiles", { accounts: [] }, /accounts must be an array of 1 to 1000/],
      ["bridge.get_profiles", { accounts: Array.from({ length: 1001 }, (_, i) => `user${i}`) }, /accounts must be an array of 1 to 1000/],
      ["bridge.get_profiles", { accounts: ["alice", 7] }, /accounts\[1\] must be a valid account name/],
      ["bridge.get_follow_list", { observer: "alice", follow_type: "friends" }, /follow_type must be one of blacklisted, follow_blacklist, muted, follow_muted/],
      ["bridge.get_relationship_between_accounts", { account1: "alice", account2: "nobody-here" }, /account not found/],
      ["bridge.get_relationship_between_accounts", { account1: "alice", account2: "bob", debug: "yes" }, /debug must be true or false/],
      ["bridge.does_user_follow_any_lists", {}, /observer must be a valid account name/],
      ["condenser_api.get_followers", ["alice", "", "friends", 10], /follow_type must be blog or ignore/],
      ["condenser_api.get_followers", ["alice", "", "blog", 1001], /limit must be an integer from 1 to 1000/],
      ["condenser_api.get_followers", ["alice", "", "blog", 0], /limit must be an integer from 1 to 1000/],
      ["condenser_api.get_followers", ["nobody-here", "", "blog", 10], /account not found: `nobody-here`/],
      ["condenser_api.get_followers", [], /get_followers takes 1 to 4 params, got 0/],
      ["condenser_api.get_following", ["alice", "Bad Start", "blog", 10], /start must be a valid account name/],
      ["follow_api.get_following", { account: "alice", type: "blog", extra: 1 }, /does not take extra/],
      ["condenser_api.get_followers_by_page", ["alice", -1, 10, "blog"], /page must be an integer/],
      ["condenser_api.get_followers_by_page", ["alice", 0, 101, "blog"], /page_size must be an integer from 1 to 100/],
      ["condenser_api.get_follow_count", ["nobody-here"], /account not found/],
    ];
    for (const [method, params, message] of cases) {
      const error = await net().callError(method, params);
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params).slice(0, 80)}: ${error.message}`);
      assert.match(error.message, message, method);
    }
  });
});
