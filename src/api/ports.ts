/** What the API needs from the node, declared here so the API never imports the node. */
import type { ChainState } from "../core/chain/state.ts";
import type { VirtualOperationRecord } from "../core/chain/virtual-ops.ts";
import type { PublicKey } from "../core/crypto/keys.ts";
import type { SignedBlock } from "../core/protocol/block.ts";
import type { SignedTransaction } from "../core/protocol/transaction.ts";
import type { IndexDatabase } from "../index/db/database.ts";

export interface Inclusion {
  readonly id: string;
  readonly block_num: number;
  readonly trx_num: number;
}

export interface HistoryPort {
  /** Bytes held in typed arrays (transaction slots and in-memory entries). */
  readonly typedArrayBytes: number;
  /** Where transactions whose id shares its first four bytes with `idHex` are; check the full id. */
  findTransactionCandidates(idHex: string): readonly { readonly blockNum: number; readonly trxInBlock: number }[];
  getAccountHistoryLength(account: string): number;
  /** The account's operations from sequence number `seq` (0-based, oldest first) down to the oldest; see `virtualOpFlag`. */
  getAccountOperationsFrom(account: string, seq: number): Iterable<{ readonly seq: number; readonly blockNum: number; readonly trxInBlock: number; readonly opInTrx: number }>;
}

export interface CommittedBlockEvent {
  readonly blockNum: number;
  readonly blockId: Uint8Array;
  readonly block: SignedBlock;
  readonly transactionIds: readonly string[];
}

export interface NodePort {
  /** Head state, read-only for the API. */
  readonly state: ChainState;
  readonly history: HistoryPort;
  readonly chainId: Uint8Array;
  readonly blockIntervalSeconds: number;
  readonly producerPublicKey: PublicKey;
  submit(tx: SignedTransaction): Promise<string>;
  waitForInclusion(idHex: string): Promise<Inclusion>;
  getBlock(blockNum: number): SignedBlock | null;
  /** The block's virtual operations in the order they happened ([] for an unknown block). */
  getVirtualOperations(blockNum: number): VirtualOperationRecord[];
  onBlock(listener: (event: CommittedBlockEvent) => void): void;
}

/** Only in dev mode: moving the chain forward in time. */
export interface DebugPort {
  generateBlocks(count: number): number;
  generateBlocksUntil(headBlockTime: number, sparse: boolean): number;
}

/** The social index, read by the bridge, condenser social, follow, tags, hive and search methods. */
export interface IndexPort {
  /** Reads only: the projector is the one writer. */
  readonly db: IndexDatabase;
}

/**
 * What the index-backed (social) methods may use: the index and nothing of the chain, so they run in the
 * producer and in read-only `kettle api` processes alike.
 */
export interface IndexContext {
  /** The social index (null where none is open, e.g. unit tests of chain methods). */
  readonly index: IndexPort | null;
  readonly addressPrefix: string;
}

/** The producer's context: the index and the chain node it runs. */
export interface ApiContext extends IndexContext {
  readonly node: NodePort;
  readonly debug: DebugPort | null;
}
