/** The `hive` namespace: the index's head, for health checks and lag monitoring. */
import { formatTime } from "../format/json-time.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { named } from "../methods/method-table.ts";
import { indexOf } from "./params.ts";

export const hiveMethods: Record<string, IndexMethodHandler> = {
  /** `{db_head_block, db_head_time, db_head_age}`: the last block the index holds and how old it is (seconds). */
  "hive.db_head_state": async (context, params) => {
    named(params, "hive.db_head_state");
    const row = await indexOf(context).get<{ block_num: number; block_time: number }>("SELECT block_num, block_time FROM index_state WHERE id = 1");
    const blockNum = row?.block_num ?? 0;
    const blockTime = row?.block_time ?? 0;
    return { db_head_block: blockNum, db_head_time: formatTime(blockTime), db_head_age: Math.max(0, Math.floor(Date.now() / 1000) - blockTime) };
  },
};
