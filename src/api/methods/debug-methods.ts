/** debug_node_api (dev mode only): produce blocks now, or up to a time, to fast-forward the chain. */
import { getStateHash } from "../../core/chain/state-snapshot.ts";
import { parseTime } from "../format/json-time.ts";
import type { ApiContext } from "../ports.ts";
import { RpcError, rpcErrorCodes } from "../rpc/rpc-error.ts";
import { type MethodHandler, expectInteger, expectString, named } from "./method-table.ts";

/** A week of 3-second blocks and then some. */
export const generatedBlocksMax = 1_000_000;

function debugPort(context: ApiContext) {
  if (context.debug === null) throw new RpcError(rpcErrorCodes.methodNotFound, "debug_node_api is available only in dev mode (kettle dev)", "method_not_found");
  return context.debug;
}

export const appbaseDebugMethods: Record<string, MethodHandler> = {
  "debug_node_api.debug_generate_blocks": (context, params) => {
    const p = named(params, "debug_generate_blocks");
    const debug = debugPort(context);
    return { blocks: debug.generateBlocks(expectInteger(p.count ?? 1, "count", 0, generatedBlocksMax)) };
  },
  "debug_node_api.debug_generate_blocks_until": (context, params) => {
    const p = named(params, "debug_generate_blocks_until");
    const debug = debugPort(context);
    const target = parseTime(expectString(p.head_block_time, "head_block_time", 32));
    return { blocks: debug.generateBlocksUntil(target, p.generate_sparsely === true) };
  },
  /** Kettle's own: the node process's memory (bytes), for benchmarks and operators. */
  "debug_node_api.debug_get_memory": (context, params) => {
    debugPort(context);
    // With node --expose-gc, {gc: true} collects first, so heap_used is the live set.
    const collect = (globalThis as { gc?: () => void }).gc;
    if (named(params, "debug_get_memory").gc === true && collect !== undefined) collect();
    const usage = process.memoryUsage();
    const { state, history } = context.node;
    // The largest typed arrays, by structure (part of array_buffers).
    const tables = {
      accounts: state.accounts.typedArrayBytes,
      votes: state.votes.typedArrayBytes,
      recent_transactions: state.recentTransactions.typedArrayBytes,
      block_ids: state.blockIds.byteLength,
      history: history.typedArrayBytes,
    };
    return { rss: usage.rss, heap_total: usage.heapTotal, heap_used: usage.heapUsed, external: usage.external, array_buffers: usage.arrayBuffers, tables };
  },
  /** Kettle's own: the hash of the live head state (pending transactions included), to compare with `kettle replay` when idle. */
  "debug_node_api.debug_get_state_hash": (context) => {
    debugPort(context);
    const state = context.node.state;
    return { state_hash: getStateHash(state), head_block_number: state.props.value.head_block_number };
  },
};
