/** Wire shapes of chain objects (accounts, posts, votes, global properties) in legacy and appbase JSON. */
import { bytesToHex } from "../../stdx/bytes.ts";
import type { Account, Comment, GlobalProperties, Vote } from "../../core/chain/state.ts";
import type { Asset, AssetSymbol } from "../../core/asset.ts";
import { formatPublicKey } from "../../core/crypto/keys.ts";
import { authority as authoritySchema } from "../../core/encoding/schema.ts";
import { getEffectiveVestingShares, vestsToSteem } from "../../core/economics/vesting.ts";
import { regenerateManabar } from "../../core/economics/manabar.ts";
import { timeNever, voteRegenerationSeconds } from "../../core/protocol/config.ts";
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

export function formatAccount(account: Account, props: GlobalProperties, options: JsonFormatOptions, style: JsonStyle): Record<string, unknown> {
  const a = (amount: bigint, symbol: AssetSymbol) => formatAmount(amount, symbol, style);
  const auth = (value: Account["owner"]) => formatLegacyJson(authoritySchema, value, options);
  const maxMana = getEffectiveVestingShares(account);
  const mana = regenerateManabar(account.voting_manabar, maxMana, voteRegenerationSeconds, props.time);
  const out: Record<string, unknown> = {
    id: account.id, name: account.name, owner: auth(account.owner), active: auth(account.active), posting: auth(account.posting),
    memo_key: formatPublicKey(account.memo_key, options.addressPrefix), json_metadata: account.json_metadata,
    posting_json_metadata: account.posting_json_metadata, proxy: account.proxy,
    last_owner_update: formatTime(account.last_owner_update), last_account_update: formatTime(account.last_account_update),
    created: formatTime(account.created), mined: false, recovery_account: account.recovery_account,
    last_account_recovery: formatTime(0), reset_account: account.reset_account, comment_count: account.comment_count,
    lifetime_vote_count: account.lifetime_vote_count, post_count: account.post_count, can_vote: account.can_vote,
    voting_manabar: { current_mana: formatInt64(account.voting_manabar.current_mana), last_update_time: account.voting_manabar.last_update_time },
    downvote_manabar: { current_mana: formatInt64(account.downvote_manabar.current_mana), last_update_time: account.downvote_manabar.last_update_time },
    voting_power: maxMana > 0n ? Number((mana.current_mana * 10000n) / maxMana) : 0,
    balance: a(account.balance, "STEEM"), savings_balance: a(account.savings_balance, "STEEM"), sbd_balance: a(account.sbd_balance, "SBD"),
    sbd_seconds: "0", sbd_seconds_last_update: formatTime(0), sbd_last_interest_payment: formatTime(0),
    savings_sbd_balance: a(account.savings_sbd_balance, "SBD"), savings_sbd_seconds: "0",
    savings_sbd_seconds_last_update: formatTime(0), savings_sbd_last_interest_payment: formatTime(0), savings_withdraw_requests: 0,
    reward_sbd_balance: a(account.reward_sbd_balance, "SBD"), reward_steem_balance: a(account.reward_steem_balance, "STEEM"),
    reward_vesting_balance: a(account.reward_vesting_balance, "VESTS"), reward_vesting_steem: a(account.reward_vesting_steem, "STEEM"),
    vesting_shares: a(account.vesting_shares, "VESTS"), delegated_vesting_shares: a(account.delegated_vesting_shares, "VESTS"),
    received_vesting_shares: a(account.received_vesting_shares, "VESTS"), vesting_withdraw_rate: a(account.vesting_withdraw_rate, "VESTS"),
    next_vesting_withdrawal: formatChainTime(account.next_vesting_withdrawal), withdrawn: formatInt64(account.withdrawn),
    to_withdraw: formatInt64(account.to_withdraw), withdraw_routes: account.withdraw_routes,
    curation_rewards: formatInt64(account.curation_rewards), posting_rewards: formatInt64(account.posting_rewards),
    proxied_vsf_votes: [0, 0, 0, 0], witnesses_voted_for: 0, last_post: formatTime(account.last_post),
    last_root_post: formatTime(account.last_root_post), last_vote_time: formatTime(account.last_vote_time), post_bandwidth: 0,
    pending_claimed_accounts: formatInt64(account.pending_claimed_accounts),
  };
  if (style === "appbase") return out;
  return {
    ...out, vesting_balance: a(vestsToSteem(props, 0n), "STEEM"), reputation: 0, transfer_history: [], market_history: [],
    post_history: [], vote_history: [], other_history: [], witness_votes: [], tags_usage: [], guest_bloggers: [],
  };
}

export function formatVote(vote: Vote, style: JsonStyle = "legacy"): Record<string, unknown> {
  return {
    voter: vote.voter, weight: formatInt64(vote.weight), rshares: formatInt64(vote.rshares), percent: vote.vote_percent,
    reputation: 0, time: formatTime(vote.last_update), ...(style === "appbase" ? { num_changes: vote.num_changes } : {}),
  };
}

/** condenser's discussion object; `rootTitle` comes from the root post. */
export function formatDiscussion(comment: Comment, votes: readonly Vote[], rootTitle: string, style: JsonStyle = "legacy"): Record<string, unknown> {
  const a = (amount: bigint, symbol: AssetSymbol) => formatAmount(amount, symbol, style);
  const anchor = comment.depth === 0 ? "" : `#@${comment.author}/${comment.permlink}`;
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
    pending_payout_value: a(0n, "SBD"), total_pending_payout_value: a(0n, "SBD"),
    active_votes: votes.map((v) => formatVote(v)), replies: [], author_reputation: 0, promoted: a(0n, "SBD"),
    body_length: comment.body.length, reblogged_by: [],
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
