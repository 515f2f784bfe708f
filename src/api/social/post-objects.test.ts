// The bridge post object and the condenser discussion built from index rows: field values, Hive's gray and
// muted-reason rules, Steemit's stats, and the condenser shape equal to chain state's get_content.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatMissingDiscussion } from "../format/chain-objects.ts";
import type { DetailedVote, LoadedPost, PostRow } from "./post-load.ts";
import { bridgePostObject, condenserPostObject } from "./post-objects.ts";

const created = 1_764_000_000; // 2025-11-24T16:00:00
const day = 86_400;

function row(overrides: Partial<PostRow> = {}): PostRow {
  return {
    id: 7, author: "bob", permlink: "kettle", parent_id: null, root_id: 7, depth: 0, category: "tea", community: null, title: "Kettle",
    body: "Boil wätér", json_metadata: '{"tags":["tea"],"app":"kettle/1"}', created_at: created, updated_at: created + 60, active_at: created + 90,
    children: 2, net_rshares: 3_000_000_000n, abs_rshares: 5_000_000_000n, vote_rshares: 4_000_000_000n, total_votes: 2, total_vote_weight: 300_000_000n, cashout_at: created + 7 * day,
    payout_at: created + 7 * day, is_paidout: 0, pending_payout: 1.234, curator_payout: 0, payout: 0, max_accepted_payout: 1_000_000_000n,
    percent_sbd: 10000, allow_replies: 1, allow_votes: 1, allow_curation: 1, beneficiaries: '[{"account":"carol","weight":500}]', is_muted: 0,
    muted_reasons: 0, is_pinned: 0, promoted: 0, reblogs: 1, author_rewards: 0, changed_block: 1, root_changed_block: 1, parent_author: null, parent_permlink: null, root_author: "bob",
    root_permlink: "kettle", root_title: "Kettle", author_reputation: 1_000_000_000_000n, ...overrides,
  };
}

const vote = (voter: string, rshares: bigint, percent: number, reputation = 0n): DetailedVote => ({ voter, rshares, weight: rshares / 10n, percent, time: created + 30, reputation });

function loaded(overrides: Partial<LoadedPost<DetailedVote>> = {}, rowOverrides: Partial<PostRow> = {}): LoadedPost<DetailedVote> {
  const r = row(rowOverrides);
  return {
    row: r, votes: [vote("alice", 4_000_000_000n, 10000, 5n), vote("dave", -1_000_000_000n, -5000), vote("erin", 0n, 100)], mutedVoters: new Set(),
    authorReputation: BigInt(r.author_reputation ?? 0), community: null, blacklists: [], ...overrides,
  };
}

test("a pending top-level post as a bridge object", () => {
  const post = bridgePostObject(loaded(), { rebloggedBy: ["carol"] });
  assert.deepEqual(post, {
    post_id: 7, author: "bob", permlink: "kettle", category: "tea", title: "Kettle", body: "Boil wätér", json_metadata: { tags: ["tea"], app: "kettle/1" },
    created: "2025-11-24T16:00:00", updated: "2025-11-24T16:01:00", depth: 0, children: 2, net_rshares: 3_000_000_000, is_paidout: false,
    payout_at: "2025-12-01T16:00:00", payout: 1.234, pending_payout_value: "1.234 SBD", author_payout_value: "0.000 SBD",
    curator_payout_value: "0.000 SBD", promoted: "0.000 SBD", replies: [], reblogs: 1,
    active_votes: [{ voter: "alice", rshares: 4_000_000_000 }, { voter: "dave", rshares: -1_000_000_000 }, { voter: "erin", rshares: 0 }],
    author_reputation: 52, stats: { hide: false, gray: false, total_votes: 2, flag_weight: 0 }, beneficiaries: [{ account: "carol", weight: 500 }],
    max_accepted_payout: "1000000.000 SBD", percent_steem_dollars: 10000, url: "/tea/@bob/kettle", blacklists: [], reblogged_by: ["carol"],
  });
});

test("a paid comment: RE: title, parent keys, anchor URL, author payout net of curation, truncated body", () => {
  const post = bridgePostObject(loaded({}, {
    id: 9, permlink: "re-kettle", depth: 1, parent_id: 7, title: "", is_paidout: 1, payout: 2.5, curator_payout: 0.625, pending_payout: 0,
    parent_author: "bob", parent_permlink: "kettle", author: "carol", payout_at: created + 7 * day,
  }), { truncateBody: 4 });
  assert.equal(post.title, "RE: Kettle");
  assert.equal(post.body, "Boil");
  assert.equal(post.parent_author, "bob");
  assert.equal(post.parent_permlink, "kettle");
  assert.equal(post.url, "/tea/@bob/kettle#@carol/re-kettle");
  assert.equal(post.payout, 2.5);
  assert.equal(post.pending_payout_value, "0.000 SBD");
  assert.equal(post.author_payout_value, "1.875 SBD");
  assert.equal(post.curator_payout_value, "0.625 SBD");
  assert.equal(post.is_paidout, true);
});

