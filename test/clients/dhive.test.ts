// Drives an unmodified @hiveio/dhive 1.3.6 (asynchronous broadcast_transaction, Hive asset names) against a real `kettle dev` process: account_create, claim_account + create_claimed_account, transfers, power-up, posts, patch edits, an upvote changed to a downvote, custom_json and account_update2, then checks the values read back.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { Client, type Operation, PrivateKey, type SignedTransaction, Types, cryptoUtils, utils } from "@hiveio/dhive";
import DiffMatchPatch from "diff-match-patch";
import {
  type KettleProcess, downvoteManaMax, effectiveVestingShares, formatAssetRaw, parseAssetRaw, parseChainTime, regenerateMana, startKettle,
  vestsForSteem, voteRshares,
} from "../helpers/kettle-process.ts";

const chainId = "0".repeat(64);
const initminerKey = PrivateKey.fromString("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n");
const ByteBuffer = createRequire(createRequire(import.meta.url).resolve("@hiveio/dhive"))("@ecency/bytebuffer");

const alice = "dhalice";
const bob = "dhbob";
type Role = "owner" | "active" | "posting" | "memo";
const key = (name: string, role: Role) => PrivateKey.fromLogin(name, `P5KettleTest-${name}`, role);
const publicKey = (name: string, role: Role) => key(name, role).createPublic("STM").toString();
const authority = (name: string, role: Role) => ({ weight_threshold: 1, account_auths: [], key_auths: [[publicKey(name, role), 1]] });

const postPermlink = "dhive-first-post";
const replyPermlink = "re-dhalice-dhive-first-post";
const filler = "Condenser sends an edit as a diff-match-patch patch when the patch is shorter than the new body; this sentence makes the post long enough for that.";
const originalBody = `dhive says hello.\n\n${filler}\n\n- first item\n- second item\n\n${filler}`;
const editedBody = `dhive says hello.\n\n${filler}\n\n- first item\n- a better second item, über gut\n- a third item\n\n${filler}`;
const postMetadata = JSON.stringify({ tags: ["kettle", "dhive"], app: "kettle-test/1.0" });
const profileMetadata = JSON.stringify({ profile: { name: "Alice (dhive)", location: "Kettle" } });

interface Included {
  readonly id: string;
  readonly block_num: number;
  readonly trx_num: number;
  readonly tx: SignedTransaction;
}

let kettle: KettleProcess;
let client: Client;
const included: Record<string, Included> = {};
const voteChecks: { weight: number; rshares: bigint; blockNum: number }[] = [];

before(async () => {
  kettle = await startKettle({ blockInterval: 1 });
  client = new Client(kettle.url, { chainId, addressPrefix: "STM", timeout: 15_000 });
  // Past block 1, so every transaction's "now" (the previous block's time) can be read back.
  await generateBlocks(2);
});

after(async () => {
  if (kettle !== undefined) assert.equal(await kettle.stop(), 0, "the node shuts down cleanly on SIGINT");
});

async function generateBlocks(count: number): Promise<void> {
  await kettle.rpc("debug_node_api.debug_generate_blocks", { count });
}

/** Broadcasts with dhive (asynchronous `broadcast_transaction`, answered `{}`), then closes a block and finds the transaction in it. */
async function send(label: string, operations: Operation[], keys: PrivateKey | PrivateKey[]): Promise<Included> {
  const props = await client.database.getDynamicGlobalProperties();
  const tx = {
    ref_block_num: props.head_block_number & 0xffff,
    ref_block_prefix: Buffer.from(props.head_block_id, "hex").readUInt32LE(4),
    expiration: new Date(parseChainTime(props.time) * 1000 + 60_000).toISOString().slice(0, -5),
    operations,
    extensions: [],
  };
  const signed = client.broadcast.sign(tx, keys);
  const confirmation = await client.broadcast.send(signed);
  assert.deepEqual(Object.keys(confirmation), ["id"], "broadcast_transaction answers {} and dhive adds the id it computed");
  await generateBlocks(1);
  const stored = await client.database.getTransaction(confirmation.id) as any;
  included[label] = { id: confirmation.id, block_num: stored.block_num, trx_num: stored.transaction_num, tx: signed };
  return included[label];
}

