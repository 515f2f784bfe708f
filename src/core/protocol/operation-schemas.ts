/**
 * The wire layout of every Steem operation, ids 0–46, in tag order (steemit/steem operations.hpp and
 * FC_REFLECT order). Which of them the chain applies is decided in operations/index.ts.
 */
import {
  type Infer, type Schema, type VariantValue, accountName, array, asset, authority, bool, bytes, customId, extensions,
  fixedBytes, int16, int64, map, optional, permlink, price, publicKey, set, struct, text, time, uint16, uint32, uint64, variant,
} from "../encoding/schema.ts";

const chainProperties = struct(
  { account_creation_fee: asset, maximum_block_size: uint32, sbd_interest_rate: uint16 },
  { sbd_interest_rate: ["hbd_interest_rate"] },
);

export const beneficiarySchema = struct({ account: accountName, weight: uint16 });
export type Beneficiary = Infer<typeof beneficiarySchema>;

export const commentOptionsExtensionSchema = variant<VariantValue<"comment_payout_beneficiaries", { beneficiaries: readonly Beneficiary[] }>>([
  { name: "comment_payout_beneficiaries", schema: struct({ beneficiaries: array(beneficiarySchema) }) },
]);

const signedBlockHeaderSchema = struct({
  previous: fixedBytes(20),
  timestamp: time,
  witness: accountName,
  transaction_merkle_root: fixedBytes(20),
  extensions,
  witness_signature: fixedBytes(65),
});

const powSchema = struct({ worker: publicKey, input: fixedBytes(32), signature: fixedBytes(65), work: fixedBytes(32) });
const pow2Input = struct({ worker_account: accountName, prev_block: fixedBytes(20), nonce: uint64 });
const pow2WorkSchema = variant([
  { name: "pow2", schema: struct({ input: pow2Input, pow_summary: uint32 }) },
  {
    name: "equihash_pow",
    schema: struct({
      input: pow2Input,
      proof: struct({ n: uint32, k: uint32, seed: fixedBytes(32), inputs: array(uint32) }),
      prev_block: fixedBytes(20),
      pow_summary: uint32,
    }),
  },
]);

