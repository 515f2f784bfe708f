/**
 * The hourly feed median, conversions and savings withdrawals as blocks reach them (steemd
 * `update_median_feed`, `process_conversions`, `process_savings_withdraws`, Steem HF23 rules), and the
 * keys of the conversion and savings-withdrawal tables the operations share.
 */
import { flatten } from "../../stdx/bytes.ts";
import { applyDebtLimit, getMedianPrice, pushFeedHistory } from "../economics/feed.ts";
import { type Price, sbdToSteem } from "../economics/sbd.ts";
import { feedIntervalBlocks, maxFeedAgeSeconds } from "../protocol/config.ts";
import { adjustLiquidBalance, getAccountOrThrow, updateAccount } from "./accounts.ts";
import type { ChainState } from "./state.ts";

/**
 * Key of a request of `owner` numbered `requestId` (conversions by owner/requestid, savings withdrawals by
 * from/request_id: each pair is unique, as steemd's `by_owner` and `by_from_rid` indices). The owner
 * comes first, then a space (below every character of an account name, so "abc" sorts before "abc.d"
 * and "abc-d" as steemd's fixed_string names do), then the id zero-padded to uint32's ten digits, so
 * the keys sort as (owner, id) — the order steemd fills savings withdrawals due in the same second.
 */
export function requestKey(owner: string, requestId: number): string {
  return flatten(`${owner} ${String(requestId).padStart(10, "0")}`);
}

/**
 * Steem needs STEEM_MIN_FEEDS = 7 fresh feeds from the 21 scheduled witnesses before a median joins
 * the history. DEVIATION: Kettle has a single block producer, so one fresh feed is enough.
 */
export const kettleMinFeeds = 1;

/**
 * The producers whose feeds count: steemd takes the currently scheduled witnesses
 * (`current_shuffled_witnesses`); Kettle's schedule is the one block producer. A former producer's
 * feed stays in `witnessFeeds` but no longer counts, as an unscheduled witness's does not in steemd.
 */
function scheduledProducers(state: ChainState): readonly string[] {
  return [state.props.value.current_witness];
}

/**
 * Every feed interval (blocks whose number is a multiple of 1200): the median of the scheduled
 * producers' fresh feeds (younger than 7 days) joins the 84-entry history; the history's median,
 * raised to the debt-limit floor (SBD ≤ 10 % of the market cap), becomes `current_median_history`.
 *
 * With too few fresh feeds steemd changes nothing at all: the history is not extended, its median is not
 * recomputed and the debt limit is not re-applied until a later interval has enough feeds. So here.
 * DEVIATION (see `kettleMinFeeds`): "enough" is one feed, not seven.
 */
export function updateMedianFeed(state: ChainState, blockNum: number, now: number): void {
  if (blockNum % feedIntervalBlocks !== 0) return;
  const feeds: Price[] = [];
  for (const producer of scheduledProducers(state)) {
    const feed = state.witnessFeeds.get(producer);
    if (feed === undefined) continue;
    // HF19+: a feed counts while now < last_update + STEEM_MAX_FEED_AGE_SECONDS; a null rate never does.
    if (now < feed.last_update + maxFeedAgeSeconds && feed.exchange_rate.base > 0n && feed.exchange_rate.quote > 0n) feeds.push(feed.exchange_rate);
  }
  if (feeds.length < kettleMinFeeds) return;
  const median = getMedianPrice(feeds)!;
  const history = pushFeedHistory(state.feed.value.price_history, median);
  const props = state.props.value;
  // HF14+: the history's median is raised to 9 × SBD supply / STEEM supply when below it (only when SBD exists).
  const current = applyDebtLimit(getMedianPrice(history)!, props.current_sbd_supply, props.current_supply);
  state.feed.value = { current_median_history: current, price_history: history };
}

/**
 * Pays the conversions due at `now` (steemd `process_conversions`): each gets `amount × median` STEEM at
 * the median of the moment it fills, in order of (conversion date, request id). Without a median nothing
 * is filled (the requests wait). The SBD was taken when the request was made; here it leaves the SBD
 * supply and the STEEM joins the supply. steemd also moves virtual_supply by the net change (STEEM added,
 * the SBD's worth at the median taken away); so here, though the block end recomputes it anyway.
 */
export function processConversions(state: ChainState, now: number): void {
  const median = state.feed.value.current_median_history;
  if (median === null) return;
  const schedule = state.schedules.conversions;
  let netSbd = 0n;
  let netSteem = 0n;
  for (let entry = schedule.popDue(now); entry !== null; entry = schedule.popDue(now)) {
    const request = state.conversions.get(entry.key);
    if (request === undefined || request.id !== entry.order) continue;
    const steem = sbdToSteem(request.amount, median);
    adjustLiquidBalance(state, request.owner, "STEEM", steem, now);
    netSbd += request.amount;
    netSteem += steem;
    state.virtualOps.push({
      type: "fill_convert_request",
      value: {
        owner: request.owner,
        requestid: request.requestid,
        amount_in: { amount: request.amount, symbol: "SBD" },
        amount_out: { amount: steem, symbol: "STEEM" },
      },
    });
    state.conversions.delete(entry.key);
  }
  if (netSbd === 0n && netSteem === 0n) return;
  const props = state.props.value;
  state.props.value = {
    ...props,
    current_supply: props.current_supply + netSteem,
    current_sbd_supply: props.current_sbd_supply - netSbd,
    virtual_supply: props.virtual_supply + netSteem - sbdToSteem(netSbd, median),
  };
}

/**
 * Completes the savings withdrawals due at `now` (steemd `process_savings_withdraws`), in steemd's order
 * (complete time, from, request_id): the amount goes to `to`'s liquid balance (SBD accrues and may be
 * paid interest there first), `from` has one pending request fewer, and fill_transfer_from_savings is
 * emitted. A schedule entry whose request was cancelled — gone, or replaced by a new request with the same
 * id that completes at another time — is skipped.
 */
export function processSavingsWithdraws(state: ChainState, now: number): void {
  const schedule = state.schedules.savings;
  for (let entry = schedule.popDue(now); entry !== null; entry = schedule.popDue(now)) {
    const request = state.savingsWithdraws.get(entry.key);
    if (request === undefined || request.complete !== entry.time) continue;
    adjustLiquidBalance(state, request.to, request.symbol, request.amount, now);
    const from = getAccountOrThrow(state, request.from);
    updateAccount(state, from, { savings_withdraw_requests: from.savings_withdraw_requests - 1 });
    state.virtualOps.push({
      type: "fill_transfer_from_savings",
      value: { from: request.from, to: request.to, amount: { amount: request.amount, symbol: request.symbol }, request_id: request.request_id, memo: request.memo },
    });
    state.savingsWithdraws.delete(entry.key);
  }
}
