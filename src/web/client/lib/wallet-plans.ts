/**
 * The wallet's actions as plans: from what was typed into a form (or which button was pressed) and the
 * account's state, either the one operation to sign — with the sentence that names it, the question to ask
 * first when it cannot be taken back, and the recipient to look up — or the field that is wrong and why.
 * Pure, so every rule here is tested without a browser; the page script only runs the plan.
 */
import { utf8ByteLength } from "../../../stdx/bytes.ts";
import { delegationReturnSeconds, memoBytesMax, vestingWithdrawIntervals } from "../../../core/protocol/config.ts";
import { describeAccountNameProblem } from "./account-name.ts";
import type { WireOperation } from "./transaction.ts";
import { formatUnits, formatWireAmount, parseAmountInput, steemToVests, vestsToSteem } from "./wallet-amounts.ts";
import { type WalletState, getDelegatableVests, getPowerDownableVests } from "./wallet-state.ts";

/** The wallet's forms, by the `data-wallet-form` of each. */
export const walletFormActions = ["transfer", "power-up", "to-savings", "from-savings", "convert", "power-down", "delegate"] as const;
export type WalletFormAction = (typeof walletFormActions)[number];

/** A form's fields as typed (absent fields are ""). `symbol` is "STEEM" or "SBD" where the form offers both. */
export interface WalletFormValues {
  readonly to: string;
  readonly amount: string;
  readonly symbol: string;
  readonly memo: string;
}

export interface WalletPlan {
  readonly operation: WireOperation;
  readonly role: "active" | "posting";
  /** What the operation does ("Transfer 1.000 STEEM to @bob"): the key prompt's reason and the toast. */
  readonly reason: string;
  /** A question to answer first, for what cannot simply be undone; null to go ahead. */
  readonly confirm: string | null;
  /** An account that must exist before anything is signed. */
  readonly recipient: string | null;
}

export type PlanResult = { readonly ok: true; readonly plan: WalletPlan } | { readonly ok: false; readonly field: keyof WalletFormValues; readonly problem: string };

const weeks = `${vestingWithdrawIntervals} weeks`;
const delegationReturnDays = delegationReturnSeconds / 86400;

function refuse(field: keyof WalletFormValues, problem: string): PlanResult {
  return { ok: false, field, problem };
}

function accept(plan: WalletPlan): PlanResult {
  return { ok: true, plan };
}

/** Why a memo must not be sent, or null: too long, or it holds what looks like a private key or master password. */
export function describeMemoProblem(memo: string): string | null {
  if (utf8ByteLength(memo) > memoBytesMax) return `A memo holds at most ${memoBytesMax} bytes.`;
  if (/\b5[HJK][1-9A-HJ-NP-Za-km-z]{49}\b/.test(memo)) return "This memo looks like a private key. Memos are public: never put a key in one.";
  if (/\bP5[1-9A-HJ-NP-Za-km-z]{40,60}\b/.test(memo)) return "This memo looks like a master password. Memos are public: never put a password in one.";
  return null;
}

/** A request id not among `taken`: the seed (seconds since 1970, say), moved on past any collision. */
export function chooseRequestId(taken: readonly number[], seed: number): number {
  let id = Math.abs(Math.trunc(seed)) % 0x1_0000_0000;
  while (taken.includes(id)) id = (id + 1) % 0x1_0000_0000;
  return id;
}

/** The recipient field: `fallback` (the account itself) when empty, else a valid name. */
function readRecipient(values: WalletFormValues, fallback: string | null): { ok: true; name: string } | { ok: false; problem: string } {
  const name = values.to.trim().replace(/^@/, "").toLowerCase();
  if (name === "" && fallback !== null) return { ok: true, name: fallback };
  const problem = describeAccountNameProblem(name);
  return problem === null ? { ok: true, name } : { ok: false, problem };
}

function readToken(values: WalletFormValues): "STEEM" | "SBD" | null {
  return values.symbol === "STEEM" || values.symbol === "SBD" ? values.symbol : null;
}

/** A STEEM or SBD amount no greater than `available`. */
function readTokenAmount(values: WalletFormValues, available: bigint, symbol: string, where: string): { ok: true; amount: bigint } | { ok: false; problem: string } {
  const parsed = parseAmountInput(values.amount, 3);
  if (!parsed.ok) return parsed;
  if (parsed.amount > available) return { ok: false, problem: `That is more than the ${formatUnits(available, 3)} ${symbol} ${where}.` };
  return parsed;
}

