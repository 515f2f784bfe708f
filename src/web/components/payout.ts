/**
 * A post's payout with its breakdown popover (Steemit's payout dropdown): the pending amount and how it will
 * be paid — the author's share after curation and beneficiaries, split into SBD, STEEM and Steem Power by the
 * post's percent_steem_dollars, the SBD print rate and the price feed — when it pays, the $0.02 floor,
 * declined and capped payouts, promotion; after payout, the total with the author's and curators' shares.
 * A `<details>` element, so it opens by keyboard and without JavaScript.
 */
import { type Html, html } from "../html.ts";
import { assetAmount, formatDollars, formatTokens, parseChainTime, relativeTime } from "./format.ts";

/** Chain figures the breakdown needs, read once per page. */
export interface PayoutEconomics {
  /** SBD per STEEM of the price feed's median. */
  readonly price: number;
  /** The share of SBD printed as SBD (the rest is paid in STEEM), 0–1. */
  readonly sbdPrintRate: number;
  /** The curators' share of a post's reward, 0–1. */
  readonly curationShare: number;
}

/** The post fields the popover reads (a bridge post). */
export interface PayoutPost {
  readonly is_paidout?: boolean;
  readonly payout_at?: string;
  readonly pending_payout_value?: string;
  readonly author_payout_value?: string;
  readonly curator_payout_value?: string;
  readonly max_accepted_payout?: string;
  readonly percent_steem_dollars?: number;
  readonly promoted?: string;
  readonly beneficiaries?: readonly { readonly account: string; readonly weight: number }[];
}

/** The smallest pending payout Steem pays out ($0.02). */
export const payoutFloorDollars = 0.02;

function breakdownOf(post: PayoutPost, pending: number, economics: PayoutEconomics): Html {
  const beneficiaryShare = (post.beneficiaries ?? []).reduce((sum, b) => sum + b.weight, 0) / 10000;
  const author = pending * (1 - economics.curationShare) * (1 - beneficiaryShare);
  const sbdShare = ((post.percent_steem_dollars ?? 10000) / 20000) * author;
  const sbd = sbdShare * economics.sbdPrintRate;
  const price = economics.price > 0 ? economics.price : 1;
  const steem = (sbdShare - sbd) / price;
  const power = (author - sbdShare) / price;
  return html`<li>Breakdown of the author's share: ${formatTokens(sbd)} SBD, ${formatTokens(steem)} STEEM, ${formatTokens(power)} SP</li>
<li>Curators: ${formatDollars(pending * economics.curationShare)}</li>`;
}

function beneficiaryItems(post: PayoutPost): Html {
  const list = post.beneficiaries ?? [];
  if (list.length === 0) return html``;
  return html`<li>Beneficiaries:<ul>${list.map((b) => html`<li><a href="/@${b.account}">@${b.account}</a>: ${(b.weight / 100).toFixed(2)}%</li>`)}</ul></li>`;
}

/**
 * What of the popover changes with the head and the chain's figures rather than the post: the relative
 * payout time and the economics. Two calls giving the same text render the same popover for the same post.
 */
export function payoutDropdownStamp(post: PayoutPost, economics: PayoutEconomics, now: number): string {
  const payoutAt = parseChainTime(post.payout_at ?? "");
  const when = post.is_paidout !== true && Number.isFinite(payoutAt) ? relativeTime(payoutAt, now) : "";
  return `${when}|${economics.price}|${economics.sbdPrintRate}|${economics.curationShare}`;
}

/** The payout amount as a button that opens its breakdown. */
export function payoutDropdown(post: PayoutPost, economics: PayoutEconomics, now: number): Html {
  const paid = post.is_paidout === true;
  const maxAccepted = assetAmount(post.max_accepted_payout ?? "1000000.000 SBD");
  const declined = maxAccepted === 0;
  const pending = assetAmount(post.pending_payout_value);
  const authorPaid = assetAmount(post.author_payout_value);
  const curatorPaid = assetAmount(post.curator_payout_value);
  const shown = paid ? authorPaid + curatorPaid : pending;
  const capped = !declined && maxAccepted < 1_000_000 && shown >= maxAccepted;
  const amountClass = declined ? "payout-amount declined" : capped ? "payout-amount capped" : "payout-amount";
  const payoutAt = parseChainTime(post.payout_at ?? "");
  const promoted = assetAmount(post.promoted);
  return html`<details class="payout dropdown">
  <summary aria-label="Payout ${formatDollars(shown)}, show details"><span class="${amountClass}">${formatDollars(shown)}</span></summary>
  <ul class="dropdown-panel payout-details" role="list">
    ${paid ? html`<li>Past payouts ${formatDollars(shown)}</li><li>- Author ${formatDollars(authorPaid)}</li><li>- Curators ${formatDollars(curatorPaid)}</li>`
      : html`<li>Pending payout amount: ${formatDollars(pending)}</li>
    ${declined ? "" : breakdownOf(post, pending, economics)}
    ${Number.isFinite(payoutAt) ? html`<li>Payout ${relativeTime(payoutAt, now)}</li>` : ""}
    ${pending > 0 && pending < payoutFloorDollars ? html`<li>(amount must reach ${formatDollars(payoutFloorDollars)} for payout)</li>` : ""}`}
    ${beneficiaryItems(post)}
    ${declined ? html`<li>Payout Declined</li>` : maxAccepted < 1_000_000 ? html`<li>Max accepted payout ${formatDollars(maxAccepted)}</li>` : ""}
    ${promoted > 0 ? html`<li>Promotion cost ${formatDollars(promoted)}</li>` : ""}
  </ul>
</details>`;
}
