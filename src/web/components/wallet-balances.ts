/**
 * The wallet's balance boxes, as Steemit's wallet lays them out: liquid STEEM, Steem Power (own, lent,
 * borrowed, effective, and a power down under way), Steem Dollars with their interest, savings, and the
 * account's estimated value; with the unclaimed rewards above them. Action buttons are rendered hidden and
 * marked `data-owner`, so the site's script shows them to the account's owner only.
 */
import { vestingWithdrawIntervals } from "../../core/protocol/config.ts";
import {
  type FeedPrice, type VestingRatio, estimateValueMilliDollars, formatMilliDollars, formatSteemPower, formatTokenAmount, formatUnits, integerUnits,
  vestsToSteem, wireUnits,
} from "../client/lib/wallet-amounts.ts";
import { type Html, html } from "../html.ts";
import { parseChainTime, timeAgo } from "./format.ts";

/** The get_accounts fields the wallet reads (wire strings, as condenser_api prints them). */
export interface WalletAccount {
  readonly name: string;
  readonly balance: string;
  readonly savings_balance: string;
  readonly sbd_balance: string;
  readonly savings_sbd_balance: string;
  readonly vesting_shares: string;
  readonly delegated_vesting_shares: string;
  readonly received_vesting_shares: string;
  readonly vesting_withdraw_rate: string;
  readonly next_vesting_withdrawal: string;
  readonly to_withdraw: number | string;
  readonly withdrawn: number | string;
  readonly reward_steem_balance: string;
  readonly reward_sbd_balance: string;
  readonly reward_vesting_balance: string;
  readonly reward_vesting_steem: string;
}

/** What the boxes need besides the account. */
export interface WalletFigures {
  readonly ratio: VestingRatio;
  readonly price: FeedPrice;
  /** The witnesses' median SBD interest rate in basis points (get_dynamic_global_properties). */
  readonly sbdInterestRate: number;
  /** Head time, seconds. */
  readonly now: number;
}

/** A row of owner-only buttons. `<p>` because the class-less element keeps `hidden` working under the site's CSS. */
function ownerActions(owner: string, buttons: Html): Html {
  return html`<p class="wallet-actions" data-owner="${owner}" hidden>${buttons}</p>`;
}

function openButton(form: string, label: string, symbol = ""): Html {
  return html`<button type="button" class="button button-quiet" data-wallet-open="${form}"${symbol === "" ? "" : html` data-symbol="${symbol}"`}>${label}</button> `;
}

function steemBox(account: WalletAccount): Html {
  return html`<section class="balance" aria-labelledby="balance-steem">
  <h3 id="balance-steem">STEEM</h3>
  <p class="amount">${formatTokenAmount(account.balance)}</p>
  <p>Liquid tokens: send them to anyone at once, or power them up into Steem Power.</p>
  ${ownerActions(account.name, html`${openButton("transfer", "Transfer", "STEEM")}${openButton("power-up", "Power up")}${openButton("to-savings", "Transfer to savings", "STEEM")}`)}
</section>`;
}

function powerDownStatus(account: WalletAccount, figures: WalletFigures): Html {
  const rate = wireUnits(account.vesting_withdraw_rate, "VESTS");
  if (rate <= 0n) return html``;
  const remaining = integerUnits(account.to_withdraw) - integerUnits(account.withdrawn);
  const next = parseChainTime(account.next_vesting_withdrawal);
  return html`<p class="wallet-power-down">Powering down ${formatSteemPower(rate, figures.ratio)} a week;
    next payment ${Number.isFinite(next) ? timeAgo(account.next_vesting_withdrawal, figures.now) : "soon"};
    ${formatSteemPower(remaining > 0n ? remaining : 0n, figures.ratio)} still to pay.</p>`;
}

function steemPowerBox(account: WalletAccount, figures: WalletFigures): Html {
  const own = wireUnits(account.vesting_shares, "VESTS");
  const delegated = wireUnits(account.delegated_vesting_shares, "VESTS");
  const received = wireUnits(account.received_vesting_shares, "VESTS");
  const sp = (vests: bigint) => formatSteemPower(vests, figures.ratio);
  const poweringDown = wireUnits(account.vesting_withdraw_rate, "VESTS") > 0n;
  return html`<section class="balance" aria-labelledby="balance-sp">
  <h3 id="balance-sp">STEEM POWER</h3>
  <p class="amount">${sp(own)}</p>
  ${delegated > 0n ? html`<p>Delegated to others: −${sp(delegated)}</p>` : ""}
  ${received > 0n ? html`<p>Received from others: +${sp(received)}</p>` : ""}
  ${delegated > 0n || received > 0n ? html`<p>Effective: <strong>${sp(own - delegated + received)}</strong></p>` : ""}
  <p>Staked STEEM: it weighs your votes and earns a share of the new STEEM each block. Powering down pays it back in ${vestingWithdrawIntervals} weekly parts.</p>
  ${powerDownStatus(account, figures)}
  ${ownerActions(account.name, html`${openButton("power-down", poweringDown ? "Change power down" : "Power down")}${poweringDown ? html`<button type="button" class="button button-quiet" data-wallet-action="cancel-power-down">Cancel power down</button> ` : ""}${openButton("delegate", "Delegate")}`)}
</section>`;
}

