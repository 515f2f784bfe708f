/**
 * Lookups the API needs that the chain state does not keep: which block holds a transaction, and each
 * account's operations in order. Derived from committed blocks only, so it is rebuilt from the block log.
 */
import { closeSync, openSync } from "node:fs";
import type { Schema } from "../core/encoding/schema.ts";
import { type Operation, operationSchemas } from "../core/protocol/operation-schemas.ts";
import { treasuryAccount } from "../core/protocol/config.ts";
import { type VirtualOperationRecord, virtualOpFlag } from "../core/chain/virtual-ops.ts";
import { type VirtualOperation, virtualOperationSchemas } from "../core/protocol/virtual-operation-schemas.ts";
import { flatten, grownCopy, hexToBytes, hexToBytesOrNull, readUint32LE } from "../stdx/bytes.ts";
import { grownCapacity, mustGrow, nextSlot, probeStart, tableCapacityMin } from "../stdx/open-addressing.ts";
import { readInto, writeFully } from "./file-io.ts";

export interface OperationLocation {
  readonly blockNum: number;
  readonly trxInBlock: number;
  readonly opInTrx: number;
}

export interface TransactionLocation {
  readonly blockNum: number;
  readonly trxInBlock: number;
}

/**
 * Transaction slots: the id's first four bytes as a little-endian word, then block number (0 = empty)
 * and index in block. Lookups return every slot with the prefix (besides the one sought, one in 2^32 of
 * the others) and the caller checks the full id in the block.
 */
const txWords = 3;
/** Operation entries: block number, transaction index, operation index, the account's previous entry. */
const opWords = 4;
const opBytes = opWords * 4;
/** Entries kept in memory until they are written out together. */
const opTailEntries = 4096;
/** Every this many of an account's entries, the entry's index is kept in memory to start walks near `seq`. */
const checkpointEvery = 64;
const none = 0xffffffff;

/**
 * Transaction locations are kept in typed arrays (12-byte slots, 15 to 23 bytes per transaction id, where maps and arrays
 * of strings and boxed numbers cost several times that). Account operations, the larger and ever-growing
 * part, live in a file: an append-only log of 16-byte entries, each account's linked newest to oldest,
 * with only the heads, lengths and every 64th entry of each account in memory. The file is derived
 * data, recreated whenever the index is rebuilt from the block log, so it is neither fsynced nor trusted
 * across restarts.
 */
export class HistoryIndex {
  private txSlots = new Uint32Array(tableCapacityMin * txWords);
  private txCapacity = tableCapacityMin;
  private txCount = 0;
  private readonly opsFd: number;
  /** Entries not yet written: indices [opWritten, opCount). */
  private readonly opTail = new Uint32Array(opTailEntries * opWords);
  private opWritten = 0;
  private opCount = 0;
  private readonly readBuffer = new Uint32Array(opWords);
  private readonly readBytes = new Uint8Array(this.readBuffer.buffer);
  private readonly accountSlots = new Map<string, number>();
  private heads = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  /** Per account slot with ≥ 64 entries: the entry index of seq 64k at position k − 1. */
  private readonly checkpoints: (number[] | undefined)[] = [];

  /** `opsFile` is created or truncated: the index starts empty. */
  constructor(opsFile: string) {
    this.opsFd = openSync(opsFile, "w+");
  }

  get typedArrayBytes(): number {
    return this.txSlots.byteLength + this.opTail.byteLength + this.heads.byteLength + this.lengths.byteLength;
  }

  close(): void {
    closeSync(this.opsFd);
  }

  addBlock(blockNum: number, transactionIds: readonly string[], operations: readonly (readonly Operation[])[]): void {
    for (let trx = 0; trx < transactionIds.length; trx++) {
      this.addTransaction(blockNum, trx, transactionIds[trx]);
      const ops = operations[trx];
      for (let op = 0; op < ops.length; op++) for (const account of getImpactedAccounts(ops[op])) this.addAccountOperation(account, blockNum, trx, op);
    }
  }

  /** Adds a block's virtual operations to the accounts they concern (entries flagged with `virtualOpFlag`). */
  addVirtualOperations(blockNum: number, records: readonly VirtualOperationRecord[]): void {
    for (let i = 0; i < records.length; i++) {
      for (const account of getVirtualImpactedAccounts(records[i].op)) this.addAccountOperation(account, blockNum, records[i].trxInBlock, (virtualOpFlag | i) >>> 0);
    }
  }

  addTransaction(blockNum: number, trxInBlock: number, idHex: string): void {
    if (mustGrow(this.txCount + 1, this.txCapacity)) this.growTransactions();
    this.placeTransaction(readUint32LE(hexToBytes(idHex), 0), blockNum, trxInBlock);
    this.txCount++;
  }

  addAccountOperation(account: string, blockNum: number, trxInBlock: number, opInTrx: number): void {
    let slot = this.accountSlots.get(account);
    if (slot === undefined) {
      slot = this.accountSlots.size;
      if (slot === this.heads.length) {
        this.heads = grownCopy(this.heads, this.heads.length * 2);
        this.lengths = grownCopy(this.lengths, this.lengths.length * 2);
      }
      this.accountSlots.set(flatten(account), slot);
      this.heads[slot] = none;
    }
    if (this.opCount - this.opWritten === opTailEntries) this.writeTail();
    const entry = this.opCount++;
    const at = (entry - this.opWritten) * opWords;
    const words = this.opTail;
    words[at] = blockNum;
    words[at + 1] = trxInBlock;
    words[at + 2] = opInTrx;
    words[at + 3] = this.heads[slot];
    this.heads[slot] = entry;
    const seq = this.lengths[slot]++;
    if (seq > 0 && seq % checkpointEvery === 0) (this.checkpoints[slot] ??= []).push(entry);
  }

