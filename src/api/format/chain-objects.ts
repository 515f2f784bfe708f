/** Wire shapes of chain objects (accounts, posts, votes, global properties) in legacy and appbase JSON. */
import { bytesToHex, utf8ByteLength } from "../../stdx/bytes.ts";
import type { Account, Comment, GlobalProperties, Vote } from "../../core/chain/state.ts";
import type { Asset, AssetSymbol } from "../../core/asset.ts";
import { formatPublicKey } from "../../core/crypto/keys.ts";
import { authority as authoritySchema } from "../../core/encoding/schema.ts";
import { getEffectiveVestingShares } from "../../core/economics/vesting.ts";
import { percent100, timeNever, voteRegenerationSeconds } from "../../core/protocol/config.ts";
import { formatAppbaseAsset, formatAsset } from "./json-asset.ts";
import { formatInt64 } from "./json-integer.ts";
import { formatTime } from "./json-time.ts";
import { formatLegacyJson } from "./legacy-json.ts";
import type { JsonFormatOptions } from "./json-value.ts";

export type JsonStyle = "legacy" | "appbase";

/** Formats an asset in the chosen style. */
export function formatAmount(amount: bigint, symbol: AssetSymbol, style: JsonStyle): unknown {
  const asset: Asset = { amount, symbol };
  return style === "legacy" ? formatAsset(asset) : formatAppbaseAsset(asset);
}

/** Chain time as steemd prints it: "never" (the maximum) shows as 1969-12-31T23:59:59. */
export function formatChainTime(seconds: number): string {
  return seconds === timeNever ? "1969-12-31T23:59:59" : formatTime(seconds);
}

/** STEEM_HARDFORK_0_20_TIME: manabars last updated before it still held the old 0–10000 voting power. */
const hardfork20Time = 1537887600;

/**
 * condenser's `voting_power` (steemd `api_account_object::_compute_voting_power`): the voting power the
 * stored manabar had at the account's last vote, not regenerated to now — 10000 × mana / effective VESTS,
 * less what regenerated between the last vote and the manabar's last update.
 */
export function computeVotingPower(account: Account): number {
  const bar = account.voting_manabar;
  if (bar.last_update_time < hardfork20Time) return Number(BigInt.asUintN(16, bar.current_mana));
  const vests = getEffectiveVestingShares(account);
  if (vests <= 0n) return 0;
  const dt = bar.last_update_time > account.last_vote_time ? bar.last_update_time - account.last_vote_time : 0;
  const regenerated = Math.floor((percent100 * dt) / voteRegenerationSeconds);
  const mana = bar.current_mana > 0n ? bar.current_mana : 0n;
  let atUpdate = (BigInt(percent100) * mana) / vests;
  if (atUpdate > BigInt(percent100)) atUpdate = BigInt(percent100);
  const power = Number(atUpdate);
  return power - Math.min(power, regenerated);
}

/**
 * An account as the APIs show it. `legacy`: condenser's `api_account_object` (lookup_account_names) or,
 * with `extended`, its `extended_account` (get_accounts: adds vesting_balance, the raw reputation and the
 * history maps, which Kettle leaves empty as steemd does without the old plugins). `appbase`: database_api's
 * `api_account_object` (no voting_power; last_post_edit and is_smt). Fields in steemd's order.
 */
