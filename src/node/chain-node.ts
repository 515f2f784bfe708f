/**
 * The producing node: admits transactions into the pending block (applied at once against head state,
 * all or nothing), closes a block every interval, appends it to the block log and fsyncs it before anyone
 * is told it is included. State snapshots make restarts fast; the log is the source of truth.
 */
import v8 from "node:v8";
import { applyBlock, applyBlockEnd } from "../core/chain/apply-block.ts";
import { type PreparedTransaction, applyTransaction, prepareTransaction, recoverTransactionKeys } from "../core/chain/apply-transaction.ts";
import { type Genesis, createGenesisState } from "../core/chain/genesis.ts";
import { type StateData, exportState, importState } from "../core/chain/state-snapshot.ts";
import type { ChainState } from "../core/chain/state.ts";
import { decode } from "../core/encoding/codec.ts";
import type { PrivateKey, PublicKey } from "../core/crypto/keys.ts";
import type { Secp256k1 } from "../core/crypto/secp256k1.ts";
import { ChainError } from "../core/errors.ts";
import { type SignedBlock, encodeSignedBlock, getBlockSigningDigest, getTransactionMerkleRootOfBytes, signedBlockSchema } from "../core/protocol/block.ts";
import { signDigest } from "../core/protocol/signature.ts";
import type { SignedTransaction } from "../core/protocol/transaction.ts";
import { BlockLog } from "./block-log.ts";
import { HistoryIndex, getImpactedAccounts } from "./history-index.ts";
import { readLatestSnapshot, writeSnapshot } from "./snapshot-store.ts";

export interface ChainNodeOptions {
  readonly dataDir: string;
  readonly genesis: Genesis;
  readonly chainId: Uint8Array;
  /** Chain seconds between block timestamps (whole seconds, ≥ 1). */
  readonly blockIntervalSeconds: number;
  /** Wall-clock milliseconds between produced blocks (normally blockIntervalSeconds × 1000). */
  readonly productionPeriodMs: number;
  readonly producer: { readonly name: string; readonly secret: PrivateKey };
  readonly secp: Secp256k1;
  /** Recovers signer keys off the main thread; defaults to `secp` inline. */
  readonly recoverKeys?: (digest: Uint8Array, signatures: readonly Uint8Array[]) => Promise<PublicKey[]>;
  readonly now: () => number;
  readonly snapshotEveryBlocks?: number;
}

export interface CommittedBlock {
  readonly blockNum: number;
  readonly blockId: Uint8Array;
  readonly block: SignedBlock;
  readonly transactionIds: readonly string[];
}

export interface Inclusion {
  readonly id: string;
  readonly block_num: number;
  readonly trx_num: number;
}

interface Waiter {
  resolve(value: Inclusion): void;
  reject(error: Error): void;
}

/** Transactions allowed to wait for later blocks once the pending block is full (about 5 full blocks of votes). */
export const overflowTransactionsMax = 100_000;

interface PendingTransaction {
  readonly signedBytes: Uint8Array;
  readonly idHex: string;
  /** Per operation, the accounts it names (for account history). */
  readonly impacted: readonly (readonly string[])[];
}

