/** What every applied operation provides: stateless validation, required authorities, and apply. */
import type { Authority } from "../protocol/authority.ts";
import type { OperationBody, OperationName } from "../protocol/operation-schemas.ts";
import type { ChainState } from "../chain/state.ts";

export interface ApplyContext {
  readonly state: ChainState;
  /** Head block time: what every operation in the next block sees as "now" (as steemd). */
  readonly now: number;
  /** Number of the block the operation goes into. */
  readonly blockNum: number;
}

export interface AuthorityCollector {
  readonly posting: Set<string>;
  readonly active: Set<string>;
  readonly owner: Set<string>;
  readonly other: Authority[];
}

export interface OperationHandler<N extends OperationName> {
  /** Checks the operation alone; throws ChainError. */
  validate(op: OperationBody<N>): void;
  /** Adds the authorities the operation needs. */
  collectAuthorities(op: OperationBody<N>, into: AuthorityCollector): void;
  /** Applies the operation to state; throws ChainError (the transaction is then undone). */
  apply(context: ApplyContext, op: OperationBody<N>): void;
}
