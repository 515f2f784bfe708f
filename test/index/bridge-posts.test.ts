// bridge's post methods through JSON-RPC on a real node, on SQLite and on PostgreSQL: ranked lists in the
// order the §3.1 formula gives (computed here from chain state), keyset paging without gaps or repeats,
// a community's pinned posts first and its muted posts gray, the observer's mutes, blogs and feeds after
// follows, reblogs and mutes, threads, single posts, and bad params refused with clear errors.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Operation } from "dsteem";
import { hotScore, trendingScore } from "../../src/index/rules/scores.ts";
import { initminerKey, onBothDatabases, type SocialNetwork } from "../helpers/social-network.ts";

type Post = Record<string, any>;

const rootPost = (author: string, permlink: string, category: string, title: string, body = `${title}: a body.`, tags: string[] = [category]): Operation =>
  ["comment", { parent_author: "", parent_permlink: category, author, permlink, title, body, json_metadata: JSON.stringify({ tags }) }];
const reply = (author: string, permlink: string, parentAuthor: string, parentPermlink: string, body = "a reply"): Operation =>
  ["comment", { parent_author: parentAuthor, parent_permlink: parentPermlink, author, permlink, title: "", body, json_metadata: "{}" }];
const vote = (voter: string, author: string, permlink: string, weight: number): Operation => ["vote", { voter, author, permlink, weight }];
const keys = (posts: Post[]) => posts.map((post) => `${post.author}/${post.permlink}`);

/** Every page of a list, `limit` at a time, each page starting after the last post of the one before. */
async function allPages(net: SocialNetwork, method: string, params: Record<string, unknown>, limit: number): Promise<Post[]> {
  const out: Post[] = [];
  for (let page = 0; page < 50; page++) {
    const last = out[out.length - 1];
    const posts: Post[] = await net.call(method, { ...params, limit, ...(last === undefined ? {} : { start_author: last.author, start_permlink: last.permlink }) });
    out.push(...posts);
    if (posts.length < limit) return out;
  }
  throw new Error("too many pages");
}