export class ChainNode {
  readonly history = new HistoryIndex();
  /** The pending block, kept lean: bytes, id and impacted accounts, not the decoded transaction. */
  private pending: PendingTransaction[] = [];
  private pendingBytes = 0;
  /** Verified transactions that did not fit in the pending block, admitted first when the next one opens. */
  private overflow: { prepared: PreparedTransaction; keys: readonly PublicKey[]; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly listeners: ((block: CommittedBlock) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private lastSnapshotBlock = 0;

  private constructor(readonly options: ChainNodeOptions, readonly state: ChainState, private readonly log: BlockLog) {}

  /** Opens the data directory: newest valid snapshot, then every later block from the log. */
  static open(options: ChainNodeOptions): ChainNode {
    const log = BlockLog.open(options.dataDir);
    const snapshot = readLatestSnapshot(options.dataDir, log.head);
    const imported = snapshot !== null && snapshot.blockNum <= log.head ? importState(v8.deserialize(snapshot.bytes) as StateData) : null;
    const state: ChainState = imported ?? createGenesisState(options.genesis);
    const node = new ChainNode(options, state, log);
    node.lastSnapshotBlock = state.props.value.head_block_number;
    for (let num = 1; num <= log.head; num++) {
      const block = node.getBlock(num)!;
      if (num > state.props.value.head_block_number) {
        applyBlock(state, block, { chainId: options.chainId, blockIntervalSeconds: options.blockIntervalSeconds });
      }
      node.indexBlock(num, block);
    }
    return node;
  }

  get headBlockNum(): number {
    return this.state.props.value.head_block_number;
  }

  onBlock(listener: (block: CommittedBlock) => void): void {
    this.listeners.push(listener);
  }

  /** Starts producing a block every period, aligned to the wall clock. */
  start(): void {
    const schedule = () => {
      if (this.closed) return;
      const period = this.options.productionPeriodMs;
      const delay = period - (this.options.now() % period);
      this.timer = setTimeout(() => {
        this.produceBlock();
        schedule();
      }, delay);
    };
    schedule();
  }

  /**
   * Admits a transaction into the pending block: decode-level checks, signatures, authorities and the
   * operations are applied now, so an error is reported at once and changes nothing. Resolves to the id.
   */
  async submit(tx: SignedTransaction): Promise<string> {
    const prepared = prepareTransaction(tx, this.options.chainId);
    const keys = this.options.recoverKeys !== undefined
      ? await this.options.recoverKeys(prepared.digest, tx.signatures)
      : recoverTransactionKeys(this.options.secp, prepared);
    if (this.closed) throw new ChainError("node_shutting_down", "the node is shutting down; retry against a running node");
    if (prepared.size > this.blockBytesAvailable()) {
      throw new ChainError("transaction_too_large", `the transaction is ${prepared.size} bytes; the limit is ${this.blockBytesAvailable()}`);
    }
    if (this.overflow.length > 0 || this.pendingBytes + prepared.size > this.blockBytesAvailable()) {
      if (this.overflow.length >= overflowTransactionsMax) {
        throw new ChainError("node_busy", `${this.overflow.length} transactions are already waiting for the next blocks; retry shortly`);
      }
      return new Promise((resolve, reject) => this.overflow.push({ prepared, keys, resolve, reject }));
    }
    this.admit(prepared, keys);
    return prepared.idHex;
  }

  /** Resolves once the transaction is in a durable block (or rejects if it is dropped). */
  waitForInclusion(idHex: string): Promise<Inclusion> {
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(idHex) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(idHex, list);
    });
  }


  private admit(prepared: PreparedTransaction, keys: readonly PublicKey[]): void {
    applyTransaction(this.state, prepared, { signerKeys: keys });
    this.pending.push({
      signedBytes: prepared.signedBytes,
      idHex: prepared.idHex,
      impacted: prepared.transaction.operations.map((op) => [...getImpactedAccounts(op)]),
    });
    this.pendingBytes += prepared.size;
  }

  private blockBytesAvailable(): number {
    return this.state.props.value.maximum_block_size - 256;
  }

  /** Closes the pending block at the next timestamp, makes it durable, then tells waiters and listeners. */
  produceBlock(timestamp?: number): CommittedBlock {
    const committed = this.closeBlock(timestamp);
    this.log.flush();
    this.afterDurable([committed]);
    return committed;
  }

  /** Produces `count` blocks back to back with one fsync at the end (debug_generate_blocks). */
  generateBlocks(count: number, skipSeconds = 0): number {
    const committed: CommittedBlock[] = [];
    for (let i = 0; i < count; i++) {
      const ts = this.state.props.value.time + this.options.blockIntervalSeconds + (i === 0 ? skipSeconds : 0);
      committed.push(this.closeBlock(ts));
    }
    this.log.flush();
    this.afterDurable(committed);
    return count;
  }

