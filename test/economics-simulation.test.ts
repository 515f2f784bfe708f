// A seeded simulation of the chain's economics in-process (see helpers/economics-simulation.ts): weeks of posts, votes, payouts,
// transfers, power-ups and downs, delegations, conversions and savings, with every block checked against the rules and the
// supply invariants, and a replay from genesis that must reproduce the state. Plus short scripted reproductions of what it found.
//
// By default a fixed seed and a fresh random one (printed) run. KETTLE_SIM_SEED=n runs only that seed; KETTLE_SIM_BLOCKS (alone: one
// long run on a random seed, as `npm run soak:economics` does) and KETTLE_SIM_ACCOUNTS size the run.
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { test } from "node:test";
import { findSupplyProblem } from "../src/core/chain/invariants.ts";
import { getBlockIssuance } from "../src/core/economics/issuance.ts";
import { toSteem } from "../src/core/economics/sbd.ts";
import { initMinerName, nullAccount } from "../src/core/protocol/config.ts";
import type { Operation } from "../src/core/protocol/operation-schemas.ts";
import { type EconomicsSimulationOptions, type EconomicsSimulationReport, runEconomicsSimulation, ScriptedChain } from "./helpers/economics-simulation.ts";

const fixedSeed = 0x6b7331;
const envSeed = process.env.KETTLE_SIM_SEED;
const envBlocks = process.env.KETTLE_SIM_BLOCKS;
const envAccounts = process.env.KETTLE_SIM_ACCOUNTS;

function positiveInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, not ${JSON.stringify(text)}`);
  return value;
}

interface Run {
  readonly label: string;
  readonly options: EconomicsSimulationOptions;
  /** Whether the run is long enough to insist that every kind of activity happened. */
  readonly full: boolean;
}

function plannedRuns(): Run[] {
  const blocks = positiveInteger(envBlocks, "KETTLE_SIM_BLOCKS");
  const accounts = positiveInteger(envAccounts, "KETTLE_SIM_ACCOUNTS");
  const seed = positiveInteger(envSeed, "KETTLE_SIM_SEED");
  // About five weeks (interest falls due after 30 days) in 2,000 blocks: the size `npm test` runs.
  const full = { accounts: accounts ?? 2000, blocks: blocks ?? 2000, meanBlockSeconds: 1600, actionsPerBlock: 30 };
  if (seed !== undefined) return [{ label: "given", options: { seed, ...full }, full: true }];
  // A long run (npm run soak:economics) takes a fresh seed, printed so that a failure can be rerun with KETTLE_SIM_SEED.
  if (blocks !== undefined) return [{ label: "random", options: { seed: randomInt(0, 2 ** 31), ...full }, full: true }];
  return [
    { label: "fixed", options: { seed: fixedSeed, ...full }, full: true },
    // And a shorter run on a fresh seed every time: still more than three weeks, with fewer accounts.
    { label: "random", options: { seed: randomInt(0, 2 ** 31), accounts: accounts ?? 800, blocks: 1000, meanBlockSeconds: 2400, actionsPerBlock: 25 }, full: false },
  ];
}

function summarize(report: EconomicsSimulationReport): string[] {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const sorted = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
  const c = report.cashouts;
  const e = report.economy;
  return [
    `seed ${report.seed}: ${report.blocks} blocks, ${report.simulatedDays} days, ${report.accounts} accounts; live ${report.timings.liveMs} ms, replay ${report.timings.replayMs} ms`,
    `applied ${sum(report.applied)} transactions: ${sorted(report.applied)}`,
    `refused ${sum(report.refused)}: ${sorted(report.refused)}`,
    `refusal codes: ${sorted(report.refusalCodes)}`,
    `operations: ${sorted(report.operations)}`,
    `cashouts: ${c.due} due, ${c.paid} paid (${c.capped} capped, ${c.noCuration} without curation, ${c.zeroVoteWeight} with total_vote_weight 0), ${c.dust} dust, ${c.declined} declined; ` +
      `${c.curationRewards} curation, ${c.beneficiaryRewards} beneficiary (${c.treasuryRewards} treasury, ${c.burnedRewards} null) rewards; ${c.steemClaimed} STEEM (raw) claimed`,
    `fills: ${sorted(report.fills)}`,
    `economy: ${e.medianUpdates} feed intervals, ${e.medianChanges} median changes (final ${e.finalMedian}), print rate min ${e.minPrintRate} (${e.blocksBelowFullPrintRate} blocks below 100 %), ` +
      `SBD up to ${(e.maxSbdPercentBp / 100).toFixed(2)} % of the virtual supply, ${e.debtLimitHits} debt-limit floors; fund ${e.finalRewardBalance}, recent_claims ${e.finalRecentClaims}`,
    `checks: ${report.checks.blocks} blocks, ${report.checks.refusalFingerprints} refusals fingerprinted, ${report.checks.refusalStateHashes} by state hash, ` +
      `${report.checks.mustRefuse} rule-breaking transactions refused, ${report.checks.replayedBlocks} replayed, state hash equal at ${report.checks.stateHashCheckpoints.join(", ")}`,
    `steemd deviations seen (not asserted): ${sorted(report.deviations) || "none"}`,
  ];
}

for (const run of plannedRuns()) {
  const { seed, blocks, accounts } = run.options;
  test(`economics simulation (${run.label} seed ${seed}, ${accounts} accounts, ${blocks} blocks): every block keeps the rules and the supply; replay reproduces the state`, {
    timeout: Math.max(180_000, blocks * 150),
  }, (t) => {
    t.diagnostic(`seed ${seed} (rerun with KETTLE_SIM_SEED=${seed}${envBlocks ? ` KETTLE_SIM_BLOCKS=${envBlocks}` : ""}${envAccounts ? ` KETTLE_SIM_ACCOUNTS=${envAccounts}` : ""})`);
    const report = runEconomicsSimulation({ ...run.options, log: (line) => t.diagnostic(line) });
    for (const line of summarize(report)) t.diagnostic(line);
    assert.equal(report.checks.blocks, blocks, `seed ${seed}: only ${report.checks.blocks} blocks were produced`);
    assert.equal(report.checks.replayedBlocks, blocks, `seed ${seed}: the replay stopped early`);
    assert.ok(report.checks.stateHashCheckpoints.includes(blocks) && report.checks.stateHashCheckpoints.length >= 2, `seed ${seed}: state hashes compared only at ${report.checks.stateHashCheckpoints}`);
    assert.ok(report.simulatedDays >= 20, `seed ${seed}: only ${report.simulatedDays} days were simulated; the run should span several cashout windows`);
    assert.ok(report.cashouts.paid >= 100, `seed ${seed}: only ${report.cashouts.paid} comments were paid`);
    if (!run.full) return;
    // The scenario must not degenerate: each kind of activity happened, and each kind of deferred payment came due.
    for (const kind of [
      "post", "post+options", "reply", "vote:up", "vote:down", "vote:change", "transfer", "power_up", "power_down", "power_down:cancel", "route:set", "route:remove",
      "delegate:create", "delegate:increase", "delegate:decrease", "delegate:remove", "claim:all", "claim:part", "convert", "to_savings", "from_savings", "cancel_savings",
    ]) assert.ok((report.applied[kind] ?? 0) > 0, `seed ${seed}: no ${kind} was applied`);
    assert.ok(report.checks.mustRefuse > 50, `seed ${seed}: only ${report.checks.mustRefuse} rule-breaking transactions were tried`);
    for (const [fill, count] of Object.entries(report.fills)) if (fill !== "interest") assert.ok(count > 0, `seed ${seed}: no ${fill} happened`);
    const c = report.cashouts;
    assert.ok(c.curationRewards > 0 && c.beneficiaryRewards > 0 && c.treasuryRewards > 0 && c.capped > 0 && c.noCuration > 0, `seed ${seed}: cashouts lacked variety: ${JSON.stringify(c, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
    assert.ok(report.economy.medianChanges > 0, `seed ${seed}: the median never moved`);
  });
}

// --- Reproductions of what the simulation found (each a few blocks from genesis) ---------------------------------------------

const post = (permlink: string): Operation => ({
  type: "comment", value: { parent_author: "", parent_permlink: "kettle", author: initMinerName, permlink, title: "T", body: "B", json_metadata: "" },
});
const vote = (permlink: string, weight: number): Operation => ({ type: "vote", value: { voter: initMinerName, author: initMinerName, permlink, weight } });