onBothDatabases("bridge post lists", (net) => {
  const authors = ["rk-a", "rk-b", "rk-c", "rk-d", "rk-e"];

  before(async () => {
    await net().createAccounts([...authors, "ob-x", "ob-y"]);
    await net().createAccounts(["rk-v1"], 20000);
    await net().createAccounts(["rk-v2"], 2000);
    await net().createAccounts(["rk-v3"], 200);
    // Five posts an hour apart, then votes of different sizes (and one downvote).
    for (const [n, author] of authors.entries()) {
      if (n > 0) await net().fastForward(3600);
      await net().send([rootPost(author, "ranked", "rankt", `Ranked ${author}`)], author);
    }
    await net().send([vote("rk-v1", "rk-a", "ranked", 10000)], "rk-v1");
    await net().send([vote("rk-v2", "rk-c", "ranked", 10000)], "rk-v2");
    await net().send([vote("rk-v3", "rk-d", "ranked", 10000)], "rk-v3");
    await net().fastForward(3);
    await net().send([vote("rk-v1", "rk-b", "ranked", 2500)], "rk-v1");
    await net().send([vote("rk-v2", "rk-e", "ranked", -10000)], "rk-v2");
  });

  /** Each ranked post's score from chain state's rshares and creation time. */
  async function chainScores(score: (rshares: bigint, created: number) => number): Promise<string[]> {
    const rows: { key: string; score: number; created: number }[] = [];
    for (const author of authors) {
      const content = await net().call("condenser_api.get_content", [author, "ranked"]);
      const created = Date.parse(`${content.created}Z`) / 1000;
      rows.push({ key: `${author}/ranked`, score: score(BigInt(content.net_rshares), created), created });
    }
    // Ties (none expected) would fall to the newer post, as the index breaks them by id.
    return rows.sort((a, b) => b.score - a.score || b.created - a.created).map((row) => row.key);
  }

  test("trending and hot order posts by the §3.1 formula over chain state's rshares and creation times", async () => {
    const trending = await chainScores(trendingScore);
    const hot = await chainScores(hotScore);
    const byAge = authors.map((author) => `${author}/ranked`).reverse();
    assert.notDeepEqual(trending, byAge, "votes must change the trending order for this test to mean anything");
    assert.deepEqual(keys(await net().call("bridge.get_ranked_posts", { sort: "trending", tag: "rankt" })), trending);
    assert.deepEqual(keys(await net().call("bridge.get_ranked_posts", { sort: "hot", tag: "rankt" })), hot);
    assert.deepEqual(keys(await net().call("bridge.get_ranked_posts", { sort: "created", tag: "rankt" })), byAge);
    // The same relative order in the global list, which also holds the demo posts.
    const global = keys(await net().call("bridge.get_ranked_posts", { sort: "trending", tag: "", limit: 100 }));
    assert.deepEqual(global.filter((key) => key.endsWith("/ranked")), trending);
    const [top] = await net().call("bridge.get_ranked_posts", { sort: "trending", tag: "rankt", limit: 1 });
    const chain = await net().call("condenser_api.get_content", [top.author, "ranked"]);
    assert.equal(String(top.net_rshares), String(chain.net_rshares));
    assert.deepEqual(top.active_votes.map((v: Post) => v.voter), chain.active_votes.map((v: Post) => v.voter));
    assert.equal(top.stats.total_votes, chain.active_votes.length);
  });

  test("keyset pages join up without gaps or repeats, on every sort", async () => {
    for (const sort of ["trending", "hot", "created"]) {
      const whole = keys(await net().call("bridge.get_ranked_posts", { sort, tag: "", limit: 100 }));
      for (const limit of [1, 2, 3]) {
        assert.deepEqual(keys(await allPages(net(), "bridge.get_ranked_posts", { sort, tag: "" }, limit)), whole, `${sort} by ${limit}`);
      }
    }
  });

  test("the observer's mutes, direct or through a followed mute list, drop authors from ranked lists", async () => {
    const follow = (follower: string, following: string, what: string[]) => net().customJson(follower, "follow", ["follow", { follower, following, what }]);
    await follow("ob-x", "rk-a", ["ignore"]);
    await follow("ob-y", "ob-x", ["follow_muted"]);
    const seen = async (observer?: string) => keys(await net().call("bridge.get_ranked_posts", { sort: "trending", tag: "rankt", ...(observer ? { observer } : {}) }));
    assert.ok((await seen()).includes("rk-a/ranked"));
    assert.ok(!(await seen("ob-x")).includes("rk-a/ranked"));
    assert.ok(!(await seen("ob-y")).includes("rk-a/ranked"));
    assert.equal((await seen("ob-x")).length, authors.length - 1);
  });
});

onBothDatabases("promoted posts", (net) => {
  test("promoted lists the pending posts promoted by SBD burnt to null with an @author/permlink memo, most promoted first", async () => {
    // SBD comes from a payout: a post voted up, paid a week later (half in SBD), its reward claimed.
    await net().createAccounts(["pr-a", "pr-b", "pr-c"]);
    await net().createAccounts(["pr-whale"], 20000);
    await net().send([rootPost("pr-a", "earner", "promot", "Earner")], "pr-a");
    await net().send([vote("pr-whale", "pr-a", "earner", 10000)], "pr-whale");
    await net().fastForward(7 * 86400 + 60);
    const [earner] = await net().call("condenser_api.get_accounts", [["pr-a"]]);
    assert.notEqual(earner.reward_sbd_balance, "0.000 SBD", "the payout must pay SBD for this test to mean anything");
    await net().send([["claim_reward_balance", { account: "pr-a", reward_steem: earner.reward_steem_balance, reward_sbd: earner.reward_sbd_balance, reward_vests: earner.reward_vesting_balance }]], "pr-a");
    await net().send([rootPost("pr-b", "one", "promot", "One")], "pr-b");
    await net().send([rootPost("pr-c", "two", "promot", "Two")], "pr-c");
    const transfer = (to: string, amount: string, memo: string) => ["transfer", { from: "pr-a", to, amount, memo }] as Operation;
    await net().send([
      transfer("null", "0.003 SBD", "@pr-c/two"), transfer("null", "0.001 SBD", "@pr-b/one"), transfer("null", "0.001 SBD", " @pr-b/one"),
      // Not promotions: STEEM, a memo naming no post, another recipient.
      transfer("null", "0.001 SBD", "@pr-b/no-such-post"), transfer("pr-b", "0.001 SBD", "@pr-b/one"),
    ], "pr-a", "active");
    await net().send([["transfer", { from: "initminer", to: "null", amount: "1.000 STEEM", memo: "@pr-b/one" }]], initminerKey);
    const promoted = await net().call("bridge.get_ranked_posts", { sort: "promoted", tag: "promot" });
    assert.deepEqual(keys(promoted), ["pr-c/two", "pr-b/one"]);
    assert.deepEqual(promoted.map((post: Post) => post.promoted), ["0.003 SBD", "0.002 SBD"]);
    const [listed] = await net().call("condenser_api.get_discussions_by_promoted", [{ tag: "promot", limit: 1 }]);
    assert.equal(listed.promoted, "0.003 SBD");
  });
});

