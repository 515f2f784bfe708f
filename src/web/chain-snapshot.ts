/**
 * The chain figures every page needs — the head time relative times count from, and the price feed, SBD
 * print rate and curation share payout breakdowns use — read through the public API once per head block.
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

interface DynamicProperties {
  readonly head_block_number: number;
  readonly time: string;
  readonly sbd_print_rate: number;
}

/** Reads the snapshot, reusing the last one while the head has not moved. */
export function createChainSnapshotReader(api: WebApi): () => Promise<ChainSnapshot> {
  let last: ChainSnapshot | null = null;
  return async () => {
    const props = await api.call<DynamicProperties>("condenser_api.get_dynamic_global_properties", []);
    if (last !== null && last.headBlock === props.head_block_number) return last;
    const [price, fund] = await Promise.all([
      api.call<{ base: string; quote: string }>("condenser_api.get_current_median_history_price", []),
      api.call<{ percent_curation_rewards: number }>("condenser_api.get_reward_fund", ["post"]),
    ]);
    const quote = assetAmount(price.quote);
    last = {
      headBlock: props.head_block_number,
      now: parseChainTime(props.time),
      economics: {
        price: quote > 0 ? assetAmount(price.base) / quote : 0,
        sbdPrintRate: props.sbd_print_rate / 10000,
        curationShare: fund.percent_curation_rewards / 10000,
      },
    };
    return last;
  };
}
