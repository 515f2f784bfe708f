// Drives an unmodified steem-js 0.7.11 (legacy api names, HTTP and WebSocket transports) against a real `kettle dev` process: account_create, claim_account + create_claimed_account, transfers, power-up, posts, patch edits, votes, custom_json and account_update2, then checks every value read back.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import DiffMatchPatch from "diff-match-patch";
import {
  type KettleProcess, effectiveVestingShares, formatAssetRaw, parseAssetRaw, parseChainTime, regenerateMana, startKettle, assertVestsBought, vestsForSteem,
  voteRshares,
} from "../helpers/kettle-process.ts";

/** The parts of steem-js this suite uses; the library ships no types. Its api and broadcast methods are promisified as `…Async`. */
interface SteemJs {
  api: { setOptions(options: { url: string }): void; stop(): void; transport: object } & Record<`${string}Async`, (...args: any[]) => Promise<any>>;
  broadcast: Record<`${string}Async`, (...args: any[]) => Promise<any>>;
  auth: {
    toWif(name: string, password: string, role: string): string;
    wifToPublic(wif: string): string;
    signTransaction(tx: object, keys: Record<string, string>): any;
  };
  config: { set(key: string, value: string): void; get(key: string): string };
}
interface SteemJsEcc {
  Signature: { fromHex(hex: string): { recoverPublicKeyFromBuffer(message: Buffer): { toString(): string } } };
}
interface SteemJsSerializer {
  ops: { signed_transaction: { toHex(tx: object): string }; transaction: { toBuffer(tx: object): Buffer } };
}

const require = createRequire(import.meta.url);
const steem: SteemJs = require("steem");
const steemSerializer: SteemJsSerializer = require("steem/lib/auth/serializer");
const steemEcc: SteemJsEcc = require("steem/lib/auth/ecc");

const chainId = "0".repeat(64);
const initminerWif = "5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n";
const alice = "sjalice";
const bob = "sjbob";
type Role = "owner" | "active" | "posting" | "memo";
const wif = (name: string, role: Role) => steem.auth.toWif(name, `P5KettleTest-${name}`, role);
const publicKey = (name: string, role: Role) => steem.auth.wifToPublic(wif(name, role));
const authority = (name: string, role: Role) => ({ weight_threshold: 1, account_auths: [], key_auths: [[publicKey(name, role), 1]] });

const postPermlink = "steem-js-first-post";
const replyPermlink = "re-sjalice-steem-js-first-post";
const filler = "Condenser sends an edit as a diff-match-patch patch when the patch is shorter than the new body, so this post carries some extra words to make that true.";
const originalBody = `# Hello from steem-js\n\n${filler}\n\nThis line will change.\n\n${filler}`;
const editedBody = `# Hello from steem-js\n\n${filler}\n\nThis line has changed — naïve café.\n\n${filler}`;
const postMetadata = { tags: ["kettle", "steem-js"], app: "kettle-test/1.0" };
const profileMetadata = JSON.stringify({ profile: { name: "Alice (steem-js)" } });

let kettle: KettleProcess;
const results: Record<string, any> = {};
const voteChecks: { weight: number; rshares: bigint; blockNum: number }[] = [];

before(async () => {
  kettle = await startKettle({ blockInterval: 1 });
  steem.api.setOptions({ url: kettle.url });
  steem.config.set("chain_id", chainId);
  steem.config.set("address_prefix", "STM");
  // Past block 1, so every transaction's "now" (the previous block's time) can be read back.
  await generateBlocks(2);
});

after(async () => {
  steem.api.stop();
  if (kettle !== undefined) assert.equal(await kettle.stop(), 0, "the node shuts down cleanly on SIGINT");
});

async function generateBlocks(count: number): Promise<void> {
  await kettle.rpc("debug_node_api.debug_generate_blocks", { count });
}

async function getAccount(name: string): Promise<any> {
  const [account] = await steem.api.getAccountsAsync([name]);
  assert.ok(account, `account ${name} exists`);
  return account;
}

async function blockTimeText(blockNum: number): Promise<string> {
  return (await steem.api.getBlockHeaderAsync(blockNum)).timestamp;
}

function assertConfirmation(result: any): void {
  assert.equal(result.expired, false);
  assert.match(result.id, /^[0-9a-f]{40}$/);
  assert.equal(typeof result.block_num, "number");
  assert.equal(typeof result.trx_num, "number");
  assert.ok(Array.isArray(result.signatures) && result.signatures.length > 0, "steem-js returns the signed transaction with the result");
}

