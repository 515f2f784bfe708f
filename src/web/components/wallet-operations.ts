/**
 * The wallet history's sentences: each operation that moved the account's money — signed or virtual — told
 * from the account's side ("Transfer 1.000 STEEM to @bob", "Received 1.000 STEEM from @initminer",
 * "Author reward: …"). Sentences are segments (text, account links, post links), so the page renders links
 * while tests read plain text; amounts come from the wire strings, VESTS shown as Steem Power at the
 * current vesting share price.
 */
import { type VestingRatio, formatSteemPower, formatTokenAmount, parseWireAmount } from "../client/lib/wallet-amounts.ts";

/** A piece of a sentence: text, an account (@name) or a post (@author/permlink). */
export type Segment = string | { readonly account: string } | { readonly post: { readonly author: string; readonly permlink: string } };

export interface WalletEntry {
  readonly segments: readonly Segment[];
  /** The memo of a transfer, as sent (it may be encrypted, "#…"); null for operations without one. */
  readonly memo: string | null;
}

/** The operations the wallet history lists, signed then virtual. */
export const walletSignedOperations = [
  "transfer", "transfer_to_vesting", "withdraw_vesting", "convert", "account_create", "account_create_with_delegation", "claim_account",
  "set_withdraw_vesting_route", "transfer_to_savings", "transfer_from_savings", "cancel_transfer_from_savings", "claim_reward_balance",
  "delegate_vesting_shares",
] as const;
export const walletVirtualOperations = [
  "fill_convert_request", "author_reward", "curation_reward", "liquidity_reward", "interest", "fill_vesting_withdraw",
  "fill_transfer_from_savings", "return_vesting_delegation", "comment_benefactor_reward", "producer_reward", "proposal_pay",
] as const;

type Body = Readonly<Record<string, unknown>>;

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const at = (value: unknown): Segment => ({ account: text(value) });

/** A wire amount for a sentence: STEEM and SBD as they are, VESTS as SP. */
function amount(value: unknown, ratio: VestingRatio): string {
  const parsed = parseWireAmount(value);
  if (parsed === null) return text(value);
  return parsed.symbol === "VESTS" ? formatSteemPower(parsed.amount, ratio) : formatTokenAmount(text(value));
}

function isZero(value: unknown): boolean {
  return parseWireAmount(value)?.amount === 0n;
}