export function formatAccount(
  account: Account, _props: GlobalProperties, options: JsonFormatOptions, style: JsonStyle, extended = style === "legacy",
): Record<string, unknown> {
  const a = (amount: bigint, symbol: AssetSymbol) => formatAmount(amount, symbol, style);
  const auth = (value: Account["owner"]) => formatLegacyJson(authoritySchema, value, options);
  const manabar = (bar: Account["voting_manabar"]) => ({ current_mana: formatInt64(bar.current_mana), last_update_time: bar.last_update_time });
  const out: Record<string, unknown> = {
    id: account.id, name: account.name, owner: auth(account.owner), active: auth(account.active), posting: auth(account.posting),
    memo_key: formatPublicKey(account.memo_key, options.addressPrefix), json_metadata: account.json_metadata,
    posting_json_metadata: account.posting_json_metadata, proxy: account.proxy,
    last_owner_update: formatTime(account.last_owner_update), last_account_update: formatTime(account.last_account_update),
    created: formatTime(account.created), mined: false, recovery_account: account.recovery_account,
    last_account_recovery: formatTime(0), reset_account: account.reset_account, comment_count: account.comment_count,
    lifetime_vote_count: account.lifetime_vote_count, post_count: account.post_count, can_vote: account.can_vote,
    voting_manabar: manabar(account.voting_manabar), downvote_manabar: manabar(account.downvote_manabar),
    ...(style === "legacy" ? { voting_power: computeVotingPower(account) } : {}),
    balance: a(account.balance, "STEEM"), savings_balance: a(account.savings_balance, "STEEM"),
    sbd_balance: a(account.sbd_balance, "SBD"), sbd_seconds: account.sbd_seconds.toString(),
    sbd_seconds_last_update: formatTime(account.sbd_seconds_last_update), sbd_last_interest_payment: formatTime(account.sbd_last_interest_payment),
    savings_sbd_balance: a(account.savings_sbd_balance, "SBD"), savings_sbd_seconds: account.savings_sbd_seconds.toString(),
    savings_sbd_seconds_last_update: formatTime(account.savings_sbd_seconds_last_update),
    savings_sbd_last_interest_payment: formatTime(account.savings_sbd_last_interest_payment),
    savings_withdraw_requests: account.savings_withdraw_requests,
    reward_sbd_balance: a(account.reward_sbd_balance, "SBD"), reward_steem_balance: a(account.reward_steem_balance, "STEEM"),
    reward_vesting_balance: a(account.reward_vesting_balance, "VESTS"), reward_vesting_steem: a(account.reward_vesting_steem, "STEEM"),
    vesting_shares: a(account.vesting_shares, "VESTS"), delegated_vesting_shares: a(account.delegated_vesting_shares, "VESTS"),
    received_vesting_shares: a(account.received_vesting_shares, "VESTS"), vesting_withdraw_rate: a(account.vesting_withdraw_rate, "VESTS"),
    next_vesting_withdrawal: formatChainTime(account.next_vesting_withdrawal), withdrawn: formatInt64(account.withdrawn),
    to_withdraw: formatInt64(account.to_withdraw), withdraw_routes: account.withdraw_routes,
    curation_rewards: formatInt64(account.curation_rewards), posting_rewards: formatInt64(account.posting_rewards),
    proxied_vsf_votes: [0, 0, 0, 0], witnesses_voted_for: 0, last_post: formatTime(account.last_post),
    last_root_post: formatTime(account.last_root_post),
    ...(style === "appbase" ? { last_post_edit: formatTime(account.last_post_edit) } : {}),
    last_vote_time: formatTime(account.last_vote_time), post_bandwidth: 0,
    pending_claimed_accounts: formatInt64(account.pending_claimed_accounts),
    ...(style === "appbase" ? { is_smt: false } : {}),
  };
  if (!extended) return out;
  return {
    ...out, vesting_balance: a(0n, "STEEM"), reputation: formatInt64(account.reputation ?? 0n), transfer_history: [], market_history: [],
    post_history: [], vote_history: [], other_history: [], witness_votes: [], tags_usage: [], guest_bloggers: [],
  };
}

/** A vote as get_active_votes and discussions show it; `reputation` is the voter's raw reputation. */
export function formatVote(vote: Vote, style: JsonStyle = "legacy", reputation = 0n): Record<string, unknown> {
  return {
    voter: vote.voter, weight: formatInt64(vote.weight), rshares: formatInt64(vote.rshares), percent: vote.vote_percent,
    reputation: formatInt64(reputation), time: formatTime(vote.last_update), ...(style === "appbase" ? { num_changes: vote.num_changes } : {}),
  };
}

/** What a discussion shows besides the comment record: computed from the reward fund and the reputation plugin. */
export interface DiscussionExtras {
  /** From `getPendingPayout` (pending-payout.ts). */
  readonly pendingPayout: Asset;
  /** The author's raw reputation. */
  readonly authorReputation: bigint;
  /** A voter's raw reputation. */
  readonly voterReputation: (voter: string) => bigint;
}

const noExtras: DiscussionExtras = { pendingPayout: { amount: 0n, symbol: "SBD" }, authorReputation: 0n, voterReputation: () => 0n };

/**
 * condenser's discussion object; `rootTitle` comes from the root post. Pass `extras` for the pending payout
 * and reputations (content-methods.ts `formatComment` does all of it from chain state); without them those
 * show as 0.
 */