async function voteAndExpect(weight: number): Promise<void> {
  const voter = await getAccount(bob);
  const result = await steem.broadcast.voteAsync(wif(bob, "posting"), bob, alice, postPermlink, weight);
  assertConfirmation(result);
  const now = parseChainTime(await blockTimeText(result.block_num - 1));
  const mana = regenerateMana(BigInt(voter.voting_manabar.current_mana), Number(voter.voting_manabar.last_update_time), effectiveVestingShares(voter), now);
  voteChecks.push({ weight, rshares: voteRshares(mana, weight).rshares, blockNum: result.block_num });
}

test("chain reads through legacy api names", async () => {
  const props = await steem.api.getDynamicGlobalPropertiesAsync();
  assert.match(props.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.equal(props.last_irreversible_block_num, props.head_block_number);
  const lib = await steem.api.getBlockHeaderAsync(props.last_irreversible_block_num);
  assert.ok(lib !== null, "steem-js needs the header of the last irreversible block for TaPoS");
  const config = await steem.api.getConfigAsync();
  assert.equal(config.STEEM_CHAIN_ID, chainId);
  assert.equal(config.STEEM_ADDRESS_PREFIX, "STM");
  const version = await steem.api.getVersionAsync();
  assert.equal(version.chain_id, chainId);
  const chainProperties = await steem.api.getChainPropertiesAsync();
  assert.equal(chainProperties.account_creation_fee, "3.000 STEEM");
  assert.equal(await steem.api.getHardforkVersionAsync(), "0.23.0");
});

test("account_create, then claim_account + create_claimed_account", async () => {
  const countBefore = await steem.api.getAccountCountAsync();
  const initminerBefore = await getAccount("initminer");
  const nullBefore = await getAccount("null");
  results.create = await steem.broadcast.accountCreateAsync(initminerWif, "3.000 STEEM", "initminer", alice, authority(alice, "owner"),
    authority(alice, "active"), authority(alice, "posting"), publicKey(alice, "memo"), JSON.stringify({ created_by: "steem-js" }));
  assertConfirmation(results.create);
  results.claim = await steem.broadcast.claimAccountAsync(initminerWif, "initminer", "3.000 STEEM", []);
  assertConfirmation(results.claim);
  assert.equal((await getAccount("initminer")).pending_claimed_accounts, 1);
  results.createClaimed = await steem.broadcast.createClaimedAccountAsync(initminerWif, "initminer", bob, authority(bob, "owner"),
    authority(bob, "active"), authority(bob, "posting"), publicKey(bob, "memo"), "", []);
  assertConfirmation(results.createClaimed);

  assert.equal(await steem.api.getAccountCountAsync(), countBefore + 2);
  const initminer = await getAccount("initminer");
  assert.equal(initminer.pending_claimed_accounts, 0);
  assert.equal(parseAssetRaw(initminer.balance), parseAssetRaw(initminerBefore.balance) - 6000n);
  assert.equal(parseAssetRaw((await getAccount("null")).balance), 0n, "creation fees sent to null are burned at the end of their block");
  assert.equal(parseAssetRaw(nullBefore.balance), 0n);
  const [a, b] = await steem.api.getAccountsAsync([alice, bob]);
  assert.deepEqual(a.owner, authority(alice, "owner"));
  assert.deepEqual(a.posting, authority(alice, "posting"));
  assert.equal(a.memo_key, publicKey(alice, "memo"));
  assert.equal(a.json_metadata, JSON.stringify({ created_by: "steem-js" }));
  assert.equal(a.created, await blockTimeText(results.create.block_num - 1));
  assert.deepEqual(b.active, authority(bob, "active"));
  assert.equal(b.recovery_account, "initminer");
  assert.equal(b.vesting_shares, "0.000000 VESTS");
});

test("funding transfers and a power-up", async () => {
  results.fund = await steem.broadcast.sendAsync({
    extensions: [],
    operations: [
      ["transfer", { from: "initminer", to: alice, amount: "100.000 STEEM", memo: "welcome, alice" }],
      ["transfer", { from: "initminer", to: bob, amount: "50.000 STEEM", memo: "welcome, bob" }],
    ],
  }, { active: initminerWif });
  assertConfirmation(results.fund);
  const props = await steem.api.getDynamicGlobalPropertiesAsync();
  results.powerUp = await steem.broadcast.transferToVestingAsync(wif(alice, "active"), alice, alice, "10.000 STEEM");
  assertConfirmation(results.powerUp);
  const a = await getAccount(alice);
  assert.equal(a.balance, "90.000 STEEM");
  const vests = parseAssetRaw(a.vesting_shares);
  assert.ok(vests > 0n, "the power-up buys VESTS");
  const propsAfter = await steem.api.getDynamicGlobalPropertiesAsync();
  assertVestsBought(vests, 10_000n, props, propsAfter);
  assert.ok(parseAssetRaw(propsAfter.total_vesting_shares) >= parseAssetRaw(props.total_vesting_shares) + vests);
  assert.ok(parseAssetRaw(propsAfter.total_vesting_fund_steem) >= parseAssetRaw(props.total_vesting_fund_steem) + 10_000n);
});

test("over WebSocket: a power-up broadcast and an account read", async () => {
  steem.api.setOptions({ url: kettle.url.replace(/^http/, "ws") });
  try {
    assert.equal(steem.api.transport.constructor.name, "WsTransport");
    const props = await steem.api.getDynamicGlobalPropertiesAsync();
    results.wsPowerUp = await steem.broadcast.transferToVestingAsync(wif(bob, "active"), bob, bob, "20.000 STEEM");
    assertConfirmation(results.wsPowerUp);
    const b = await getAccount(bob);
    assert.equal(b.balance, "30.000 STEEM");
    assert.equal(b.vesting_shares, formatAssetRaw(vestsForSteem(props, 20_000n), "VESTS"));
  } finally {
    steem.api.stop();
    steem.api.setOptions({ url: kettle.url });
  }
  assert.equal(steem.api.transport.constructor.name, "HttpTransport");
  assert.equal((await getAccount(bob)).balance, "30.000 STEEM");
});

test("a root post, a reply, a vote, a patch edit and a changed vote", async () => {
  results.post = await steem.broadcast.commentAsync(wif(alice, "posting"), "", "kettle", alice, postPermlink, "Hello from steem-js", originalBody, postMetadata);
  assertConfirmation(results.post);
  results.reply = await steem.broadcast.commentAsync(wif(bob, "posting"), alice, postPermlink, bob, replyPermlink, "", "Nice post, alice.", { tags: ["kettle"] });
  assertConfirmation(results.reply);
  await voteAndExpect(10000);
  let content = await steem.api.getContentAsync(alice, postPermlink);
  assert.equal(content.net_votes, 1);
  assert.equal(BigInt(content.net_rshares), voteChecks[0].rshares);
  assert.equal(content.active_votes[0].percent, 10000);

  await generateBlocks(3);
  const dmp = new DiffMatchPatch();
  const patch = dmp.patch_toText(dmp.patch_make(originalBody, editedBody));
  assert.ok(patch.length < editedBody.length, "condenser would send this edit as a patch");
  results.edit = await steem.broadcast.commentAsync(wif(alice, "posting"), "", "kettle", alice, postPermlink, "Hello from steem-js", patch, postMetadata);
  assertConfirmation(results.edit);
  content = await steem.api.getContentAsync(alice, postPermlink);
  assert.equal(content.body, editedBody);
  assert.equal(content.last_update, await blockTimeText(results.edit.block_num - 1));

  await voteAndExpect(2500);
  content = await steem.api.getContentAsync(alice, postPermlink);
  assert.equal(content.net_votes, 1);
  assert.equal(BigInt(content.net_rshares), voteChecks[1].rshares);
  const votes = await steem.api.getActiveVotesAsync(alice, postPermlink);
  assert.equal(votes.length, 1);
  assert.equal(votes[0].voter, bob);
  assert.equal(votes[0].percent, 2500);
  assert.equal(BigInt(votes[0].rshares), voteChecks[1].rshares);
  assert.equal(votes[0].time, await blockTimeText(voteChecks[1].blockNum - 1));
  assert.ok(voteChecks[1].rshares > 0n && voteChecks[1].rshares < voteChecks[0].rshares, "a quarter vote casts fewer rshares");
});

test("a transfer with a memo, custom_json, a follow and account_update2", async () => {
  results.transfer = await steem.broadcast.transferAsync(wif(alice, "active"), alice, bob, "2.500 STEEM", "thanks for the reply");
  assertConfirmation(results.transfer);
  results.customJson = await steem.broadcast.customJsonAsync(wif(alice, "posting"), [], [alice], "kettle-test", JSON.stringify({ from: "steem-js" }));
  assertConfirmation(results.customJson);
  results.follow = await steem.broadcast.customJsonAsync(wif(bob, "posting"), [], [bob], "follow", JSON.stringify(["follow", { follower: bob, following: alice, what: ["blog"] }]));
  assertConfirmation(results.follow);
  results.profile = await steem.broadcast.accountUpdate2Async(wif(alice, "posting"), alice, undefined, undefined, undefined, undefined, "", profileMetadata, []);
  assertConfirmation(results.profile);
  const [a, b] = await steem.api.getAccountsAsync([alice, bob]);
  assert.equal(a.balance, "87.500 STEEM");
  assert.equal(b.balance, "32.500 STEEM");
  assert.equal(a.posting_json_metadata, profileMetadata);
  assert.equal(a.json_metadata, JSON.stringify({ created_by: "steem-js" }));
});

test("content reads: get_content, get_content_replies, get_active_votes", async () => {
  const content = await steem.api.getContentAsync(alice, postPermlink);
  assert.equal(content.author, alice);
  assert.equal(content.category, "kettle");
  assert.equal(content.json_metadata, JSON.stringify(postMetadata));
  assert.equal(content.depth, 0);
  assert.equal(content.children, 1);
  assert.equal(content.created, await blockTimeText(results.post.block_num - 1));
  assert.equal(content.url, `/kettle/@${alice}/${postPermlink}`);
  const replies = await steem.api.getContentRepliesAsync(alice, postPermlink);
  assert.deepEqual(replies.map((r: any) => [r.author, r.permlink, r.depth, r.parent_author, r.body, r.root_author]), [[bob, replyPermlink, 1, alice, "Nice post, alice.", alice]]);
  assert.equal(replies[0].json_metadata, JSON.stringify({ tags: ["kettle"] }));
  const missing = await steem.api.getContentAsync(alice, "no-such-post");
  assert.equal(missing.author, "");
  assert.equal(missing.id, 0);
  assert.deepEqual(await steem.api.getActiveVotesAsync(alice, "no-such-post"), []);
});

test("account reads: lookups, key references, history", async () => {
  assert.deepEqual(await steem.api.lookupAccountsAsync("sj", 2), [alice, bob]);
  const names = await steem.api.lookupAccountNamesAsync([alice, "nobody-here"]);
  assert.equal(names[0].name, alice);
  assert.equal(names[1], null);
  assert.deepEqual(await steem.api.getKeyReferencesAsync([publicKey(bob, "posting")]), [[bob]]);

  const history = await steem.api.getAccountHistoryAsync(alice, -1, 50);
  const real = history.filter(([, entry]: [number, any]) => entry.virtual_op === 0);
  assert.deepEqual(real.map(([, entry]: [number, any]) => entry.op[0]), [
    "account_create", "transfer", "transfer_to_vesting", "comment", "comment", "vote", "comment", "vote", "transfer", "custom_json", "account_update2",
  ]);
  const transferEntry = real[8][1];
  assert.equal(transferEntry.trx_id, results.transfer.id);
  assert.equal(transferEntry.block, results.transfer.block_num);
  assert.deepEqual(transferEntry.op, ["transfer", { from: alice, to: bob, amount: "2.500 STEEM", memo: "thanks for the reply" }]);
  const bobHistory = await steem.api.getAccountHistoryAsync(bob, -1, 50);
  assert.deepEqual(bobHistory.filter(([, e]: [number, any]) => e.virtual_op === 0).map(([, e]: [number, any]) => e.op[0]), [
    "create_claimed_account", "transfer", "transfer_to_vesting", "comment", "vote", "vote", "transfer", "custom_json",
  ]);
});

test("block and transaction reads", async () => {
  const { block_num: blockNum, trx_num: trxNum, id } = results.createClaimed;
  const block = await steem.api.getBlockAsync(blockNum);
  const header = await steem.api.getBlockHeaderAsync(blockNum);
  assert.deepEqual(header, { previous: block.previous, timestamp: block.timestamp, witness: "initminer", transaction_merkle_root: block.transaction_merkle_root, extensions: [] });
  assert.equal(block.transaction_ids[trxNum], id);
  const tx = block.transactions[trxNum];
  assert.equal(tx.transaction_id, id);
  assert.deepEqual(tx.signatures, results.createClaimed.signatures);
  assert.deepEqual(tx.operations, [["create_claimed_account", {
    creator: "initminer", new_account_name: bob, owner: authority(bob, "owner"), active: authority(bob, "active"), posting: authority(bob, "posting"),
    memo_key: publicKey(bob, "memo"), json_metadata: "", extensions: [],
  }]]);
  const stored = await steem.api.getTransactionAsync(id);
  assert.deepEqual(stored, tx);
  const ops = (await steem.api.getOpsInBlockAsync(blockNum, false)).filter((op: any) => op.virtual_op === 0);
  assert.deepEqual(ops.map((op: any) => [op.trx_id, op.trx_in_block, op.op_in_trx, op.op[0], op.timestamp]), [[id, trxNum, 0, "create_claimed_account", block.timestamp]]);

  // The block's own hashes, recomputed from its fields as steemd defines them (signed_block_header::id, digest, calculate_merkle_root).
  const time = Buffer.alloc(4);
  time.writeUInt32LE(parseChainTime(block.timestamp));
  const headerBytes = Buffer.concat([
    Buffer.from(block.previous, "hex"), time, Buffer.from([block.witness.length]), Buffer.from(block.witness), Buffer.from(block.transaction_merkle_root, "hex"), Buffer.from([0]),
  ]);
  const blockId = createHash("sha224").update(Buffer.concat([headerBytes, Buffer.from(block.witness_signature, "hex")])).digest();
  blockId.writeUInt32BE(blockNum, 0);
  assert.equal(block.block_id, blockId.subarray(0, 20).toString("hex"));
  assert.equal(block.signing_key, steem.auth.wifToPublic(initminerWif));
  assert.equal(steemEcc.Signature.fromHex(block.witness_signature).recoverPublicKeyFromBuffer(headerBytes).toString(), block.signing_key);
  assert.equal(block.transactions.length, 1, "steem-js waits for each transaction, so this block holds only bob's creation");
  const signedBytes = Buffer.from(await steem.api.getTransactionHexAsync(tx), "hex");
  const merkleRoot = createHash("ripemd160").update(createHash("sha256").update(signedBytes).digest()).digest("hex");
  assert.equal(block.transaction_merkle_root, merkleRoot);
  const { transaction_id: _id, block_num: _block, transaction_num: _num, ...bare } = tx;
  assert.equal(createHash("sha256").update(steemSerializer.ops.transaction.toBuffer(bare)).digest("hex").slice(0, 40), id);
});

test("signature helpers agree with steem-js's serializer and keys", async () => {
  const signed = await steem.api.getTransactionAsync(results.transfer.id);
  const { transaction_id: _id, block_num: _block, transaction_num: _num, ...tx } = signed;
  assert.equal(await steem.api.getTransactionHexAsync(tx), steemSerializer.ops.signed_transaction.toHex(tx));
  assert.equal(await steem.api.verifyAuthorityAsync(tx), true);
  const unsigned = { ...tx, signatures: [] };
  assert.deepEqual(await steem.api.getRequiredSignaturesAsync(unsigned, [publicKey(alice, "posting"), publicKey(alice, "active"), publicKey(bob, "active")]), [publicKey(alice, "active")]);
  assert.ok((await steem.api.getPotentialSignaturesAsync(unsigned)).includes(publicKey(alice, "active")), "alice's active key can sign her transfer");
  const forged = steem.auth.signTransaction({ ...unsigned, signatures: [] }, { active: wif(bob, "active") });
  await assert.rejects(steem.api.verifyAuthorityAsync(forged), /authority|signature/i);
});

test("network_broadcast_api.broadcast_transaction (legacy, asynchronous) with a transaction steem-js signed", async () => {
  const props = await steem.api.getDynamicGlobalPropertiesAsync();
  const header = await steem.api.getBlockHeaderAsync(props.last_irreversible_block_num);
  const tx = {
    ref_block_num: (props.last_irreversible_block_num - 1) & 0xffff,
    ref_block_prefix: Buffer.from(header.previous, "hex").readUInt32LE(4),
    expiration: new Date(parseChainTime(props.time) * 1000 + 600_000).toISOString().slice(0, 19),
    operations: [["custom_json", { required_auths: [], required_posting_auths: [bob], id: "kettle-test", json: JSON.stringify({ async: true }) }]],
    extensions: [],
  };
  const signed = steem.auth.signTransaction(tx, { posting: wif(bob, "posting") });
  assert.deepEqual(await steem.api.broadcastTransactionAsync(signed), {});
  await generateBlocks(1);
  const history = await steem.api.getAccountHistoryAsync(bob, -1, 0);
  assert.deepEqual(history.at(-1)[1].op, ["custom_json", tx.operations[0][1]]);
});
