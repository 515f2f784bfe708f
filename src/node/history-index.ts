/**
 * Lookups the API needs that the chain state does not keep: which block holds a transaction, and each
 * account's operations in order. Derived from committed blocks only, so it is rebuilt from the block log.
 */
import type { Schema } from "../core/encoding/schema.ts";
import { type Operation, operationSchemas } from "../core/protocol/operation-schemas.ts";

export interface OperationLocation {
  readonly blockNum: number;
  readonly trxInBlock: number;
  readonly opInTrx: number;
}

export interface TransactionLocation {
  readonly blockNum: number;
  readonly trxInBlock: number;
}

/** Positions are packed into plain numbers (exact below 2^53) so millions of them stay small. */
const trxFactor = 2 ** 20;
const opFactor = 2 ** 16;

export class HistoryIndex {
  /** Transaction id → blockNum × 2^20 + trxInBlock. */
  private readonly transactions = new Map<string, number>();
  /** Per account, pairs [blockNum, trxInBlock × 2^16 + opInTrx], oldest first. */
  private readonly accountOperations = new Map<string, number[]>();

  addBlock(blockNum: number, transactionIds: readonly string[], operations: readonly (readonly Operation[])[]): void {
    this.addBlockImpacts(blockNum, transactionIds, operations.map((ops) => ops.map((op) => [...getImpactedAccounts(op)])));
  }

  /** The same from precomputed impacted accounts: per transaction, per operation, the accounts it names. */
  addBlockImpacts(blockNum: number, transactionIds: readonly string[], impacts: readonly (readonly (readonly string[])[])[]): void {
    for (let trx = 0; trx < transactionIds.length; trx++) this.transactions.set(transactionIds[trx], blockNum * trxFactor + trx);
    for (let trx = 0; trx < impacts.length; trx++) {
      const ops = impacts[trx];
      for (let op = 0; op < ops.length; op++) {
        for (const account of ops[op]) {
          let list = this.accountOperations.get(account);
          if (list === undefined) this.accountOperations.set(account, (list = []));
          list.push(blockNum, trx * opFactor + op);
        }
      }
    }
  }

  findTransaction(idHex: string): TransactionLocation | undefined {
    const packed = this.transactions.get(idHex);
    if (packed === undefined) return undefined;
    const trxInBlock = packed % trxFactor;
    return { blockNum: (packed - trxInBlock) / trxFactor, trxInBlock };
  }

  getAccountHistoryLength(account: string): number {
    return (this.accountOperations.get(account)?.length ?? 0) / 2;
  }

  /** The account's operation with sequence number `seq` (0-based, oldest first). */
  getAccountOperation(account: string, seq: number): OperationLocation | undefined {
    const list = this.accountOperations.get(account);
    if (list === undefined || seq < 0 || seq * 2 >= list.length) return undefined;
    const packed = list[seq * 2 + 1];
    const opInTrx = packed % opFactor;
    return { blockNum: list[seq * 2], trxInBlock: (packed - opInTrx) / opFactor, opInTrx };
  }
}

const accountFieldCache = new Map<string, string[][]>();

/** Every account an operation names (its account-typed fields), as steemd's impacted-accounts visitor. */
export function getImpactedAccounts(op: Operation): Set<string> {
  let paths = accountFieldCache.get(op.type);
  if (paths === undefined) {
    paths = [];
    collectAccountPaths(operationSchemas[op.type] as Schema, [], paths);
    accountFieldCache.set(op.type, paths);
  }
  const out = new Set<string>();
  for (const path of paths) collectValues(op.value, path, 0, out);
  return out;
}

function collectAccountPaths(schema: Schema, prefix: string[], out: string[][]): void {
  if (schema.kind === "string" && schema.role === "account") out.push(prefix);
  else if (schema.kind === "struct") for (const f of schema.fields) collectAccountPaths(f.schema, [...prefix, f.name], out);
  else if (schema.kind === "array") collectAccountPaths(schema.of, [...prefix, "[]"], out);
  else if (schema.kind === "optional") collectAccountPaths(schema.of, prefix, out);
}

function collectValues(value: unknown, path: string[], i: number, out: Set<string>): void {
  if (value === undefined || value === null) return;
  if (i === path.length) {
    if (typeof value === "string" && value !== "") out.add(value);
    return;
  }
  if (path[i] === "[]") {
    for (const item of value as unknown[]) collectValues(item, path, i + 1, out);
    return;
  }
  collectValues((value as Record<string, unknown>)[path[i]], path, i + 1, out);
}