export function formatDiscussion(
  comment: Comment, votes: readonly Vote[], rootTitle: string, style: JsonStyle = "legacy", extras: DiscussionExtras = noExtras,
): Record<string, unknown> {
  const a = (amount: bigint, symbol: AssetSymbol) => formatAmount(amount, symbol, style);
  const anchor = comment.depth === 0 ? "" : `#@${comment.author}/${comment.permlink}`;
  const pending = a(extras.pendingPayout.amount, extras.pendingPayout.symbol);
  return {
    id: comment.id, author: comment.author, permlink: comment.permlink, category: comment.category,
    parent_author: comment.parent_author, parent_permlink: comment.parent_permlink, title: comment.title, body: comment.body,
    json_metadata: comment.json_metadata, last_update: formatTime(comment.last_update), created: formatTime(comment.created),
    active: formatTime(comment.active), last_payout: formatTime(comment.last_payout), depth: comment.depth, children: comment.children,
    net_rshares: formatInt64(comment.net_rshares), abs_rshares: formatInt64(comment.abs_rshares), vote_rshares: formatInt64(comment.vote_rshares),
    children_abs_rshares: formatInt64(comment.children_abs_rshares), cashout_time: formatChainTime(comment.cashout_time),
    max_cashout_time: formatChainTime(comment.max_cashout_time), total_vote_weight: formatInt64(comment.total_vote_weight),
    reward_weight: comment.reward_weight, total_payout_value: a(comment.total_payout_value, "SBD"),
    curator_payout_value: a(comment.curator_payout_value, "SBD"), author_rewards: formatInt64(comment.author_rewards),
    net_votes: comment.net_votes, root_author: comment.root_author, root_permlink: comment.root_permlink,
    max_accepted_payout: a(comment.max_accepted_payout, "SBD"), percent_steem_dollars: comment.percent_steem_dollars,
    allow_replies: comment.allow_replies, allow_votes: comment.allow_votes, allow_curation_rewards: comment.allow_curation_rewards,
    beneficiaries: comment.beneficiaries.map((b) => ({ account: b.account, weight: b.weight })),
    url: `/${comment.category}/@${comment.root_author}/${comment.root_permlink}${anchor}`, root_title: rootTitle,
    pending_payout_value: pending, total_pending_payout_value: pending,
    active_votes: votes.map((v) => formatVote(v, "legacy", extras.voterReputation(v.voter))), replies: [],
    author_reputation: formatInt64(extras.authorReputation), promoted: a(0n, "SBD"),
    body_length: utf8ByteLength(comment.body), reblogged_by: [],
  };
}

/** The object get_content answers for a post that does not exist. */
export function formatMissingDiscussion(): Record<string, unknown> {
  const empty = formatTime(0);
  return {
    id: 0, author: "", permlink: "", category: "", parent_author: "", parent_permlink: "", title: "", body: "", json_metadata: "",
    last_update: empty, created: empty, active: empty, last_payout: empty, depth: 0, children: 0, net_rshares: 0, abs_rshares: 0,
    vote_rshares: 0, children_abs_rshares: 0, cashout_time: empty, max_cashout_time: empty, total_vote_weight: 0, reward_weight: 0,
    total_payout_value: "0.000 SBD", curator_payout_value: "0.000 SBD", author_rewards: 0, net_votes: 0, root_author: "",
    root_permlink: "", max_accepted_payout: "0.000 SBD", percent_steem_dollars: 0, allow_replies: false, allow_votes: false,
    allow_curation_rewards: false, beneficiaries: [], url: "", root_title: "", pending_payout_value: "0.000 SBD",
    total_pending_payout_value: "0.000 SBD", active_votes: [], replies: [], author_reputation: 0, promoted: "0.000 SBD",
    body_length: 0, reblogged_by: [],
  };
}

export function formatGlobalProperties(props: GlobalProperties, style: JsonStyle): Record<string, unknown> {
  const a = (amount: bigint, symbol: AssetSymbol) => formatAmount(amount, symbol, style);
  return {
    ...(style === "appbase" ? { id: 0 } : {}),
    head_block_number: props.head_block_number, head_block_id: bytesToHex(props.head_block_id), time: formatTime(props.time),
    current_witness: props.current_witness, total_pow: 514415, num_pow_witnesses: 172, virtual_supply: a(props.virtual_supply, "STEEM"),
    current_supply: a(props.current_supply, "STEEM"), confidential_supply: a(0n, "STEEM"), init_sbd_supply: a(0n, "SBD"),
    current_sbd_supply: a(props.current_sbd_supply, "SBD"), confidential_sbd_supply: a(0n, "SBD"),
    total_vesting_fund_steem: a(props.total_vesting_fund_steem, "STEEM"), total_vesting_shares: a(props.total_vesting_shares, "VESTS"),
    total_reward_fund_steem: a(props.total_reward_fund_steem, "STEEM"), total_reward_shares2: "0",
    pending_rewarded_vesting_shares: a(props.pending_rewarded_vesting_shares, "VESTS"),
    pending_rewarded_vesting_steem: a(props.pending_rewarded_vesting_steem, "STEEM"), sbd_interest_rate: props.sbd_interest_rate,
    sbd_print_rate: props.sbd_print_rate, maximum_block_size: props.maximum_block_size, required_actions_partition_percent: 0,
    current_aslot: props.current_aslot, recent_slots_filled: "340282366920938463463374607431768211455", participation_count: 128,
    last_irreversible_block_num: props.last_irreversible_block_num, vote_power_reserve_rate: 10, delegation_return_period: 432000,
    reverse_auction_seconds: 300, available_account_subsidies: 0, sbd_stop_percent: 1000, sbd_start_percent: 900,
    next_maintenance_time: formatTime(props.time), last_budget_time: formatTime(props.time), content_reward_percent: 6500,
    vesting_reward_percent: 1500, sps_fund_percent: 1000, sps_interval_ledger: a(0n, "SBD"), downvote_pool_percent: 2500,
  };
}
