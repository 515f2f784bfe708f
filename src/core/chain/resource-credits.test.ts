// Resource credits end to end: counting, the payer, max RC, regeneration, refusal with its "when", the pools,
// and the purpose — a new account with a small delegation posts and votes normally while a flood is cut off.
import assert from "node:assert/strict";
import { test } from "node:test";
import { nullPublicKey } from "../crypto/keys.ts";
import { regenerateManabar } from "../economics/manabar.ts";
import {
  getMaximumRc, getRcCosts, getRcRegenPerBlock, getSecondsUntilMana, initialRcPools, rcRegenerationSeconds, resourceParameters, resources,
} from "../economics/rc.ts";
import { steemToVests } from "../economics/vesting.ts";
import { ChainError } from "../errors.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { timeNever } from "../protocol/config.ts";
import type { Operation } from "../protocol/operation-schemas.ts";
import { createAccount, getAccountOrThrow, updateAccount } from "./accounts.ts";
import { type PreparedTransaction, prepareTransaction } from "./apply-transaction.ts";
import { createGenesisState } from "./genesis.ts";
import {
  chargeResourceCredits, countResources, creditRcIncrease, formatDuration, formatRc, formatUtc, getAccountRc, getResourcePayer,
  getTransactionRcCharge, initializeAccountRc, regenerateRcBeforeStakeChange, updateResourcePools,
} from "./resource-credits.ts";
import type { ChainState } from "./state.ts";

const t0 = 1_700_000_000;
const fee = 3_000n;
/** Kettle's dev genesis: 1,000,000 STEEM of Steem Power at 2,000 VESTS per STEEM (total VESTS 2·10^15). */
const devVestedSteem = 1_000_000_000n;
/** Steem's scale in reference §15.6: total VESTS 3·10^17, i.e. 150,000,000 STEEM vested at the same price. */
const steemVestedSteem = 150_000_000_000n;

function makeState(vestedSteem: bigint): ChainState {
  return createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 1_000_000_000n, initVestingSteem: vestedSteem, vestsPerSteem: 2_000_000n, accountCreationFee: fee });
}

/** A fresh account as account_create leaves it (fee 3.000 STEEM), optionally with STEEM-worth of VESTS delegated in. */
function addAccount(state: ChainState, name: string, delegatedSteem = 0n, ownSteem = 0n): void {
  const auth = createSingleKeyAuthority(nullPublicKey);
  const account = createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "initminer" }, state.props.value.time);
  const props = state.props.value;
  const delegated = steemToVests(props, delegatedSteem);
  updateAccount(state, account, { received_vesting_shares: delegated, vesting_shares: steemToVests(props, ownSteem) });
  if (delegated > 0n) {
    const miner = getAccountOrThrow(state, "initminer");
    updateAccount(state, miner, { delegated_vesting_shares: miner.delegated_vesting_shares + delegated });
  }
  initializeAccountRc(state, name, fee, state.props.value.time);
}

let nonce = 0;
function prepare(operations: Operation[], signatures = 1): PreparedTransaction {
  nonce++;
  return prepareTransaction(
    { ref_block_num: nonce & 0xffff, ref_block_prefix: nonce, expiration: t0 + 60, operations, extensions: [], signatures: Array.from({ length: signatures }, () => new Uint8Array(65)) },
    new Uint8Array(32),
  );
}

const voteOp = (voter: string, i = 0): Operation => ({ type: "vote", value: { voter, author: "some-author", permlink: `a-post-about-something-${i}`, weight: 10000 } });
const transferOp = (from: string): Operation => ({ type: "transfer", value: { from, to: "exchange", amount: { amount: 1_000n, symbol: "STEEM" }, memo: "a memo of about forty characters for you" } });
const postOp = (author: string, i: number): Operation => ({
  type: "comment",
  value: {
    parent_author: "", parent_permlink: "introduceyourself", author, permlink: `hello-kettle-this-is-post-number-${i}`,
    title: "Hello Kettle, this is one of my posts", body: "x".repeat(1_000), json_metadata: '{"tags":["introduceyourself"],"app":"kettle/1"}',
  },
});

