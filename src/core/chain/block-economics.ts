/**
 * The economics every block runs after its transactions, in steemd's order (reference/economics.md §2.3):
 * delegation returns, the hourly feed, the virtual supply and print rate, burning what `null` holds,
 * issuance, conversions, comment cashouts, power-down weeks, savings withdrawals, the virtual supply
 * again, and the resource pools. Everything that falls due is found through the schedules, so a block
 * costs the same however much time it skips.
 */
import { convergentLinear, contentConstant } from "../economics/curves.ts";
import { type CashoutPlan, getCommentReward, planCashout } from "../economics/cashout.ts";
import { getBlockIssuance } from "../economics/issuance.ts";
import { decayRecentClaims } from "../economics/reward-fund.ts";
import { getSbdPrintRate, toSbd, toSteem } from "../economics/sbd.ts";
import { nullAccount, percentCurationRewards, timeNever, treasuryAccount } from "../protocol/config.ts";
import { adjustLiquidBalance, createVesting, getAccountOrThrow, updateAccount } from "./accounts.ts";
import { updateResourcePools } from "./resource-credits.ts";
import { processConversions, processSavingsWithdraws, updateMedianFeed } from "./sbd-processing.ts";
import { type ChainState, type Comment, commentKey } from "./state.ts";
import { clearExpiredDelegations, processVestingWithdrawals } from "./vesting-processing.ts";

/** Runs the end-of-block economics of block `blockNum` at its timestamp `now`, produced by `producer`. */
export function applyBlockEconomics(state: ChainState, blockNum: number, now: number, producer: string): void {
  clearExpiredDelegations(state, now);
  updateMedianFeed(state, blockNum, now);
  updateVirtualSupply(state);
  clearNullAccountBalance(state);
  processFunds(state, blockNum, producer, now);
  processConversions(state, now);
  processCommentCashout(state, now);
  processVestingWithdrawals(state, now);
  processSavingsWithdraws(state, now);
  updateVirtualSupply(state);
  updateResourcePools(state);
}

/** virtual_supply = current_supply + the SBD supply in STEEM at the median; the print rate follows (steemd `update_virtual_supply`). */
export function updateVirtualSupply(state: ChainState): void {
  const props = state.props.value;
  const median = state.feed.value.current_median_history;
  const sbdAsSteem = toSteem(props.current_sbd_supply, median);
  const virtualSupply = props.current_supply + sbdAsSteem;
  const printRate = median === null ? props.sbd_print_rate : getSbdPrintRate(sbdAsSteem, virtualSupply).printRate;
  if (virtualSupply !== props.virtual_supply || printRate !== props.sbd_print_rate) {
    state.props.value = { ...props, virtual_supply: virtualSupply, sbd_print_rate: printRate };
  }
}

/**
 * Everything sent to `null` leaves the supply (steemd `clear_null_account_balance`): its balances, its
 * VESTS at the current price and its reward VESTS with the STEEM they hold; `adjust_supply` lowers the
 * virtual supply with the STEEM and recomputes it for the SBD.
 */
function clearNullAccountBalance(state: ChainState): void {
  const account = state.accounts.get(nullAccount);
  if (account === undefined) return;
  // Read everything first: the account record is a live view of the table.
  const steem = account.balance + account.savings_balance + account.reward_steem_balance;
  const sbd = account.sbd_balance + account.savings_sbd_balance + account.reward_sbd_balance;
  const vests = account.vesting_shares;
  const rewardVests = account.reward_vesting_balance;
  const rewardVestingSteem = account.reward_vesting_steem;
  if (steem === 0n && sbd === 0n && vests === 0n && rewardVests === 0n && rewardVestingSteem === 0n) return;
  const props = state.props.value;
  const vestsAsSteem = vests === 0n ? 0n : (vests * props.total_vesting_fund_steem) / props.total_vesting_shares;
  const burnedSteem = steem + vestsAsSteem + rewardVestingSteem;
  updateAccount(state, account, {
    balance: 0n, savings_balance: 0n, reward_steem_balance: 0n, sbd_balance: 0n, savings_sbd_balance: 0n, reward_sbd_balance: 0n,
    vesting_shares: 0n, reward_vesting_balance: 0n, reward_vesting_steem: 0n,
  });
  const currentSupply = props.current_supply - burnedSteem;
  const currentSbdSupply = props.current_sbd_supply - sbd;
  const virtualSupply = sbd > 0n ? currentSupply + toSteem(currentSbdSupply, state.feed.value.current_median_history) : props.virtual_supply - burnedSteem;
  state.props.value = {
    ...props,
    current_supply: currentSupply,
    current_sbd_supply: currentSbdSupply,
    virtual_supply: virtualSupply,
    total_vesting_shares: props.total_vesting_shares - vests,
    total_vesting_fund_steem: props.total_vesting_fund_steem - vestsAsSteem,
    pending_rewarded_vesting_shares: props.pending_rewarded_vesting_shares - rewardVests,
    pending_rewarded_vesting_steem: props.pending_rewarded_vesting_steem - rewardVestingSteem,
  };
  // steemd lists what it cleared as STEEM (with the VESTS' worth), VESTS (own and reward), SBD, each only if any.
  const cleared = [
    { amount: burnedSteem, symbol: "STEEM" as const }, { amount: vests + rewardVests, symbol: "VESTS" as const }, { amount: sbd, symbol: "SBD" as const },
  ];
  state.virtualOps.push({ type: "clear_null_account_balance", value: { total_cleared: cleared.filter((a) => a.amount > 0n) } });
}

