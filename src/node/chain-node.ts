/**
 * The producing node: admits transactions into the pending block (applied at once against head state,
 * all or nothing), closes a block every interval, appends it to the block log and fsyncs it before anyone
 * is told it is included. State snapshots make restarts fast; the log is the source of truth.
 */
import { join } from "node:path";
import { applyBlock, applyBlockEnd } from "../core/chain/apply-block.ts";
import { type PreparedTransaction, applyTransaction, prepareTransaction, recoverTransactionKeys } from "../core/chain/apply-transaction.ts";
import { type Genesis, createGenesisState } from "../core/chain/genesis.ts";
import type { ChainState } from "../core/chain/state.ts";
import { ByteWriter } from "../core/encoding/byte-writer.ts";
import { decode } from "../core/encoding/codec.ts";
import type { PrivateKey, PublicKey } from "../core/crypto/keys.ts";
import type { Secp256k1 } from "../core/crypto/secp256k1.ts";
import { ChainError } from "../core/errors.ts";
import { type SignedBlock, getBlockSigningDigest, getTransactionMerkleRootOfBytes, signedBlockSchema, writeSignedBlockHead } from "../core/protocol/block.ts";
import { signDigest } from "../core/protocol/signature.ts";
import type { SignedTransaction } from "../core/protocol/transaction.ts";
import { BlockLog } from "./block-log.ts";
import { HistoryIndex, getImpactedAccounts } from "./history-index.ts";
import { VirtualOpLog } from "./virtual-op-log.ts";
import type { VirtualOperationRecord } from "../core/chain/virtual-ops.ts";
import { readLatestSnapshot, writeSnapshot } from "./snapshot-store.ts";
import { decodeStateFrames, encodeStateFrames } from "./state-file.ts";

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

/** Pending transactions' bytes are kept in chunks of this size (a larger transaction gets its own). */
const pendingChunkBytes = 1024 * 1024;

/**
 * The pending block, kept lean because under load it holds tens of thousands of transactions: their
 * signed bytes back to back in 1 MB chunks (written to the log as they are, and reused by the next
 * block: no buffer of the block's size is grown, doubled or copied), their ids, and a flat list of
 * (transaction, operation, account) triples for account history — not the decoded transactions.
 */
class PendingBlock {
  /** Chunks kept from earlier blocks; this block uses the first `chunkFills.length`, each up to its fill. */
  chunks: Uint8Array[] = [];
  private readonly chunkFills: number[] = [];
  size = 0;
  /** Per transaction: the chunk holding it and where it ends there (it starts where the previous one in the chunk ends, or at 0). */
  private readonly chunkOf: number[] = [];
  private readonly ends: number[] = [];
  readonly ids: string[] = [];
  /** Per impacted account: its transaction's and operation's index. */
  readonly impactTransactions: number[] = [];
  readonly impactOperations: number[] = [];
  readonly impactAccounts: string[] = [];

  get count(): number {
    return this.ids.length;
  }

  /** An empty pending block that takes over this one's chunks (blocks of megabytes are not reallocated). */
  next(): PendingBlock {
    const next = new PendingBlock();
    next.chunks = this.chunks;
    return next;
  }

  add(prepared: PreparedTransaction): void {
    const trx = this.ids.length;
    const bytes = prepared.signedBytes;
    let chunk = this.chunkFills.length - 1;
    if (chunk < 0 || this.chunkFills[chunk] + bytes.length > this.chunks[chunk].length) {
      chunk = this.chunkFills.push(0) - 1;
      if (chunk === this.chunks.length || this.chunks[chunk].length < bytes.length) this.chunks[chunk] = new Uint8Array(Math.max(pendingChunkBytes, bytes.length));
    }
    const at = this.chunkFills[chunk];
    this.chunks[chunk].set(bytes, at);
    this.chunkFills[chunk] = at + bytes.length;
    this.size += bytes.length;
    this.chunkOf.push(chunk);
    this.ends.push(at + bytes.length);
    this.ids.push(prepared.idHex);
    const operations = prepared.transaction.operations;
    for (let op = 0; op < operations.length; op++) {
      for (const account of getImpactedAccounts(operations[op])) {
        this.impactTransactions.push(trx);
        this.impactOperations.push(op);
        this.impactAccounts.push(account);
      }
    }
  }

  /** Each transaction's bytes (views into the chunks). */
  transactionBytes(): Uint8Array[] {
    const chunkOf = this.chunkOf;
    return this.ends.map((end, i) => this.chunks[chunkOf[i]].subarray(i === 0 || chunkOf[i - 1] !== chunkOf[i] ? 0 : this.ends[i - 1], end));
  }

