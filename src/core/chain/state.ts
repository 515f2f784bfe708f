/**
 * The chain state: global properties, accounts, comments, votes and the bookkeeping for TaPoS and
 * duplicate detection. Records are read-only to callers; tables make every write undoable.
 */
import type { Asset } from "../asset.ts";
import type { PublicKey } from "../crypto/keys.ts";
import type { Authority } from "../protocol/authority.ts";
import type { Beneficiary } from "../protocol/operation-schemas.ts";
import type { Price } from "../economics/sbd.ts";
import { AccountTable } from "./account-table.ts";
import { Schedule } from "./schedule.ts";
import { VirtualOperationBuffer } from "./virtual-ops.ts";
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
  /** Id of the next conversion, savings withdrawal or delegation return (Kettle's; steemd numbers each object type). */
  readonly next_request_id: number;
}

/** The "post" reward fund (the only one since HF19). */
export interface RewardFund {
  readonly reward_balance: bigint;
  /** uint128 in steemd; a bigint here (checked by the invariants, never wrapped). */
  readonly recent_claims: bigint;
  readonly last_update: number;
}

/** The feed: each hour the producers' median joins a history of 84, whose median prices SBD. */
export interface FeedHistory {
  /** null until the first feed (then SBD is neither printed nor convertible, as in steemd). */
  readonly current_median_history: Price | null;
  readonly price_history: readonly Price[];
}

export interface WitnessFeed {
  readonly owner: string;
  readonly exchange_rate: Price;
  readonly last_update: number;
}

export interface ConvertRequest {
  readonly id: number;
  readonly owner: string;
  readonly requestid: number;
  /** SBD (raw) taken when the request was made. */
  readonly amount: bigint;
  readonly conversion_date: number;
}

export interface SavingsWithdraw {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly memo: string;
  readonly request_id: number;
  readonly amount: bigint;
  readonly symbol: "STEEM" | "SBD";
  readonly complete: number;
}

export interface WithdrawRoute {
  /** Stable object id (from `next_request_id`), kept while the route exists. */
  readonly id: number;
  readonly from_account: string;
  readonly to_account: string;
  readonly percent: number;
  readonly auto_vest: boolean;
}

export interface DelegationExpiration {
  readonly id: number;
  readonly delegator: string;
  readonly vesting_shares: bigint;
  readonly expiration: number;
}

/** Per-resource RC pools (steemd's rc plugin), in the order of `Resource` in economics/rc.ts. */
export interface RcPools {
  readonly pools: readonly bigint[];
  /** What the current block's transactions used so far, in pool units (count × resource unit); all 0 between blocks. */
  readonly blockUsage: readonly bigint[];
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
  /** SBD-seconds accumulated on the liquid SBD balance since the last interest payment (steemd: uint128). */
  readonly sbd_seconds: bigint;
  readonly sbd_seconds_last_update: number;
  readonly sbd_last_interest_payment: number;
  readonly savings_sbd_seconds: bigint;
  readonly savings_sbd_seconds_last_update: number;
  readonly savings_sbd_last_interest_payment: number;
  readonly savings_withdraw_requests: number;
  /** Resource credits: the manabar's mana (may dip below 0 only by the rc plugin's allowance) and the extra max from account creation. */
  readonly rc_manabar: Manabar;
  readonly max_rc_creation_adjustment: bigint;
  /** Raw reputation (reputation plugin); null: no record yet. */
  readonly reputation: bigint | null;
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
  /** Stable object id (from `next_request_id`), kept while the delegation exists. */
  readonly id: number;
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
  readonly rewardFund: Cell<RewardFund>;
  readonly feed: Cell<FeedHistory>;
  readonly witnessFeeds: Table<WitnessFeed>;
  readonly conversions: Table<ConvertRequest>;
  readonly savingsWithdraws: Table<SavingsWithdraw>;
  readonly withdrawRoutes: Table<WithdrawRoute>;
  readonly delegationExpirations: Table<DelegationExpiration>;
  readonly rc: Cell<RcPools>;
  /** What falls due when: keys into comments, accounts, conversions, savingsWithdraws, delegationExpirations. */
  readonly schedules: {
    readonly cashouts: Schedule;
    readonly withdrawals: Schedule;
    readonly conversions: Schedule;
    readonly savings: Schedule;
    readonly delegationReturns: Schedule;
  };
  /** Virtual operations of the block being built; not state (the node drains them with each block). */
  readonly virtualOps: VirtualOperationBuffer;
  /** Ids of unexpired transactions with their expirations (duplicate detection). */
  readonly recentTransactions: RecentTransactions;
  /** Block ids of the last 65,536 blocks, 20 bytes each at (block number & 0xffff) × 20 (TaPoS). */
  readonly blockIds: Uint8Array;
  /** Group ids: each table's records by the account (or parent) the API and the chain look them up by. */
  readonly groups: {
    readonly repliesByParent: number;
    readonly routesByFrom: number;
    readonly routesByTo: number;
    readonly delegationsByDelegator: number;
    readonly expirationsByDelegator: number;
    readonly conversionsByOwner: number;
    readonly savingsByFrom: number;
    readonly savingsByTo: number;
  };
}

