// The valid signed transactions the fuzzer mutates: one or more of every operation the chain applies, built on a chain set up for them.

import type { PrivateKey } from "../../src/core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../../src/core/protocol/authority.ts";
import type { Operation } from "../../src/core/protocol/operation-schemas.ts";
import type { ChainNode } from "../../src/node/chain-node.ts";
import { createAccountsOnChain, createTestAccount, createUnsignedTransaction, signWith, steem, type TestAccount } from "./test-chain.ts";

export const fuzzAccounts = {
  alice: createTestAccount("alice"),
  bob: createTestAccount("bob"),
  carol: createTestAccount("carol"),
} as const;

/** Operations that are refused as unsupported, for the "extra operation" mutation. */
export function createUnsupportedOperations(time: number): Operation[] {
  const { alice, bob } = fuzzAccounts;
  return [
    { type: "limit_order_create", value: { owner: alice.name, orderid: 1, amount_to_sell: steem(1_000n), min_to_receive: { amount: 1_000n, symbol: "SBD" }, fill_or_kill: false, expiration: time + 3600 } },
    { type: "withdraw_vesting", value: { account: alice.name, vesting_shares: { amount: 1_000_000n, symbol: "VESTS" } } },
    { type: "delegate_vesting_shares", value: { delegator: alice.name, delegatee: bob.name, vesting_shares: { amount: 1_000_000n, symbol: "VESTS" } } },
    { type: "claim_reward_balance", value: { account: alice.name, reward_steem: steem(0n), reward_sbd: { amount: 0n, symbol: "SBD" }, reward_vests: { amount: 1n, symbol: "VESTS" } } },
    { type: "account_witness_vote", value: { account: alice.name, witness: "initminer", approve: true } },
    { type: "update_proposal_votes", value: { voter: alice.name, proposal_ids: [0n, 1n], approve: true, extensions: [] } },
  ];
}

/** One valid transaction to mutate: its operations and the secrets that sign it. */
export interface BaseSpec {
  readonly label: string;
  readonly operations: readonly Operation[];
  readonly secrets: readonly PrivateKey[];
}

/** Accounts, a post with a reply to delete, and a claimed account: what the base transactions need. */
export async function setUpFuzzChain(node: ChainNode): Promise<void> {
  const { alice, bob, carol } = fuzzAccounts;
  node.produceBlock();
  await createAccountsOnChain(node, [alice, bob, carol], 100_000_000n, 10_000_000n);
  const submit = (operations: Operation[], secrets: PrivateKey[]) => node.submit(signWith(createUnsignedTransaction(node.state, operations), node.options.chainId, secrets));
  await submit([{ type: "comment", value: { parent_author: "", parent_permlink: "fuzz", author: alice.name, permlink: "fuzz-post", title: "Fuzz", body: "A post to vote on.", json_metadata: '{"tags":["fuzz"]}' } }], [alice.secrets.posting]);
  await submit([{ type: "comment", value: { parent_author: alice.name, parent_permlink: "fuzz-post", author: carol.name, permlink: "fuzz-reply", title: "", body: "A reply to delete.", json_metadata: "" } }], [carol.secrets.posting]);
  await submit([{ type: "claim_account", value: { creator: bob.name, fee: node.state.props.value.account_creation_fee, extensions: [] } }], [bob.secrets.active]);
  node.produceBlock();
}

function authorities(account: TestAccount) {
  return {
    owner: createSingleKeyAuthority(account.keys.owner), active: createSingleKeyAuthority(account.keys.active),
    posting: createSingleKeyAuthority(account.keys.posting), memo_key: account.keys.memo,
  };
}

/** An operation whose optional fields are left out: the schema types (Infer) do not mark them optional, the codec does. */
function withAbsentOptionals(operation: { type: "account_update" | "account_update2"; value: object }): Operation {
  return operation as Operation;
}

