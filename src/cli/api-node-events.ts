/**
 * The producer's chain events for subscribers: each committed block, and its operations in
 * `get_ops_in_block`'s order and shape with the accounts each impacts (the rule the node's account
 * history uses, which lives in node/ and so is applied here, where node and API meet). Nothing is
 * formatted while nobody listens.
 */
import { operationsInBlock } from "../api/methods/block-methods.ts";
import { formatTime } from "../api/format/json-time.ts";
import type { ApiContext, CommittedBlockEvent } from "../api/ports.ts";
import type { BlockEvent, ChainEventSource, ChainEvents, ChainTopic, OperationEvent, Unwatch } from "../api/subscriptions.ts";
import { getImpactedAccounts, getVirtualImpactedAccounts } from "../node/history-index.ts";
import { bytesToHex } from "../stdx/bytes.ts";

type Listener<T extends ChainTopic> = (event: ChainEvents[T]) => void;

export class NodeChainEvents implements ChainEventSource {
  private readonly listeners: { readonly [T in ChainTopic]: Set<Listener<T>> } = { blocks: new Set(), operations: new Set() };

  /** `onError`: a listener threw (it must not stop the node's block loop, so it is only reported). */
  constructor(private readonly context: ApiContext, private readonly onError: (error: Error) => void) {
    context.node.onBlock((committed) => this.publish(committed));
  }

  watch<T extends ChainTopic>(topic: T, onEvent: Listener<T>): Promise<Unwatch> {
    const set = this.listeners[topic] as Set<Listener<T>>;
    set.add(onEvent);
    return Promise.resolve(() => {
      set.delete(onEvent);
    });
  }

  private publish(committed: CommittedBlockEvent): void {
    if (this.listeners.blocks.size > 0) this.hand(this.listeners.blocks, blockEvent(committed));
    if (this.listeners.operations.size > 0) {
      for (const event of this.operationEvents(committed.blockNum)) this.hand(this.listeners.operations, event);
    }
  }

  private hand<E>(listeners: Set<(event: E) => void>, event: E): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onError(error as Error);
      }
    }
  }

  private operationEvents(blockNum: number): OperationEvent[] {
    const node = this.context.node;
    const block = node.getBlock(blockNum);
    if (block === null) return [];
    const virtuals = node.getVirtualOperations(blockNum);
    const entries = operationsInBlock(this.context, blockNum, "legacy", false);
    // Signed operations are found by their place in the block; a virtual one is `virtual_op` − 1 in the block's list.
    return entries.map((entry) => {
      const impacted = entry.virtual_op === 0
        ? getImpactedAccounts(block.transactions[entry.trx_in_block].operations[entry.op_in_trx])
        : getVirtualImpactedAccounts(virtuals[entry.virtual_op - 1].op);
      return { ...entry, op: entry.op as OperationEvent["op"], impacted: [...impacted] };
    });
  }
}

function blockEvent(committed: CommittedBlockEvent): BlockEvent {
  const block = committed.block;
  return {
    block_num: committed.blockNum, block_id: bytesToHex(committed.blockId), previous: bytesToHex(block.previous),
    timestamp: formatTime(block.timestamp), witness: block.witness, transaction_ids: committed.transactionIds,
  };
}