  private closeBlock(timestamp?: number): CommittedBlock {
    const props = this.state.props.value;
    const interval = this.options.blockIntervalSeconds;
    const slot = Math.floor(this.options.now() / 1000 / interval) * interval;
    const time = timestamp ?? Math.max(slot, props.time + interval);
    const transactionBytes = this.pending.map((p) => p.signedBytes);
    const header = { previous: props.head_block_id, timestamp: time, witness: this.options.producer.name, transaction_merkle_root: getTransactionMerkleRootOfBytes(transactionBytes), extensions: [] };
    const signedHeader = { ...header, witness_signature: signDigest(this.options.secp, getBlockSigningDigest(header), this.options.producer.secret) };
    const blockId = applyBlockEnd(this.state, { ...signedHeader, transactions: [] }, interval);
    const blockNum = this.state.props.value.head_block_number;
    const blockBytes = encodeSignedBlock(signedHeader, transactionBytes);
    this.log.append(blockNum, blockBytes);
    const transactionIds = this.pending.map((p) => p.idHex);
    this.history.addBlockImpacts(blockNum, transactionIds, this.pending.map((p) => p.impacted));
    this.pending = [];
    this.pendingBytes = 0;
    const every = this.options.snapshotEveryBlocks ?? 1200;
    if (blockNum - this.lastSnapshotBlock >= every) {
      // The pending block is empty here, so the snapshot is exactly the state at this block.
      this.log.flush();
      this.snapshot();
    }
    return createCommittedBlock(blockNum, blockId, blockBytes, transactionIds);
  }

  /** Moves waiting transactions into the new pending block, in arrival order, while they fit. */
  private admitOverflow(): void {
    let admitted = 0;
    for (const item of this.overflow) {
      if (this.pendingBytes + item.prepared.size > this.blockBytesAvailable()) break;
      admitted++;
      try {
        this.admit(item.prepared, item.keys);
        item.resolve(item.prepared.idHex);
      } catch (error) {
        item.reject(error as Error);
      }
    }
    this.overflow.splice(0, admitted);
  }

  private afterDurable(blocks: readonly CommittedBlock[]): void {
    for (const committed of blocks) {
      committed.transactionIds.forEach((id, trx_num) => {
        const list = this.waiters.get(id);
        if (list === undefined) return;
        this.waiters.delete(id);
        for (const w of list) w.resolve({ id, block_num: committed.blockNum, trx_num });
      });
      for (const listener of this.listeners) listener(committed);
    }
    this.admitOverflow();
  }

  private indexBlock(blockNum: number, block: SignedBlock, ids?: readonly string[]): void {
    const transactionIds = ids ?? block.transactions.map((tx) => prepareTransaction(tx, this.options.chainId).idHex);
    this.history.addBlock(blockNum, transactionIds, block.transactions.map((tx) => tx.operations));
  }

  /** Writes a snapshot of state at head (atomically; older ones are pruned). */
  snapshot(): void {
    writeSnapshot(this.options.dataDir, this.headBlockNum, v8.serialize(exportState(this.state)));
    this.lastSnapshotBlock = this.headBlockNum;
  }

  getBlock(blockNum: number): SignedBlock | null {
    const bytes = this.log.read(blockNum);
    return bytes === null ? null : decode(signedBlockSchema, bytes);
  }

  /** Stops producing: pending transactions go into a last block, then a snapshot is taken. */
  close(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    if (this.pending.length > 0) this.produceBlock();
    this.closed = true;
    for (const item of this.overflow) item.reject(new ChainError("node_shutting_down", "the node shut down before the transaction was included"));
    this.overflow = [];
    for (const [, list] of this.waiters) for (const w of list) w.reject(new ChainError("node_shutting_down", "the node shut down before the transaction was included"));
    this.waiters.clear();
    if (this.headBlockNum > this.lastSnapshotBlock) this.snapshot();
    this.log.close();
  }
}

/** A committed block whose decoded form is built only if a listener asks for it. */
function createCommittedBlock(blockNum: number, blockId: Uint8Array, bytes: Uint8Array, transactionIds: readonly string[]): CommittedBlock {
  let decoded: SignedBlock | undefined;
  return {
    blockNum,
    blockId,
    transactionIds,
    get block() {
      decoded ??= decode(signedBlockSchema, bytes);
      return decoded;
    },
  };
}
