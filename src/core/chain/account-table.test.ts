// Checks the account columns: live views, patches and their undo, range refusals, growth and snapshots.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type PublicKey, nullPublicKey } from "../crypto/keys.ts";
import { type Authority, createSingleKeyAuthority } from "../protocol/authority.ts";
import { AccountTable } from "./account-table.ts";
import { createAccount } from "./accounts.ts";
import { createGenesisState } from "./genesis.ts";
import type { Account } from "./state.ts";
import { UndoLog } from "./table.ts";

/** A complete account record as the chain creates it. */
function sampleAccount(name: string): Account {
  const state = createGenesisState({ time: 1000, initPublicKey: nullPublicKey, initLiquidSteem: 0n, initVestingSteem: 0n, vestsPerSteem: 2_000_000n, accountCreationFee: 0n });
  const authority = createSingleKeyAuthority(nullPublicKey);
  createAccount(state, { name, owner: authority, active: authority, posting: authority, memo_key: nullPublicKey, json_metadata: "{}", recovery_account: "initminer" }, 2000);
  return [...state.accounts.entries()].find(([key]) => key === name)![1];
}

test("a view reads the current values and a patch changes only the named fields", () => {
  const table = new AccountTable(new UndoLog());
  table.insert({ ...sampleAccount("alice"), balance: 5n });
  const alice = table.get("alice")!;
  assert.equal(alice.name, "alice");
  assert.equal(alice.created, 2000);
  assert.equal(alice.json_metadata, "{}");
  const returned = table.patch("alice", { balance: 7n, voting_manabar: { current_mana: 3n, last_update_time: 2100 }, can_vote: false });
  assert.equal(returned, alice);
  assert.equal(alice.balance, 7n);
  assert.deepEqual(alice.voting_manabar, { current_mana: 3n, last_update_time: 2100 });
  assert.equal(alice.can_vote, false);
  assert.deepEqual(alice.downvote_manabar, { current_mana: 0n, last_update_time: 2000 });
  assert.equal(table.get("bob"), undefined);
  assert.equal(table.has("alice"), true);
});

test("authorities read back equal, whether stored as a single key or whole", () => {
  const table = new AccountTable(new UndoLog());
  const key = "02".padEnd(66, "a") as PublicKey;
  const multi: Authority = { weight_threshold: 2, account_auths: [["bob", 1]], key_auths: [[key, 1], [nullPublicKey, 1]] };
  const heavy: Authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 2]] };
  table.insert({ ...sampleAccount("alice"), owner: multi, active: heavy, posting: createSingleKeyAuthority(key) });
  const alice = table.get("alice")!;
  assert.deepEqual(alice.owner, multi);
  assert.deepEqual(alice.active, heavy);
  assert.deepEqual(alice.posting, { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]] });
  table.patch("alice", { owner: createSingleKeyAuthority(nullPublicKey), posting: multi });
  assert.deepEqual(alice.owner.key_auths, [[nullPublicKey, 1]]);
  assert.deepEqual(alice.posting, multi);
});

test("undo restores patched fields and removes inserted accounts", () => {
  const undo = new UndoLog();
  const table = new AccountTable(undo);
  table.insert({ ...sampleAccount("alice"), balance: 5n });
  const before = [...table.entries()];
  assert.throws(() => undo.atomically(() => {
    table.patch("alice", { balance: 1n, last_vote_time: 99, voting_manabar: { current_mana: 8n, last_update_time: 7 } });
    table.insert(sampleAccount("bob"));
    table.patch("bob", { sbd_balance: 4n });
    throw new Error("undo");
  }));
  assert.deepEqual([...table.entries()], before);
  assert.equal(table.size, 1);
  assert.equal(table.get("bob"), undefined);
  table.insert(sampleAccount("bob"));
  assert.equal(table.get("bob")!.sbd_balance, 0n);
});

test("values outside a column's range are refused and change nothing", () => {
  const table = new AccountTable(new UndoLog());
  table.insert(sampleAccount("alice"));
  const before = [...table.entries()];
  assert.throws(() => table.patch("alice", { balance: 1n << 63n }), RangeError);
  assert.throws(() => table.patch("alice", { vesting_shares: -(1n << 63n) - 1n }), RangeError);
  assert.throws(() => table.patch("alice", { last_post: -1 }), RangeError);
  assert.throws(() => table.patch("alice", { balance: 9n, last_post: -1, sbd_balance: 3n }), RangeError);
  assert.throws(() => table.patch("alice", { post_count: 2 ** 32 }), RangeError);
  assert.throws(() => table.patch("alice", { last_vote_time: 1.5 }), RangeError);
  assert.throws(() => table.patch("alice", { voting_manabar: { current_mana: 1n, last_update_time: -5 } }), RangeError);
  assert.throws(() => table.patch("alice", { ["nickname" as keyof Account]: "x" } as Partial<Account>), /nickname/);
  assert.throws(() => table.patch("nobody", { balance: 1n }), /nobody/);
  assert.throws(() => table.insert(sampleAccount("alice")), /already/);
  assert.throws(() => table.insert({ ...sampleAccount("bob"), last_post: -1 }), RangeError);
  assert.equal(table.get("bob"), undefined);
  assert.deepEqual([...table.entries()], before);
  table.patch("alice", { balance: (1n << 63n) - 1n, savings_balance: -(1n << 63n), last_post: 0xffffffff });
  assert.equal(table.get("alice")!.balance, (1n << 63n) - 1n);
  assert.equal(table.get("alice")!.savings_balance, -(1n << 63n));
  assert.equal(table.get("alice")!.last_post, 0xffffffff);
  table.insert(sampleAccount("bob"));
  assert.equal(table.get("bob")!.name, "bob");
  assert.deepEqual([...table.names()], ["alice", "bob"]);
});

test("grows past its first capacity; entries are plain records; snapshot sections load into an equal table", () => {
  const table = new AccountTable(new UndoLog());
  const template = sampleAccount("template");
  for (let i = 0; i < 3000; i++) table.insert({ ...template, id: i, name: `user${i}`, balance: BigInt(i) * 1000n, comment_count: i });
  assert.equal(table.size, 3000);
  assert.equal(table.get("user2999")!.balance, 2_999_000n);
  assert.equal(table.get("user5")!.comment_count, 5);
  const entries = [...table.entries()];
  assert.equal(entries[2999][0], "user2999");
  assert.deepEqual(Object.keys(entries[0][1]).sort(), Object.keys(template).sort());
  assert.equal(Object.getPrototypeOf(entries[0][1]), Object.prototype);
  const loaded = new AccountTable(new UndoLog());
  for (const section of table.exportSections(700)) loaded.loadSection(section);
  assert.deepEqual([...loaded.entries()], entries);
  assert.deepEqual([...loaded.names()].slice(0, 2), ["user0", "user1"]);
  assert.deepEqual([...loaded.values()].map((a) => a.name).slice(-1), ["user2999"]);
});
