/**
 * The virtual operations of the block being built, with where each belongs: the transaction and
 * operation that caused it (a vote's effective_comment_vote, an interest payment during a transfer) or the
 * block itself (payouts, power-down weeks…: `trxInBlock` = 0xffffffff, as steemd reports them).
 * Pushes inside a transaction are undone with it. The node takes the block's list when it closes it.
 */
import type { VirtualOperation } from "../protocol/virtual-operation-schemas.ts";
import type { UndoLog } from "./table.ts";

/** The transaction index of operations done by the block itself (steemd's uint32(-1)). */
export const blockLevelTrx = 0xffffffff;

/**
 * In account-history entries, marks the operation index as the index of a virtual operation in its
 * block's list (a transaction has at most 65,535 operations, so the flag never collides).
 */
export const virtualOpFlag = 0x80000000;

export interface VirtualOperationRecord {
  readonly trxInBlock: number;
  readonly opInTrx: number;
  readonly op: VirtualOperation;
}

export class VirtualOperationBuffer {
  private records: VirtualOperationRecord[] = [];
  private trx = blockLevelTrx;
  private opIndex = 0;

  constructor(private readonly undo: UndoLog) {}

  /** Where the operations pushed from now on come from. */
  setSource(trxInBlock: number, opInTrx: number): void {
    this.trx = trxInBlock;
    this.opIndex = opInTrx;
  }

  push(op: VirtualOperation): void {
    const length = this.records.push({ trxInBlock: this.trx, opInTrx: this.opIndex, op });
    this.undo.record(() => {
      this.records.length = length - 1;
    });
  }

  get count(): number {
    return this.records.length;
  }

  /** The block's records so far, emptying the buffer (and setting the source back to the block). */
  take(): VirtualOperationRecord[] {
    const taken = this.records;
    this.records = [];
    this.trx = blockLevelTrx;
    this.opIndex = 0;
    return taken;
  }
}
