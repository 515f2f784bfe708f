/**
 * The wallet's pending things, each a small table shown only when it has rows: outgoing delegations (with
 * Undelegate) and the delegations on their way back, SBD conversions waiting for their 3.5 days, and
 * savings withdrawals waiting for their 3 (with Cancel).
 */
import { type VestingRatio, formatSteemPower, formatTokenAmount, wireUnits } from "../client/lib/wallet-amounts.ts";
import { type Html, html } from "../html.ts";
import { timeAgo } from "./format.ts";

/** condenser_api.get_vesting_delegations entries. */
export interface WireDelegation {
  readonly delegatee: string;
  readonly vesting_shares: string;
  readonly min_delegation_time: string;
}

/** condenser_api.get_expiring_vesting_delegations entries. */
export interface WireDelegationReturn {
  readonly vesting_shares: string;
  readonly expiration: string;
}

/** condenser_api.get_conversion_requests entries. */
export interface WireConversion {
  readonly requestid: number;
  readonly amount: string;
  readonly conversion_date: string;
}

/** condenser_api.get_savings_withdraw_from entries. */
export interface WireSavingsWithdrawal {
  readonly to: string;
  readonly memo: string;
  readonly request_id: number;
  readonly amount: string;
  readonly complete: string;
}

function table(headings: readonly string[], rows: readonly Html[]): Html {
  return html`<div class="table-scroll"><table class="data-table">
  <thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
  <tbody>${rows}</tbody>
</table></div>`;
}

/** Outgoing delegations, then the ones returning; nothing when there are neither. */
export function delegationsSection(owner: string, delegations: readonly WireDelegation[], returns: readonly WireDelegationReturn[], ratio: VestingRatio, now: number): Html {
  if (delegations.length === 0 && returns.length === 0) return html``;
  const sp = (text: string) => formatSteemPower(wireUnits(text, "VESTS"), ratio);
  const rows = delegations.map((d) => html`<tr>
  <td><a href="/@${d.delegatee}">@${d.delegatee}</a></td>
  <td class="number">${sp(d.vesting_shares)}</td>
  <td>${timeAgo(d.min_delegation_time, now)}</td>
  <td><span data-owner="${owner}" hidden><button type="button" class="link-button" data-wallet-action="undelegate" data-delegatee="${d.delegatee}">Undelegate</button></span></td>
</tr>`);
  return html`<section class="wallet-delegations" aria-labelledby="delegations-heading">
  <h2 id="delegations-heading">Delegations</h2>
  ${delegations.length > 0 ? table(["To", "Steem Power", "Since", ""], rows) : ""}
  ${returns.length > 0 ? html`<h3>Returning to you</h3>
  <ul>${returns.map((r) => html`<li>${sp(r.vesting_shares)} ${timeAgo(r.expiration, now)}</li>`)}</ul>` : ""}
</section>`;
}

/** SBD → STEEM conversions not yet paid; nothing when there are none. */
export function conversionsSection(conversions: readonly WireConversion[], now: number): Html {
  if (conversions.length === 0) return html``;
  const rows = conversions.map((c) => html`<tr><td class="number">${formatTokenAmount(c.amount)}</td><td>${timeAgo(c.conversion_date, now)}</td><td>${c.requestid}</td></tr>`);
  return html`<section class="wallet-conversions" aria-labelledby="conversions-heading">
  <h2 id="conversions-heading">Conversions to STEEM</h2>
  <p class="hint">Each pays STEEM at the median price of its completion time.</p>
  ${table(["Amount", "Completes", "Request"], rows)}
</section>`;
}

/** Savings withdrawals not yet paid, with Cancel for the owner; nothing when there are none. */
export function savingsWithdrawalsSection(owner: string, withdrawals: readonly WireSavingsWithdrawal[], now: number): Html {
  if (withdrawals.length === 0) return html``;
  const rows = withdrawals.map((w) => html`<tr>
  <td class="number">${formatTokenAmount(w.amount)}</td>
  <td>${w.to === owner ? "you" : html`<a href="/@${w.to}">@${w.to}</a>`}</td>
  <td>${timeAgo(w.complete, now)}</td>
  <td class="wallet-memo">${w.memo}</td>
  <td><span data-owner="${owner}" hidden><button type="button" class="link-button" data-wallet-action="cancel-withdrawal" data-request-id="${w.request_id}">Cancel</button></span></td>
</tr>`);
  return html`<section class="wallet-withdrawals" aria-labelledby="withdrawals-heading">
  <h2 id="withdrawals-heading">Savings withdrawals</h2>
  ${table(["Amount", "To", "Completes", "Memo", ""], rows)}
</section>`;
}
