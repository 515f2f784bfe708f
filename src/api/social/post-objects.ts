/**
 * The two post shapes the index serves, built from a loaded post without further queries:
 *
 * - the bridge post object (steemit/hivemind `bridge_api/objects.py`, openhive-network/hivemind
 *   `create_bridge_post_object.sql`): Steemit's fields plus Hive's `reblogs`, `stats.muted_reasons`,
 *   `blacklists` labels; payouts as "x.xxx SBD"; parsed `json_metadata`; `title` "RE: <root title>" for
 *   comments; the author's displayed reputation; `active_votes` as `{voter, rshares}`.
 * - the condenser discussion object, with exactly the keys chain state's `get_content` answers with
 *   (api/format/chain-objects.ts `formatDiscussion`), so a client sees one shape from either source.
 *
 * Gray follows Hive: the author's reputation below 1, a community mute of the post, or the author's muted
 * role in the community (plus, in account lists, the observer's mute of the account). `hide` is
 * Steemit's reputation rule (`postStats`).
 */
import { utf8ByteLength } from "../../stdx/bytes.ts";
import { decodeMutedReasons, displayMutedReasons, type MutedReason, roles } from "../../index/rules/communities.ts";
import { parseJsonMetadata, truncateBody } from "../../index/rules/post-text.ts";
import { repLog10 } from "../../index/rules/reputation-display.ts";
import { flagWeight, isGrayReputation, isHiddenPost } from "../../index/rules/scores.ts";
import { formatChainTime } from "../format/chain-objects.ts";
import { formatAsset } from "../format/json-asset.ts";
import { formatInt64 } from "../format/json-integer.ts";
import { formatTime, timeSecondsMax } from "../format/json-time.ts";
import type { DetailedVote, LoadedPost, PostRow, PostVote } from "./post-load.ts";

/** What only some contexts add to a bridge post. */
export interface BridgePostOptions {
  /** Code points of body to keep (0: all). */
  readonly truncateBody?: number;
  /** Accounts that brought the post into a blog or feed (shown when not empty). */
  readonly rebloggedBy?: readonly string[];
  /** Gray it because the observer muted its author (Hive does this in account post lists). */
  readonly grayedByObserver?: boolean;
  /** Child keys "author/permlink" (get_discussion). */
  readonly replies?: readonly string[];
}

/** The bridge post object. */
export function bridgePostObject(post: LoadedPost, options: BridgePostOptions = {}): Record<string, unknown> {
  const { row } = post;
  const paid = row.is_paidout !== 0;
  const reputation = repLog10(post.authorReputation);
  const out: Record<string, unknown> = {
    post_id: row.id,
    author: row.author,
    permlink: row.permlink,
    category: categoryOf(row),
    title: row.depth > 0 ? `RE: ${row.root_title}` : row.title,
    body: truncateBody(row.body, options.truncateBody ?? 0),
    json_metadata: parseJsonMetadata(row.json_metadata),
    created: formatTime(row.created_at),
    updated: formatTime(row.updated_at),
    depth: row.depth,
    children: row.children,
    net_rshares: jsonInteger(BigInt(row.net_rshares)),
    is_paidout: paid,
    payout_at: formatTime(row.payout_at),
    payout: row.payout + row.pending_payout,
    pending_payout_value: sbd(paid ? 0 : row.pending_payout),
    author_payout_value: sbd(paid ? row.payout - row.curator_payout : 0),
    curator_payout_value: sbd(paid ? row.curator_payout : 0),
    promoted: sbd(row.promoted),
    replies: [...(options.replies ?? [])],
    reblogs: row.reblogs,
    active_votes: visibleVotes(post).map((vote) => ({ voter: vote.voter, rshares: jsonInteger(vote.rshares) })),
    author_reputation: reputation,
    stats: bridgeStats(post, options.grayedByObserver === true),
    beneficiaries: beneficiariesOf(row),
    max_accepted_payout: formatAsset({ amount: BigInt(row.max_accepted_payout), symbol: "SBD" }),
    percent_steem_dollars: row.percent_sbd,
    url: urlOf(row),
    blacklists: [...post.blacklists, ...reputationLabels(reputation)],
  };
  if (post.community !== null) {
    out.community = row.community;
    out.community_title = post.community.title;
    out.author_role = roleName(post.community.role);
    out.author_title = post.community.roleTitle;
  }
  if (row.depth > 0) {
    out.parent_author = row.parent_author;
    out.parent_permlink = row.parent_permlink;
  }
  // The last key: bridge-post-cache.ts appends it to a cached object's text.
  if (options.rebloggedBy !== undefined && options.rebloggedBy.length > 0) out.reblogged_by = [...options.rebloggedBy];
  return out;
}

/**
 * `stats`: Steemit's `post_stats` rules (scores.ts) over the post's running totals rather than its votes
 * (a list shows only some of a popular post's votes): `flag_weight` from the downvotes' sum, which is
 * (net − abs)/2; `total_votes` as the index counts them; `hide` and a gray author from the reputation.
 * Gray also for a community mute and a muted role (Hive), with `is_pinned` and `muted_reasons`.
 */