/** The content issuance the next block will add, with the virtual supply as update_virtual_supply leaves it (no burn in the block). */
function nextContentIssuance(chain: ScriptedChain): bigint {
  const props = chain.state.props.value;
  const virtualSupply = props.current_supply + toSteem(props.current_sbd_supply, chain.state.feed.value.current_median_history);
  return getBlockIssuance(virtualSupply, props.head_block_number + 1).content;
}

test("a comment whose only vote was changed (total_vote_weight 0) keeps the curation half in the reward fund", () => {
  const chain = new ScriptedChain();
  chain.block(3, [post("changed")]);
  chain.block(600);
  chain.block(3, [vote("changed", 10000)]);
  chain.block(3, [vote("changed", 5000)]);
  const comment = chain.state.comments.get(`${initMinerName}/changed`)!;
  assert.ok(comment.net_rshares > 0n);
  assert.equal(comment.total_vote_weight, 0n, "a vote cast after the reverse auction and then changed leaves no curation weight");
  const fundBefore = chain.state.rewardFund.value.reward_balance;
  const content = nextContentIssuance(chain);
  const postingRewardsBefore = chain.state.accounts.get(initMinerName)!.posting_rewards;
  chain.block(7 * 24 * 3600);
  const authorTokens = chain.state.accounts.get(initMinerName)!.posting_rewards - postingRewardsBefore;
  assert.ok(authorTokens > 0n);
  // steemd pay_curators: with total_vote_weight 0 no curator claims anything, `curation_tokens -= unclaimed` leaves 0 and
  // (HF20+) the unclaimed half stays in the fund; the fund gives up only the author's tokens.
  assert.equal(findSupplyProblem(chain.state), null);
  assert.equal(fundBefore + content - chain.state.rewardFund.value.reward_balance, authorTokens, "the fund must lose exactly what the author was paid");
});

test("burning reward VESTS held by null (a null beneficiary) takes them out of the pending reward pool and the supply", () => {
  const chain = new ScriptedChain();
  chain.block(3, [post("burn"), {
    type: "comment_options",
    value: {
      author: initMinerName, permlink: "burn", max_accepted_payout: { amount: 1_000_000_000n, symbol: "SBD" }, percent_steem_dollars: 10000, allow_votes: true,
      allow_curation_rewards: true, extensions: [{ type: "comment_payout_beneficiaries", value: { beneficiaries: [{ account: nullAccount, weight: 10000 }] } }],
    },
  }]);
  chain.block(600, [vote("burn", 10000)]);
  chain.block(7 * 24 * 3600);
  const burned = chain.state.accounts.get(nullAccount)!;
  assert.ok(burned.reward_vesting_balance > 0n, "null was paid reward VESTS as the beneficiary");
  const pendingBefore = chain.state.props.value.pending_rewarded_vesting_shares;
  const nullVests = burned.reward_vesting_balance;
  const steemBehind = burned.reward_vesting_steem + burned.balance;
  const sbdHeld = burned.reward_sbd_balance + burned.sbd_balance;
  const ops = chain.block(3); // clear_null_account_balance burns them
  assert.equal(chain.state.props.value.pending_rewarded_vesting_shares, pendingBefore - nullVests);
  // steemd's virtual op lists STEEM, VESTS and SBD, each only when something of it was cleared.
  const cleared = ops.find((op) => op.type === "clear_null_account_balance");
  const expected = [{ amount: steemBehind, symbol: "STEEM" }, { amount: nullVests, symbol: "VESTS" }, { amount: sbdHeld, symbol: "SBD" }];
  assert.deepEqual(cleared?.value, { total_cleared: expected.filter((a) => a.amount > 0n) });
  assert.equal(findSupplyProblem(chain.state), null);
});

test("issuance after a burn uses the virtual supply without the burned STEEM, as steemd's clear_null_account_balance leaves it", () => {
  const chain = new ScriptedChain();
  const burned = 500_000_000n;
  const before = chain.state.props.value;
  const fundBefore = chain.state.rewardFund.value.reward_balance;
  chain.block(3, [{ type: "transfer", value: { from: initMinerName, to: nullAccount, amount: { amount: burned, symbol: "STEEM" }, memo: "burn" } }]);
  const added = chain.state.rewardFund.value.reward_balance - fundBefore;
  assert.equal(added, getBlockIssuance(before.current_supply - burned, 1).content);
});