/** The way applyTransaction calls it: inside the transaction's undo session, at head block time. */
function charge(state: ChainState, prepared: PreparedTransaction): void {
  state.undo.atomically(() => chargeResourceCredits(state, prepared, state.props.value.time));
}

/** Ends a block (pools take its usage) and moves head time on. */
function nextBlock(state: ChainState, seconds = 3): void {
  updateResourcePools(state);
  state.props.value = { ...state.props.value, time: state.props.value.time + seconds, head_block_number: state.props.value.head_block_number + 1 };
}

function rcError(fn: () => void): ChainError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ChainError, String(error));
    assert.equal(error.code, "rc_insufficient");
    return error;
  }
  assert.fail("expected rc_insufficient");
}

// --- counting -----------------------------------------------------------------------------------

test("counting: a vote is its bytes, a 7-day vote object and 26,500 ns; §15.6's vote and transfer cost 74,379,050 and 496,162,001 RC", () => {
  const vote = countResources([voteOp("alice")], 133);
  assert.deepEqual(vote, [133n, 0n, 0n, 53_907n, 26_500n]);
  const transfer = countResources([transferOp("alice")], 282);
  assert.deepEqual(transfer, [282n, 0n, 282n, 6_090n + 174n * 282n, 9_600n]);
  const rcRegen = getRcRegenPerBlock(300_000_000_000_000_000n);
  const pools = initialRcPools();
  const sum = (costs: bigint[]) => costs.reduce((a, b) => a + b);
  assert.equal(sum(getRcCosts(vote, pools, rcRegen)), 74_379_050n);
  assert.equal(sum(getRcCosts(transfer, pools, rcRegen)), 496_162_001n);
  assert.equal(sum(getRcCosts(vote, pools, 0n)), 0n, "nothing costs anything on a chain without VESTS");
});

test("counting: comments pay for permlinks and beneficiaries, accounts for authorities, follows 20× execution, only trades pay market bytes", () => {
  const reply: Operation = { type: "comment", value: { parent_author: "bob", parent_permlink: "abcde", author: "alice", permlink: "re-abc", title: "", body: "hi", json_metadata: "" } };
  assert.equal(countResources([reply], 100)[3], 6_090n + 17_400n + 2_010_000n + 6n * 10_000n + 5n * 20_000n);
  const options: Operation = {
    type: "comment_options",
    value: {
      author: "alice", permlink: "re-abc", max_accepted_payout: { amount: 1_000_000_000n, symbol: "SBD" }, percent_steem_dollars: 10000, allow_votes: true, allow_curation_rewards: true,
      extensions: [{ type: "comment_payout_beneficiaries", value: { beneficiaries: [{ account: "bob", weight: 100 }, { account: "carol", weight: 200 }] } }],
    },
  };
  assert.deepEqual(countResources([options], 100).slice(3), [6_090n + 17_400n + 2n * 180_000n, 13_200n]);
  const auth = createSingleKeyAuthority(nullPublicKey);
  const create: Operation = { type: "account_create", value: { fee: { amount: fee, symbol: "STEEM" }, creator: "initminer", new_account_name: "newbie", owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "" } };
  assert.equal(countResources([create], 100)[3], 23_490n + 4_800_000n + 400_000n + 3n * (40_000n + 350_000n));
  const follow: Operation = { type: "custom_json", value: { required_auths: [], required_posting_auths: ["alice"], id: "follow", json: "[]" } };
  const other: Operation = { type: "custom_json", value: { required_auths: [], required_posting_auths: ["alice"], id: "notify", json: "[]" } };
  assert.equal(countResources([follow], 100)[4], 228_000n);
  assert.equal(countResources([other], 100)[4], 11_400n);
  const toVesting: Operation = { type: "transfer_to_vesting", value: { from: "alice", to: "", amount: { amount: 1n, symbol: "STEEM" } } };
  const toSavings: Operation = { type: "transfer_to_savings", value: { from: "alice", to: "alice", amount: { amount: 1n, symbol: "STEEM" }, memo: "" } };
  assert.equal(countResources([toVesting], 90)[2], 90n);
  assert.equal(countResources([toSavings], 90)[2], 0n);
  assert.equal(countResources([voteOp("a"), transferOp("a"), voteOp("b")], 300)[2], 300n, "one trade makes the whole transaction pay market bytes");
  const claim = (amount: bigint): Operation => ({ type: "claim_account", value: { creator: "alice", fee: { amount, symbol: "STEEM" }, extensions: [] } });
  assert.equal(countResources([claim(0n), claim(0n), claim(fee)], 100)[1], 2n);
  const fromSavings: Operation = { type: "transfer_from_savings", value: { from: "alice", request_id: 1, to: "alice", amount: { amount: 1n, symbol: "STEEM" }, memo: "" } };
  assert.deepEqual(countResources([fromSavings], 100).slice(3), [23_490n + 64n * 229n, 17_500n]);
  const delegate: Operation = { type: "delegate_vesting_shares", value: { delegator: "alice", delegatee: "bob", vesting_shares: { amount: 1n, symbol: "VESTS" } } };
  assert.deepEqual(countResources([delegate], 100).slice(3), [23_490n + 600_000n, 19_900n]);
});

