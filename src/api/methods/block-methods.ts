/** Blocks, operations and transactions: get_block, get_block_header, get_ops_in_block, get_transaction, get_account_history. */
import { bytesToHex } from "../../stdx/bytes.ts";
import { prepareTransaction } from "../../core/chain/apply-transaction.ts";
import { formatPublicKey } from "../../core/crypto/keys.ts";
import { type SignedBlock, getBlockId } from "../../core/protocol/block.ts";
import { type Operation, getOperationId, operationSchema } from "../../core/protocol/operation-schemas.ts";
import type { SignedTransaction } from "../../core/protocol/transaction.ts";
import { type VirtualOperationRecord, virtualOpFlag } from "../../core/chain/virtual-ops.ts";
import { type VirtualOperation, getVirtualOperationId, virtualOperationSchema } from "../../core/protocol/virtual-operation-schemas.ts";
import { formatAppbaseJson } from "../format/appbase-json.ts";
import { formatTime } from "../format/json-time.ts";
import { formatLegacyJson } from "../format/legacy-json.ts";
import { formatAppbaseTransaction, formatLegacyTransaction } from "../format/transaction-json.ts";
import type { ApiContext } from "../ports.ts";
import { RpcError, invalidParams, rpcErrorCodes } from "../rpc/rpc-error.ts";
import { type MethodHandler, expectBoolean, expectInteger, expectString, named, positional } from "./method-table.ts";

export const accountHistoryLimitMax = 10000;
const blockNumMax = 0xffffffff;

export type Style = "legacy" | "appbase";

function transactionIds(context: ApiContext, block: SignedBlock): string[] {
  return block.transactions.map((tx) => prepareTransaction(tx, context.node.chainId).idHex);
}

function formatHeader(block: SignedBlock) {
  return {
    previous: bytesToHex(block.previous), timestamp: formatTime(block.timestamp), witness: block.witness,
    transaction_merkle_root: bytesToHex(block.transaction_merkle_root), extensions: [],
  };
}

function formatBlock(context: ApiContext, blockNum: number, block: SignedBlock, style: Style) {
  const options = { addressPrefix: context.addressPrefix };
  const ids = transactionIds(context, block);
  return {
    ...formatHeader(block),
    witness_signature: bytesToHex(block.witness_signature),
    transactions: block.transactions.map((tx, i) => {
      const json = style === "legacy" ? formatLegacyTransaction(tx, options) : formatAppbaseTransaction(tx, options);
      return style === "legacy" ? { ...json, transaction_id: ids[i], block_num: blockNum, transaction_num: i } : json;
    }),
    block_id: bytesToHex(getBlockId(block)),
    signing_key: formatPublicKey(context.node.producerPublicKey, context.addressPrefix),
    transaction_ids: ids,
  };
}

function formatOperation(context: ApiContext, op: Operation, style: Style) {
  const options = { addressPrefix: context.addressPrefix };
  return style === "legacy" ? formatLegacyJson(operationSchema, op, options) : formatAppbaseJson(operationSchema, op, options);
}

/** An entry of `get_ops_in_block`. */
export interface OperationEntry {
  readonly trx_id: string;
  readonly block: number;
  readonly trx_in_block: number;
  readonly op_in_trx: number;
  readonly virtual_op: number;
  readonly timestamp: string;
  readonly op: unknown;
}

const blockLevelTrxId = "0000000000000000000000000000000000000000";

function formatVirtualOperation(context: ApiContext, op: VirtualOperation, style: Style) {
  const options = { addressPrefix: context.addressPrefix };
  return style === "legacy" ? formatLegacyJson(virtualOperationSchema, op, options) : formatAppbaseJson(virtualOperationSchema, op, options);
}

/**
 * A block's operations as steemd lists them: each transaction's operations, each followed by the virtual
 * operations it caused, then the block's own virtual operations (payouts, producer reward…). Virtual
 * operations are numbered from 1 in `virtual_op`; signed ones have 0.
 */
