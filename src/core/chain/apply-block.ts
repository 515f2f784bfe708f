/**
 * Blocks: the producer builds one from transactions already applied to the pending state and closes it
 * with `applyBlockEnd`; replay applies a stored block with `applyBlock`. Both end the same way.
 */
import { bytesEqual, bytesToHex } from "../../stdx/bytes.ts";
import { ChainError } from "../errors.ts";
import type { Secp256k1 } from "../crypto/secp256k1.ts";
import { type SignedBlock, getBlockId, getBlockNumFromId, getTransactionMerkleRootOfBytes } from "../protocol/block.ts";
import { maxTimeUntilExpirationSeconds } from "../protocol/config.ts";
import { type PreparedTransaction, applyTransaction, prepareTransaction, recoverTransactionKeys } from "./apply-transaction.ts";
import { applyBlockEconomics } from "./block-economics.ts";
import type { ChainState } from "./state.ts";
import { type VirtualOperationRecord, blockLevelTrx } from "./virtual-ops.ts";

export interface BlockResult {
  readonly blockNum: number;
  readonly blockId: Uint8Array;
  readonly transactionIds: readonly string[];
  /** The block's virtual operations (taken from the state's buffer). */
  readonly virtualOps: VirtualOperationRecord[];
}

/**
 * End-of-block processing once the block's transactions are in: head block number, id and time move on,
 * the block becomes irreversible at once (one producer), TaPoS learns the id, expired ids are forgotten.
 */
export function applyBlockEnd(state: ChainState, block: SignedBlock, blockIntervalSeconds: number): Uint8Array {
  const props = state.props.value;
  const blockId = getBlockId(block);
  const blockNum = props.head_block_number + 1;
  const elapsed = block.timestamp - props.time;
  const slots = Math.max(1, (elapsed - (elapsed % blockIntervalSeconds)) / blockIntervalSeconds);
  state.props.value = {
    ...props,
    head_block_number: blockNum,
    head_block_id: blockId,
    time: block.timestamp,
    current_witness: block.witness,
    current_aslot: props.current_aslot + slots,
    last_irreversible_block_num: blockNum,
  };
  state.blockIds.set(blockId, (blockNum & 0xffff) * 20);
  state.recentTransactions.clearExpired(props.time, block.timestamp, maxTimeUntilExpirationSeconds);
  state.virtualOps.setSource(blockLevelTrx, 0);
  applyBlockEconomics(state, blockNum, block.timestamp, block.witness);
  return blockId;
}

export interface ApplyBlockOptions {
  readonly chainId: Uint8Array;
  readonly blockIntervalSeconds: number;
  /** Given: signatures and authorities are checked. Absent: the block comes from our own trusted log. */
  readonly secp?: Secp256k1;
}

/** Applies a whole stored block on top of head; any invalid transaction makes the block invalid. */
export function applyBlock(state: ChainState, block: SignedBlock, options: ApplyBlockOptions): BlockResult {
  const props = state.props.value;
  if (!bytesEqual(block.previous, props.head_block_id)) {
    throw new ChainError("malformed_bytes", `block ${getBlockNumFromId(block.previous) + 1} does not link to head ${props.head_block_number} (${bytesToHex(props.head_block_id)})`);
  }
  if (block.timestamp <= props.time) throw new ChainError("malformed_bytes", "block timestamp must be after the head block's");
  const prepared: PreparedTransaction[] = block.transactions.map((tx) => prepareTransaction(tx, options.chainId));
  if (!bytesEqual(getTransactionMerkleRootOfBytes(prepared.map((p) => p.signedBytes)), block.transaction_merkle_root)) {
    throw new ChainError("malformed_bytes", "block transaction_merkle_root does not match its transactions");
  }
  state.undo.atomically(() => {
    prepared.forEach((p, trxInBlock) => {
      const signerKeys = options.secp === undefined ? null : recoverTransactionKeys(options.secp, p);
      applyTransaction(state, p, { signerKeys, trxInBlock });
    });
  });
  const blockId = applyBlockEnd(state, block, options.blockIntervalSeconds);
  return { blockNum: state.props.value.head_block_number, blockId, transactionIds: prepared.map((p) => p.idHex), virtualOps: state.virtualOps.take() };
}

