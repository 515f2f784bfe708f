// Checks the reputation plugin's rules: who can move whose reputation, and taking a vote back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyVoteReputation, withdrawVoteReputation } from "./reputation.ts";

test("upvotes from voters without a record or at zero and above count, shifted right by 6", () => {
  assert.equal(applyVoteReputation(null, null, 6_400n), 100n);
  assert.equal(applyVoteReputation(1_000n, 5n, 64n), 1_001n);
  assert.equal(applyVoteReputation(null, null, 63n), 0n, "creates the record even when the delta rounds to 0");
  assert.equal(applyVoteReputation(null, -1n, 6_400n), null, "rule 1: a negative voter moves nobody");
  assert.equal(applyVoteReputation(500n, -1n, 6_400n), 500n);
});

test("downvotes count only from a voter with a record above the author", () => {
  assert.equal(applyVoteReputation(100n, 101n, -6_400n), 0n);
  assert.equal(applyVoteReputation(100n, 100n, -6_400n), 100n, "equal reputation: ignored");
  assert.equal(applyVoteReputation(null, 0n, -6_400n), null, "an author without a record needs a voter above 0");
  assert.equal(applyVoteReputation(null, 1n, -6_400n), -100n);
  assert.equal(applyVoteReputation(null, 1n, -65n), -2n, "the shift rounds toward −∞");
  assert.equal(applyVoteReputation(-5n, 0n, -6_400n), -105n, "a record at 0 stands above −5");
  assert.equal(applyVoteReputation(-5n, null, -6_400n), -5n, "no record never downvotes anyone");
});

test("taking a vote back subtracts its delta, removing a record that falls to exactly zero", () => {
  assert.equal(withdrawVoteReputation(1_100n, null, 6_400n), 1_000n);
  assert.equal(withdrawVoteReputation(100n, 0n, 6_400n), null);
  assert.equal(withdrawVoteReputation(null, 0n, 6_400n), null, "no record: nothing to take back");
  assert.equal(withdrawVoteReputation(1_100n, -3n, 6_400n), 1_100n, "a negative voter's vote never counted");
  // An earlier downvote (delta −100) is taken back only if the voter stands above author − delta.
  assert.equal(withdrawVoteReputation(0n, 101n, -6_400n), 100n);
  assert.equal(withdrawVoteReputation(0n, 100n, -6_400n), 0n);
  assert.equal(withdrawVoteReputation(-200n, null, -6_400n), -200n);
  // A change of vote is a withdrawal then an application.
  const afterUp = applyVoteReputation(null, 10n, 64_000n);
  assert.equal(applyVoteReputation(withdrawVoteReputation(afterUp, 10n, 64_000n), 10n, 32_000n), 500n);
});
