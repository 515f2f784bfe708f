// Checks the state machine end to end in-process: genesis, account creation, posts, votes, transfers, blocks, and that replay gives the same state hash.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeWif, derivePrivateKeyFromLogin, getPublicKey } from "../crypto/keys.ts";
import { nobleSecp256k1 as secp } from "../crypto/noble-secp256k1.ts";
import { ChainError } from "../errors.ts";
import { createSingleKeyAuthority } from "../protocol/authority.ts";
import { getBlockSigningDigest, getTransactionMerkleRoot, type SignedBlock } from "../protocol/block.ts";
import type { Operation } from "../protocol/operation-schemas.ts";
import { signDigest } from "../protocol/signature.ts";
import { type SignedTransaction, signTransaction } from "../protocol/transaction.ts";
import { applyBlock, applyBlockEnd } from "./apply-block.ts";
import { applyTransaction, prepareTransaction, recoverTransactionKeys } from "./apply-transaction.ts";
import { createGenesisState } from "./genesis.ts";
import { getStateHash } from "./state-snapshot.ts";
import type { ChainState } from "./state.ts";

const chainId = new Uint8Array(32);
const initSecret = decodeWif("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n")!;
const genesis = {
  time: 1_700_000_000, initPublicKey: getPublicKey(secp, initSecret), initLiquidSteem: 1_000_000_000n,
  initVestingSteem: 1_000_000_000n, vestsPerSteem: 2_000_000n, accountCreationFee: 3000n,
};

function keysOf(name: string) {
  const secret = (role: "owner" | "active" | "posting" | "memo") => derivePrivateKeyFromLogin(name, "pw", role);
  return { owner: secret("owner"), active: secret("active"), posting: secret("posting"), memo: secret("memo") };
}

class TestChain {
  state: ChainState = createGenesisState(genesis);
  blocks: SignedBlock[] = [];
  pending: SignedTransaction[] = [];

  push(ops: Operation[], secrets: Uint8Array[]): SignedTransaction {
    const props = this.state.props.value;
    const id = props.head_block_id;
    const tx = signTransaction(secp, {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0,
      expiration: props.time + 60, operations: ops, extensions: [],
    }, chainId, secrets);
    const prepared = prepareTransaction(tx, chainId);
    applyTransaction(this.state, prepared, { signerKeys: recoverTransactionKeys(secp, prepared), trxInBlock: 0 });
    this.pending.push(tx);
    return tx;
  }

  produce(seconds = 3): void {
    const props = this.state.props.value;
    const header = { previous: props.head_block_id, timestamp: props.time + seconds, witness: "initminer", transaction_merkle_root: getTransactionMerkleRoot(this.pending), extensions: [] };
    const block = { ...header, witness_signature: signDigest(secp, getBlockSigningDigest(header), initSecret), transactions: this.pending };
    applyBlockEnd(this.state, block, 3);
    this.blocks.push(block);
    this.pending = [];
  }
}

function createAccountOp(name: string): Operation {
  const k = keysOf(name);
  const auth = (s: Uint8Array) => createSingleKeyAuthority(getPublicKey(secp, s));
  return { type: "account_create", value: { fee: { amount: 3000n, symbol: "STEEM" }, creator: "initminer", new_account_name: name, owner: auth(k.owner), active: auth(k.active), posting: auth(k.posting), memo_key: getPublicKey(secp, k.memo), json_metadata: "" } };
}

function expectCode(fn: () => void, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ChainError && e.code === code);
}

