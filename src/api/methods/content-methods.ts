/** Posts and votes straight from chain state: get_content, get_content_replies, get_active_votes. */
import { type Comment, type Vote, commentKey } from "../../core/chain/state.ts";
import { formatDiscussion, formatMissingDiscussion, formatVote } from "../format/chain-objects.ts";
import { formatInt64 } from "../format/json-integer.ts";
import { formatTime } from "../format/json-time.ts";
import { getPendingPayout } from "../format/pending-payout.ts";
import type { ApiContext } from "../ports.ts";
import { type MethodHandler, expectInteger, expectString, positional } from "./method-table.ts";

export const votesPerPostMax = 10000;

function getVotes(context: ApiContext, comment: Comment): Vote[] {
  const votes = context.node.state.votes.ofComment(comment.author, comment.permlink);
  return votes.slice(0, votesPerPostMax).sort((a, b) => a.id - b.id);
}

/** An account's raw reputation (reputation plugin); 0 with no record or no account. */
export function getRawReputation(context: ApiContext, name: string): bigint {
  return context.node.state.accounts.get(name)?.reputation ?? 0n;
}

/**
 * A comment as condenser's discussion object, with its pending payout (steemd `set_pending_payout`, see
 * pending-payout.ts), the author's and voters' raw reputations and the root post's title. Every method
 * that returns discussions should build them here.
 */
export function formatComment(context: ApiContext, comment: Comment): Record<string, unknown> {
  const state = context.node.state;
  const root = comment.depth === 0 ? comment : state.comments.get(commentKey(comment.root_author, comment.root_permlink));
  const fund = state.rewardFund.value;
  const pendingPayout = getPendingPayout({
    netRshares: comment.net_rshares, cashoutTime: comment.cashout_time, rewardBalance: fund.reward_balance,
    recentClaims: fund.recent_claims, median: state.feed.value.current_median_history,
  });
  return formatDiscussion(comment, getVotes(context, comment), root?.title ?? "", "legacy", {
    pendingPayout, authorReputation: getRawReputation(context, comment.author), voterReputation: (voter) => getRawReputation(context, voter),
  });
}

function authorAndPermlink(params: unknown, method: string): [string, string] {
  const [author, permlink] = positional(params, 2, 3, method);
  return [expectString(author, "author", 16), expectString(permlink, "permlink", 256)];
}

export const condenserContentMethods: Record<string, MethodHandler> = {
  get_content: (context, params) => {
    const [author, permlink] = authorAndPermlink(params, "get_content");
    const comment = context.node.state.comments.get(commentKey(author, permlink));
    return comment === undefined ? formatMissingDiscussion() : formatComment(context, comment);
  },
  get_content_replies: (context, params) => {
    const [author, permlink] = authorAndPermlink(params, "get_content_replies");
    const state = context.node.state;
    const keys = state.comments.group(state.groups.repliesByParent, commentKey(author, permlink));
    return [...keys].map((key) => state.comments.get(key)!).sort((a, b) => a.id - b.id).map((c) => formatComment(context, c));
  },
  get_active_votes: (context, params) => {
    const [author, permlink] = authorAndPermlink(params, "get_active_votes");
    const comment = context.node.state.comments.get(commentKey(author, permlink));
    return comment === undefined ? [] : getVotes(context, comment).map((v) => formatVote(v, "legacy", getRawReputation(context, v.voter)));
  },
};

export const appbaseContentMethods: Record<string, MethodHandler> = {
  "database_api.list_votes": (context, params) => {
    const p = params as { start?: unknown[]; limit?: unknown };
    const [author, permlink] = Array.isArray(p?.start) ? p.start : [];
    const limit = expectInteger(p?.limit ?? 1000, "limit", 1, 1000);
    const comment = context.node.state.comments.get(commentKey(expectString(author ?? "", "author", 16), expectString(permlink ?? "", "permlink", 256)));
    // database_api's api_comment_vote_object.
    const votes = comment === undefined ? [] : getVotes(context, comment).slice(0, limit);
    return {
      votes: votes.map((v) => ({
        id: v.id, voter: v.voter, author: v.author, permlink: v.permlink, weight: formatInt64(v.weight), rshares: formatInt64(v.rshares),
        vote_percent: v.vote_percent, last_update: formatTime(v.last_update), num_changes: v.num_changes,
      })),
    };
  },
};
