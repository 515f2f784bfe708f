// Checks that a state written as snapshot frames, section by section, reads back to the same state hash.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createAccount } from "../core/chain/accounts.ts";
import { createGenesisState } from "../core/chain/genesis.ts";
import { getStateHash, stateSectionEntriesMax } from "../core/chain/state-snapshot.ts";
import { nullPublicKey } from "../core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../core/protocol/authority.ts";
import { concatBytes } from "../stdx/bytes.ts";
import { decodeStateFrames, encodeStateFrames } from "./state-file.ts";

test("a state of several sections per table round-trips through its frames", () => {
  const state = createGenesisState({ time: 1000, initPublicKey: nullPublicKey, initLiquidSteem: 5_000n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n });
  const authority = createSingleKeyAuthority(nullPublicKey);
  const count = stateSectionEntriesMax * 2 + 17;
  for (let i = 0; i < count; i++) {
    createAccount(state, { name: `user${i}`, owner: authority, active: authority, posting: authority, memo_key: nullPublicKey, json_metadata: "", recovery_account: "initminer" }, 1000 + i);
  }
  // Several sections of ids and of votes too (votes from many voters over a few comments).
  for (let i = 0; i < stateSectionEntriesMax * 2 + 5; i++) {
    const id = new Uint8Array(20);
    new DataView(id.buffer).setUint32(0, Math.imul(i + 1, 0x9e3779b1) >>> 0);
    new DataView(id.buffer).setUint32(16, i);
    state.recentTransactions.add(id, 5000 + (i % 7));
    state.votes.set({ id: i, voter: `user${i}`, author: `user${i % 3}`, permlink: `post-${i % 5}`, weight: BigInt(i) << 40n, rshares: -BigInt(i), vote_percent: (i % 201) - 100, last_update: 1000 + i, num_changes: i % 6 });
  }
  const frames = [...encodeStateFrames(state)];
  // Head, then at least three account sections, each framed as length + bytes.
  assert.ok(frames.length >= 2 * 4, `${frames.length} parts`);
  const restored = decodeStateFrames(concatBytes(...frames));
  assert.ok(restored !== null);
  assert.equal(restored.accounts.size, state.accounts.size);
  assert.equal(restored.recentTransactions.size, state.recentTransactions.size);
  assert.equal(restored.votes.size, state.votes.size);
  assert.deepEqual(restored.votes.get("user1", "post-1", "user1"), state.votes.get("user1", "post-1", "user1"));
  assert.equal(restored.accounts.get("user77")!.created, 1077);
  assert.equal(getStateHash(restored), getStateHash(state));
});

test("a payload cut short is refused, not half-loaded", () => {
  const state = createGenesisState({ time: 1000, initPublicKey: nullPublicKey, initLiquidSteem: 0n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n });
  const payload = concatBytes(...encodeStateFrames(state));
  assert.throws(() => decodeStateFrames(payload.subarray(0, payload.length - 3)), /runs past the end|cut off/);
});