function dollarsBox(account: WalletAccount, figures: WalletFigures): Html {
  return html`<section class="balance" aria-labelledby="balance-sbd">
  <h3 id="balance-sbd">STEEM DOLLARS</h3>
  <p class="amount">${formatTokenAmount(account.sbd_balance)}</p>
  <p>Tokens meant to be worth about $1 of STEEM each. Converting one to STEEM takes 3.5 days.</p>
  <p>Interest: ${formatUnits(BigInt(figures.sbdInterestRate), 2)}% a year, paid on SBD you hold and save.</p>
  ${ownerActions(account.name, html`${openButton("transfer", "Transfer", "SBD")}${openButton("convert", "Convert to STEEM")}${openButton("to-savings", "Transfer to savings", "SBD")}`)}
</section>`;
}

function savingsBox(account: WalletAccount): Html {
  return html`<section class="balance" aria-labelledby="balance-savings">
  <h3 id="balance-savings">SAVINGS</h3>
  <p class="amount">${formatTokenAmount(account.savings_balance)}</p>
  <p class="amount">${formatTokenAmount(account.savings_sbd_balance)}</p>
  <p>Withdrawals take 3 days, time to act if your keys are ever stolen.</p>
  ${ownerActions(account.name, openButton("from-savings", "Withdraw", "STEEM"))}
</section>`;
}

/** milli-dollars of everything the account holds: STEEM (liquid, saved, staked) at the feed price, SBD at $1. */
export function estimateAccountValue(account: WalletAccount, figures: WalletFigures): bigint {
  const steem = wireUnits(account.balance, "STEEM") + wireUnits(account.savings_balance, "STEEM") + vestsToSteem(wireUnits(account.vesting_shares, "VESTS"), figures.ratio);
  const sbd = wireUnits(account.sbd_balance, "SBD") + wireUnits(account.savings_sbd_balance, "SBD");
  return estimateValueMilliDollars(steem, sbd, figures.price);
}

function valueBox(account: WalletAccount, figures: WalletFigures): Html {
  const feed = figures.price.quote > 0n ? html`$${formatUnits((figures.price.base * 1000n) / figures.price.quote, 3)} per STEEM` : html`no price yet, so STEEM counts as $0`;
  return html`<section class="balance" aria-labelledby="balance-value">
  <h3 id="balance-value">ESTIMATED ACCOUNT VALUE</h3>
  <p class="amount">${formatMilliDollars(estimateAccountValue(account, figures))}</p>
  <p>STEEM and Steem Power at the witnesses' median price (${feed}), plus SBD at $1 each.</p>
</section>`;
}

/** The unclaimed rewards and, for the owner, the button that claims them; nothing when there are none. */
export function rewardsBanner(account: WalletAccount): Html {
  const steem = wireUnits(account.reward_steem_balance, "STEEM");
  const sbd = wireUnits(account.reward_sbd_balance, "SBD");
  const vests = wireUnits(account.reward_vesting_balance, "VESTS");
  if (steem <= 0n && sbd <= 0n && vests <= 0n) return html``;
  const sp = `${formatUnits(wireUnits(account.reward_vesting_steem, "STEEM"), 3)} SP`;
  return html`<section class="panel wallet-rewards" aria-labelledby="rewards-heading">
  <h2 id="rewards-heading">Unclaimed rewards</h2>
  <p>${formatTokenAmount(account.reward_steem_balance)}, ${formatTokenAmount(account.reward_sbd_balance)} and ${sp} are waiting to be claimed.</p>
  ${ownerActions(account.name, html`<button type="button" class="button" data-wallet-action="claim-rewards">Claim rewards</button>`)}
</section>`;
}

/** The grid of balance boxes. */
export function balanceGrid(account: WalletAccount, figures: WalletFigures): Html {
  return html`<div class="balance-grid">
  ${steemBox(account)}
  ${steemPowerBox(account, figures)}
  ${dollarsBox(account, figures)}
  ${savingsBox(account)}
  ${valueBox(account, figures)}
</div>`;
}
