/**
 * The chain figures every page needs — the head time relative times count from, and the price feed, SBD
 * print rate and curation share payout breakdowns use. The head is the index's (hive.db_head_state, served
 * by every process that has the index); the chain's figures are read again only when that head moves, since
 * a `kettle api` process has to ask the producer for them.
 */
import type { PayoutEconomics } from "./components/payout.ts";
import { assetAmount, parseChainTime } from "./components/format.ts";
import type { WebApi } from "./web-api.ts";

export interface ChainSnapshot {
  readonly headBlock: number;
  /** Head block time, seconds. */
  readonly now: number;
  readonly economics: PayoutEconomics;
}

interface IndexHead {
  readonly db_head_block: number;
  readonly db_head_time: string;
}

/** Reads the snapshot, reusing the last one while the head has not moved. */
export function createChainSnapshotReader(api: WebApi): () => Promise<ChainSnapshot> {
  let last: ChainSnapshot | null = null;
  return async () => {
    const head = await api.call<IndexHead>("hive.db_head_state", {});
    if (last !== null && last.headBlock === head.db_head_block) return last;
    const [props, price, fund] = await Promise.all([
      api.call<{ sbd_print_rate: number }>("condenser_api.get_dynamic_global_properties", []),
      api.call<{ base: string; quote: string }>("condenser_api.get_current_median_history_price", []),
      api.call<{ percent_curation_rewards: number }>("condenser_api.get_reward_fund", ["post"]),
    ]);
    const quote = assetAmount(price.quote);
    last = {
      headBlock: head.db_head_block,
      now: parseChainTime(head.db_head_time),
      economics: {
        price: quote > 0 ? assetAmount(price.base) / quote : 0,
        sbdPrintRate: props.sbd_print_rate / 10000,
        curationShare: fund.percent_curation_rewards / 10000,
      },
    };
    return last;
  };
}