export function operationsInBlock(context: ApiContext, blockNum: number, style: Style, virtualOnly: boolean): OperationEntry[] {
  const block = context.node.getBlock(blockNum);
  if (block === null) return [];
  const ids = transactionIds(context, block);
  const timestamp = formatTime(block.timestamp);
  const virtuals = context.node.getVirtualOperations(blockNum);
  const entries: OperationEntry[] = [];
  let next = 0;
  const pushVirtualsOf = (trx: number, op: number) => {
    while (next < virtuals.length && virtuals[next].trxInBlock === trx && virtuals[next].opInTrx === op) {
      const v = virtuals[next++];
      entries.push({ trx_id: ids[trx] ?? blockLevelTrxId, block: blockNum, trx_in_block: v.trxInBlock, op_in_trx: v.opInTrx, virtual_op: next, timestamp, op: formatVirtualOperation(context, v.op, style) });
    }
  };
  block.transactions.forEach((tx, trx) => {
    tx.operations.forEach((op, opIndex) => {
      if (!virtualOnly) entries.push({ trx_id: ids[trx], block: blockNum, trx_in_block: trx, op_in_trx: opIndex, virtual_op: 0, timestamp, op: formatOperation(context, op, style) });
      pushVirtualsOf(trx, opIndex);
    });
  });
  for (; next < virtuals.length; ) {
    const v = virtuals[next++];
    entries.push({ trx_id: ids[v.trxInBlock] ?? blockLevelTrxId, block: blockNum, trx_in_block: v.trxInBlock, op_in_trx: v.opInTrx, virtual_op: next, timestamp, op: formatVirtualOperation(context, v.op, style) });
  }
  return entries;
}

function getBlockNum(value: unknown): number {
  return expectInteger(value, "block_num", 0, blockNumMax);
}

/**
 * Operation filter of Hive's get_account_history: bit `id` of low (ids 0–63) or high (64–127), with
 * Steem's operation numbers (virtual operations from 47).
 */
function parseFilter(low: unknown, high: unknown): ((operationId: number) => boolean) | null {
  if (low === undefined && high === undefined) return null;
  const lowBits = parseFilterBits(low, "operation_filter_low");
  const highBits = parseFilterBits(high, "operation_filter_high");
  if (lowBits === 0n && highBits === 0n) return null;
  return (operationId) => {
    const id = BigInt(operationId);
    return id < 64n ? ((lowBits >> id) & 1n) === 1n : ((highBits >> (id - 64n)) & 1n) === 1n;
  };
}

function parseFilterBits(value: unknown, what: string): bigint {
  if (value === undefined || value === null) return 0n;
  const valid = (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) || (typeof value === "string" && /^\d{1,20}$/.test(value));
  if (!valid) throw invalidParams(`${what} must be a non-negative integer bitmask`);
  const bits = BigInt(value as number | string);
  if (bits >= 1n << 64n) throw invalidParams(`${what} must fit in 64 bits`);
  return bits;
}

function accountHistory(context: ApiContext, account: string, from: number, limit: number, filter: ((operationId: number) => boolean) | null, style: Style) {
  const history = context.node.history;
  const length = history.getAccountHistoryLength(account);
  if (from !== -1 && from < limit) throw invalidParams("from must be at least limit (or -1 for the newest)");
  const result: [number, OperationEntry][] = [];
  const newest = from === -1 || from >= length ? length - 1 : from;
  const blocks = new Map<number, { block: SignedBlock; ids: string[]; virtuals: VirtualOperationRecord[] | null }>();
  const readBlock = (blockNum: number) => {
    let read = blocks.get(blockNum);
    if (read === undefined) {
      const block = context.node.getBlock(blockNum)!;
      blocks.set(blockNum, (read = { block, ids: transactionIds(context, block), virtuals: null }));
    }
    return read;
  };
  for (const location of history.getAccountOperationsFrom(account, newest)) {
    if (result.length > limit) break;
    if (filter === null && from !== -1 && location.seq < from - limit) break;
    const read = readBlock(location.blockNum);
    const timestamp = formatTime(read.block.timestamp);
    if ((location.opInTrx & virtualOpFlag) !== 0) {
      const index = location.opInTrx & ~virtualOpFlag;
      read.virtuals ??= context.node.getVirtualOperations(location.blockNum);
      const v = read.virtuals[index];
      if (filter !== null && !filter(getVirtualOperationId(v.op.type))) continue;
      result.push([location.seq, {
        trx_id: read.ids[v.trxInBlock] ?? blockLevelTrxId, block: location.blockNum, trx_in_block: v.trxInBlock, op_in_trx: v.opInTrx,
        virtual_op: index + 1, timestamp, op: formatVirtualOperation(context, v.op, style),
      }]);
      continue;
    }
    const op = read.block.transactions[location.trxInBlock].operations[location.opInTrx];
    if (filter === null || filter(getOperationId(op.type))) {
      result.push([location.seq, {
        trx_id: read.ids[location.trxInBlock], block: location.blockNum, trx_in_block: location.trxInBlock,
        op_in_trx: location.opInTrx, virtual_op: 0, timestamp, op: formatOperation(context, op, style),
      }]);
    }
  }
  return result.reverse();
}