export const operationSchemas = {
  vote: struct({ voter: accountName, author: accountName, permlink, weight: int16 }),
  comment: struct({
    parent_author: accountName, parent_permlink: permlink, author: accountName, permlink,
    title: text, body: text, json_metadata: text,
  }),
  transfer: struct({ from: accountName, to: accountName, amount: asset, memo: text }),
  transfer_to_vesting: struct({ from: accountName, to: accountName, amount: asset }),
  withdraw_vesting: struct({ account: accountName, vesting_shares: asset }),
  limit_order_create: struct({
    owner: accountName, orderid: uint32, amount_to_sell: asset, min_to_receive: asset, fill_or_kill: bool, expiration: time,
  }),
  limit_order_cancel: struct({ owner: accountName, orderid: uint32 }),
  feed_publish: struct({ publisher: accountName, exchange_rate: price }),
  convert: struct({ owner: accountName, requestid: uint32, amount: asset }),
  account_create: struct({
    fee: asset, creator: accountName, new_account_name: accountName, owner: authority, active: authority,
    posting: authority, memo_key: publicKey, json_metadata: text,
  }),
  account_update: struct({
    account: accountName, owner: optional(authority), active: optional(authority), posting: optional(authority),
    memo_key: publicKey, json_metadata: text,
  }),
  witness_update: struct({ owner: accountName, url: text, block_signing_key: publicKey, props: chainProperties, fee: asset }),
  account_witness_vote: struct({ account: accountName, witness: accountName, approve: bool }),
  account_witness_proxy: struct({ account: accountName, proxy: accountName }),
  pow: struct({ worker_account: accountName, block_id: fixedBytes(20), nonce: uint64, work: powSchema, props: chainProperties }),
  custom: struct({ required_auths: set(accountName), id: uint16, data: bytes }),
  report_over_production: struct({ reporter: accountName, first_block: signedBlockHeaderSchema, second_block: signedBlockHeaderSchema }),
  delete_comment: struct({ author: accountName, permlink }),
  custom_json: struct({ required_auths: set(accountName), required_posting_auths: set(accountName), id: customId, json: text }),
  comment_options: struct(
    {
      author: accountName, permlink, max_accepted_payout: asset, percent_steem_dollars: uint16, allow_votes: bool,
      allow_curation_rewards: bool, extensions: set(commentOptionsExtensionSchema),
    },
    { percent_steem_dollars: ["percent_hbd"] },
  ),
  set_withdraw_vesting_route: struct({ from_account: accountName, to_account: accountName, percent: uint16, auto_vest: bool }),
  limit_order_create2: struct({
    owner: accountName, orderid: uint32, amount_to_sell: asset, exchange_rate: price, fill_or_kill: bool, expiration: time,
  }),
  claim_account: struct({ creator: accountName, fee: asset, extensions }),
  create_claimed_account: struct({
    creator: accountName, new_account_name: accountName, owner: authority, active: authority, posting: authority,
    memo_key: publicKey, json_metadata: text, extensions,
  }),
  request_account_recovery: struct({
    recovery_account: accountName, account_to_recover: accountName, new_owner_authority: authority, extensions,
  }),
  recover_account: struct({
    account_to_recover: accountName, new_owner_authority: authority, recent_owner_authority: authority, extensions,
  }),
  change_recovery_account: struct({ account_to_recover: accountName, new_recovery_account: accountName, extensions }),
  escrow_transfer: struct(
    {
      from: accountName, to: accountName, sbd_amount: asset, steem_amount: asset, escrow_id: uint32, agent: accountName,
      fee: asset, json_meta: text, ratification_deadline: time, escrow_expiration: time,
    },
    { sbd_amount: ["hbd_amount"], steem_amount: ["hive_amount"] },
  ),
  escrow_dispute: struct({ from: accountName, to: accountName, agent: accountName, who: accountName, escrow_id: uint32 }),
  escrow_release: struct(
    {
      from: accountName, to: accountName, agent: accountName, who: accountName, receiver: accountName, escrow_id: uint32,
      sbd_amount: asset, steem_amount: asset,
    },
    { sbd_amount: ["hbd_amount"], steem_amount: ["hive_amount"] },
  ),
  pow2: struct({ work: pow2WorkSchema, new_owner_key: optional(publicKey), props: chainProperties }),
  escrow_approve: struct({
    from: accountName, to: accountName, agent: accountName, who: accountName, escrow_id: uint32, approve: bool,
  }),
  transfer_to_savings: struct({ from: accountName, to: accountName, amount: asset, memo: text }),
  transfer_from_savings: struct({ from: accountName, request_id: uint32, to: accountName, amount: asset, memo: text }),
  cancel_transfer_from_savings: struct({ from: accountName, request_id: uint32 }),
  custom_binary: struct({
    required_owner_auths: set(accountName), required_active_auths: set(accountName), required_posting_auths: set(accountName),
    required_auths: array(authority), id: customId, data: bytes,
  }),
  decline_voting_rights: struct({ account: accountName, decline: bool }),
  reset_account: struct({ reset_account: accountName, account_to_reset: accountName, new_owner_authority: authority }),
  set_reset_account: struct({ account: accountName, current_reset_account: accountName, reset_account: accountName }),
  claim_reward_balance: struct(
    { account: accountName, reward_steem: asset, reward_sbd: asset, reward_vests: asset },
    { reward_steem: ["reward_hive"], reward_sbd: ["reward_hbd"] },
  ),
  delegate_vesting_shares: struct({ delegator: accountName, delegatee: accountName, vesting_shares: asset }),
  account_create_with_delegation: struct({
    fee: asset, delegation: asset, creator: accountName, new_account_name: accountName, owner: authority, active: authority,
    posting: authority, memo_key: publicKey, json_metadata: text, extensions,
  }),
  witness_set_properties: struct({ owner: accountName, props: map(text, bytes), extensions }),
  account_update2: struct({
    account: accountName, owner: optional(authority), active: optional(authority), posting: optional(authority),
    memo_key: optional(publicKey), json_metadata: text, posting_json_metadata: text, extensions,
  }),
  create_proposal: struct({
    creator: accountName, receiver: accountName, start_date: time, end_date: time, daily_pay: asset, subject: text,
    permlink, extensions,
  }),
  update_proposal_votes: struct({ voter: accountName, proposal_ids: set(int64), approve: bool, extensions }),
  remove_proposal: struct({ proposal_owner: accountName, proposal_ids: set(int64), extensions }),
} as const satisfies Record<string, Schema>;

export type OperationName = keyof typeof operationSchemas;
export const operationNames = Object.keys(operationSchemas) as OperationName[];

export type OperationBody<N extends OperationName> = Infer<(typeof operationSchemas)[N]>;

/** An operation in the domain: its name and its fields (appbase's shape without the `_operation` suffix). */
export type Operation = { [N in OperationName]: { readonly type: N; readonly value: OperationBody<N> } }[OperationName];

export const operationSchema: Schema<Operation> = variant(
  operationNames.map((name) => ({ name, schema: operationSchemas[name] as Schema })),
);

export function getOperationId(name: OperationName): number {
  return operationNames.indexOf(name);
}