/** The base transactions, in an order in which all of them apply (comment_options before the vote). */
export function createBaseSpecs(node: ChainNode): BaseSpec[] {
  const { alice, bob, carol } = fuzzAccounts;
  const fee = node.state.props.value.account_creation_fee;
  const one = createTestAccount("fuzz-one");
  return [
    {
      label: "comment_options", secrets: [alice.secrets.posting],
      operations: [{ type: "comment_options", value: { author: alice.name, permlink: "fuzz-post", max_accepted_payout: { amount: 1_000_000_000n, symbol: "SBD" }, percent_steem_dollars: 10000, allow_votes: true, allow_curation_rewards: true, extensions: [{ type: "comment_payout_beneficiaries", value: { beneficiaries: [{ account: bob.name, weight: 500 }, { account: carol.name, weight: 250 }] } }] } }],
    },
    { label: "vote", secrets: [bob.secrets.posting], operations: [{ type: "vote", value: { voter: bob.name, author: alice.name, permlink: "fuzz-post", weight: 10000 } }] },
    {
      label: "comment", secrets: [bob.secrets.posting],
      operations: [{ type: "comment", value: { parent_author: alice.name, parent_permlink: "fuzz-post", author: bob.name, permlink: "re-fuzz-post", title: "", body: "Nice post, **alice**.", json_metadata: '{"tags":["fuzz"],"app":"fuzzer/1"}' } }],
    },
    { label: "transfer", secrets: [alice.secrets.active], operations: [{ type: "transfer", value: { from: alice.name, to: bob.name, amount: steem(1_000n), memo: "fuzz memo" } }] },
    { label: "transfer_to_vesting", secrets: [alice.secrets.active], operations: [{ type: "transfer_to_vesting", value: { from: alice.name, to: carol.name, amount: steem(2_000n) } }] },
    {
      label: "account_create", secrets: [alice.secrets.active],
      operations: [{ type: "account_create", value: { fee, creator: alice.name, new_account_name: one.name, ...authorities(one), json_metadata: '{"profile":{"name":"One"}}' } }],
    },
    {
      label: "account_update", secrets: [alice.secrets.active],
      operations: [withAbsentOptionals({ type: "account_update", value: { account: alice.name, posting: { weight_threshold: 1, account_auths: [[bob.name, 1]], key_auths: [[alice.keys.posting, 1]] }, memo_key: alice.keys.memo, json_metadata: '{"profile":{"about":"fuzzed"}}' } })],
    },
    {
      label: "custom_json", secrets: [carol.secrets.posting],
      operations: [{ type: "custom_json", value: { required_auths: [], required_posting_auths: [carol.name], id: "follow", json: '["follow",{"follower":"carol","following":"alice","what":["blog"]}]' } }],
    },
    { label: "delete_comment", secrets: [carol.secrets.posting], operations: [{ type: "delete_comment", value: { author: carol.name, permlink: "fuzz-reply" } }] },
    { label: "claim_account", secrets: [alice.secrets.active], operations: [{ type: "claim_account", value: { creator: alice.name, fee, extensions: [] } }] },
    {
      label: "create_claimed_account", secrets: [bob.secrets.active],
      operations: [{ type: "create_claimed_account", value: { creator: bob.name, new_account_name: "fuzz-two", ...authorities(createTestAccount("fuzz-two")), json_metadata: "", extensions: [] } }],
    },
    {
      label: "account_create_with_delegation", secrets: [carol.secrets.active],
      operations: [{ type: "account_create_with_delegation", value: { fee, delegation: { amount: 0n, symbol: "VESTS" }, creator: carol.name, new_account_name: "fuzz-three", ...authorities(createTestAccount("fuzz-three")), json_metadata: "", extensions: [] } }],
    },
    {
      label: "account_update2", secrets: [alice.secrets.posting],
      operations: [withAbsentOptionals({ type: "account_update2", value: { account: alice.name, json_metadata: "", posting_json_metadata: '{"profile":{"name":"Alice"}}', extensions: [] } })],
    },
    {
      label: "transfer + custom_json (active)", secrets: [bob.secrets.active],
      operations: [
        { type: "transfer", value: { from: bob.name, to: "null", amount: { amount: 1n, symbol: "STEEM" }, memo: "" } },
        { type: "custom_json", value: { required_auths: [bob.name], required_posting_auths: [], id: "fuzz-app", json: '{"n":1,"list":[true,null,"x"]}' } },
      ],
    },
  ];
}