/**
 * One block's issuance (steemd `process_funds`, HF21 split): the reward fund, the vesting fund, the
 * treasury in SBD and the producer's pay in VESTS. Kettle has one producer, which takes the whole witness
 * share of each block; steemd divides it by the 20 + 1 schedule's weights, which with a single witness
 * would pay 21 times the share (see docs/ECONOMICS.md).
 */
function processFunds(state: ChainState, blockNum: number, producer: string, now: number): void {
  const props = state.props.value;
  const issuance = getBlockIssuance(props.virtual_supply, blockNum);
  const median = state.feed.value.current_median_history;
  const treasurySbd = toSbd(issuance.proposals, median);
  const fund = state.rewardFund.value;
  state.rewardFund.value = { ...fund, reward_balance: fund.reward_balance + issuance.content };
  state.props.value = {
    ...props,
    current_supply: props.current_supply + issuance.content + issuance.vesting + issuance.witnessBase,
    current_sbd_supply: props.current_sbd_supply + treasurySbd,
    virtual_supply: props.virtual_supply + issuance.content + issuance.vesting + issuance.witnessBase + issuance.proposals,
    total_vesting_fund_steem: props.total_vesting_fund_steem + issuance.vesting,
  };
  if (issuance.witnessBase > 0n && state.accounts.has(producer)) {
    const vests = createVesting(state, producer, issuance.witnessBase, now);
    state.virtualOps.push({ type: "producer_reward", value: { producer, vesting_shares: { amount: vests, symbol: "VESTS" } } });
  }
  if (treasurySbd > 0n && state.accounts.has(treasuryAccount)) {
    adjustLiquidBalance(state, treasuryAccount, "SBD", treasurySbd, now);
    state.virtualOps.push({ type: "sps_fund", value: { additional_funds: { amount: treasurySbd, symbol: "SBD" } } });
  }
}

/**
 * Pays every comment whose cashout time has come (steemd `process_comment_cashout`, HF17+): the fund's
 * recent_claims decays, every due comment's claims join it first, so all of them are priced against the
 * same denominator, then each is paid in (cashout time, id) order and the fund gives up what was paid.
 */
export function processCommentCashout(state: ChainState, now: number): void {
  const fund = state.rewardFund.value;
  const decayed = decayRecentClaims(fund.recent_claims, now - fund.last_update);
  const due: Comment[] = [];
  for (let entry = state.schedules.cashouts.popDue(now); entry !== null; entry = state.schedules.cashouts.popDue(now)) {
    const comment = state.comments.get(entry.key);
    if (comment === undefined || comment.id !== entry.order || comment.cashout_time !== entry.time) continue;
    due.push(comment);
  }
  let recentClaims = decayed;
  const claims = due.map((c) => (c.net_rshares > 0n ? convergentLinear(c.net_rshares, contentConstant) : 0n));
  for (const c of claims) recentClaims += c;
  const context = { rewardBalance: fund.reward_balance, recentClaims };
  let claimed = 0n;
  for (let i = 0; i < due.length; i++) claimed += cashoutComment(state, due[i], claims[i], context, now);
  state.rewardFund.value = { reward_balance: fund.reward_balance - claimed, recent_claims: recentClaims, last_update: now };
}

/** One comment's payout (steemd `cashout_comment_helper`); returns the STEEM taken from the fund. */
function cashoutComment(state: ChainState, comment: Comment, claims: bigint, context: { rewardBalance: bigint; recentClaims: bigint }, now: number): bigint {
  const median = state.feed.value.current_median_history;
  const key = commentKey(comment.author, comment.permlink);
  let claimed = 0n;
  let paid: Partial<Comment> = {};
  if (comment.net_rshares > 0n) {
    const reward = getCommentReward(claims, context.rewardBalance, context.recentClaims, comment.max_accepted_payout, median);
    if (reward > 0n) {
      const plan = payComment(state, comment, reward, now);
      claimed = plan.claimedReward;
      paid = {
        total_payout_value: comment.total_payout_value + plan.totalPayoutValue,
        curator_payout_value: comment.curator_payout_value + plan.curatorPayoutValue,
        author_rewards: comment.author_rewards + plan.author.tokens,
      };
    }
  }
  state.comments.set(key, {
    ...comment,
    ...paid,
    net_rshares: comment.net_rshares > 0n ? 0n : comment.net_rshares,
    abs_rshares: 0n,
    vote_rshares: 0n,
    children_abs_rshares: 0n,
    total_vote_weight: 0n,
    cashout_time: timeNever,
    max_cashout_time: timeNever,
    last_payout: now,
  });
  state.virtualOps.push({ type: "comment_payout_update", value: { author: comment.author, permlink: comment.permlink } });
  return claimed;
}