// --- the payer ----------------------------------------------------------------------------------

test("payer: the first account of the first operation's active, else owner, else posting authorities", () => {
  assert.equal(getResourcePayer([voteOp("voter")]), "voter");
  assert.equal(getResourcePayer([transferOp("sender")]), "sender");
  assert.equal(getResourcePayer([postOp("writer", 1)]), "writer");
  assert.equal(getResourcePayer([{ type: "claim_reward_balance", value: { account: "earner", reward_steem: { amount: 0n, symbol: "STEEM" }, reward_sbd: { amount: 0n, symbol: "SBD" }, reward_vests: { amount: 1n, symbol: "VESTS" } } }]), "earner");
  const json = (active: string[], posting: string[]): Operation => ({ type: "custom_json", value: { required_auths: active, required_posting_auths: posting, id: "x", json: "{}" } });
  assert.equal(getResourcePayer([json(["zed", "bob"], ["aaron"])]), "bob", "active before posting; the first in sorted (flat_set) order");
  assert.equal(getResourcePayer([json([], ["mike", "carl"])]), "carl");
  assert.equal(getResourcePayer([voteOp("first"), transferOp("second")]), "first", "the first operation decides, even if a later one needs active");
  const auth = createSingleKeyAuthority(nullPublicKey);
  // The schema types do not mark optional fields optional (the codec does), hence the cast.
  const ownerUpdate = { type: "account_update", value: { account: "owner-change", owner: auth, memo_key: nullPublicKey, json_metadata: "" } } as Operation;
  const keyUpdate = { type: "account_update2", value: { account: "key-change", memo_key: nullPublicKey, json_metadata: "", posting_json_metadata: "", extensions: [] } } as unknown as Operation;
  assert.equal(getResourcePayer([keyUpdate]), "key-change");
  assert.equal(getResourcePayer([ownerUpdate]), "owner-change");
  assert.equal(getResourcePayer([{ type: "account_create", value: { fee: { amount: fee, symbol: "STEEM" }, creator: "registrar", new_account_name: "newbie", owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "" } }]), "registrar");
  const recover: Operation = { type: "recover_account", value: { account_to_recover: "lost", new_owner_authority: auth, recent_owner_authority: auth, extensions: [] } };
  assert.equal(getResourcePayer([recover]), null, "an operation signed only by keys names no payer");
  assert.equal(getResourcePayer([recover, transferOp("helper")]), "helper");
});

// --- max RC and regeneration ------------------------------------------------------------------

