/**
 * The chain state: global properties, accounts, comments, votes and the bookkeeping for TaPoS and
 * duplicate detection. Records are read-only to callers; tables make every write undoable.
 */
import type { Asset } from "../asset.ts";
import type { PublicKey } from "../crypto/keys.ts";
import type { Authority } from "../protocol/authority.ts";
import type { Beneficiary } from "../protocol/operation-schemas.ts";
import { AccountTable } from "./account-table.ts";
import { RecentTransactions } from "./recent-transactions.ts";
import { Cell, Table, UndoLog } from "./table.ts";
import { VoteTable } from "./vote-table.ts";
import { commentKey } from "./keys.ts";

export interface Manabar {
  readonly current_mana: bigint;
  readonly last_update_time: number;
}

export interface GlobalProperties {
  readonly head_block_number: number;
  readonly head_block_id: Uint8Array;
  readonly time: number;
  readonly current_witness: string;
  readonly current_supply: bigint;
  readonly current_sbd_supply: bigint;
  readonly virtual_supply: bigint;
  readonly total_vesting_fund_steem: bigint;
  readonly total_vesting_shares: bigint;
  readonly total_reward_fund_steem: bigint;
  readonly pending_rewarded_vesting_shares: bigint;
  readonly pending_rewarded_vesting_steem: bigint;
  readonly sbd_interest_rate: number;
  readonly sbd_print_rate: number;
  readonly maximum_block_size: number;
  readonly current_aslot: number;
  readonly last_irreversible_block_num: number;
  readonly account_creation_fee: Asset;
  readonly next_account_id: number;
  readonly next_comment_id: number;
  readonly next_vote_id: number;
}

export interface Account {
  readonly id: number;
  readonly name: string;
  readonly owner: Authority;
  readonly active: Authority;
  readonly posting: Authority;
  readonly memo_key: PublicKey;
  readonly json_metadata: string;
  readonly posting_json_metadata: string;
  readonly proxy: string;
  readonly last_owner_update: number;
  readonly last_account_update: number;
  readonly created: number;
  readonly recovery_account: string;
  readonly reset_account: string;
  readonly comment_count: number;
  readonly lifetime_vote_count: number;
  readonly post_count: number;
  readonly can_vote: boolean;
  readonly voting_manabar: Manabar;
  readonly downvote_manabar: Manabar;
  readonly balance: bigint;
  readonly savings_balance: bigint;
  readonly sbd_balance: bigint;
  readonly savings_sbd_balance: bigint;
  readonly reward_sbd_balance: bigint;
  readonly reward_steem_balance: bigint;
  readonly reward_vesting_balance: bigint;
  readonly reward_vesting_steem: bigint;
  readonly vesting_shares: bigint;
  readonly delegated_vesting_shares: bigint;
  readonly received_vesting_shares: bigint;
  readonly vesting_withdraw_rate: bigint;
  readonly next_vesting_withdrawal: number;
  readonly withdrawn: bigint;
  readonly to_withdraw: bigint;
  readonly withdraw_routes: number;
  readonly curation_rewards: bigint;
  readonly posting_rewards: bigint;
  readonly last_post: number;
  readonly last_root_post: number;
  readonly last_post_edit: number;
  readonly last_vote_time: number;
  readonly pending_claimed_accounts: bigint;
}

export interface Comment {
  readonly id: number;
  readonly author: string;
  readonly permlink: string;
  readonly category: string;
  readonly parent_author: string;
  readonly parent_permlink: string;
  readonly title: string;
  readonly body: string;
  readonly json_metadata: string;
  readonly last_update: number;
  readonly created: number;
  readonly active: number;
  readonly last_payout: number;
  readonly depth: number;
  readonly children: number;
  readonly net_rshares: bigint;
  readonly abs_rshares: bigint;
  readonly vote_rshares: bigint;
  readonly children_abs_rshares: bigint;
  readonly cashout_time: number;
  readonly max_cashout_time: number;
  readonly total_vote_weight: bigint;
  readonly reward_weight: number;
  readonly total_payout_value: bigint;
  readonly curator_payout_value: bigint;
  readonly author_rewards: bigint;
  readonly net_votes: number;
  readonly root_author: string;
  readonly root_permlink: string;
  readonly max_accepted_payout: bigint;
  readonly percent_steem_dollars: number;
  readonly allow_replies: boolean;
  readonly allow_votes: boolean;
  readonly allow_curation_rewards: boolean;
  readonly beneficiaries: readonly Beneficiary[];
}

export interface Vote {
  readonly id: number;
  readonly voter: string;
  readonly author: string;
  readonly permlink: string;
  /** Curation weight. */
  readonly weight: bigint;
  readonly rshares: bigint;
  readonly vote_percent: number;
  readonly last_update: number;
  readonly num_changes: number;
}

export interface Delegation {
  readonly delegator: string;
  readonly delegatee: string;
  readonly vesting_shares: bigint;
  readonly min_delegation_time: number;
}

export interface ChainParameters {
  readonly chainId: Uint8Array;
  readonly producer: string;
}

/** Everything consensus depends on. Mutated only by apply* functions in core/chain and core/operations. */
export interface ChainState {
  readonly undo: UndoLog;
  readonly props: Cell<GlobalProperties>;
  readonly accounts: AccountTable;
  readonly comments: Table<Comment>;
  readonly votes: VoteTable;
  readonly delegations: Table<Delegation>;
  /** Ids of unexpired transactions with their expirations (duplicate detection). */
  readonly recentTransactions: RecentTransactions;
  /** Block ids of the last 65,536 blocks, 20 bytes each at (block number & 0xffff) × 20 (TaPoS). */
  readonly blockIds: Uint8Array;
  readonly groups: { readonly repliesByParent: number };
}

export { commentKey, delegationKey, voteKey } from "./keys.ts";

/** An empty state around the given global properties; genesis.ts fills it. */
export function createEmptyState(props: GlobalProperties): ChainState {
  const undo = new UndoLog();
  const comments = new Table<Comment>(undo);
  return {
    undo,
    props: new Cell(undo, props),
    accounts: new AccountTable(undo),
    comments,
    votes: new VoteTable(undo),
    delegations: new Table<Delegation>(undo),
    recentTransactions: new RecentTransactions(undo, props.time),
    blockIds: new Uint8Array(65536 * 20),
    groups: {
      repliesByParent: comments.addGroup((c) => (c.parent_author === "" ? null : commentKey(c.parent_author, c.parent_permlink))),
    },
  };
}
