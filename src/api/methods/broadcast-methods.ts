/** Broadcasting signed transactions: async (answered on admission) and synchronous (answered once durable). */
import { parseAppbaseTransaction, parseLegacyTransaction } from "../format/transaction-json.ts";
import type { SignedTransaction } from "../../core/protocol/transaction.ts";
import type { ApiContext, Inclusion } from "../ports.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { type MethodHandler, named, positional } from "./method-table.ts";

function legacyTransaction(context: ApiContext, params: unknown, method: string) {
  const [tx] = positional(params, 1, 2, method);
  return parseLegacyTransaction(tx, { addressPrefix: context.addressPrefix }, "trx");
}

/**
 * Submits, then waits for the block. Written as a promise chain rather than an async function so that, once
 * admitted, only the transaction id is held while the block is awaited (an async frame would keep the
 * decoded transaction alive for the whole wait, and thousands of broadcasts wait at once under load).
 */
function submitAndWait(context: ApiContext, tx: SignedTransaction): Promise<unknown> {
  const node = context.node;
  return node.submit(tx).then((id) => node.waitForInclusion(id)).then(formatInclusion);
}

function formatInclusion(inclusion: Inclusion) {
  return { id: inclusion.id, block_num: inclusion.block_num, trx_num: inclusion.trx_num, expired: false };
}

export const condenserBroadcastMethods: Record<string, MethodHandler> = {
  broadcast_transaction: async (context, params) => {
    await context.node.submit(legacyTransaction(context, params, "broadcast_transaction"));
    return {};
  },
  broadcast_transaction_synchronous: (context, params) =>
    submitAndWait(context, legacyTransaction(context, params, "broadcast_transaction_synchronous")),
};

export const appbaseBroadcastMethods: Record<string, MethodHandler> = {
  "network_broadcast_api.broadcast_transaction": async (context, params) => {
    const { trx } = named(params, "broadcast_transaction");
    if (trx === undefined) throw invalidParams("broadcast_transaction needs a trx");
    await context.node.submit(parseAppbaseTransaction(trx, { addressPrefix: context.addressPrefix }, "trx"));
    return {};
  },
};