async function getAccount(name: string): Promise<any> {
  const [account] = await client.database.getAccounts([name]);
  assert.ok(account, `account ${name} exists`);
  return account;
}

async function blockTimeText(blockNum: number): Promise<string> {
  return (await client.database.getBlockHeader(blockNum)).timestamp;
}

async function voteAndExpect(label: string, weight: number): Promise<void> {
  const voter = await getAccount(bob);
  const { block_num: blockNum } = await send(label, [["vote", { voter: bob, author: alice, permlink: postPermlink, weight }]], key(bob, "posting"));
  const now = parseChainTime(await blockTimeText(blockNum - 1));
  const effective = effectiveVestingShares(voter);
  const lastUpdate = (bar: any) => Number(bar.last_update_time);
  const votingMana = regenerateMana(BigInt(voter.voting_manabar.current_mana), lastUpdate(voter.voting_manabar), effective, now);
  const downvoteMana = regenerateMana(BigInt(voter.downvote_manabar.current_mana), lastUpdate(voter.downvote_manabar), downvoteManaMax(effective), now);
  voteChecks.push({ weight, rshares: voteRshares(votingMana, weight, downvoteMana).rshares, blockNum });
}

function serializeSigned(tx: SignedTransaction): string {
  const buffer = new ByteBuffer(ByteBuffer.DEFAULT_CAPACITY, ByteBuffer.LITTLE_ENDIAN);
  Types.Transaction(buffer, tx);
  buffer.writeVarint32(tx.signatures.length);
  for (const signature of tx.signatures) buffer.append(Buffer.from(signature, "hex"));
  buffer.flip();
  return Buffer.from(buffer.toBuffer()).toString("hex");
}

test("chain reads: global properties, config, version, chain properties, hardfork", async () => {
  const props = await client.database.getDynamicGlobalProperties();
  assert.equal(props.head_block_id.slice(0, 8), props.head_block_number.toString(16).padStart(8, "0"));
  const config = await client.database.getConfig();
  assert.equal(config.STEEM_CHAIN_ID, chainId);
  assert.equal(config.STEEM_ADDRESS_PREFIX, "STM");
  assert.equal((await client.database.getVersion() as any).chain_id, chainId);
  assert.equal((await client.database.getChainProperties()).account_creation_fee, "3.000 STEEM");
  assert.equal(await client.call("condenser_api", "get_hardfork_version", []), "0.23.0");
});

test("account_create, and claim_account + create_claimed_account in one transaction", async () => {
  const countBefore = await client.call("condenser_api", "get_account_count", []);
  const initminerBefore = await getAccount("initminer");
  await send("create", [["account_create", {
    fee: "3.000 STEEM", creator: "initminer", new_account_name: alice, owner: authority(alice, "owner"), active: authority(alice, "active"),
    posting: authority(alice, "posting"), memo_key: publicKey(alice, "memo"), json_metadata: "",
  }]], initminerKey);
  await send("claimAndCreate", [
    ["claim_account", { creator: "initminer", fee: "3.000 STEEM", extensions: [] }],
    ["create_claimed_account", {
      creator: "initminer", new_account_name: bob, owner: authority(bob, "owner"), active: authority(bob, "active"), posting: authority(bob, "posting"),
      memo_key: publicKey(bob, "memo"), json_metadata: JSON.stringify({ created_by: "dhive" }), extensions: [],
    }],
  ], initminerKey);
  assert.equal(await client.call("condenser_api", "get_account_count", []), countBefore + 2);
  const initminer = await getAccount("initminer");
  assert.equal(parseAssetRaw(initminer.balance), parseAssetRaw(initminerBefore.balance) - 6000n);
  assert.equal(initminer.pending_claimed_accounts, 0);
  const [a, b] = await client.database.getAccounts([alice, bob]);
  assert.deepEqual([a.name, b.name], [alice, bob]);
  assert.deepEqual(a.posting, authority(alice, "posting"));
  assert.deepEqual(b.owner, authority(bob, "owner"));
  assert.equal(b.memo_key, publicKey(bob, "memo"));
  assert.equal(b.json_metadata, JSON.stringify({ created_by: "dhive" }));
  assert.equal(b.created, await blockTimeText(included.claimAndCreate.block_num - 1));
  assert.deepEqual(await client.keys.getKeyReferences([publicKey(alice, "owner"), publicKey(bob, "posting")]), { accounts: [[alice], [bob]] });
});