/** Plans the payout, credits every reward balance, moves the supplies and emits the payout's virtual operations. */
function payComment(state: ChainState, comment: Comment, reward: bigint, now: number): CashoutPlan {
  const props = state.props.value;
  const median = state.feed.value.current_median_history;
  const votes = state.votes.ofComment(comment.author, comment.permlink).map((v) => ({ voter: v.voter, voterId: getAccountOrThrow(state, v.voter).id, weight: v.weight }));
  const plan = planCashout({
    reward,
    percentCurationRewards,
    allowCurationRewards: comment.allow_curation_rewards,
    totalVoteWeight: comment.total_vote_weight,
    votes,
    beneficiaries: comment.beneficiaries,
    percentSteemDollars: comment.percent_steem_dollars,
    sbdPrintRate: props.sbd_print_rate,
    median,
    rewardVesting: {
      shares: props.total_vesting_shares + props.pending_rewarded_vesting_shares,
      steem: props.total_vesting_fund_steem + props.pending_rewarded_vesting_steem,
    },
  });
  const ref = { author: comment.author, permlink: comment.permlink };
  for (const curator of plan.curators) {
    const account = getAccountOrThrow(state, curator.curator);
    updateAccount(state, account, {
      reward_vesting_balance: account.reward_vesting_balance + curator.vests,
      reward_vesting_steem: account.reward_vesting_steem + curator.steem,
      curation_rewards: account.curation_rewards + curator.steem,
    });
    state.virtualOps.push({ type: "curation_reward", value: { curator: curator.curator, reward: vests(curator.vests), comment_author: ref.author, comment_permlink: ref.permlink } });
  }
  for (const b of plan.beneficiaries) {
    if (b.account === treasuryAccount) adjustLiquidBalance(state, b.account, "SBD", b.sbd, now);
    else creditRewardBalances(state, b.account, b);
    state.virtualOps.push({ type: "comment_benefactor_reward", value: { benefactor: b.account, ...ref, sbd_payout: sbd(b.sbd), steem_payout: steem(b.steem), vesting_payout: vests(b.vests) } });
  }
  const author = creditRewardBalances(state, comment.author, plan.author);
  updateAccount(state, author, { posting_rewards: author.posting_rewards + plan.author.tokens });
  state.virtualOps.push({ type: "author_reward", value: { ...ref, sbd_payout: sbd(plan.author.sbd), steem_payout: steem(plan.author.steem), vesting_payout: vests(plan.author.vests) } });
  state.virtualOps.push({
    type: "comment_reward",
    value: {
      ...ref, payout: sbd(plan.commentRewardPayout), author_rewards: plan.author.tokens, total_payout_value: sbd(plan.totalPayoutValue),
      curator_payout_value: sbd(plan.curatorPayoutValue), beneficiary_payout_value: sbd(plan.beneficiaryPayoutValue),
    },
  });
  const after = state.props.value;
  state.props.value = {
    ...after,
    current_supply: after.current_supply - plan.steemToSbd,
    current_sbd_supply: after.current_sbd_supply + plan.sbdPrinted,
    pending_rewarded_vesting_shares: after.pending_rewarded_vesting_shares + plan.rewardVestingShares,
    pending_rewarded_vesting_steem: after.pending_rewarded_vesting_steem + plan.rewardVestingSteem,
  };
  return plan;
}

function creditRewardBalances(state: ChainState, name: string, parts: { sbd: bigint; steem: bigint; vests: bigint; vestingSteem: bigint }) {
  const account = getAccountOrThrow(state, name);
  return updateAccount(state, account, {
    reward_sbd_balance: account.reward_sbd_balance + parts.sbd,
    reward_steem_balance: account.reward_steem_balance + parts.steem,
    reward_vesting_balance: account.reward_vesting_balance + parts.vests,
    reward_vesting_steem: account.reward_vesting_steem + parts.vestingSteem,
  });
}

const steem = (amount: bigint) => ({ amount, symbol: "STEEM" as const });
const sbd = (amount: bigint) => ({ amount, symbol: "SBD" as const });
const vests = (amount: bigint) => ({ amount, symbol: "VESTS" as const });