function bridgeStats(post: LoadedPost, grayedByObserver: boolean): Record<string, unknown> {
  const { row } = post;
  const twiceDownvotes = BigInt(row.net_rshares) - BigInt(row.abs_rshares);
  const grayAuthor = isGrayReputation(post.authorReputation);
  const role = post.community?.role ?? roles.guest;
  const reasons: MutedReason[] = displayMutedReasons(decodeMutedReasons(row.muted_reasons), { isGrayed: grayAuthor, currentRole: role });
  const stats: Record<string, unknown> = {
    hide: isHiddenPost(post.authorReputation, BigInt(Math.round(row.pending_payout * 1000))),
    gray: grayAuthor || row.is_muted !== 0 || role <= roles.muted || grayedByObserver,
    total_votes: row.total_votes,
    flag_weight: flagWeight(twiceDownvotes < 0n ? twiceDownvotes / 2n : 0n),
  };
  if (row.is_pinned !== 0) stats.is_pinned = true;
  if (reasons.length > 0) stats.muted_reasons = reasons;
  return stats;
}

/** Hive's reputation labels: "reputation-0" below 1, "reputation-1" at exactly 1. */
function reputationLabels(reputation: number): string[] {
  if (reputation < 1) return ["reputation-0"];
  return reputation === 1 ? ["reputation-1"] : [];
}

const roleNamesById = new Map<number, string>(Object.entries(roles).map(([name, id]) => [id, name]));

function roleName(role: number): string {
  return roleNamesById.get(role) ?? "guest";
}

/** What only some contexts add to a condenser discussion. */
export interface CondenserPostOptions {
  readonly truncateBody?: number;
  readonly rebloggedBy?: readonly string[];
}

/** The time chain state prints for "never" and for a payout that has not happened. */
const neverTime = formatChainTime(timeSecondsMax);
const epochTime = formatTime(0);

/**
 * The condenser discussion object, in `formatDiscussion`'s key order. As on chain, a paid-out post
 * shows no rshares or vote weight any more, its cashout time is "never" and `total_payout_value` is the
 * author's part (beneficiaries included).
 */
export function condenserPostObject(post: LoadedPost<DetailedVote>, options: CondenserPostOptions = {}): Record<string, unknown> {
  const { row } = post;
  const paid = row.is_paidout !== 0;
  const live = (value: bigint) => formatInt64(paid ? 0n : value);
  const pending = sbd(paid ? 0 : row.pending_payout);
  const votes = visibleVotes(post);
  let netVotes = 0;
  for (const vote of post.votes) netVotes += Math.sign(vote.percent);
  return {
    id: row.id, author: row.author, permlink: row.permlink, category: categoryOf(row),
    parent_author: row.depth > 0 ? row.parent_author : "", parent_permlink: row.depth > 0 ? row.parent_permlink : row.category,
    title: row.title, body: truncateBody(row.body, options.truncateBody ?? 0), json_metadata: row.json_metadata,
    last_update: formatTime(row.updated_at), created: formatTime(row.created_at), active: formatTime(row.active_at),
    last_payout: paid ? formatTime(row.payout_at) : epochTime, depth: row.depth, children: row.children,
    net_rshares: live(BigInt(row.net_rshares)), abs_rshares: live(BigInt(row.abs_rshares)), vote_rshares: live(BigInt(row.vote_rshares)),
    children_abs_rshares: 0, cashout_time: paid ? neverTime : formatTime(row.cashout_at), max_cashout_time: neverTime,
    total_vote_weight: live(BigInt(row.total_vote_weight)), reward_weight: 10000,
    total_payout_value: sbd(paid ? row.payout - row.curator_payout : 0), curator_payout_value: sbd(paid ? row.curator_payout : 0),
    author_rewards: formatInt64(BigInt(row.author_rewards)), net_votes: netVotes, root_author: row.root_author, root_permlink: row.root_permlink,
    max_accepted_payout: formatAsset({ amount: BigInt(row.max_accepted_payout), symbol: "SBD" }), percent_steem_dollars: row.percent_sbd,
    allow_replies: row.allow_replies !== 0, allow_votes: row.allow_votes !== 0, allow_curation_rewards: row.allow_curation !== 0,
    beneficiaries: beneficiariesOf(row), url: urlOf(row), root_title: row.root_title,
    pending_payout_value: pending, total_pending_payout_value: pending,
    active_votes: votes.map((vote) => ({
      voter: vote.voter, weight: formatInt64(vote.weight), rshares: formatInt64(vote.rshares), percent: vote.percent,
      reputation: formatInt64(vote.reputation), time: formatTime(vote.time),
    })),
    replies: [], author_reputation: formatInt64(post.authorReputation), promoted: sbd(row.promoted),
    body_length: utf8ByteLength(row.body), reblogged_by: [...(options.rebloggedBy ?? [])],
  };
}

function visibleVotes<V extends PostVote>(post: LoadedPost<V>): V[] {
  return post.mutedVoters.size === 0 ? [...post.votes] : post.votes.filter((vote) => !post.mutedVoters.has(vote.voter));
}

/** Steemit shows an empty category as "undefined" (condenser#3424). */
function categoryOf(row: PostRow): string {
  return row.category === "" ? "undefined" : row.category;
}

/** `/category/@root_author/root_permlink`, with `#@author/permlink` for a comment. */
function urlOf(row: PostRow): string {
  const anchor = row.depth > 0 ? `#@${row.author}/${row.permlink}` : "";
  return `/${categoryOf(row)}/@${row.root_author}/${row.root_permlink}${anchor}`;
}

function beneficiariesOf(row: PostRow): unknown[] {
  try {
    const parsed: unknown = JSON.parse(row.beneficiaries);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** An SBD amount as hivemind prints it: "%.3f SBD". */
function sbd(amount: number): string {
  return `${(Math.round(amount * 1000) / 1000).toFixed(3)} SBD`;
}

/** An integer as a JSON number when exact, else a decimal string (Hive's `json_stringify_numeric`). */
export function jsonInteger(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}