test("funding with Hive asset names, and two power-ups broadcast at once", async () => {
  const fund = await send("fund", [
    ["transfer", { from: "initminer", to: alice, amount: "100.000 HIVE", memo: "dhive writes HIVE; the bytes say STEEM" }],
    ["transfer", { from: "initminer", to: bob, amount: "50.000 STEEM", memo: "welcome, bob" }],
  ], initminerKey);
  const stored = await client.database.getTransaction(fund.id);
  assert.deepEqual(stored.operations[0], ["transfer", { from: "initminer", to: alice, amount: "100.000 STEEM", memo: "dhive writes HIVE; the bytes say STEEM" }]);

  const props = await client.database.getDynamicGlobalProperties() as any;
  const [first, second] = await Promise.all([
    client.broadcast.sendOperations([["transfer_to_vesting", { from: alice, to: alice, amount: "10.000 STEEM" }]], key(alice, "active")),
    client.broadcast.sendOperations([["transfer_to_vesting", { from: bob, to: bob, amount: "20.000 HIVE" }]], key(bob, "active")),
  ]);
  await generateBlocks(1);
  const stored2 = await Promise.all([client.database.getTransaction(first.id), client.database.getTransaction(second.id)]);
  assert.deepEqual(stored2.map((tx) => tx.operations[0][1].amount), ["10.000 STEEM", "20.000 STEEM"]);
  const aliceVests = vestsForSteem(props, 10_000n);
  const [a, b] = await client.database.getAccounts([alice, bob]);
  assert.equal(a.balance, "90.000 STEEM");
  assert.equal(b.balance, "30.000 STEEM");
  assert.equal(a.vesting_shares, formatAssetRaw(aliceVests, "VESTS"));
  assert.equal(parseAssetRaw(b.vesting_shares as string), vestsForSteem({
    total_vesting_shares: formatAssetRaw(parseAssetRaw(props.total_vesting_shares) + aliceVests, "VESTS"),
    total_vesting_fund_steem: formatAssetRaw(parseAssetRaw(props.total_vesting_fund_steem) + 10_000n, "STEEM"),
  }, 20_000n));
});

test("a root post and a reply, an upvote, a patch edit, and the vote changed to a downvote", async () => {
  await send("post", [["comment", {
    parent_author: "", parent_permlink: "kettle", author: alice, permlink: postPermlink, title: "dhive on Kettle", body: originalBody, json_metadata: postMetadata,
  }]], key(alice, "posting"));
  await send("reply", [["comment", {
    parent_author: alice, parent_permlink: postPermlink, author: bob, permlink: replyPermlink, title: "", body: "Replying with dhive.", json_metadata: "{}",
  }]], key(bob, "posting"));
  await voteAndExpect("upvote", 10000);
  let content = await client.call("condenser_api", "get_content", [alice, postPermlink]);
  assert.equal(content.net_votes, 1);
  assert.equal(BigInt(content.net_rshares), voteChecks[0].rshares);

  await generateBlocks(3);
  const dmp = new DiffMatchPatch();
  const patch = dmp.patch_toText(dmp.patch_make(originalBody, editedBody));
  assert.ok(patch.length < editedBody.length, "condenser would send this edit as a patch");
  const edit = await send("edit", [["comment", {
    parent_author: "", parent_permlink: "kettle", author: alice, permlink: postPermlink, title: "dhive on Kettle", body: patch, json_metadata: postMetadata,
  }]], key(alice, "posting"));
  content = await client.call("condenser_api", "get_content", [alice, postPermlink]);
  assert.equal(content.body, editedBody);
  assert.equal(content.last_update, await blockTimeText(edit.block_num - 1));
  assert.equal(content.created, await blockTimeText(included.post.block_num - 1));

  await voteAndExpect("downvote", -5000);
  assert.ok(voteChecks[1].rshares < 0n, "a downvote casts negative rshares");
  content = await client.call("condenser_api", "get_content", [alice, postPermlink]);
  assert.equal(content.net_votes, -1, "an upvote turned downvote moves net_votes by two");
  assert.equal(BigInt(content.net_rshares), voteChecks[1].rshares);
  assert.equal(BigInt(content.abs_rshares), voteChecks[0].rshares - voteChecks[1].rshares);
  const votes = await client.call("condenser_api", "get_active_votes", [alice, postPermlink]);
  assert.deepEqual(votes.map((v: any) => [v.voter, v.percent, BigInt(v.rshares), v.time]), [[bob, -5000, voteChecks[1].rshares, await blockTimeText(voteChecks[1].blockNum - 1)]]);
  assert.equal(content.children, 1);
  const replies = await client.call("condenser_api", "get_content_replies", [alice, postPermlink]);
  assert.deepEqual(replies.map((r: any) => [r.author, r.permlink, r.depth, r.body, r.url]), [[bob, replyPermlink, 1, "Replying with dhive.", `/kettle/@${alice}/${postPermlink}#@${bob}/${replyPermlink}`]]);
});

