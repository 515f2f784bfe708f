// Checks convert (§9.3): the SBD is debited at once and paid out 3.5 days later as STEEM at the median of that
// moment, with its virtual operation and supply changes; refusals change nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { adjustLiquidBalance, createAccount } from "../chain/accounts.ts";
import { createGenesisState } from "../chain/genesis.ts";
import { processConversions, requestKey } from "../chain/sbd-processing.ts";
import type { ChainState } from "../chain/state.ts";
import { nullPublicKey } from "../crypto/keys.ts";
import { ChainError } from "../errors.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { conversionDelaySeconds } from "../protocol/config.ts";
import { convert } from "./convert.ts";

const t0 = 1_600_000_000;
const day = 86_400;

function setup(initialPrice: { sbd: bigint; steem: bigint } | undefined, sbdInterestRate = 0): ChainState {
  const state = createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 1_000_000_000n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n, initialPrice, sbdInterestRate });
  const auth = createSingleKeyAuthority(nullPublicKey);
  for (const name of ["alice", "bob"]) createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  return state;
}

/** Gives `name` SBD and counts it in the SBD supply. */
function giveSbd(state: ChainState, name: string, amount: bigint, now: number): void {
  adjustLiquidBalance(state, name, "SBD", amount, now);
  state.props.value = { ...state.props.value, current_sbd_supply: state.props.value.current_sbd_supply + amount, virtual_supply: state.props.value.virtual_supply + (amount * 4n) };
}

const sbd = (amount: bigint) => ({ amount, symbol: "SBD" as const });

function code(expected: string): (error: unknown) => boolean {
  return (error) => error instanceof ChainError && error.code === expected;
}

/** Everything a refused convert must leave as it was. */
function observe(state: ChainState): unknown {
  return {
    props: state.props.value,
    accounts: [...state.accounts.values()].map((a) => ({ ...a })),
    conversions: [...state.conversions.entries()],
    schedule: state.schedules.conversions.sorted(),
    vops: state.virtualOps.count,
  };
}

test("convert debits the SBD at once and pays sbd × median STEEM at +3.5 days, at the median of fill time", () => {
  const state = setup({ sbd: 250n, steem: 1_000n });
  giveSbd(state, "alice", 150_000n, t0);
  const now = t0 + 30;
  convert.validate({ owner: "alice", requestid: 7, amount: sbd(100_000n) });
  convert.apply({ state, now, blockNum: 10 }, { owner: "alice", requestid: 7, amount: sbd(100_000n) });
  assert.equal(state.accounts.get("alice")!.sbd_balance, 50_000n, "debited at once");
  const request = state.conversions.get(requestKey("alice", 7))!;
  assert.deepEqual(request, { id: 0, owner: "alice", requestid: 7, amount: 100_000n, conversion_date: now + 302_400 });
  assert.equal(conversionDelaySeconds, 302_400);
  assert.equal(state.props.value.next_request_id, 1);
  // A second before the date: nothing.
  processConversions(state, now + conversionDelaySeconds - 1);
  assert.equal(state.conversions.size, 1);
  assert.equal(state.accounts.get("alice")!.balance, 0n);
  // §15.6: 100.000 SBD at 0.250 gives 400.000 STEEM.
  const props = state.props.value;
  state.virtualOps.take();
  processConversions(state, now + conversionDelaySeconds);
  assert.equal(state.accounts.get("alice")!.balance, 400_000n);
  assert.equal(state.conversions.size, 0);
  assert.deepEqual(state.virtualOps.take().map((r) => r.op), [
    { type: "fill_convert_request", value: { owner: "alice", requestid: 7, amount_in: { amount: 100_000n, symbol: "SBD" }, amount_out: { amount: 400_000n, symbol: "STEEM" } } },
  ]);
  assert.equal(state.props.value.current_supply, props.current_supply + 400_000n);
  assert.equal(state.props.value.current_sbd_supply, props.current_sbd_supply - 100_000n);
  assert.equal(state.props.value.virtual_supply, props.virtual_supply, "+400.000 STEEM − 100.000 SBD at 0.250");
  // The requestid is free again once filled.
  convert.apply({ state, now: now + conversionDelaySeconds, blockNum: 11 }, { owner: "alice", requestid: 7, amount: sbd(50_000n) });
  // The median moves before the fill: the fill-time median counts.
  state.feed.value = { current_median_history: { base: 300n, quote: 1_000n }, price_history: [{ base: 300n, quote: 1_000n }] };
  processConversions(state, now + 2 * conversionDelaySeconds);
  assert.equal(state.accounts.get("alice")!.balance, 400_000n + 166_666n, "50.000 SBD at 0.300 = 166.666 STEEM (truncated)");
  assert.equal(state.accounts.get("alice")!.sbd_balance, 0n);
});