  /** Where transactions whose id starts with the same four bytes as `idHex` are (normally one or none). */
  findTransactionCandidates(idHex: string): TransactionLocation[] {
    const id = hexToBytesOrNull(idHex);
    if (id === null || id.length !== 20) return [];
    const w0 = readUint32LE(id, 0);
    const slots = this.txSlots;
    const capacity = this.txCapacity;
    const found: TransactionLocation[] = [];
    for (let slot = probeStart(w0, capacity); ; slot = nextSlot(slot, capacity)) {
      const at = slot * txWords;
      if (slots[at + 1] === 0) return found;
      if (slots[at] === w0) found.push({ blockNum: slots[at + 1], trxInBlock: slots[at + 2] });
    }
  }

  getAccountHistoryLength(account: string): number {
    const slot = this.accountSlots.get(account);
    return slot === undefined ? 0 : this.lengths[slot];
  }

  /** The account's operations from sequence number `seq` (0-based, oldest first) down to the oldest. */
  *getAccountOperationsFrom(account: string, seq: number): IterableIterator<OperationLocation & { readonly seq: number }> {
    const slot = this.accountSlots.get(account);
    if (slot === undefined || seq < 0) return;
    let current = this.lengths[slot] - 1;
    let entry = this.heads[slot];
    // Start from the nearest checkpoint at or above `seq`, then walk down to it.
    const checkpoint = Math.max(1, Math.ceil(seq / checkpointEvery));
    const marks = this.checkpoints[slot];
    if (marks !== undefined && checkpoint <= marks.length && checkpoint * checkpointEvery < current) {
      current = checkpoint * checkpointEvery;
      entry = marks[checkpoint - 1];
    }
    while (entry !== none && current > seq) {
      entry = this.readEntry(entry)[3];
      current--;
    }
    while (entry !== none) {
      const words = this.readEntry(entry);
      const next = words[3];
      yield { seq: current, blockNum: words[0], trxInBlock: words[1], opInTrx: words[2] };
      entry = next;
      current--;
    }
  }

  /** Entry `entry`'s four words, from memory or the file (valid until the next call). */
  private readEntry(entry: number): Uint32Array {
    if (entry >= this.opWritten) return this.opTail.subarray((entry - this.opWritten) * opWords, (entry - this.opWritten + 1) * opWords);
    if (readInto(this.opsFd, this.readBytes, entry * opBytes) !== opBytes) throw new Error(`account history file ends before entry ${entry}`);
    return this.readBuffer;
  }

  /** Appends the in-memory entries to the file (Uint32 words in the machine's order: the file is local). */
  private writeTail(): void {
    const count = this.opCount - this.opWritten;
    writeFully(this.opsFd, new Uint8Array(this.opTail.buffer, 0, count * opBytes), this.opWritten * opBytes);
    this.opWritten = this.opCount;
  }

  private placeTransaction(w0: number, blockNum: number, trxInBlock: number): void {
    const slots = this.txSlots;
    const capacity = this.txCapacity;
    let slot = probeStart(w0, capacity);
    while (slots[slot * txWords + 1] !== 0) slot = nextSlot(slot, capacity);
    const at = slot * txWords;
    slots[at] = w0;
    slots[at + 1] = blockNum;
    slots[at + 2] = trxInBlock;
  }

  private growTransactions(): void {
    const old = this.txSlots;
    const oldCapacity = this.txCapacity;
    this.txCapacity = grownCapacity(this.txCount, oldCapacity + 1);
    this.txSlots = new Uint32Array(this.txCapacity * txWords);
    for (let slot = 0; slot < oldCapacity; slot++) {
      const at = slot * txWords;
      if (old[at + 1] !== 0) this.placeTransaction(old[at], old[at + 1], old[at + 2]);
    }
  }
}




const accountFieldCache = new Map<string, string[][]>();

/** Every account an operation names (its account-typed fields), as steemd's impacted-accounts visitor. */
export function getImpactedAccounts(op: Operation): Set<string> {
  return collectImpacted(accountFieldCache, operationSchemas[op.type] as Schema, op.type, op.value);
}

/**
 * The accounts whose history shows a virtual operation: every account it names, except that a curation
 * reward shows only in the curator's (as steemd's impacted-account visitor has it).
 */
export function getVirtualImpactedAccounts(op: VirtualOperation): Set<string> {
  if (op.type === "curation_reward") return new Set([op.value.curator]);
  if (op.type === "sps_fund") return new Set([treasuryAccount]);
  return collectImpacted(virtualAccountFieldCache, virtualOperationSchemas[op.type] as Schema, op.type, op.value);
}

function collectImpacted(cache: Map<string, string[][]>, schema: Schema, type: string, value: unknown): Set<string> {
  let paths = cache.get(type);
  if (paths === undefined) {
    paths = [];
    collectAccountPaths(schema, [], paths);
    cache.set(type, paths);
  }
  const out = new Set<string>();
  for (const path of paths) collectValues(value, path, 0, out);
  return out;
}

const virtualAccountFieldCache = new Map<string, string[][]>();

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
