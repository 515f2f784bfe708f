/**
 * feed_publish: a block producer publishes its SBD price, as base SBD per quote STEEM (steemd
 * `feed_publish_evaluator`, HF20 rules). Every feed interval the fresh feeds' median joins the history
 * (chain/sbd-processing.ts `updateMedianFeed`).
 */
import { ensure } from "../errors.ts";
import { validateAccountName } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const feedPublish: OperationHandler<"feed_publish"> = {
  validate(op) {
    validateAccountName(op.publisher, "publisher");
    const { base, quote } = op.exchange_rate;
    // steemd accepts either direction in validate() but refuses all but SBD/STEEM from HF20 on; Kettle runs HF20+ from genesis.
    ensure(base.symbol === "SBD" && quote.symbol === "STEEM", "wrong_asset_symbol", () => `exchange_rate must be an SBD/STEEM price (base SBD, quote STEEM), not ${base.symbol}/${quote.symbol}`);
    ensure(base.amount > 0n && quote.amount > 0n, "amount_not_positive", "exchange_rate base and quote must both be greater than zero");
  },
  collectAuthorities(op, into) {
    into.active.add(op.publisher);
  },
  apply({ state, now }, op) {
    // steemd requires a witness object for the publisher. DEVIATION: Kettle has one block producer and no witness
    // objects, so only the producer of the chain may publish.
    const producer = state.props.value.current_witness;
    ensure(op.publisher === producer, "invalid_field", () => `only the block producer ("${producer}") publishes price feeds; "${op.publisher}" is not the producer`);
    state.witnessFeeds.set(op.publisher, {
      owner: op.publisher,
      exchange_rate: { base: op.exchange_rate.base.amount, quote: op.exchange_rate.quote.amount },
      last_update: now,
    });
  },
};
