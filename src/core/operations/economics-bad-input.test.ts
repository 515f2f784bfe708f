// Bad economic input is refused with a clear code and changes nothing (issue 3, "what must hold" 4): bad
// amounts, beneficiaries unsorted, over 100 % or set after votes, payout options changed after votes, and
// claims, power downs, delegations and conversions beyond what is held.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount, updateAccount } from "../chain/accounts.ts";
import { applyTransaction, prepareTransaction } from "../chain/apply-transaction.ts";
import { createGenesisState } from "../chain/genesis.ts";
import { getStateHash } from "../chain/state-snapshot.ts";
import type { ChainState } from "../chain/state.ts";
import { nullPublicKey } from "../crypto/keys.ts";
import { ChainError } from "../errors.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import type { Operation } from "../protocol/operation-schemas.ts";

const t0 = 1_700_000_000;
const chainId = new Uint8Array(32);
const steem = (amount: bigint) => ({ amount, symbol: "STEEM" as const });
const sbd = (amount: bigint) => ({ amount, symbol: "SBD" as const });
const vests = (amount: bigint) => ({ amount, symbol: "VESTS" as const });

function setup(): ChainState {
  const state = createGenesisState({
    time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 1_000_000_000n, initVestingSteem: 1_000_000_000n, vestsPerSteem: 2_000_000n,
    accountCreationFee: 3_000n, rewardFundSteem: 1_000_000n, recentClaims: 10n ** 15n, initialPrice: { sbd: 250n, steem: 1_000n },
  });
  const auth = createSingleKeyAuthority(nullPublicKey);
  for (const name of ["alice", "bob", "carol"]) {
    const account = createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
    const v = 2_000_000_000_000n;
    updateAccount(state, account, {
      balance: 10_000n, vesting_shares: v, voting_manabar: { current_mana: v, last_update_time: t0 }, downvote_manabar: { current_mana: v / 4n, last_update_time: t0 },
      rc_manabar: { current_mana: v, last_update_time: t0 }, max_rc_creation_adjustment: v,
    });
  }
  // Keep the supply consistent with the stake handed out above.
  const props = state.props.value;
  state.props.value = {
    ...props, current_supply: props.current_supply + 30_000n + 3_000_000n, virtual_supply: props.virtual_supply + 30_000n + 3_000_000n,
    total_vesting_shares: props.total_vesting_shares + 6_000_000_000_000n, total_vesting_fund_steem: props.total_vesting_fund_steem + 3_000_000n,
  };
  return state;
}

let nonce = 0;
function apply(state: ChainState, operations: Operation[]): void {
  const tx = { ref_block_num: 0, ref_block_prefix: 0, expiration: state.props.value.time + 60 + nonce++ % 600, operations, extensions: [], signatures: [] };
  applyTransaction(state, prepareTransaction(tx, chainId), { signerKeys: null, trxInBlock: 0 });
}