test("gray and hidden by reputation, with Hive's reason and label; big downvotes weigh as flags", () => {
  const lowReputation = -1_000_000_000_000n; // displayed −2
  const downvoted = { net_rshares: -20_000_000_000n, abs_rshares: 20_000_000_000n, total_votes: 1 };
  const post = bridgePostObject(loaded({ authorReputation: lowReputation, votes: [vote("dave", -20_000_000_000n, -10000)] }, { ...downvoted, pending_payout: 0.02 }));
  assert.equal(post.author_reputation, -2);
  assert.deepEqual(post.stats, { hide: true, gray: true, total_votes: 1, flag_weight: 1, muted_reasons: [3] });
  assert.deepEqual(post.blacklists, ["reputation-0"]);
  const paying = bridgePostObject(loaded({ authorReputation: lowReputation }, { pending_payout: 0.021 }));
  assert.equal((paying.stats as { hide: boolean }).hide, false);
});

test("community posts: title, role and its gray; a mod's mute and pinning show in stats", () => {
  const community = { title: "Tea Lovers", role: -2, roleTitle: "troll" };
  const post = bridgePostObject(loaded({ community }, { community: "hive-123456", category: "hive-123456", is_pinned: 1, is_muted: 1, muted_reasons: 1 }));
  assert.equal(post.community, "hive-123456");
  assert.equal(post.community_title, "Tea Lovers");
  assert.equal(post.author_role, "muted");
  assert.equal(post.author_title, "troll");
  assert.deepEqual(post.stats, { hide: false, gray: true, total_votes: 2, flag_weight: 0, is_pinned: true, muted_reasons: [0, 4] });
  const guest = bridgePostObject(loaded({ community: { title: "Tea Lovers", role: 0, roleTitle: "" } }, { community: "hive-123456" }));
  assert.equal(guest.author_role, "guest");
  assert.equal((guest.stats as { gray: boolean }).gray, false);
});

test("the observer's mutes: voters leave active_votes but still count in stats; labels and grayed lists", () => {
  const post = bridgePostObject(loaded({ mutedVoters: new Set(["alice"]), blacklists: ["my blacklist", "blacklisted by spaminator"] }), { grayedByObserver: true });
  assert.deepEqual(post.active_votes, [{ voter: "dave", rshares: -1_000_000_000 }, { voter: "erin", rshares: 0 }]);
  assert.equal((post.stats as { total_votes: number }).total_votes, 2);
  assert.equal((post.stats as { gray: boolean }).gray, true);
  assert.deepEqual(post.blacklists, ["my blacklist", "blacklisted by spaminator"]);
});

test("the condenser discussion has get_content's keys in its order, with chain-style values", () => {
  const pending = condenserPostObject(loaded());
  assert.deepEqual(Object.keys(pending), Object.keys(formatMissingDiscussion()));
  assert.equal(pending.json_metadata, '{"tags":["tea"],"app":"kettle/1"}');
  assert.equal(pending.parent_permlink, "tea");
  assert.equal(pending.cashout_time, "2025-12-01T16:00:00");
  assert.equal(pending.last_payout, "1970-01-01T00:00:00");
  assert.equal(pending.net_rshares, 3_000_000_000);
  assert.equal(pending.net_votes, 1);
  assert.equal(pending.total_vote_weight, 300_000_000);
  assert.equal(pending.author_reputation, "1000000000000");
  assert.equal(pending.body_length, 12);
  assert.deepEqual(pending.active_votes, [
    { voter: "alice", weight: 400_000_000, rshares: 4_000_000_000, percent: 10000, reputation: 5, time: "2025-11-24T16:00:30" },
    { voter: "dave", weight: -100_000_000, rshares: -1_000_000_000, percent: -5000, reputation: 0, time: "2025-11-24T16:00:30" },
    { voter: "erin", weight: 0, rshares: 0, percent: 100, reputation: 0, time: "2025-11-24T16:00:30" },
  ]);
  const paid = condenserPostObject(loaded({}, { is_paidout: 1, payout: 2.5, curator_payout: 0.625, pending_payout: 0 }));
  assert.equal(paid.cashout_time, "1969-12-31T23:59:59");
  assert.equal(paid.last_payout, "2025-12-01T16:00:00");
  assert.equal(paid.net_rshares, 0);
  assert.equal(paid.total_payout_value, "1.875 SBD");
  assert.equal(paid.curator_payout_value, "0.625 SBD");
});