  /** All the transactions' bytes in order, as the used part of each chunk. */
  usedChunks(): Uint8Array[] {
    return this.chunkFills.map((fill, chunk) => this.chunks[chunk].subarray(0, fill));
  }
}

export class ChainNode {
  /** Transaction locations and account histories, rebuilt from the log at every start. */
  readonly history: HistoryIndex;
  private pending = new PendingBlock();
  /** The block's header and transaction count; the transactions' bytes are written from the pending chunks. */
  private readonly blockWriter = new ByteWriter(1024);
  /** Verified transactions that did not fit in the pending block, admitted first when the next one opens. */
  private overflow: { prepared: PreparedTransaction; keys: readonly PublicKey[]; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  /** Broadcasts waiting for their transaction's block (an array only when several wait for one id). */
  private readonly waiters = new Map<string, Waiter | Waiter[]>();
  private readonly listeners: ((block: CommittedBlock) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private lastSnapshotBlock = 0;

  private constructor(readonly options: ChainNodeOptions, readonly state: ChainState, private readonly log: BlockLog, private readonly virtualOps: VirtualOpLog) {
    this.history = new HistoryIndex(join(options.dataDir, "account-history.bin"));
  }

  /**
   * Opens the data directory: newest valid snapshot, then every later block from the log. The virtual
   * operations of the blocks up to the snapshot come from their own log; those of the replayed blocks are
   * made again. A snapshot newer than the virtual-op log is not used (the blocks are replayed from genesis).
   */
  static open(options: ChainNodeOptions): ChainNode {
    const log = BlockLog.open(options.dataDir);
    const snapshot = readLatestSnapshot(options.dataDir, log.head);
    let imported = snapshot !== null && snapshot.blockNum <= log.head ? decodeStateFrames(snapshot.bytes) : null;
    let virtualOps = VirtualOpLog.open(options.dataDir, imported?.props.value.head_block_number ?? 0);
    if (imported !== null && virtualOps.lastBlock < imported.props.value.head_block_number) {
      imported = null;
      virtualOps.close();
      virtualOps = VirtualOpLog.open(options.dataDir, 0);
    }
    const state: ChainState = imported ?? createGenesisState(options.genesis);
    const node = new ChainNode(options, state, log, virtualOps);
    node.lastSnapshotBlock = state.props.value.head_block_number;
    for (let num = 1; num <= log.head; num++) {
      const block = node.getBlock(num)!;
      let records: VirtualOperationRecord[];
      if (num > state.props.value.head_block_number) {
        records = applyBlock(state, block, { chainId: options.chainId, blockIntervalSeconds: options.blockIntervalSeconds }).virtualOps;
        virtualOps.append(num, records);
      } else records = virtualOps.read(num);
      node.indexBlock(num, block);
      node.history.addVirtualOperations(num, records);
    }
    virtualOps.flush();
    return node;
  }

  /** Block `blockNum`'s virtual operations (payouts, power-down weeks, producer rewards…), in order. */
  getVirtualOperations(blockNum: number): VirtualOperationRecord[] {
    return this.virtualOps.read(blockNum);
  }

  get headBlockNum(): number {
    return this.state.props.value.head_block_number;
  }

  onBlock(listener: (block: CommittedBlock) => void): void {
    this.listeners.push(listener);
  }

  /** Starts producing a block every period, aligned to the wall clock. */
  /** Stops producing: the pending block, if any, is closed now; the files stay open (and readable) until close(). */
  stopProducing(): void {
    if (this.closed || this.producing === false) return;
    this.producing = false;
    clearTimeout(this.timer);
    if (this.pending.count > 0) this.produceBlock();
  }

  start(): void {
    const schedule = () => {
      if (this.closed || !this.producing) return;
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
    if (this.overflow.length > 0 || this.pending.size + prepared.size > this.blockBytesAvailable()) {
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
      const waiter = { resolve, reject };
      const existing = this.waiters.get(idHex);
      if (existing === undefined) this.waiters.set(idHex, waiter);
      else if (Array.isArray(existing)) existing.push(waiter);
      else this.waiters.set(idHex, [existing, waiter]);
    });
  }

  private admit(prepared: PreparedTransaction, keys: readonly PublicKey[]): void {
    applyTransaction(this.state, prepared, { signerKeys: keys, trxInBlock: this.pending.count });
    this.pending.add(prepared);
  }

  private blockBytesAvailable(): number {
    return this.state.props.value.maximum_block_size - 256;
  }

  /** Closes the pending block at the next timestamp, makes it durable, then tells waiters and listeners. */
  produceBlock(timestamp?: number): CommittedBlock {
    const committed = this.closeBlock(timestamp);
    this.flushLogs();
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
    this.flushLogs();
    this.afterDurable(committed);
    return count;
  }

  private closeBlock(timestamp?: number): CommittedBlock {
    const props = this.state.props.value;
    const interval = this.options.blockIntervalSeconds;
    const slot = Math.floor(this.options.now() / 1000 / interval) * interval;
    const time = timestamp ?? Math.max(slot, props.time + interval);
    const pending = this.pending;
    const transactionBytes = pending.transactionBytes();
    const header = { previous: props.head_block_id, timestamp: time, witness: this.options.producer.name, transaction_merkle_root: getTransactionMerkleRootOfBytes(transactionBytes), extensions: [] };
    const signedHeader = { ...header, witness_signature: signDigest(this.options.secp, getBlockSigningDigest(header), this.options.producer.secret) };
    const blockId = applyBlockEnd(this.state, { ...signedHeader, transactions: [] }, interval);
    const blockNum = this.state.props.value.head_block_number;
    this.blockWriter.reset();
    writeSignedBlockHead(this.blockWriter, signedHeader, transactionBytes.length);
    this.log.append(blockNum, [this.blockWriter.written(), ...pending.usedChunks()]);
    const transactionIds = pending.ids;
    for (let trx = 0; trx < transactionIds.length; trx++) this.history.addTransaction(blockNum, trx, transactionIds[trx]);
    for (let i = 0; i < pending.impactAccounts.length; i++) {
      this.history.addAccountOperation(pending.impactAccounts[i], blockNum, pending.impactTransactions[i], pending.impactOperations[i]);
    }
    const virtualOps = this.state.virtualOps.take();
    this.virtualOps.append(blockNum, virtualOps);
    this.history.addVirtualOperations(blockNum, virtualOps);
    this.pending = pending.next();
    const every = this.options.snapshotEveryBlocks ?? 1200;
    if (blockNum - this.lastSnapshotBlock >= every) {
      // The pending block is empty here, so the snapshot is exactly the state at this block.
      this.flushLogs();
      this.snapshot();
    }
    return this.createCommittedBlock(blockNum, blockId, transactionIds);
  }

  /** Moves waiting transactions into the new pending block, in arrival order, while they fit. */
  private admitOverflow(): void {
    let admitted = 0;
    for (const item of this.overflow) {
      if (this.pending.size + item.prepared.size > this.blockBytesAvailable()) break;
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

  /** fsyncs the block log and the virtual-op log (the latter first: a snapshot may rely on both). */
  private flushLogs(): void {
    this.virtualOps.flush();
    this.log.flush();
  }

  private afterDurable(blocks: readonly CommittedBlock[]): void {
    for (const committed of blocks) {
      const ids = committed.transactionIds;
      for (let trx_num = 0; trx_num < ids.length; trx_num++) {
        const waiting = this.waiters.get(ids[trx_num]);
        if (waiting === undefined) continue;
        this.waiters.delete(ids[trx_num]);
        const inclusion = { id: ids[trx_num], block_num: committed.blockNum, trx_num };
        if (Array.isArray(waiting)) for (const w of waiting) w.resolve(inclusion);
        else waiting.resolve(inclusion);
      }
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
    writeSnapshot(this.options.dataDir, this.headBlockNum, encodeStateFrames(this.state));
    this.lastSnapshotBlock = this.headBlockNum;
  }

  /** A committed block whose decoded form is read back from the log only if a listener asks for it. */
  private createCommittedBlock(blockNum: number, blockId: Uint8Array, transactionIds: readonly string[]): CommittedBlock {
    let decoded: SignedBlock | undefined;
    const read = () => (decoded ??= this.getBlock(blockNum)!);
    return {
      blockNum,
      blockId,
      transactionIds,
      get block() {
        return read();
      },
    };
  }

  getBlock(blockNum: number): SignedBlock | null {
    const bytes = this.log.read(blockNum);
    return bytes === null ? null : decode(signedBlockSchema, bytes);
  }

  /** Stops producing: pending transactions go into a last block, then a snapshot is taken. */
  private producing = true;

  close(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    if (this.pending.count > 0) this.produceBlock();
    this.closed = true;
    for (const item of this.overflow) item.reject(new ChainError("node_shutting_down", "the node shut down before the transaction was included"));
    this.overflow = [];
    for (const [, waiting] of this.waiters) {
      for (const w of Array.isArray(waiting) ? waiting : [waiting]) w.reject(new ChainError("node_shutting_down", "the node shut down before the transaction was included"));
    }
    this.waiters.clear();
    if (this.headBlockNum > this.lastSnapshotBlock) this.snapshot();
    this.log.close();
    this.virtualOps.close();
    this.history.close();
  }
}