test("max RC: own VESTS − delegated out + delegated in + creation fee in VESTS − this week's power-down", () => {
  const base = {
    vesting_shares: 1_000_000n, delegated_vesting_shares: 100_000n, received_vesting_shares: 50_000n, max_rc_creation_adjustment: 6_000n,
    vesting_withdraw_rate: 250_000n, to_withdraw: 1_000_000n, withdrawn: 0n, next_vesting_withdrawal: timeNever,
  };
  assert.equal(getMaximumRc(base), 956_000n, "not powering down");
  assert.equal(getMaximumRc({ ...base, next_vesting_withdrawal: t0 + 7 * 86_400 }), 706_000n, "a week's payment is excluded");
  assert.equal(getMaximumRc({ ...base, next_vesting_withdrawal: t0, withdrawn: 900_000n }), 856_000n, "the last payment is what is left");
});

test("regeneration: linear over 5 days from the last update, capped at the maximum (§15.6 manabar vector)", () => {
  const state = makeState(devVestedSteem);
  addAccount(state, "saver");
  updateAccount(state, getAccountOrThrow(state, "saver"), { vesting_shares: 10n ** 15n - steemToVests(state.props.value, fee), rc_manabar: { current_mana: 5n * 10n ** 14n, last_update_time: t0 } });
  assert.equal(getAccountRc(state, "saver", t0).max, 10n ** 15n);
  assert.equal(getAccountRc(state, "saver", t0 + 86_400).current, 7n * 10n ** 14n);
  assert.equal(getAccountRc(state, "saver", t0 + 6 * 86_400).current, 10n ** 15n);
  // A charge regenerates first, then deducts.
  const prepared = prepare([voteOp("saver")]);
  const cost = getTransactionRcCharge(state, prepared).cost;
  state.props.value = { ...state.props.value, time: t0 + 86_400 };
  charge(state, prepared);
  assert.deepEqual(getAccountOrThrow(state, "saver").rc_manabar, { current_mana: 7n * 10n ** 14n - cost, last_update_time: t0 + 86_400 });
});

test("the wait until enough RC is exact: one second earlier the manabar is still short", () => {
  const max = 26_000_000_000n;
  for (const [current, needed] of [[0n, 1_863_987n], [1_000n, 8_493_098n], [25_999_999_999n, max], [5n, 6n]] as const) {
    const seconds = getSecondsUntilMana(current, max, needed, rcRegenerationSeconds)!;
    const at = (t: number) => regenerateManabar({ current_mana: current, last_update_time: 0 }, max, rcRegenerationSeconds, t).current_mana;
    assert.ok(at(seconds) >= needed && at(seconds - 1) < needed, `${current} → ${needed} in ${seconds}s`);
  }
  assert.equal(getSecondsUntilMana(10n, max, 10n, rcRegenerationSeconds), 0);
  assert.equal(getSecondsUntilMana(0n, max, max + 1n, rcRegenerationSeconds), null);
});

// --- charging and refusing ----------------------------------------------------------------------

test("a payer short of RC is refused with what it has, needs and when it will have enough; nothing changes", () => {
  const state = makeState(steemVestedSteem);
  addAccount(state, "poor");
  const prepared = prepare([transferOp("poor")]);
  const cost = getTransactionRcCharge(state, prepared).cost;
  updateAccount(state, getAccountOrThrow(state, "poor"), { rc_manabar: { current_mana: cost - 1_000_000n, last_update_time: t0 } });
  const before = { bar: getAccountOrThrow(state, "poor").rc_manabar, rc: state.rc.value };
  const error = rcError(() => charge(state, prepared));
  const max = getMaximumRc(getAccountOrThrow(state, "poor"));
  const wait = getSecondsUntilMana(cost - 1_000_000n, max, cost, rcRegenerationSeconds)!;
  assert.match(error.message, /account "poor" lacks the resource credits/);
  assert.ok(error.message.includes(`has ${formatRc(cost - 1_000_000n)} RC and needs ${formatRc(cost)} RC`), error.message);
  assert.ok(error.message.includes(`will have enough in ${formatDuration(wait)}, at ${formatUtc(t0 + wait)} chain time`), error.message);
  assert.deepEqual(getAccountOrThrow(state, "poor").rc_manabar, before.bar);
  assert.equal(state.rc.value, before.rc);
  // At that time it goes through.
  state.props.value = { ...state.props.value, time: t0 + wait };
  charge(state, prepared);
  assert.ok(getAccountOrThrow(state, "poor").rc_manabar.current_mana < 1_000_000n);
});