onBothDatabases("bridge community lists", (net) => {
  const community = "hive-155501";

  before(async () => {
    await net().createAccounts([community, "cm-a", "cm-b", "cm-c", "cm-o"]);
    for (const author of ["cm-a", "cm-b", "cm-c"]) await net().send([rootPost(author, "in-community", community, `By ${author}`)], author);
    const act = (json: unknown) => net().customJson(community, "community", json);
    await act(["updateProps", { community, props: { title: "Tea Lovers" } }]);
    await act(["pinPost", { community, account: "cm-a", permlink: "in-community" }]);
    await act(["mutePost", { community, account: "cm-b", permlink: "in-community", notes: "off topic" }]);
  });

  test("a community's trending and created pages start with its pinned posts; muted posts are gray with reason 0", async () => {
    for (const sort of ["trending", "created"]) {
      const posts: Post[] = await net().call("bridge.get_ranked_posts", { sort, tag: community });
      assert.deepEqual(keys(posts), ["cm-a/in-community", "cm-c/in-community", "cm-b/in-community"], sort);
      assert.equal(posts[0].stats.is_pinned, true);
      assert.equal(posts[1].stats.is_pinned, undefined);
      assert.deepEqual(posts[2].stats.muted_reasons, [0]);
      assert.equal(posts[2].stats.gray, true);
      assert.equal(posts[1].stats.gray, false);
      for (const post of posts) {
        assert.equal(post.community, community);
        assert.equal(post.community_title, "Tea Lovers");
        assert.equal(post.author_role, "guest");
      }
      // Paging from the pinned post goes on with the list proper.
      assert.deepEqual(keys(await allPages(net(), "bridge.get_ranked_posts", { sort, tag: community }, 1)), keys(posts));
    }
    // hot has no pinned section: newest first at equal (zero) rshares.
    assert.deepEqual(keys(await net().call("bridge.get_ranked_posts", { sort: "hot", tag: community })), ["cm-c/in-community", "cm-b/in-community", "cm-a/in-community"]);
    // muted_reasons_filter leaves out the community-muted post.
    assert.deepEqual(keys(await net().call("bridge.get_ranked_posts", { sort: "created", tag: community, muted_reasons_filter: [0] })), ["cm-a/in-community", "cm-c/in-community"]);
  });

  test("tag=my lists the observer's subscribed communities, without the pinned section", async () => {
    assert.deepEqual(await net().call("bridge.get_ranked_posts", { sort: "created", tag: "my", observer: "cm-o" }), []);
    await net().customJson("cm-o", "community", ["subscribe", { community }]);
    const posts: Post[] = await net().call("bridge.get_ranked_posts", { sort: "created", tag: "my", observer: "cm-o" });
    assert.deepEqual(keys(posts), ["cm-c/in-community", "cm-b/in-community", "cm-a/in-community"]);
    const error = await net().callError("bridge.get_ranked_posts", { sort: "created", tag: "my" });
    assert.equal(error.code, -32602);
    assert.match(error.message, /observer is required when tag is my/);
  });

  test("a community post shows on its author's blog only once the author reblogs it", async () => {
    const blog = async () => keys(await net().call("bridge.get_account_posts", { sort: "blog", account: "cm-c" }));
    assert.deepEqual(await blog(), []);
    await net().customJson("cm-c", "reblog", ["reblog", { account: "cm-c", author: "cm-c", permlink: "in-community" }]);
    assert.deepEqual(await blog(), ["cm-c/in-community"]);
    assert.deepEqual(keys(await net().call("bridge.get_account_posts", { sort: "posts", account: "cm-c" })), ["cm-c/in-community"]);
    assert.deepEqual(keys(await net().call("bridge.get_account_posts_by_tag", { account: "cm-c", tag: community })), ["cm-c/in-community"]);
    assert.deepEqual(await net().call("bridge.get_account_posts_by_tag", { account: "cm-c", tag: "kettle" }), []);
  });
});