/** The operation is refused with `code` (and a message matching `message`), and the state hash is unchanged. */
function assertRefused(state: ChainState, operations: Operation[], code: string, message: RegExp): void {
  const before = getStateHash(state);
  assert.throws(() => apply(state, operations), (error: unknown) => {
    assert.ok(error instanceof ChainError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
  assert.equal(getStateHash(state), before, `${operations[0].type} refused with ${code} changed the state`);
}

const post: Operation = { type: "comment", value: { parent_author: "", parent_permlink: "syria", author: "alice", permlink: "aleppo", title: "Aleppo", body: "body", json_metadata: "" } };
const options = (extra: Partial<{ max: bigint; psd: number; votes: boolean; curation: boolean; beneficiaries: { account: string; weight: number }[] }>): Operation => ({
  type: "comment_options",
  value: {
    author: "alice", permlink: "aleppo", max_accepted_payout: sbd(extra.max ?? 1_000_000_000n), percent_steem_dollars: extra.psd ?? 10000,
    allow_votes: extra.votes ?? true, allow_curation_rewards: extra.curation ?? true,
    extensions: extra.beneficiaries === undefined ? [] : [{ type: "comment_payout_beneficiaries", value: { beneficiaries: extra.beneficiaries } }],
  },
} as Operation);

test("beneficiaries unsorted, repeated or over 100 % are refused; once set or after votes they cannot change", () => {
  const state = setup();
  apply(state, [post]);
  assertRefused(state, [options({ beneficiaries: [{ account: "carol", weight: 100 }, { account: "bob", weight: 100 }] })], "beneficiaries_invalid", /sorted/);
  assertRefused(state, [options({ beneficiaries: [{ account: "bob", weight: 100 }, { account: "bob", weight: 100 }] })], "beneficiaries_invalid", /sorted|repeat/);
  assertRefused(state, [options({ beneficiaries: [{ account: "bob", weight: 6000 }, { account: "carol", weight: 5000 }] })], "beneficiaries_invalid", /10000/);
  assertRefused(state, [options({ beneficiaries: [{ account: "nobody", weight: 100 }] })], "account_not_found", /nobody/);
  apply(state, [{ type: "vote", value: { voter: "bob", author: "alice", permlink: "aleppo", weight: 10000 } }]);
  assertRefused(state, [options({ beneficiaries: [{ account: "bob", weight: 100 }] })], "comment_options_refused", /after the post has votes/);
});

test("payout options cannot change after votes, nor become more generous at any time", () => {
  const state = setup();
  apply(state, [post]);
  apply(state, [options({ psd: 5000 })]);
  assertRefused(state, [options({ psd: 10000 })], "comment_options_refused", /only decrease/);
  apply(state, [{ type: "vote", value: { voter: "bob", author: "alice", permlink: "aleppo", weight: 10000 } }]);
  assertRefused(state, [options({ psd: 5000, max: 0n })], "comment_options_refused", /after the post has votes/);
  assertRefused(state, [options({ psd: 5000, votes: false })], "comment_options_refused", /after the post has votes/);
  assertRefused(state, [options({ psd: 5000, curation: false })], "comment_options_refused", /after the post has votes/);
  assertRefused(state, [options({ psd: 0 })], "comment_options_refused", /after the post has votes/);
});

test("negative, zero and oversized amounts, and moving more than is held, are refused and change nothing", () => {
  const state = setup();
  assertRefused(state, [{ type: "transfer", value: { from: "alice", to: "bob", amount: steem(-1n), memo: "" } }], "amount_not_positive", /amount/);
  assertRefused(state, [{ type: "transfer", value: { from: "alice", to: "bob", amount: steem(9_223_372_036_854_775_807n), memo: "" } }], "insufficient_funds", /alice/);
  assertRefused(state, [{ type: "transfer_to_vesting", value: { from: "alice", to: "", amount: steem(0n) } }], "amount_not_positive", /amount/);
  assertRefused(state, [{ type: "withdraw_vesting", value: { account: "alice", vesting_shares: vests(-5n) } }], "amount_negative", /vesting_shares/);
  assertRefused(state, [{ type: "withdraw_vesting", value: { account: "alice", vesting_shares: vests(2_000_000_000_001n) } }], "insufficient_funds", /alice/);
  assertRefused(state, [{ type: "delegate_vesting_shares", value: { delegator: "alice", delegatee: "bob", vesting_shares: vests(2_000_000_000_001n) } }], "insufficient_funds", /alice/);
  assertRefused(state, [{ type: "delegate_vesting_shares", value: { delegator: "alice", delegatee: "alice", vesting_shares: vests(1_000_000n) } }], "self_operation", /alice|yourself|self/i);
  assertRefused(state, [{ type: "convert", value: { owner: "alice", requestid: 1, amount: sbd(1_000n) } }], "insufficient_funds", /SBD/);
  assertRefused(state, [{ type: "convert", value: { owner: "alice", requestid: 1, amount: steem(1_000n) } }], "wrong_asset_symbol", /amount/);
  assertRefused(state, [{ type: "claim_reward_balance", value: { account: "alice", reward_steem: steem(0n), reward_sbd: sbd(0n), reward_vests: vests(0n) } }], "nothing_to_claim", /claim something/);
  assertRefused(state, [{ type: "claim_reward_balance", value: { account: "alice", reward_steem: steem(1n), reward_sbd: sbd(0n), reward_vests: vests(0n) } }], "insufficient_reward_balance", /cannot claim 0.001 STEEM/);
  assertRefused(state, [{ type: "transfer_to_savings", value: { from: "alice", to: "alice", amount: sbd(1n), memo: "" } }], "insufficient_funds", /alice/);
  assertRefused(state, [{ type: "transfer_from_savings", value: { from: "alice", request_id: 1, to: "alice", amount: steem(1n), memo: "" } }], "insufficient_funds", /savings/);
});