test("accounts, posts, votes and transfers apply, and replay reproduces the state hash", () => {
  const chain = new TestChain();
  chain.push([createAccountOp("alice"), createAccountOp("bob")], [initSecret]);
  chain.push([{ type: "transfer_to_vesting", value: { from: "initminer", to: "alice", amount: { amount: 100_000n, symbol: "STEEM" } } }], [initSecret]);
  chain.push([{ type: "transfer", value: { from: "initminer", to: "bob", amount: { amount: 5_000n, symbol: "STEEM" }, memo: "hi" } }], [initSecret]);
  chain.produce();
  const alice = keysOf("alice");
  const bob = keysOf("bob");
  chain.push([{ type: "comment", value: { parent_author: "", parent_permlink: "syria", author: "alice", permlink: "aleppo", title: "T", body: "Hello world", json_metadata: '{"tags":["syria"]}' } }], [alice.posting]);
  chain.produce();
  chain.push([{ type: "vote", value: { voter: "alice", author: "alice", permlink: "aleppo", weight: 10000 } }], [alice.posting]);
  chain.push([{ type: "comment", value: { parent_author: "alice", parent_permlink: "aleppo", author: "bob", permlink: "re-aleppo", title: "", body: "Nice", json_metadata: "" } }], [bob.posting]);
  chain.produce();
  chain.push([{ type: "comment", value: { parent_author: "", parent_permlink: "syria", author: "alice", permlink: "aleppo", title: "", body: "@@ -1,5 +1,5 @@\n-Hello\n+Howdy\n  wor\n", json_metadata: "" } }], [alice.posting]);
  chain.produce();

  const post = chain.state.comments.get("alice/aleppo")!;
  assert.equal(post.body, "Howdy world");
  assert.equal(post.children, 1);
  assert.ok(post.net_rshares > 0n);
  assert.equal(chain.state.accounts.get("bob")!.balance, 5_000n);
  assert.equal(chain.state.accounts.get("alice")!.vesting_shares, 100_000n * 2_000_000n);

  const replayed = createGenesisState(genesis);
  for (const block of chain.blocks) applyBlock(replayed, block, { chainId, blockIntervalSeconds: 3, secp });
  assert.equal(getStateHash(replayed), getStateHash(chain.state));
});

test("bad transactions are refused with a code and change nothing", () => {
  const chain = new TestChain();
  chain.push([createAccountOp("alice")], [initSecret]);
  chain.produce();
  const alice = keysOf("alice");
  const before = getStateHash(chain.state);
  const transfer = (amount: bigint): Operation => ({ type: "transfer", value: { from: "alice", to: "initminer", amount: { amount, symbol: "STEEM" }, memo: "" } });
  expectCode(() => chain.push([transfer(1n)], [alice.posting]), "missing_active_authority");
  expectCode(() => chain.push([transfer(1n)], [alice.active]), "insufficient_funds");
  expectCode(() => chain.push([transfer(-1n)], [alice.active]), "amount_not_positive");
  expectCode(() => chain.push([transfer(1n)], [alice.active, alice.posting]), "irrelevant_signature");
  expectCode(() => chain.push([createAccountOp("Bad")], [initSecret]), "invalid_account_name");
  expectCode(() => chain.push([{ type: "comment", value: { parent_author: "", parent_permlink: "x", author: "alice", permlink: "Bad Permlink", title: "", body: "b", json_metadata: "" } }], [alice.posting]), "invalid_permlink");
  expectCode(() => chain.push([{ type: "vote", value: { voter: "alice", author: "alice", permlink: "none", weight: 10001 } }], [alice.posting]), "weight_out_of_range");
  expectCode(() => chain.push([{ type: "vote", value: { voter: "alice", author: "alice", permlink: "none", weight: 100 } }], [alice.posting]), "comment_not_found");
  assert.equal(getStateHash(chain.state), before);
  chain.push([{ type: "comment", value: { parent_author: "", parent_permlink: "x", author: "alice", permlink: "one", title: "", body: "b", json_metadata: "" } }], [alice.posting]);
  chain.produce();
  expectCode(() => chain.push([{ type: "comment", value: { parent_author: "", parent_permlink: "x", author: "alice", permlink: "two", title: "", body: "b", json_metadata: "" } }], [alice.posting]), "posting_too_soon");
});
