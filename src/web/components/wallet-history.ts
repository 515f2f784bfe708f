/**
 * The wallet's history: the account's money operations, newest first, read with get_account_history's
 * operation filter (Hive's two 64-bit masks, which Kettle serves) so votes and posts do not crowd them out,
 * a page at a time by history index (`?start=`), each row a time, a sentence and the memo.
 */
import { getOperationId } from "../../core/protocol/operation-schemas.ts";
import { getVirtualOperationId } from "../../core/protocol/virtual-operation-schemas.ts";
import type { VestingRatio } from "../client/lib/wallet-amounts.ts";
import { type Html, html } from "../html.ts";
import type { WebApi } from "../web-api.ts";
import { timeAgo } from "./format.ts";
import { type Segment, describeWalletOperation, walletSignedOperations, walletVirtualOperations } from "./wallet-operations.ts";

/** Rows a history page shows. */
export const walletHistoryPageSize = 50;

/** The largest history index a `?start=` may name (the API's uint32). */
const historyIndexMax = 0xffffffff;

/** An entry of get_account_history: `[index, {timestamp, op: [name, body], …}]`. */
export type HistoryItem = readonly [number, { readonly timestamp: string; readonly op: readonly [string, Readonly<Record<string, unknown>>] }];

export interface WalletHistoryPage {
  /** Newest first. */
  readonly items: readonly HistoryItem[];
  /** The `start` of the next (older) page, or null at the account's first operation. */
  readonly nextStart: number | null;
  /** Whether this page is not the newest one. */
  readonly isOlderPage: boolean;
}

/** operation_filter_low and _high selecting the wallet's operations, as decimal strings (they exceed 2⁵³). */
export function getWalletHistoryFilter(): readonly [string, string] {
  let low = 0n;
  let high = 0n;
  const ids = [...walletSignedOperations.map((name) => getOperationId(name)), ...walletVirtualOperations.map((name) => getVirtualOperationId(name))];
  for (const id of ids) {
    if (id < 64) low |= 1n << BigInt(id);
    else high |= 1n << BigInt(id - 64);
  }
  return [low.toString(), high.toString()];
}

const walletHistoryFilter = getWalletHistoryFilter();

/** The `?start=` of a request: a history index, or null for the newest page (absent or malformed). */
export function parseHistoryStart(value: string | null): number | null {
  if (value === null || !/^\d{1,10}$/.test(value)) return null;
  const start = Number(value);
  return start <= historyIndexMax ? start : null;
}

/** Reads one page: up to a page and one more (to know whether an older page exists), from `start` down. */
export async function getWalletHistoryPage(api: WebApi, account: string, start: number | null): Promise<WalletHistoryPage> {
  // The API wants `from` at least `limit`: near the first operation, ask for fewer.
  const limit = start === null ? walletHistoryPageSize : Math.min(walletHistoryPageSize, start);
  const answer = await api.call<HistoryItem[]>("condenser_api.get_account_history", [account, start ?? -1, limit, ...walletHistoryFilter]);
  const newestFirst = [...answer].sort((a, b) => b[0] - a[0]);
  const items = newestFirst.slice(0, walletHistoryPageSize);
  const next = newestFirst[walletHistoryPageSize];
  return { items, nextStart: next === undefined ? null : next[0], isOlderPage: start !== null };
}

function segmentHtml(segment: Segment): Html {
  if (typeof segment === "string") return html`${segment}`;
  if ("account" in segment) return html`<a href="/@${segment.account}">@${segment.account}</a>`;
  return html`<a href="/@${segment.post.author}/${segment.post.permlink}">@${segment.post.author}/${segment.post.permlink}</a>`;
}

function historyRows(account: string, items: readonly HistoryItem[], ratio: VestingRatio, now: number): Html[] {
  const rows: Html[] = [];
  for (const [index, entry] of items) {
    const described = describeWalletOperation(account, entry.op, ratio);
    if (described === null) continue;
    rows.push(html`<tr data-history-index="${index}">
  <td>${timeAgo(entry.timestamp, now)}</td>
  <td>${described.segments.map(segmentHtml)}</td>
  <td class="wallet-memo">${described.memo ?? ""}</td>
</tr>`);
  }
  return rows;
}

function pager(account: string, page: WalletHistoryPage): Html {
  if (page.nextStart === null && !page.isOlderPage) return html``;
  return html`<nav class="pager" aria-label="History pages">
  ${page.isOlderPage ? html`<a class="button button-quiet" href="/@${account}/wallet#history">Newest</a>` : ""}
  ${page.nextStart !== null ? html`<a class="button button-quiet" href="/@${account}/wallet?start=${page.nextStart}#history">Older</a>` : ""}
</nav>`;
}

/** The history section: a table of the page's rows and the links to older and newest pages. */
export function walletHistorySection(account: string, page: WalletHistoryPage, ratio: VestingRatio, now: number): Html {
  const rows = historyRows(account, page.items, ratio, now);
  return html`<section class="wallet-history" id="history" aria-labelledby="history-heading">
  <h2 id="history-heading">History</h2>
  ${rows.length === 0 ? html`<p class="empty-state">No transfers, rewards or stake changes yet.</p>` : html`<div class="table-scroll"><table class="data-table">
    <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Memo</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`}
  ${pager(account, page)}
</section>`;
}