test("a transfer with a memo, custom_json, a follow and account_update2", async () => {
  await send("transfer", [["transfer", { from: alice, to: bob, amount: "3.333 HIVE", memo: "dhive memo ✓" }]], key(alice, "active"));
  await send("customJson", [["custom_json", { required_auths: [], required_posting_auths: [alice], id: "kettle-test", json: JSON.stringify({ from: "dhive" }) }]], key(alice, "posting"));
  await send("follow", [["custom_json", { required_auths: [], required_posting_auths: [bob], id: "follow", json: JSON.stringify(["follow", { follower: bob, following: alice, what: ["blog"] }]) }]], key(bob, "posting"));
  await send("profile", [["account_update2", { account: alice, json_metadata: "", posting_json_metadata: profileMetadata, extensions: [] }]], key(alice, "posting"));
  const [a, b] = await client.database.getAccounts([alice, bob]);
  assert.equal(a.balance, "86.667 STEEM");
  assert.equal(b.balance, "33.333 STEEM");
  assert.equal(a.posting_json_metadata, profileMetadata);
  assert.equal(a.json_metadata, "");
});

test("history through dhive, with its operation bitmask helper", async () => {
  const history = await client.database.getAccountHistory(alice, -1, 100) as unknown as [number, any][];
  assert.deepEqual(history.filter(([, e]) => e.virtual_op === 0).map(([, e]) => e.op[0]), [
    "account_create", "transfer", "transfer_to_vesting", "comment", "comment", "vote", "comment", "vote", "transfer", "custom_json", "account_update2",
  ]);
  const mask = utils.makeBitMaskFilter([utils.operationOrders.transfer]) as [number, number];
  const transfers = await client.database.getAccountHistory(alice, -1, 100, mask) as unknown as [number, any][];
  assert.deepEqual(transfers.map(([, e]) => [e.trx_id, e.op[1].amount]), [[included.fund.id, "100.000 STEEM"], [included.transfer.id, "3.333 STEEM"]]);
  const votes = await kettle.rpc("condenser_api.get_account_history", [bob, -1, 100, String(1 << utils.operationOrders.vote), null]);
  assert.deepEqual(votes.map(([, e]: [number, any]) => e.op[1].weight), [10000, -5000]);
});

test("blocks and operations through dhive", async () => {
  const { id, block_num: blockNum, trx_num: trxNum, tx } = included.claimAndCreate;
  const block = await client.database.getBlock(blockNum) as any;
  assert.equal(block.transaction_ids[trxNum], id);
  assert.deepEqual(block.transactions[trxNum], { ...tx, transaction_id: id, block_num: blockNum, transaction_num: trxNum });
  assert.deepEqual(await client.database.getBlockHeader(blockNum), { previous: block.previous, timestamp: block.timestamp, witness: "initminer", transaction_merkle_root: block.transaction_merkle_root, extensions: [] });
  const ops = (await client.database.getOperations(blockNum)).filter((op) => op.virtual_op === 0 && op.trx_id === id);
  assert.deepEqual(ops.map((op) => [op.op_in_trx, op.op[0]]), [[0, "claim_account"], [1, "create_claimed_account"]]);
  assert.equal(cryptoUtils.generateTrxId(tx), id);
});