export { commentKey, delegationKey, voteKey } from "./keys.ts";

/** The singletons besides the global properties, as snapshots keep them. */
export interface StateSingletons {
  readonly rewardFund: RewardFund;
  readonly feed: FeedHistory;
  readonly rc: RcPools;
}

/** An empty state around the given global properties; genesis.ts fills it. */
export function createEmptyState(props: GlobalProperties, singletons: StateSingletons): ChainState {
  const undo = new UndoLog();
  const comments = new Table<Comment>(undo);
  const withdrawRoutes = new Table<WithdrawRoute>(undo);
  const delegations = new Table<Delegation>(undo);
  const delegationExpirations = new Table<DelegationExpiration>(undo);
  const conversions = new Table<ConvertRequest>(undo);
  const savingsWithdraws = new Table<SavingsWithdraw>(undo);
  return {
    undo,
    props: new Cell(undo, props),
    accounts: new AccountTable(undo),
    comments,
    votes: new VoteTable(undo),
    delegations,
    rewardFund: new Cell(undo, singletons.rewardFund),
    feed: new Cell(undo, singletons.feed),
    witnessFeeds: new Table<WitnessFeed>(undo),
    conversions,
    savingsWithdraws,
    withdrawRoutes,
    delegationExpirations,
    rc: new Cell(undo, singletons.rc),
    schedules: {
      cashouts: new Schedule(undo),
      withdrawals: new Schedule(undo),
      conversions: new Schedule(undo),
      savings: new Schedule(undo),
      delegationReturns: new Schedule(undo),
    },
    virtualOps: new VirtualOperationBuffer(undo),
    recentTransactions: new RecentTransactions(undo, props.time),
    blockIds: new Uint8Array(65536 * 20),
    groups: {
      repliesByParent: comments.addGroup((c) => (c.parent_author === "" ? null : commentKey(c.parent_author, c.parent_permlink))),
      routesByFrom: withdrawRoutes.addGroup((r) => r.from_account),
      routesByTo: withdrawRoutes.addGroup((r) => r.to_account),
      delegationsByDelegator: delegations.addGroup((d) => d.delegator),
      expirationsByDelegator: delegationExpirations.addGroup((e) => e.delegator),
      conversionsByOwner: conversions.addGroup((c) => c.owner),
      savingsByFrom: savingsWithdraws.addGroup((w) => w.from),
      savingsByTo: savingsWithdraws.addGroup((w) => w.to),
    },
  };
}

/** The next object id (`next_request_id`, shared by every kind of request and link), taken. */
export function takeObjectId(state: ChainState): number {
  const props = state.props.value;
  state.props.value = { ...props, next_request_id: props.next_request_id + 1 };
  return props.next_request_id;
}