function getTransaction(context: ApiContext, id: string, style: Style) {
  const idHex = id.toLowerCase();
  let found: { tx: SignedTransaction; blockNum: number; trxInBlock: number } | undefined;
  for (const candidate of context.node.history.findTransactionCandidates(idHex)) {
    const tx = context.node.getBlock(candidate.blockNum)!.transactions[candidate.trxInBlock];
    if (prepareTransaction(tx, context.node.chainId).idHex === idHex) found = { tx, ...candidate };
  }
  if (found === undefined) throw new RpcError(rpcErrorCodes.assertException, `Unknown Transaction ${id}`, "unknown_transaction");
  const { tx, blockNum, trxInBlock } = found;
  const location = { blockNum, trxInBlock };
  const options = { addressPrefix: context.addressPrefix };
  const json = style === "legacy" ? formatLegacyTransaction(tx, options) : formatAppbaseTransaction(tx, options);
  return { ...json, transaction_id: id.toLowerCase(), block_num: location.blockNum, transaction_num: location.trxInBlock };
}

export const condenserBlockMethods: Record<string, MethodHandler> = {
  get_block: (context, params) => {
    const [num] = positional(params, 1, 1, "get_block");
    const blockNum = getBlockNum(num);
    const block = context.node.getBlock(blockNum);
    return block === null ? null : formatBlock(context, blockNum, block, "legacy");
  },
  get_block_header: (context, params) => {
    const [num] = positional(params, 1, 1, "get_block_header");
    const block = context.node.getBlock(getBlockNum(num));
    return block === null ? null : formatHeader(block);
  },
  get_ops_in_block: (context, params) => {
    const [num, onlyVirtual] = positional(params, 1, 2, "get_ops_in_block");
    const virtualOnly = onlyVirtual === undefined ? false : expectBoolean(onlyVirtual, "only_virtual");
    return operationsInBlock(context, getBlockNum(num), "legacy", virtualOnly);
  },
  get_transaction: (context, params) => {
    const [id] = positional(params, 1, 1, "get_transaction");
    return getTransaction(context, expectString(id, "transaction id", 40), "legacy");
  },
  get_account_history: (context, params) => {
    const [account, from, limit, low, high] = positional(params, 3, 5, "get_account_history");
    return accountHistory(context, expectString(account, "account", 16), expectInteger(from, "from", -1, 0xffffffff),
      expectInteger(limit, "limit", 0, accountHistoryLimitMax), parseFilter(low, high), "legacy");
  },
};

export const appbaseBlockMethods: Record<string, MethodHandler> = {
  "block_api.get_block": (context, params) => {
    const { block_num } = named(params, "get_block");
    const blockNum = getBlockNum(block_num);
    const block = context.node.getBlock(blockNum);
    return block === null ? {} : { block: formatBlock(context, blockNum, block, "appbase") };
  },
  "block_api.get_block_header": (context, params) => {
    const { block_num } = named(params, "get_block_header");
    const block = context.node.getBlock(getBlockNum(block_num));
    return block === null ? {} : { header: formatHeader(block) };
  },
  "account_history_api.get_ops_in_block": (context, params) => {
    const { block_num, only_virtual } = named(params, "get_ops_in_block");
    const virtualOnly = only_virtual === undefined ? false : expectBoolean(only_virtual, "only_virtual");
    return { ops: operationsInBlock(context, getBlockNum(block_num), "appbase", virtualOnly) };
  },
  "account_history_api.get_transaction": (context, params) => {
    const { id } = named(params, "get_transaction");
    return getTransaction(context, expectString(id, "id", 40), "appbase");
  },
  "account_history_api.get_account_history": (context, params) => {
    const p = named(params, "get_account_history");
    return {
      history: accountHistory(context, expectString(p.account, "account", 16), expectInteger(p.start ?? -1, "start", -1, 0xffffffff),
        expectInteger(p.limit ?? 1000, "limit", 0, accountHistoryLimitMax), parseFilter(p.operation_filter_low, p.operation_filter_high), "appbase"),
    };
  },
};