test("signature helpers agree with dhive's serializer", async () => {
  const { tx } = included.profile;
  assert.equal(await client.call("condenser_api", "get_transaction_hex", [tx]), serializeSigned(tx));
  assert.equal(await client.call("condenser_api", "get_transaction_hex", [included.fund.tx]), serializeSigned(included.fund.tx));
  assert.equal(await client.database.verifyAuthority(tx), true);
  const unsigned = { ...included.transfer.tx, signatures: [] };
  assert.deepEqual(await client.call("condenser_api", "get_required_signatures", [unsigned, [publicKey(alice, "active"), publicKey(bob, "active")]]), [publicKey(alice, "active")]);
});

// steemd's get_required_signatures/get_potential_signatures (database_api.cpp → signed_transaction::get_required_signatures) walk
// only the authority level the operations name: a posting-only transaction checks posting authorities alone, an active one
// active authorities alone (owner only for operations that require owner).
test("get_potential_signatures offers only the keys of the required authority level, as steemd does", async () => {
  const vote = { ...included.upvote.tx, signatures: [] };
  assert.deepEqual(await client.call("condenser_api", "get_potential_signatures", [vote]), [publicKey(bob, "posting")]);
  const transfer = { ...included.transfer.tx, signatures: [] };
  assert.deepEqual(await client.call("condenser_api", "get_potential_signatures", [transfer]), [publicKey(alice, "active")]);
});

test("get_required_signatures picks the posting key for a posting transaction, as steemd does", async () => {
  const vote = { ...included.upvote.tx, signatures: [] };
  assert.deepEqual(await client.call("condenser_api", "get_required_signatures", [vote, [publicKey(bob, "active"), publicKey(bob, "posting")]]), [publicKey(bob, "posting")]);
  const transfer = { ...included.transfer.tx, signatures: [] };
  assert.deepEqual(await client.call("condenser_api", "get_required_signatures", [transfer, [publicKey(alice, "owner"), publicKey(alice, "active")]]), [publicKey(alice, "active")]);
});

test("kettle dev with its demo content starts at a 1-second block interval, and dhive reads and votes with the demo passwords", async () => {
  const demo = await startKettle({ demo: true, blockInterval: 1 });
  try {
    const demoClient = new Client(demo.url, { chainId, addressPrefix: "STM", timeout: 15_000 });
    const permlink = "the-battle-for-aleppo-a-new-chapter-in-syrias-enduring-conflict";
    const post = await demoClient.call("condenser_api", "get_content", ["alice", permlink]);
    assert.equal(post.category, "hive-196037");
    assert.equal(post.children, 3, "two replies and a reply to a reply");
    assert.equal(post.net_votes, 3);
    assert.deepEqual(post.active_votes.map((v: any) => [v.voter, v.percent]), [["bob", 10000], ["carol", 7500], ["dave", 5000]]);
    const [account] = await demoClient.database.getAccounts(["alice"]);
    assert.equal(account.posting.key_auths[0][0], PrivateKey.fromLogin("alice", "P5KettleDemoAlice", "posting").createPublic("STM").toString());
    await demoClient.broadcast.vote({ voter: "alice", author: "bob", permlink: "re-the-battle-for-aleppo-bob", weight: 10000 }, PrivateKey.fromLogin("alice", "P5KettleDemoAlice", "posting"));
    await demo.rpc("debug_node_api.debug_generate_blocks", { count: 1 });
    const votes = await demoClient.call("condenser_api", "get_active_votes", ["bob", "re-the-battle-for-aleppo-bob"]);
    assert.deepEqual(votes.map((v: any) => v.voter), ["alice"]);
  } finally {
    await demo.stop();
  }
});
