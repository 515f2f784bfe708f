// condenser_api's discussion methods from the index, through JSON-RPC on SQLite and PostgreSQL: the
// objects match chain state's get_content, pages include their start post as steemd's did, blogs and
// feeds, blog entries by position, rebloggers, trending tags from the posts' pending payouts, get_state
// for condenser's routes, the payout lists around a cashout, and bad params refused.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Operation } from "dsteem";
import { onBothDatabases } from "../helpers/social-network.ts";

type Post = Record<string, any>;

const rootPost = (author: string, permlink: string, category: string, title: string, tags: string[] = [category]): Operation =>
  ["comment", { parent_author: "", parent_permlink: category, author, permlink, title, body: `${title}, at length.`, json_metadata: JSON.stringify({ tags }) }];
const reply = (author: string, permlink: string, parentAuthor: string, parentPermlink: string): Operation =>
  ["comment", { parent_author: parentAuthor, parent_permlink: parentPermlink, author, permlink, title: "", body: `${author} replies`, json_metadata: "{}" }];
const keys = (posts: Post[]) => posts.map((post) => `${post.author}/${post.permlink}`);
const sbd = (text: string) => Math.round(Number.parseFloat(text) * 1000);

onBothDatabases("condenser discussions", (net) => {
  before(async () => {
    await net().createAccounts(["cd-a", "cd-b", "cd-c", "cd-r"]);
    await net().createAccounts(["cd-v"], 20000);
    await net().send([rootPost("cd-a", "cd-one", "condt", "One", ["condt", "extra"])], "cd-a");
    await net().send([rootPost("cd-b", "cd-two", "condt", "Two")], "cd-b");
    await net().send([rootPost("cd-c", "cd-three", "condt2", "Three")], "cd-c");
    await net().send([["vote", { voter: "cd-v", author: "cd-a", permlink: "cd-one", weight: 10000 }]], "cd-v");
    await net().fastForward(3);
    await net().send([reply("cd-b", "re-one", "cd-a", "cd-one")], "cd-b");
    await net().send([["vote", { voter: "cd-v", author: "cd-b", permlink: "re-one", weight: 5000 }]], "cd-v");
    await net().send([reply("cd-c", "re-re", "cd-b", "re-one")], "cd-c");
    await net().customJson("cd-r", "follow", ["follow", { follower: "cd-r", following: "cd-a", what: ["blog"] }]);
    await net().customJson("cd-r", "follow", ["follow", { follower: "cd-r", following: "cd-b", what: ["blog"] }]);
    await net().customJson("cd-a", "reblog", ["reblog", { account: "cd-a", author: "cd-c", permlink: "cd-three" }]);
  });

  test("a discussion from the index has get_content's shape and values", async () => {
    const [listed] = await net().call("condenser_api.get_discussions_by_trending", [{ tag: "condt", limit: 1 }]);
    const chain = await net().call("condenser_api.get_content", ["cd-a", "cd-one"]);
    assert.deepEqual(Object.keys(listed), Object.keys(chain));
    // The post's id is the index's own; the pending payout is the chain's estimate as of the last vote.
    // Times are the block's (as hivemind stamps them), where steemd stamps the head time before the
    // block: one block earlier.
    const times = ["created", "last_update", "active", "cashout_time"];
    const own = ["id", "pending_payout_value", "total_pending_payout_value"];
    for (const key of Object.keys(chain).filter((k) => ![...own, ...times, "active_votes"].includes(k))) {
      assert.deepEqual(listed[key], chain[key], key);
    }
    const blockLag = (index: string, steemd: string) => {
      const lag = (Date.parse(`${index}Z`) - Date.parse(`${steemd}Z`)) / 1000;
      assert.ok(lag >= 0 && lag <= 3, `${index} vs ${steemd}`);
    };
    for (const key of times) blockLag(listed[key], chain[key]);
    const withoutTime = (votes: Post[]) => votes.map(({ time: _, ...vote }) => vote);
    assert.deepEqual(withoutTime(listed.active_votes), withoutTime(chain.active_votes));
    assert.equal(listed.active_votes.length, 1);
    blockLag(listed.active_votes[0].time, chain.active_votes[0].time);
    assert.ok(sbd(listed.pending_payout_value) > 0);
    const [replyListed] = await net().call("condenser_api.get_discussions_by_comments", [{ start_author: "cd-b", limit: 1 }]);
    const replyChain = await net().call("condenser_api.get_content", ["cd-b", "re-one"]);
    for (const key of ["parent_author", "parent_permlink", "root_author", "root_permlink", "root_title", "url", "depth", "children", "net_votes"]) {
      assert.deepEqual(replyListed[key], replyChain[key], key);
    }
    assert.deepEqual(withoutTime(replyListed.active_votes), withoutTime(replyChain.active_votes));
  });

  test("ranked lists page from their start post onwards, start included", async () => {
    const whole = keys(await net().call("condenser_api.get_discussions_by_created", [{ tag: "", limit: 100 }]));
    const paged: string[] = [];
    let start: Post | undefined;
    for (let page = 0; page < 20; page++) {
      const posts: Post[] = await net().call("condenser_api.get_discussions_by_created", [{ tag: "", limit: 2, ...(start ? { start_author: start.author, start_permlink: start.permlink } : {}) }]);
      if (start !== undefined) assert.equal(keys(posts)[0], `${start.author}/${start.permlink}`);
      paged.push(...keys(start === undefined ? posts : posts.slice(1)));
      if (posts.length < 2) break;
      start = posts[posts.length - 1];
    }
    assert.deepEqual(paged, whole);
    assert.deepEqual(keys(await net().call("condenser_api.get_discussions_by_created", [{ tag: "condt" }])), ["cd-b/cd-two", "cd-a/cd-one"]);
    assert.deepEqual(keys(await net().call("condenser_api.get_discussions_by_trending", [{ tag: "condt" }])), keys(await net().call("bridge.get_ranked_posts", { sort: "trending", tag: "condt" })));
    assert.deepEqual(keys(await net().call("tags_api.get_discussions_by_hot", [{ tag: "extra" }])), ["cd-a/cd-one"]);
    assert.deepEqual(await net().call("condenser_api.get_discussions_by_promoted", [{ tag: "condt" }]), []);
    const [truncated] = await net().call("condenser_api.get_discussions_by_created", [{ tag: "condt", limit: 1, truncate_body: 3 }]);
    assert.equal(truncated.body, "Two");
  });

  test("blogs, feeds, comments, replies and an author's posts", async () => {
    const call = (method: string, params: unknown[]) => net().call(`condenser_api.${method}`, params).then(keys);
    assert.deepEqual(await call("get_discussions_by_blog", [{ tag: "cd-a" }]), ["cd-c/cd-three", "cd-a/cd-one"]);
    const feed: Post[] = await net().call("condenser_api.get_discussions_by_feed", [{ tag: "cd-r" }]);
    assert.deepEqual(keys(feed), ["cd-c/cd-three", "cd-b/cd-two", "cd-a/cd-one"]);
    assert.deepEqual(feed.map((post) => post.reblogged_by), [["cd-a"], [], []]);
    assert.deepEqual(await call("get_discussions_by_feed", [{ tag: "cd-r", start_author: "cd-b", start_permlink: "cd-two", limit: 5 }]), ["cd-b/cd-two", "cd-a/cd-one"]);
    assert.deepEqual(await call("get_discussions_by_comments", [{ start_author: "cd-c" }]), ["cd-c/re-re"]);
    assert.deepEqual(await call("get_replies_by_last_update", ["cd-a", "", 10]), ["cd-b/re-one"]);
    assert.deepEqual(await call("get_replies_by_last_update", [{ start_author: "cd-b", limit: 10 }]), ["cd-c/re-re"]);
    // A later page names the last reply; its parent's author is the one listed.
    assert.deepEqual(await call("get_replies_by_last_update", ["cd-b", "re-one", 10]), ["cd-b/re-one"]);
    assert.deepEqual(await call("get_discussions_by_author_before_date", ["cd-a", "", "2100-01-01T00:00:00", 10]), ["cd-a/cd-one"]);
  });

  test("blog entries by position, and who reblogged a post", async () => {
    const blog = await net().call("condenser_api.get_blog", ["cd-a", 0, 10]);
    assert.deepEqual(blog.map((entry: Post) => [entry.entry_id, entry.comment.permlink, entry.blog]), [[1, "cd-three", "cd-a"], [0, "cd-one", "cd-a"]]);
    assert.equal(blog[1].reblogged_on, "1970-01-01T00:00:00");
    assert.match(blog[0].reblogged_on, /^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const entries = await net().call("follow_api.get_blog_entries", ["cd-a", -1, 1]);
    assert.deepEqual(entries, [{ blog: "cd-a", entry_id: 1, author: "cd-c", permlink: "cd-three", reblogged_on: blog[0].reblogged_on }]);
    assert.deepEqual((await net().call("condenser_api.get_blog_entries", ["cd-a", 0, 2])).map((e: Post) => e.entry_id), [1, 0]);
    assert.deepEqual((await net().call("condenser_api.get_blog_entries", ["cd-a", 0])).map((e: Post) => e.entry_id), [1]);
    assert.deepEqual((await net().call("condenser_api.get_blog_entries", ["cd-a", 0, 2])).map((e: Post) => e.permlink), ["cd-three", "cd-one"]);
    assert.deepEqual(await net().call("condenser_api.get_blog_entries", ["cd-r", 0, 5]), []);
    assert.deepEqual(await net().call("condenser_api.get_reblogged_by", ["cd-c", "cd-three"]), ["cd-a"]);
    assert.deepEqual(await net().call("condenser_api.get_reblogged_by", ["cd-a", "cd-one"]), []);
  });

  test("trending tags total the pending payouts of each category's posts and comments", async () => {
    const tags: Post[] = await net().call("condenser_api.get_trending_tags", ["", 250]);
    const condt = tags.find((tag) => tag.name === "condt")!;
    const posts: Post[] = [
      ...(await net().call("bridge.get_ranked_posts", { sort: "created", tag: "condt" })),
      ...(await net().call("bridge.get_account_posts", { sort: "comments", account: "cd-b" })),
      ...(await net().call("bridge.get_account_posts", { sort: "comments", account: "cd-c" })),
    ];
    assert.deepEqual({ top_posts: condt.top_posts, comments: condt.comments }, { top_posts: 2, comments: 2 });
    assert.equal(sbd(condt.total_payouts), posts.reduce((sum, post) => sum + sbd(post.pending_payout_value), 0));
    const totals = tags.map((tag) => sbd(tag.total_payouts));
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
    // From a start tag on, that tag first.
    const from = await net().call("condenser_api.get_trending_tags", ["condt", 2]);
    assert.equal(from[0].name, "condt");
    assert.deepEqual(from, tags.slice(tags.indexOf(condt), tags.indexOf(condt) + 2));
  });

  test("get_state answers condenser's routes with index content and chain accounts and props", async () => {
    const state = (path: string) => net().call("condenser_api.get_state", [path]);
    const props = await net().call("condenser_api.get_dynamic_global_properties", []);
    const trending = await state("/trending/condt");
    assert.deepEqual(Object.keys(trending.content), keys(await net().call("condenser_api.get_discussions_by_trending", [{ tag: "condt" }])));
    assert.deepEqual(trending.discussion_idx, { condt: { trending: Object.keys(trending.content) } });
    assert.ok(trending.tag_idx.trending.includes("condt"));
    assert.equal(trending.props.head_block_number >= props.head_block_number - 5, true);
    assert.match(trending.feed_price.base, / SBD$/);
    const blog = await state("/@cd-a");
    assert.deepEqual(blog.accounts["cd-a"].blog, ["cd-c/cd-three", "cd-a/cd-one"]);
    assert.deepEqual(blog.accounts["cd-a"].feed, []);
    const [chainAccount] = await net().call("condenser_api.get_accounts", [["cd-a"]]);
    assert.equal(blog.accounts["cd-a"].vesting_shares, chainAccount.vesting_shares);
    assert.deepEqual((await state("/@cd-r/feed")).accounts["cd-r"].feed, ["cd-c/cd-three", "cd-b/cd-two", "cd-a/cd-one"]);
    assert.deepEqual((await state("/@cd-a/recent-replies")).accounts["cd-a"].recent_replies, ["cd-b/re-one"]);
    assert.deepEqual((await state("/@cd-b/comments")).accounts["cd-b"].comments, ["cd-b/re-one"]);
    const thread = await state("/condt/@cd-a/cd-one");
    assert.deepEqual(Object.keys(thread.content), ["cd-a/cd-one", "cd-b/re-one", "cd-c/re-re"]);
    assert.deepEqual(thread.content["cd-a/cd-one"].replies, ["cd-b/re-one"]);
    assert.deepEqual(thread.content["cd-b/re-one"].replies, ["cd-c/re-re"]);
    assert.deepEqual(Object.keys(thread.accounts).sort(), ["cd-a", "cd-b", "cd-c"]);
    assert.deepEqual(Object.keys((await state("/@cd-a/cd-one")).content), Object.keys(thread.content));
    const tagsPage = await state("/tags");
    assert.deepEqual(tagsPage.tags.condt, (await net().call("condenser_api.get_trending_tags", ["condt", 1]))[0]);
    assert.deepEqual((await state("welcome")).content, {});
    for (const [path, message] of [["/a/b/c/d", /too many parts/], ["/bogus/thing", /unhandled path/], ["/@no-such-acct", /account not found/], ["/trending#x", /hash mark/]] as const) {
      const error = await net().callError("condenser_api.get_state", [path]);
      assert.equal(error.code, -32602);
      assert.match(error.message, message);
    }
  });

  test("bad params are refused with invalid_params", async () => {
    const cases: [string, unknown[], RegExp][] = [
      ["get_discussions_by_trending", [{ tag: "condt", filter_tags: ["x"] }], /filter_tags not supported/],
      ["get_discussions_by_trending", [{ limit: 101 }], /limit must be an integer from 1 to 100/],
      ["get_discussions_by_created", [{ tag: "condt", colour: 1 }], /does not take a param named "colour"/],
      ["get_discussions_by_blog", [{ tag: "" }], /tag \(the account\) cannot be blank/],
      ["get_discussions_by_feed", [{ tag: "no-such-acct" }], /tag: account no-such-acct does not exist/],
      ["get_discussions_by_comments", [{}], /start_author cannot be blank/],
      ["get_discussions_by_trending", [{ start_author: "cd-a", start_permlink: "gone" }], /Post cd-a\/gone does not exist/],
      ["get_blog", ["cd-a", -2, 5], /start_entry_id must be an entry id/],
      ["get_blog_entries", ["cd-a", 0, 501], /limit must be an integer from 1 to 500/],
      ["get_reblogged_by", ["cd-a"], /permlink must be a valid permlink/],
      ["get_trending_tags", ["", 251], /limit must be an integer from 1 to 250/],
      ["get_state", [], /get_state takes 1 param/],
    ];
    for (const [method, params, message] of cases) {
      const error = await net().callError(`condenser_api.${method}`, params);
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)}`);
      assert.match(error.message, message, `${method} ${JSON.stringify(params)}`);
    }
  });

  // Last: moves the chain past the cashout.
  test("payout lists: bridge's 12–36 h window, condenser's pending posts, and posts leave the pending lists when paid", async () => {
    const bridgePayout = async () => keys(await net().call("bridge.get_ranked_posts", { sort: "payout", tag: "" }));
    assert.deepEqual(await bridgePayout(), []);
    const postPayout: Post[] = await net().call("condenser_api.get_post_discussions_by_payout", [{ tag: "condt" }]);
    assert.deepEqual(keys(postPayout), ["cd-a/cd-one", "cd-b/cd-two"]);
    assert.deepEqual(keys(await net().call("condenser_api.get_comment_discussions_by_payout", [{ tag: "condt" }])), ["cd-b/re-one", "cd-c/re-re"]);
    await net().fastForward(6 * 86_400);
    const inWindow = await bridgePayout();
    assert.ok(inWindow.includes("cd-a/cd-one") && inWindow.includes("cd-b/re-one"), inWindow.join());
    const payouts: Post[] = await net().call("bridge.get_ranked_posts", { sort: "payout", tag: "" });
    assert.deepEqual(payouts.map((post) => post.payout), payouts.map((post) => post.payout).sort((a, b) => b - a));
    await net().fastForward(2 * 86_400);
    assert.deepEqual(await bridgePayout(), []);
    assert.ok(!keys(await net().call("bridge.get_ranked_posts", { sort: "trending", tag: "condt" })).includes("cd-a/cd-one"));
    const [paid] = await net().call("condenser_api.get_discussions_by_created", [{ tag: "condt", start_author: "cd-a", start_permlink: "cd-one", limit: 1 }]);
    const chain = await net().call("condenser_api.get_content", ["cd-a", "cd-one"]);
    for (const key of ["cashout_time", "last_payout", "net_rshares", "total_payout_value", "curator_payout_value", "pending_payout_value"]) {
      assert.deepEqual(paid[key], chain[key], key);
    }
    assert.ok(sbd(paid.total_payout_value) > 0);
    const bridged = await net().call("bridge.get_post", { author: "cd-a", permlink: "cd-one" });
    assert.equal(bridged.is_paidout, true);
    assert.equal(sbd(bridged.author_payout_value) + sbd(bridged.curator_payout_value), Math.round(bridged.payout * 1000));
  });
});