/** Steem Power typed in SP, as VESTS no greater than `availableVests` (all of it when the whole shown amount is typed). */
function readSteemPower(values: WalletFormValues, availableVests: bigint, state: WalletState): { ok: true; vests: bigint } | { ok: false; problem: string } {
  const parsed = parseAmountInput(values.amount, 3);
  if (!parsed.ok) return parsed;
  const availableSteem = vestsToSteem(availableVests, state.ratio);
  if (parsed.amount > availableSteem) return { ok: false, problem: `That is more than the ${formatUnits(availableSteem, 3)} SP available.` };
  // Rounding up makes the VESTS worth exactly the SP typed; it never passes what is available, whose SP is rounded down.
  const vests = parsed.amount === availableSteem ? availableVests : steemToVests(parsed.amount, state.ratio, "up");
  if (vests <= 0n) return { ok: false, problem: "That is too little Steem Power to move." };
  return { ok: true, vests };
}

function planTransfer(values: WalletFormValues, state: WalletState, savings: boolean): PlanResult {
  const to = readRecipient(values, savings ? state.account : null);
  if (!to.ok) return refuse("to", to.problem);
  const symbol = readToken(values);
  if (symbol === null) return refuse("symbol", "Choose STEEM or SBD.");
  const amount = readTokenAmount(values, symbol === "STEEM" ? state.steem : state.sbd, symbol, "you hold");
  if (!amount.ok) return refuse("amount", amount.problem);
  const memoProblem = describeMemoProblem(values.memo);
  if (memoProblem !== null) return refuse("memo", memoProblem);
  const wire = formatWireAmount(amount.amount, symbol);
  const shown = `${formatUnits(amount.amount, 3)} ${symbol}`;
  const body = { from: state.account, to: to.name, amount: wire, memo: values.memo };
  if (!savings) {
    return accept({ operation: ["transfer", body], role: "active", reason: `Transfer ${shown} to @${to.name}`, confirm: `Send ${shown} to @${to.name}? This cannot be undone.`, recipient: to.name });
  }
  const own = to.name === state.account;
  return accept({
    operation: ["transfer_to_savings", body], role: "active", recipient: own ? null : to.name,
    reason: own ? `Transfer ${shown} to savings` : `Transfer ${shown} to the savings of @${to.name}`,
    confirm: own ? null : `Send ${shown} to the savings of @${to.name}? Only @${to.name} can take it out again.`,
  });
}

function planPowerUp(values: WalletFormValues, state: WalletState): PlanResult {
  const to = readRecipient(values, state.account);
  if (!to.ok) return refuse("to", to.problem);
  const amount = readTokenAmount(values, state.steem, "STEEM", "you hold");
  if (!amount.ok) return refuse("amount", amount.problem);
  const shown = `${formatUnits(amount.amount, 3)} STEEM`;
  const own = to.name === state.account;
  return accept({
    operation: ["transfer_to_vesting", { from: state.account, to: to.name, amount: formatWireAmount(amount.amount, "STEEM") }],
    role: "active", recipient: own ? null : to.name,
    reason: own ? `Power up ${shown}` : `Power up ${shown} for @${to.name}`,
    confirm: own ? `Power up ${shown}? Steem Power takes ${weeks} to power down again.` : `Power up ${shown} for @${to.name}? It becomes their Steem Power and cannot be given back to you.`,
  });
}

function planWithdrawSavings(values: WalletFormValues, state: WalletState, seed: number): PlanResult {
  const to = readRecipient(values, state.account);
  if (!to.ok) return refuse("to", to.problem);
  const symbol = readToken(values);
  if (symbol === null) return refuse("symbol", "Choose STEEM or SBD.");
  const amount = readTokenAmount(values, symbol === "STEEM" ? state.savingsSteem : state.savingsSbd, symbol, "in savings");
  if (!amount.ok) return refuse("amount", amount.problem);
  const memoProblem = describeMemoProblem(values.memo);
  if (memoProblem !== null) return refuse("memo", memoProblem);
  const shown = `${formatUnits(amount.amount, 3)} ${symbol}`;
  const own = to.name === state.account;
  return accept({
    operation: ["transfer_from_savings", { from: state.account, request_id: chooseRequestId(state.savingsRequestIds, seed), to: to.name, amount: formatWireAmount(amount.amount, symbol), memo: values.memo }],
    role: "active", recipient: own ? null : to.name, confirm: null,
    reason: own ? `Withdraw ${shown} from savings` : `Withdraw ${shown} from savings to @${to.name}`,
  });
}

function planConvert(values: WalletFormValues, state: WalletState, seed: number): PlanResult {
  const amount = readTokenAmount(values, state.sbd, "SBD", "you hold");
  if (!amount.ok) return refuse("amount", amount.problem);
  const shown = `${formatUnits(amount.amount, 3)} SBD`;
  return accept({
    operation: ["convert", { owner: state.account, requestid: chooseRequestId(state.conversionRequestIds, seed), amount: formatWireAmount(amount.amount, "SBD") }],
    role: "active", recipient: null, reason: `Convert ${shown} to STEEM`,
    confirm: `Convert ${shown} to STEEM? You receive STEEM at the median feed price of 3.5 days from now. This cannot be undone.`,
  });
}

