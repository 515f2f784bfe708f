/**
 * Virtual operations: what the chain did on its own (payouts, power-down weeks, fills…), reported beside
 * the signed operations by get_ops_in_block and account history but never signed or put in a block.
 * Steem numbers them from 47, in this order (steemit/steem steem_virtual_operations.hpp);
 * `effective_comment_vote` is Hive's, which Kettle also reports (its number here is Kettle's own, 66).
 */
import { type Infer, type Schema, accountName, array, asset, int64, permlink, struct, text, uint16, uint32, uint64, variant } from "../encoding/schema.ts";

export const virtualOperationSchemas = {
  fill_convert_request: struct({ owner: accountName, requestid: uint32, amount_in: asset, amount_out: asset }),
  author_reward: struct({ author: accountName, permlink, sbd_payout: asset, steem_payout: asset, vesting_payout: asset }),
  curation_reward: struct({ curator: accountName, reward: asset, comment_author: accountName, comment_permlink: permlink }),
  // Hive's form: the payout split (author tokens, and the author's, curators' and beneficiaries' SBD values) beside the total.
  comment_reward: struct({
    author: accountName, permlink, payout: asset, author_rewards: int64, total_payout_value: asset, curator_payout_value: asset, beneficiary_payout_value: asset,
  }),
  liquidity_reward: struct({ owner: accountName, payout: asset }),
  interest: struct({ owner: accountName, interest: asset }),
  fill_vesting_withdraw: struct({ from_account: accountName, to_account: accountName, withdrawn: asset, deposited: asset }),
  fill_order: struct({ current_owner: accountName, current_orderid: uint32, current_pays: asset, open_owner: accountName, open_orderid: uint32, open_pays: asset }),
  shutdown_witness: struct({ owner: accountName }),
  fill_transfer_from_savings: struct({ from: accountName, to: accountName, amount: asset, request_id: uint32, memo: text }),
  hardfork: struct({ hardfork_id: uint32 }),
  comment_payout_update: struct({ author: accountName, permlink }),
  return_vesting_delegation: struct({ account: accountName, vesting_shares: asset }),
  comment_benefactor_reward: struct({ benefactor: accountName, author: accountName, permlink, sbd_payout: asset, steem_payout: asset, vesting_payout: asset }),
  producer_reward: struct({ producer: accountName, vesting_shares: asset }),
  clear_null_account_balance: struct({ total_cleared: array(asset) }),
  proposal_pay: struct({ receiver: accountName, payment: asset, trx_id: text, op_in_trx: uint16 }),
  sps_fund: struct({ additional_funds: asset }),
  hardfork23: struct({ account: accountName, sbd_transferred: asset, steem_transferred: asset, vests_converted: asset, total_steem_from_vests: asset }),
  effective_comment_vote: struct({ voter: accountName, author: accountName, permlink, weight: uint64, rshares: int64, total_vote_weight: uint64, pending_payout: asset }),
};

export type VirtualOperationName = keyof typeof virtualOperationSchemas;
export const virtualOperationNames = Object.keys(virtualOperationSchemas) as VirtualOperationName[];
export type VirtualOperationBody<N extends VirtualOperationName> = Infer<(typeof virtualOperationSchemas)[N]>;
export type VirtualOperation = { [N in VirtualOperationName]: { readonly type: N; readonly value: VirtualOperationBody<N> } }[VirtualOperationName];

/** Binary form in Kettle's virtual-operation log: the variant index is the position in the list above. */
export const virtualOperationSchema: Schema<VirtualOperation> = variant(
  virtualOperationNames.map((name) => ({ name, schema: virtualOperationSchemas[name] as Schema })),
);

/** The first virtual operation's number on Steem (after the 47 signed operations). */
export const virtualOperationIdFirst = 47;

/** The operation number clients see (Steem's, for filters). */
export function getVirtualOperationId(name: VirtualOperationName): number {
  return virtualOperationIdFirst + virtualOperationNames.indexOf(name);
}