test("convert without enough SBD is refused and changes nothing, even when interest fell due", () => {
  const state = setup({ sbd: 250n, steem: 1_000n }, 1000);
  giveSbd(state, "alice", 1_000n, t0);
  const before = observe(state);
  const now = t0 + 31 * day;
  assert.throws(
    () => state.undo.atomically(() => convert.apply({ state, now, blockNum: 5 }, { owner: "alice", requestid: 1, amount: sbd(5_000n) })),
    (error: unknown) => {
      assert.ok(error instanceof ChainError && error.code === "insufficient_funds");
      assert.match(error.message, /cannot convert 5\.000 SBD: account "alice" has 1\.008 SBD, less than the 5\.000 SBD needed/);
      return true;
    },
  );
  assert.deepEqual(observe(state), before);
  assert.throws(() => state.undo.atomically(() => convert.apply({ state, now, blockNum: 5 }, { owner: "bob", requestid: 1, amount: sbd(1n) })), code("insufficient_funds"));
  assert.deepEqual(observe(state), before);
});

test("convert is refused without a price feed, for a duplicate requestid, and for anything but positive SBD", () => {
  const noFeed = setup(undefined);
  giveSbd(noFeed, "alice", 10_000n, t0);
  const before = observe(noFeed);
  assert.throws(() => noFeed.undo.atomically(() => convert.apply({ state: noFeed, now: t0 + 3, blockNum: 1 }, { owner: "alice", requestid: 1, amount: sbd(1_000n) })), (error: unknown) => {
    assert.ok(error instanceof ChainError);
    assert.match(error.message, /no price feed/);
    return true;
  });
  assert.deepEqual(observe(noFeed), before);

  const state = setup({ sbd: 250n, steem: 1_000n });
  giveSbd(state, "alice", 10_000n, t0);
  giveSbd(state, "bob", 10_000n, t0);
  convert.apply({ state, now: t0 + 3, blockNum: 1 }, { owner: "alice", requestid: 1, amount: sbd(1_000n) });
  const afterFirst = observe(state);
  assert.throws(() => state.undo.atomically(() => convert.apply({ state, now: t0 + 6, blockNum: 2 }, { owner: "alice", requestid: 1, amount: sbd(1_000n) })), (error: unknown) => {
    assert.ok(error instanceof ChainError);
    assert.match(error.message, /already has a conversion with requestid 1/);
    return true;
  });
  assert.deepEqual(observe(state), afterFirst);
  // Another owner may use the same requestid.
  convert.apply({ state, now: t0 + 6, blockNum: 2 }, { owner: "bob", requestid: 1, amount: sbd(1_000n) });
  assert.equal(state.conversions.size, 2);

  assert.throws(() => convert.validate({ owner: "alice", requestid: 1, amount: { amount: 1_000n, symbol: "STEEM" } }), code("wrong_asset_symbol"));
  assert.throws(() => convert.validate({ owner: "alice", requestid: 1, amount: sbd(0n) }), code("amount_not_positive"));
  assert.throws(() => convert.validate({ owner: "alice", requestid: 1, amount: sbd(-5n) }), code("amount_not_positive"));
});