test("a transaction dearer than the payer's whole maximum says to power up; an account with no stake pays nothing only while RC is free", () => {
  const state = makeState(steemVestedSteem);
  const auth = createSingleKeyAuthority(nullPublicKey);
  createAccount(state, { name: "empty", owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  const error = rcError(() => charge(state, prepare([voteOp("empty")])));
  assert.match(error.message, /more than its maximum of 0 RC .*power up STEEM or receive a delegation/);
  const free = makeState(0n);
  createAccount(free, { name: "empty", owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  charge(free, prepare([voteOp("empty")]));
  assert.deepEqual(free.rc.value.blockUsage.slice(0, 1), [BigInt(prepare([voteOp("empty")]).size)], "usage is still counted");
});

test("the block's usage accumulates per resource and drains the pools at the block's end, then starts again", () => {
  const state = makeState(devVestedSteem);
  addAccount(state, "user", 10_000n);
  const txs = [prepare([voteOp("user")]), prepare([transferOp("user")]), prepare([postOp("user", 1)])];
  for (const tx of txs) charge(state, tx);
  const usage = resources.map((r, i) => txs.reduce((sum, tx) => sum + countResources(tx.transaction.operations, tx.size)[i], 0n) * resourceParameters[r].resourceUnit);
  assert.deepEqual(state.rc.value.blockUsage, usage);
  const pools = state.rc.value.pools;
  updateResourcePools(state);
  assert.deepEqual(state.rc.value.blockUsage, [0n, 0n, 0n, 0n, 0n]);
  resources.forEach((r, i) => {
    const p = resourceParameters[r];
    const expected = pools[i] - usage[i] + p.budgetPerBlock - ((p.decayPerTimeUnit * (pools[i] - usage[i])) >> p.decayShift);
    assert.equal(state.rc.value.pools[i], expected, r);
  });
  // A drained pool is dearer: the same vote now costs more than at equilibrium.
  const drained = makeState(devVestedSteem);
  drained.rc.value = { ...drained.rc.value, pools: initialRcPools().map((p) => p / 10n) };
  assert.ok(getTransactionRcCharge(drained, txs[0]).cost > getTransactionRcCharge(makeState(devVestedSteem), txs[0]).cost * 5n);
});

test("new accounts start with full RC; a stake increase is usable at once when wired through the stake-change helpers", () => {
  const state = makeState(devVestedSteem);
  addAccount(state, "newbie");
  const feeVests = steemToVests(state.props.value, fee);
  assert.equal(getAccountOrThrow(state, "newbie").max_rc_creation_adjustment, feeVests);
  assert.deepEqual(getAccountRc(state, "newbie", t0), { current: feeVests, max: feeVests });
  updateAccount(state, getAccountOrThrow(state, "newbie"), { rc_manabar: { current_mana: 0n, last_update_time: t0 } });
  const later = t0 + 86_400;
  const previous = regenerateRcBeforeStakeChange(state, "newbie", later);
  assert.equal(getAccountOrThrow(state, "newbie").rc_manabar.current_mana, feeVests / 5n);
  const delegated = steemToVests(state.props.value, 10_000n);
  updateAccount(state, getAccountOrThrow(state, "newbie"), { received_vesting_shares: delegated });
  creditRcIncrease(state, "newbie", previous);
  assert.equal(getAccountOrThrow(state, "newbie").rc_manabar.current_mana, feeVests / 5n + delegated);
});

// --- the purpose ------------------------------------------------------------------------------

for (const [label, vestedSteem] of [["Kettle's dev genesis (1,000,000 STEEM vested)", devVestedSteem], ["Steem's scale (150,000,000 STEEM vested)", steemVestedSteem]] as const) {
  test(`purpose at ${label}: a new account with a 10 STEEM delegation posts 10 times and votes 40 times in a day`, () => {
    const state = makeState(vestedSteem);
    addAccount(state, "newbie", 10_000n);
    const start = getAccountRc(state, "newbie", t0);
    // Spread over one day: a post every 2.4 hours with four votes after each.
    for (let i = 0; i < 10; i++) {
      charge(state, prepare([postOp("newbie", i)]));
      for (let v = 0; v < 4; v++) {
        nextBlock(state);
        charge(state, prepare([voteOp("newbie", i * 4 + v)]));
      }
      nextBlock(state, 8_640 - 12);
    }
    const end = getAccountRc(state, "newbie", state.props.value.time);
    assert.ok(end.current > 0n && end.current <= end.max);
    assert.equal(start.max, end.max);
  });

  test(`purpose at ${label}: one account's back-to-back transfers are cut off, told when, and allowed again later`, () => {
    const state = makeState(vestedSteem);
    addAccount(state, "flooder", 10_000n);
    const perBlock = 400; // ≈ a 65,536-byte block of 156-byte transfers
    let accepted = 0;
    let refusal: ChainError | undefined;
    while (refusal === undefined) {
      for (let i = 0; i < perBlock && refusal === undefined; i++) {
        try {
          charge(state, prepare([transferOp("flooder")]));
          accepted++;
        } catch (error) {
          refusal = rcError(() => {
            throw error;
          });
        }
      }
      if (refusal === undefined) nextBlock(state);
      assert.ok(accepted < 50_000, "never cut off");
    }
    const { max } = getAccountRc(state, "flooder", state.props.value.time);
    const cost = getTransactionRcCharge(state, prepare([transferOp("flooder")])).cost;
    // Cut off once the full manabar (plus what it regenerated meanwhile) is spent: about max / cost transfers.
    // (The pools drain a little meanwhile, so the last transfers cost slightly more than the first.)
    assert.ok(BigInt(accepted) <= (max / cost) * 21n / 20n && BigInt(accepted) >= (max / cost) * 9n / 10n, `${accepted} vs ${max / cost}`);
    const match = / will have enough in (.+), at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) chain time/.exec(refusal.message);
    assert.ok(match !== null, refusal.message);
    // Two blocks before that time it is still refused; at that time it goes through.
    const enoughAt = Date.parse(match[2]) / 1000;
    const now = state.props.value.time;
    assert.ok(enoughAt > now && enoughAt - now <= getSecondsUntilMana(0n, max, cost, rcRegenerationSeconds)!, refusal.message);
    state.props.value = { ...state.props.value, time: enoughAt - 6 };
    rcError(() => charge(state, prepare([transferOp("flooder")])));
    state.props.value = { ...state.props.value, time: enoughAt };
    charge(state, prepare([transferOp("flooder")]));
    // A day later it can send a day's worth again (a fifth of its maximum).
    state.props.value = { ...state.props.value, time: enoughAt + 86_400 };
    let again = 0;
    while (again < 50_000) {
      try {
        charge(state, prepare([transferOp("flooder")]));
        again++;
      } catch {
        break;
      }
    }
    assert.ok(BigInt(again) >= (max / cost / 5n) * 9n / 10n && BigInt(again) <= max / cost / 5n + 2n, `${again} after a day`);
  });
}

// --- formatting -------------------------------------------------------------------------------

test("chain times format as UTC ISO strings without Date, durations and amounts for people", () => {
  for (const t of [0, 951_782_400, 951_868_799, 1_700_000_000, 4_107_542_400, 4_102_444_800 + 59 * 86_400, 2_147_483_647, 4_294_967_295]) {
    assert.equal(formatUtc(t), new Date(t * 1000).toISOString().replace(".000Z", "Z"), String(t));
  }
  assert.equal(formatDuration(45), "45 seconds");
  assert.equal(formatDuration(61), "2 minutes");
  assert.equal(formatDuration(3_600), "1 hour");
  assert.equal(formatDuration(3_600 * 5 + 60 * 17), "5 hours 17 minutes");
  assert.equal(formatDuration(86_400 * 2 + 3_600 * 4 + 1), "2 days 4 hours");
  assert.equal(formatRc(1_234_567n), "1,234,567");
  assert.equal(formatRc(999n), "999");
});