function planPowerDown(values: WalletFormValues, state: WalletState): PlanResult {
  const power = readSteemPower(values, getPowerDownableVests(state), state);
  if (!power.ok) return refuse("amount", power.problem);
  const shown = `${formatUnits(vestsToSteem(power.vests, state.ratio), 3)} SP`;
  const replaces = state.withdrawRate > 0n ? " It replaces the power down under way." : "";
  return accept({
    operation: ["withdraw_vesting", { account: state.account, vesting_shares: formatWireAmount(power.vests, "VESTS") }],
    role: "active", recipient: null, reason: `Power down ${shown}`,
    confirm: `Power down ${shown}? It is paid back as STEEM in ${vestingWithdrawIntervals} weekly parts.${replaces}`,
  });
}

function planDelegate(values: WalletFormValues, state: WalletState): PlanResult {
  const to = readRecipient(values, null);
  if (!to.ok) return refuse("to", to.problem);
  if (to.name === state.account) return refuse("to", "You cannot delegate to yourself.");
  const current = state.delegations.get(to.name) ?? 0n;
  const power = readSteemPower(values, getDelegatableVests(state) + current, state);
  if (!power.ok) return refuse("amount", power.problem);
  const shown = `${formatUnits(vestsToSteem(power.vests, state.ratio), 3)} SP`;
  const change = current > 0n ? ` This replaces the ${formatUnits(vestsToSteem(current, state.ratio), 3)} SP you delegate to them now.` : "";
  return accept({
    operation: ["delegate_vesting_shares", { delegator: state.account, delegatee: to.name, vesting_shares: formatWireAmount(power.vests, "VESTS") }],
    role: "active", recipient: to.name, reason: `Delegate ${shown} to @${to.name}`,
    confirm: `Delegate ${shown} to @${to.name}?${change} What you take back returns to you ${delegationReturnDays} days later.`,
  });
}

/** The plan for a submitted form; `seed` picks new request ids (seconds since 1970 in the page). */
export function planWalletForm(action: WalletFormAction, values: WalletFormValues, state: WalletState, seed: number): PlanResult {
  switch (action) {
    case "transfer": return planTransfer(values, state, false);
    case "to-savings": return planTransfer(values, state, true);
    case "power-up": return planPowerUp(values, state);
    case "from-savings": return planWithdrawSavings(values, state, seed);
    case "convert": return planConvert(values, state, seed);
    case "power-down": return planPowerDown(values, state);
    case "delegate": return planDelegate(values, state);
  }
}

/** Stopping the power down under way (withdraw_vesting of 0 VESTS). */
export function planCancelPowerDown(state: WalletState): WalletPlan {
  return {
    operation: ["withdraw_vesting", { account: state.account, vesting_shares: formatWireAmount(0n, "VESTS") }], role: "active", recipient: null,
    reason: "Stop powering down", confirm: "Stop powering down? Payments already made stay made.",
  };
}

/** Taking a delegation back (delegate_vesting_shares of 0 VESTS). */
export function planUndelegate(state: WalletState, delegatee: string): WalletPlan {
  const shown = `${formatUnits(vestsToSteem(state.delegations.get(delegatee) ?? 0n, state.ratio), 3)} SP`;
  return {
    operation: ["delegate_vesting_shares", { delegator: state.account, delegatee, vesting_shares: formatWireAmount(0n, "VESTS") }], role: "active",
    recipient: null, reason: `Take back the delegation to @${delegatee}`,
    confirm: `Take back the ${shown} delegated to @${delegatee}? It is theirs to use no more, and returns to you in ${delegationReturnDays} days.`,
  };
}

/** Cancelling a pending savings withdrawal: the amount goes back into savings. */
export function planCancelSavingsWithdrawal(state: WalletState, requestId: number): WalletPlan {
  return {
    operation: ["cancel_transfer_from_savings", { from: state.account, request_id: requestId }], role: "active", recipient: null,
    reason: "Cancel the savings withdrawal", confirm: null,
  };
}

/** Claiming every pending reward; the posting key is enough for it. Null when there is nothing to claim. */
export function planClaimRewards(state: WalletState): WalletPlan | null {
  if (state.rewardSteem <= 0n && state.rewardSbd <= 0n && state.rewardVests <= 0n) return null;
  return {
    operation: ["claim_reward_balance", {
      account: state.account, reward_steem: formatWireAmount(state.rewardSteem, "STEEM"), reward_sbd: formatWireAmount(state.rewardSbd, "SBD"),
      reward_vests: formatWireAmount(state.rewardVests, "VESTS"),
    }],
    role: "posting", recipient: null, reason: "Claim rewards", confirm: null,
  };
}