onBothDatabases("bridge account lists and threads", (net) => {
  before(async () => {
    await net().createAccounts(["fd-a", "fd-b", "fd-c", "fd-r", "dt-a", "dt-b", "dt-c", "dt-d", "dt-o"]);
    for (const author of ["fd-a", "fd-b", "fd-c"]) await net().send([rootPost(author, "fd-post", "feedt", `Feed ${author}`)], author);
  });

  const follow = (follower: string, following: string, what: string[]) => net().customJson(follower, "follow", ["follow", { follower, following, what }]);
  const accountPosts = async (sort: string, account: string, extra: Record<string, unknown> = {}) => net().call("bridge.get_account_posts", { sort, account, ...extra });

  test("a feed holds the followed accounts' posts and reblogs, newest entry first, and follows follows, unfollows and mutes", async () => {
    assert.deepEqual(await accountPosts("feed", "fd-r"), []);
    await follow("fd-r", "fd-a", ["blog"]);
    await follow("fd-r", "fd-b", ["blog"]);
    assert.deepEqual(keys(await accountPosts("feed", "fd-r")), ["fd-b/fd-post", "fd-a/fd-post"]);
    await net().customJson("fd-a", "reblog", ["reblog", { account: "fd-a", author: "fd-c", permlink: "fd-post" }]);
    const feed: Post[] = await accountPosts("feed", "fd-r");
    assert.deepEqual(keys(feed), ["fd-c/fd-post", "fd-b/fd-post", "fd-a/fd-post"]);
    assert.deepEqual(feed[0].reblogged_by, ["fd-a"]);
    assert.equal(feed[1].reblogged_by, undefined);
    assert.deepEqual(keys(await allPages(net(), "bridge.get_account_posts", { sort: "feed", account: "fd-r" }, 1)), keys(feed));
    // The reblog is on fd-a's blog too, marked as such.
    const blog: Post[] = await accountPosts("blog", "fd-a");
    assert.deepEqual(keys(blog), ["fd-c/fd-post", "fd-a/fd-post"]);
    assert.deepEqual(blog[0].reblogged_by, ["fd-a"]);
    await follow("fd-r", "fd-b", []);
    assert.deepEqual(keys(await accountPosts("feed", "fd-r")), ["fd-c/fd-post", "fd-a/fd-post"]);
    // An observer who muted fd-a sees nothing fd-a brought; fd-a's own lists turn gray for them.
    await follow("fd-b", "fd-a", ["ignore"]);
    assert.deepEqual(await accountPosts("feed", "fd-r", { observer: "fd-b" }), []);
    const grayed: Post[] = await accountPosts("posts", "fd-a", { observer: "fd-b" });
    assert.deepEqual(keys(grayed), ["fd-a/fd-post"]);
    assert.equal(grayed[0].stats.gray, true);
    assert.equal((await accountPosts("posts", "fd-a"))[0].stats.gray, false);
  });

  test("a thread: every post keyed author/permlink with its replies in order; mutes and subthreads", async () => {
    await net().send([rootPost("dt-a", "thread", "threads", "A thread")], "dt-a");
    await net().send([reply("dt-b", "r1", "dt-a", "thread", "first")], "dt-b");
    await net().send([reply("dt-c", "r2", "dt-a", "thread", "second")], "dt-c");
    await net().send([reply("dt-d", "r11", "dt-b", "r1", "nested")], "dt-d");
    const thread = await net().call("bridge.get_discussion", { author: "dt-a", permlink: "thread" });
    assert.deepEqual(Object.keys(thread), ["dt-a/thread", "dt-b/r1", "dt-c/r2", "dt-d/r11"]);
    assert.deepEqual(thread["dt-a/thread"].replies, ["dt-b/r1", "dt-c/r2"]);
    assert.deepEqual(thread["dt-b/r1"].replies, ["dt-d/r11"]);
    assert.deepEqual(thread["dt-d/r11"].replies, []);
    assert.equal(thread["dt-d/r11"].title, "RE: A thread");
    assert.equal(thread["dt-d/r11"].depth, 2);
    assert.equal(thread["dt-d/r11"].parent_author, "dt-b");
    assert.equal(thread["dt-d/r11"].url, "/threads/@dt-a/thread#@dt-d/r11");
    assert.equal(thread["dt-a/thread"].children, 3);
    assert.deepEqual(Object.keys(await net().call("bridge.get_discussion", { author: "dt-b", permlink: "r1" })), ["dt-b/r1", "dt-d/r11"]);
    await follow("dt-o", "dt-b", ["ignore"]);
    const muted = await net().call("bridge.get_discussion", { author: "dt-a", permlink: "thread", observer: "dt-o" });
    assert.deepEqual(Object.keys(muted), ["dt-a/thread", "dt-c/r2"]);
    assert.deepEqual(muted["dt-a/thread"].replies, ["dt-c/r2"]);
    // Replies to dt-a, comments by dt-b.
    assert.deepEqual(keys(await accountPosts("replies", "dt-a")), ["dt-c/r2", "dt-b/r1"]);
    assert.deepEqual(keys(await accountPosts("comments", "dt-b")), ["dt-b/r1"]);
    assert.deepEqual(keys(await accountPosts("replies", "dt-a", { observer: "dt-o" })), ["dt-c/r2"]);
  });

  test("single posts: get_post, get_post_header and normalize_post agree with the lists", async () => {
    const post = await net().call("bridge.get_post", { author: "fd-a", permlink: "fd-post" });
    const [listed] = await accountPosts("posts", "fd-a");
    assert.deepEqual(post, listed);
    assert.equal(post.title, "Feed fd-a");
    assert.deepEqual(post.json_metadata, { tags: ["feedt"] });
    assert.deepEqual(await net().call("bridge.get_post_header", { author: "dt-d", permlink: "r11" }), { author: "dt-d", permlink: "r11", category: "threads", depth: 2 });
    const content = await net().call("condenser_api.get_content", ["fd-a", "fd-post"]);
    assert.deepEqual(await net().call("bridge.normalize_post", { post: content }), post);
  });

  test("bad params are refused with invalid_params naming the problem", async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["bridge.get_ranked_posts", { sort: "best" }, /sort must be one of trending, hot, created, promoted, payout, payout_comments, muted/],
      ["bridge.get_ranked_posts", { sort: "trending", limit: 101 }, /limit must be an integer from 1 to 100/],
      ["bridge.get_ranked_posts", { sort: "trending", limit: 0 }, /limit must be an integer from 1 to 100/],
      ["bridge.get_ranked_posts", { sort: "trending", tag: "Bad Tag!" }, /tag must be/],
      ["bridge.get_ranked_posts", { sort: "trending", observer: "nobody-here" }, /observer: account nobody-here does not exist/],
      ["bridge.get_ranked_posts", { sort: "trending", start_author: "fd-a", start_permlink: "missing" }, /Post fd-a\/missing does not exist/],
      ["bridge.get_ranked_posts", { sort: "trending", start_permlink: "fd-post" }, /start_author is required/],
      ["bridge.get_ranked_posts", { sort: "trending", muted_reasons_filter: [9] }, /muted_reasons_filter must be an array of muted reason codes/],
      ["bridge.get_ranked_posts", { sort: "trending", color: "red" }, /does not take a param named "color"/],
      ["bridge.get_account_posts", { sort: "feed" }, /account must be a valid account name/],
      ["bridge.get_account_posts", { sort: "everything", account: "fd-a" }, /sort must be one of blog, feed, posts, comments, replies, payout/],
      ["bridge.get_account_posts", { sort: "blog", account: "no-such-acct" }, /account: account no-such-acct does not exist/],
      ["bridge.get_post", { author: "fd-a", permlink: "nope" }, /Post fd-a\/nope does not exist/],
      ["bridge.get_post", { author: "X", permlink: "fd-post" }, /author must be a valid account name/],
      ["bridge.get_post_header", { author: "fd-a", permlink: "UPPER" }, /permlink must be a valid permlink/],
      ["bridge.get_discussion", { author: "fd-a" }, /permlink must be a valid permlink/],
      ["bridge.get_account_posts_by_tag", { account: "fd-a" }, /tag is required/],
      ["bridge.normalize_post", { post: "fd-a/fd-post" }, /post must be a post object/],
    ];
    for (const [method, params, message] of cases) {
      const error = await net().callError(method, params);
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)}`);
      assert.match(error.message, message, `${method} ${JSON.stringify(params)}`);
    }
    const [post] = await net().call("bridge.get_ranked_posts", { sort: "created", tag: "feedt", limit: "1" });
    assert.equal(post.category, "feedt");
  });
});
