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

export class HistoryIndex {
  private readonly transactions = new Map<string, TransactionLocation>();
  /** Per account, a flat list of [blockNum, trxInBlock, opInTrx] triples. */
  private readonly accountOperations = new Map<string, number[]>();

  addBlock(blockNum: number, transactionIds: readonly string[], operations: readonly (readonly Operation[])[]): void {
    transactionIds.forEach((id, trxInBlock) => {
      this.transactions.set(id, { blockNum, trxInBlock });
    });
    operations.forEach((ops, trxInBlock) => {
      ops.forEach((op, opInTrx) => {
        for (const account of getImpactedAccounts(op)) {
          let list = this.accountOperations.get(account);
          if (list === undefined) this.accountOperations.set(account, (list = []));
          list.push(blockNum, trxInBlock, opInTrx);
        }
      });
    });
  }

  findTransaction(idHex: string): TransactionLocation | undefined {
    return this.transactions.get(idHex);
  }

  getAccountHistoryLength(account: string): number {
    return (this.accountOperations.get(account)?.length ?? 0) / 3;
  }

  /** The account's operation with sequence number `seq` (0-based, oldest first). */
  getAccountOperation(account: string, seq: number): OperationLocation | undefined {
    const list = this.accountOperations.get(account);
    if (list === undefined || seq < 0 || seq * 3 >= list.length) return undefined;
    return { blockNum: list[seq * 3], trxInBlock: list[seq * 3 + 1], opInTrx: list[seq * 3 + 2] };
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
