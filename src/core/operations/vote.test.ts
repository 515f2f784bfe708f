// Checks vote mana, rshares and curation weights against the worked vectors of reference/economics.md §15.2–15.3.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount, updateAccount } from "../chain/accounts.ts";
import { createGenesisState } from "../chain/genesis.ts";
import type { ChainState } from "../chain/state.ts";
import { nullPublicKey } from "../crypto/keys.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { approxSqrt, contentConstant, convergentSquareRoot } from "../economics/curves.ts";
import { comment } from "./comment.ts";
import { vote } from "./vote.ts";

const t0 = 1_600_000_000;

function setupVoter(state: ChainState, name: string, vests: bigint, mana: bigint, downvoteMana: bigint, at: number): void {
  const auth = createSingleKeyAuthority(nullPublicKey);
  const account = createAccount(state, { name, owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  updateAccount(state, account, {
    vesting_shares: vests,
    voting_manabar: { current_mana: mana, last_update_time: at },
    downvote_manabar: { current_mana: downvoteMana, last_update_time: at },
  });
}

test("approx_sqrt matches steemd's curation_weight_test and the worked example", () => {
  assert.equal(approxSqrt(4_000_000_000_000n), 2_002_250n);
  assert.equal(approxSqrt(4_000_000_856_158n), 2_002_250n);
  assert.equal(approxSqrt(5_599_950_001_235n), 2_383_708n);
  assert.equal(approxSqrt(2_000_000_000_000n), 1_477_962n);
  assert.equal(convergentSquareRoot(1_599_950_001_235n, contentConstant), 671_202n);
});

test("§15.2–15.3: four votes give the documented rshares, totals and curation weights", () => {
  const state = createGenesisState({ time: t0, initPublicKey: nullPublicKey, initLiquidSteem: 0n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n });
  const auth = createSingleKeyAuthority(nullPublicKey);
  createAccount(state, { name: "author", owner: auth, active: auth, posting: auth, memo_key: nullPublicKey, json_metadata: "", recovery_account: "" }, t0);
  comment.apply({ state, now: t0, blockNum: 1 }, { parent_author: "", parent_permlink: "test", author: "author", permlink: "post", title: "", body: "b", json_metadata: "" });
  const votes = [
    { voter: "bob", vests: 200_000_000_000_000n, mana: 160_000_000_123_457n, down: 50_000_000_000_000n, weight: 5000, dt: 150, rshares: 1_599_950_001_235n, curation: 335_601n },
    { voter: "alice", vests: 1_000_000_000_000_000n, mana: 1_000_000_000_000_000n, down: 250_000_000_000_000n, weight: 10000, dt: 600, rshares: 19_999_950_000_000n, curation: 3_523_851n },
    { voter: "carol", vests: 50_000_000_000_000n, mana: 50_000_000_000_000n, down: 12_500_000_000_000n, weight: 10000, dt: 3600, rshares: 999_950_000_000n, curation: 94_889n },
    { voter: "dave", vests: 100_000_000_000_000n, mana: 100_000_000_000_000n, down: 25_000_000_000_000n, weight: -2500, dt: 7200, rshares: -499_950_000_000n, curation: 0n },
  ];
  for (const v of votes) {
    setupVoter(state, v.voter, v.vests, v.mana, v.down, t0 + v.dt);
    vote.apply({ state, now: t0 + v.dt, blockNum: 2 }, { voter: v.voter, author: "author", permlink: "post", weight: v.weight });
    const stored = state.votes.get("author", "post", v.voter)!;
    assert.equal(stored.rshares, v.rshares, `${v.voter} rshares`);
    assert.equal(stored.weight, v.curation, `${v.voter} curation weight`);
  }
  assert.equal(state.accounts.get("bob")!.voting_manabar.current_mana, 158_400_000_122_222n);
  assert.equal(state.accounts.get("alice")!.voting_manabar.current_mana, 980_000_000_000_000n);
  assert.equal(state.accounts.get("dave")!.downvote_manabar.current_mana, 24_500_000_000_000n);
  assert.equal(state.accounts.get("dave")!.voting_manabar.current_mana, 100_000_000_000_000n);
  const post = state.comments.get("author/post")!;
  assert.equal(post.net_rshares, 22_099_900_001_235n);
  assert.equal(post.vote_rshares, 22_599_850_001_235n);
  assert.equal(post.abs_rshares, 23_099_800_001_235n);
  assert.equal(post.total_vote_weight, 4_289_942n);
  assert.equal(post.net_votes, 2);
});