/** "a, b and c": every part, zeros too, so a reward always reads in the same order (SBD, STEEM, SP). */
function amountList(values: readonly unknown[], ratio: VestingRatio): string {
  const list = values.map((v) => amount(v, ratio));
  return list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

const post = (author: unknown, permlink: unknown): Segment => ({ post: { author: text(author), permlink: text(permlink) } });

function describeTransfer(account: string, op: Body, ratio: VestingRatio): Segment[] {
  const shown = amount(op.amount, ratio);
  if (op.from === account && op.to === account) return [`Transfer ${shown} to yourself`];
  return op.from === account ? [`Transfer ${shown} to `, at(op.to)] : [`Received ${shown} from `, at(op.from)];
}

function describePowerUp(account: string, op: Body, ratio: VestingRatio): Segment[] {
  const shown = amount(op.amount, ratio);
  if (op.from === account && (op.to === account || op.to === "")) return [`Power up ${shown}`];
  return op.from === account ? [`Power up ${shown} for `, at(op.to)] : [`Received ${shown} as Steem Power from `, at(op.from)];
}

function describeSavings(name: string, account: string, op: Body, ratio: VestingRatio): Segment[] {
  const shown = amount(op.amount, ratio);
  const own = op.from === op.to;
  switch (name) {
    case "transfer_to_savings":
      if (own) return [`Transfer ${shown} to savings`];
      return op.from === account ? [`Transfer ${shown} to the savings of `, at(op.to)] : [`Received ${shown} into savings from `, at(op.from)];
    case "transfer_from_savings":
      return own ? [`Withdraw ${shown} from savings (request ${op.request_id})`] : [`Withdraw ${shown} from savings to `, at(op.to), ` (request ${op.request_id})`];
    default:
      if (own) return [`Savings withdrawal of ${shown} completed`];
      return op.from === account ? [`Savings withdrawal of ${shown} to `, at(op.to), " completed"] : [`Received ${shown} from the savings of `, at(op.from)];
  }
}

function describeDelegation(account: string, op: Body, ratio: VestingRatio): Segment[] {
  const ended = isZero(op.vesting_shares);
  if (op.delegator === account) return ended ? ["Took back the delegation to ", at(op.delegatee)] : [`Delegate ${amount(op.vesting_shares, ratio)} to `, at(op.delegatee)];
  return ended ? [at(op.delegator), " took back their delegation"] : [at(op.delegator), ` delegated ${amount(op.vesting_shares, ratio)} to you`];
}

function describePowerDown(name: string, account: string, op: Body, ratio: VestingRatio): Segment[] {
  if (name === "withdraw_vesting") return isZero(op.vesting_shares) ? ["Stopped powering down"] : [`Start power down of ${amount(op.vesting_shares, ratio)}`];
  if (name === "set_withdraw_vesting_route") return [`Route ${Number(op.percent) / 100}% of power down to `, at(op.to_account), op.auto_vest === true ? " as Steem Power" : ""];
  const paid = amount(op.deposited, ratio);
  if (op.from_account === account && op.to_account === account) return [`Power down payment: ${paid} for ${amount(op.withdrawn, ratio)}`];
  return op.from_account === account ? [`Power down payment of ${paid} to `, at(op.to_account)] : [`Received ${paid} from the power down of `, at(op.from_account)];
}

function describeReward(name: string, op: Body, ratio: VestingRatio): Segment[] {
  const payouts = amountList([op.sbd_payout, op.steem_payout, op.vesting_payout], ratio);
  switch (name) {
    case "author_reward": return [`Author reward: ${payouts} for `, post(op.author, op.permlink)];
    case "comment_benefactor_reward": return [`Beneficiary reward: ${payouts} for `, post(op.author, op.permlink)];
    case "curation_reward": return [`Curation reward: ${amount(op.reward, ratio)} for `, post(op.comment_author, op.comment_permlink)];
    case "producer_reward": return [`Producer reward: ${amount(op.vesting_shares, ratio)}`];
    case "liquidity_reward": return [`Liquidity reward: ${amount(op.payout, ratio)}`];
    case "proposal_pay": return [`Proposal payment: ${amount(op.payment, ratio)}`];
    default: return [`Claim rewards: ${amountList([op.reward_steem, op.reward_sbd, op.reward_vests], ratio)}`];
  }
}

function describeAccountCreation(name: string, account: string, op: Body, ratio: VestingRatio): Segment[] {
  if (name === "claim_account") return [`Claimed an account creation ticket for ${amount(op.fee, ratio)}`];
  const delegation = name === "account_create_with_delegation" && !isZero(op.delegation) ? ` and delegated ${amount(op.delegation, ratio)}` : "";
  if (op.new_account_name === account) return ["Account created by ", at(op.creator)];
  return ["Created ", at(op.new_account_name), ` for a fee of ${amount(op.fee, ratio)}${delegation}`];
}

function describeOther(name: string, op: Body, ratio: VestingRatio): Segment[] | null {
  switch (name) {
    case "convert": return [`Convert ${amount(op.amount, ratio)} to STEEM (request ${op.requestid})`];
    case "fill_convert_request": return [`Conversion finished: ${amount(op.amount_in, ratio)} became ${amount(op.amount_out, ratio)}`];
    case "interest": return [`Interest paid: ${amount(op.interest, ratio)}`];
    case "return_vesting_delegation": return [`Delegation returned: ${amount(op.vesting_shares, ratio)}`];
    case "cancel_transfer_from_savings": return [`Cancelled savings withdrawal (request ${op.request_id})`];
    default: return null;
  }
}

const memoOperations = new Set(["transfer", "transfer_to_savings", "transfer_from_savings", "fill_transfer_from_savings"]);
const rewardOperations = new Set(["author_reward", "comment_benefactor_reward", "curation_reward", "producer_reward", "liquidity_reward", "proposal_pay", "claim_reward_balance"]);

/** An account history operation (`[name, body]`) told from `account`'s side; null for operations the wallet does not list. */
export function describeWalletOperation(account: string, operation: readonly [string, Body], ratio: VestingRatio): WalletEntry | null {
  const [name, op] = operation;
  let segments: Segment[] | null;
  if (name === "transfer") segments = describeTransfer(account, op, ratio);
  else if (name === "transfer_to_vesting") segments = describePowerUp(account, op, ratio);
  else if (name === "delegate_vesting_shares") segments = describeDelegation(account, op, ratio);
  else if (["transfer_to_savings", "transfer_from_savings", "fill_transfer_from_savings"].includes(name)) segments = describeSavings(name, account, op, ratio);
  else if (["withdraw_vesting", "fill_vesting_withdraw", "set_withdraw_vesting_route"].includes(name)) segments = describePowerDown(name, account, op, ratio);
  else if (rewardOperations.has(name)) segments = describeReward(name, op, ratio);
  else if (["account_create", "account_create_with_delegation", "claim_account"].includes(name)) segments = describeAccountCreation(name, account, op, ratio);
  else segments = describeOther(name, op, ratio);
  if (segments === null) return null;
  return { segments, memo: memoOperations.has(name) && text(op.memo) !== "" ? text(op.memo) : null };
}

/** The sentence as plain text, accounts as "@name" and posts as "@author/permlink". */
export function segmentsToText(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === "string" ? s : "account" in s ? `@${s.account}` : `@${s.post.author}/${s.post.permlink}`)).join("");
}
