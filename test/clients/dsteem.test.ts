// Drives an unmodified dsteem 0.11.3 against a real `kettle dev` process: accounts (account_create, account_create_with_delegation), transfers, power-up, posts, patch edits, votes, custom_json and account_update2, then checks every value read back through condenser and appbase methods.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import DiffMatchPatch from "diff-match-patch";
import { Client, type Operation, PrivateKey, type SignedTransaction, type TransactionConfirmation, Types, cryptoUtils } from "dsteem";
import {
  type KettleProcess, effectiveVestingShares, formatAssetRaw, formatChainTime, parseAssetRaw, parseChainTime, regenerateMana,
  assertVestsBought, startKettle, vestsForSteem, voteRshares,
} from "../helpers/kettle-process.ts";

const chainId = "0".repeat(64);
const initminerKey = PrivateKey.fromString("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n");
const ByteBuffer = createRequire(createRequire(import.meta.url).resolve("dsteem"))("bytebuffer");

const alice = "dsalice";
const bob = "dsbob";
const carol = "dscarol";
type Role = "owner" | "active" | "posting" | "memo";
const key = (name: string, role: Role) => PrivateKey.fromLogin(name, `P5KettleTest-${name}`, role);
const publicKey = (name: string, role: Role) => key(name, role).createPublic("STM").toString();
const authority = (name: string, role: Role) => ({ weight_threshold: 1, account_auths: [], key_auths: [[publicKey(name, role), 1]] });

const postPermlink = "dsteem-first-post";
const replyPermlink = "re-dsalice-dsteem-first-post";
const filler = "Kettle is a Steem-compatible chain, and this paragraph is here so that the post is long enough for a patch to be shorter than the new body, which is when condenser sends a patch.";
const originalBody = `Kettle speaks dsteem.\n\n${filler}\n\nThis paragraph will be edited with a diff-match-patch patch.\n\n${filler}\n\nThe end.`;
const editedBody = `Kettle speaks dsteem.\n\n${filler}\n\nThis paragraph was edited — café and all — with a patch.\n\n${filler}\n\nThe end.`;
const postMetadata = JSON.stringify({ tags: ["kettle", "dsteem"], app: "kettle-test/1.0", format: "markdown" });
const profileMetadata = JSON.stringify({ profile: { name: "Alice (dsteem)", about: "posting_json_metadata via account_update2" } });

let kettle: KettleProcess;
let client: Client;
/** Everything later tests read back: transactions as sent, and where they landed. */
const sent: Record<string, { tx: SignedTransaction; confirmation: TransactionConfirmation }> = {};
let propsBeforePowerUp: any;
let initminerBefore: any;
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

/** Builds and signs a transaction exactly as dsteem's sendOperations does, then broadcasts it with dsteem. */
async function broadcast(label: string, operations: Operation[], keys: PrivateKey | PrivateKey[]): Promise<TransactionConfirmation> {
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
  sent[label] = { tx: signed, confirmation };
  return confirmation;
}

/** dsteem's own bytes for a signed transaction: the unsigned transaction, then the signatures. */
function serializeSigned(tx: SignedTransaction): string {
  const buffer = new ByteBuffer(ByteBuffer.DEFAULT_CAPACITY, ByteBuffer.LITTLE_ENDIAN);
  Types.Transaction(buffer, tx);
  buffer.writeVarint32(tx.signatures.length);
  for (const signature of tx.signatures) buffer.append(Buffer.from(signature, "hex"));
  buffer.flip();
  return Buffer.from(buffer.toBuffer()).toString("hex");
}

function transactionId(tx: SignedTransaction): string {
  const buffer = new ByteBuffer(ByteBuffer.DEFAULT_CAPACITY, ByteBuffer.LITTLE_ENDIAN);
  Types.Transaction(buffer, tx);
  buffer.flip();
  return cryptoUtils.sha256(Buffer.from(buffer.toBuffer())).toString("hex").slice(0, 40);
}

async function generateBlocks(count: number): Promise<void> {
  await kettle.rpc("debug_node_api.debug_generate_blocks", { count });
}

async function getAccount(name: string): Promise<any> {
  const [account] = await client.database.getAccounts([name]);
  assert.ok(account, `account ${name} exists`);
  return account;
}

async function blockTime(blockNum: number): Promise<number> {
  return parseChainTime((await client.database.getBlockHeader(blockNum)).timestamp);
}

/** Votes through dsteem and works out, from the voter's manabar just before, the rshares steemd would cast. */
async function voteAndExpect(weight: number): Promise<void> {
  const voter = await getAccount(bob);
  const confirmation = await client.broadcast.vote({ voter: bob, author: alice, permlink: postPermlink, weight }, key(bob, "posting"));
  const now = await blockTime(confirmation.block_num - 1);
  const mana = regenerateMana(BigInt(voter.voting_manabar.current_mana), Number(voter.voting_manabar.last_update_time), effectiveVestingShares(voter), now);
  voteChecks.push({ weight, rshares: voteRshares(mana, weight).rshares, blockNum: confirmation.block_num });
}

test("chain reads: global properties, config, version, chain properties, hardfork", async () => {
  const props = await client.database.getDynamicGlobalProperties();
  assert.equal(typeof props.head_block_number, "number");
  assert.match(props.head_block_id, /^[0-9a-f]{40}$/);
  assert.equal(props.head_block_id.slice(0, 8), props.head_block_number.toString(16).padStart(8, "0"));
  assert.match(props.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  assert.equal(props.last_irreversible_block_num, props.head_block_number);
  const config = await client.database.getConfig();
  assert.equal(config.STEEM_CHAIN_ID, chainId);
  assert.equal(config.STEEM_ADDRESS_PREFIX, "STM");
  assert.equal(config.STEEM_BLOCK_INTERVAL, 1);
  const version = await client.call("condenser_api", "get_version", []);
  assert.equal(version.chain_id, chainId);
  assert.equal(version.blockchain_version, "0.23.0");
  const chainProperties = await client.database.getChainProperties();
  assert.equal(chainProperties.account_creation_fee, "3.000 STEEM");
  assert.equal(chainProperties.maximum_block_size, 65536);
  assert.equal(await client.call("condenser_api", "get_hardfork_version", []), "0.23.0");
  initminerBefore = await getAccount("initminer");
});

test("account_create (two in one transaction) and account_create_with_delegation", async () => {
  const countBefore = await client.call("condenser_api", "get_account_count", []);
  const create = (name: string): Operation => ["account_create", {
    fee: "3.000 STEEM", creator: "initminer", new_account_name: name, owner: authority(name, "owner"), active: authority(name, "active"),
    posting: authority(name, "posting"), memo_key: publicKey(name, "memo"), json_metadata: JSON.stringify({ created_by: "dsteem" }),
  }];
  const confirmation = await broadcast("create", [create(alice), create(bob)], initminerKey);
  assert.deepEqual(Object.keys(confirmation).sort(), ["block_num", "expired", "id", "trx_num"]);
  assert.equal(confirmation.expired, false);
  assert.equal(confirmation.id, transactionId(sent.create.tx));
  assert.equal(typeof confirmation.block_num, "number");
  assert.equal(confirmation.trx_num, 0);

  // Kettle keeps account_create_with_delegation open (steemd refuses it since HF20): fee × 5 in VESTS plus the delegation must reach 5 × the creation fee.
  const props = await client.database.getDynamicGlobalProperties();
  const delegation = vestsForSteem(props, 3000n * 5n) - vestsForSteem(props, 1000n * 5n);
  await broadcast("createWithDelegation", [["account_create_with_delegation", {
    fee: "1.000 STEEM", delegation: formatAssetRaw(delegation, "VESTS"), creator: "initminer", new_account_name: carol,
    owner: authority(carol, "owner"), active: authority(carol, "active"), posting: authority(carol, "posting"),
    memo_key: publicKey(carol, "memo"), json_metadata: "", extensions: [],
  }]], initminerKey);

  assert.equal(await client.call("condenser_api", "get_account_count", []), countBefore + 3);
  const [a, b, c] = await client.database.getAccounts([alice, bob, carol]);
  for (const [account, name] of [[a, alice], [b, bob], [c, carol]] as const) {
    assert.equal(account.name, name);
    assert.deepEqual(account.owner, authority(name, "owner"));
    assert.deepEqual(account.active, authority(name, "active"));
    assert.deepEqual(account.posting, authority(name, "posting"));
    assert.equal(account.memo_key, publicKey(name, "memo"));
    assert.equal(account.recovery_account, "initminer");
    assert.equal(account.balance, "0.000 STEEM");
  }
  assert.equal(a.json_metadata, JSON.stringify({ created_by: "dsteem" }));
  assert.equal(a.vesting_shares, "0.000000 VESTS");
  assert.equal(a.created, (await client.database.getBlockHeader(sent.create.confirmation.block_num - 1)).timestamp);
  assert.equal(c.vesting_shares, formatAssetRaw(vestsForSteem(props, 1000n), "VESTS"));
  assert.equal(c.received_vesting_shares, formatAssetRaw(delegation, "VESTS"));
  const initminer = await getAccount("initminer");
  assert.equal(initminer.delegated_vesting_shares, formatAssetRaw(delegation, "VESTS"));
  assert.equal(parseAssetRaw(initminer.balance), parseAssetRaw(initminerBefore.balance) - 7000n);
});

test("transfers from initminer fund the accounts; transfer_to_vesting signed by two accounts powers both up", async () => {
  await broadcast("fund", [
    ["transfer", { from: "initminer", to: alice, amount: "100.000 STEEM", memo: "welcome, alice" }],
    ["transfer", { from: "initminer", to: bob, amount: "50.000 STEEM", memo: "welcome, bob" }],
  ], initminerKey);
  await assert.rejects(client.broadcast.send(sent.fund.tx), /duplicate/i, "the same signed transaction cannot be included twice");
  propsBeforePowerUp = await client.database.getDynamicGlobalProperties();
  const confirmation = await broadcast("powerUp", [
    ["transfer_to_vesting", { from: alice, to: alice, amount: "10.000 STEEM" }],
    ["transfer_to_vesting", { from: bob, to: "", amount: "20.000 STEEM" }],
  ], [key(alice, "active"), key(bob, "active")]);
  assert.equal(confirmation.expired, false);

  const [a, b] = await client.database.getAccounts([alice, bob]);
  const props = await client.database.getDynamicGlobalProperties();
  assert.equal(a.balance, "90.000 STEEM");
  assert.equal(b.balance, "30.000 STEEM");
  const aliceVests = parseAssetRaw(a.vesting_shares as string);
  const bobVests = parseAssetRaw(b.vesting_shares as string);
  assert.ok(aliceVests > 0n, "the power-up buys VESTS");
  assertVestsBought(aliceVests, 10_000n, propsBeforePowerUp, props);
  assertVestsBought(bobVests, 20_000n, propsBeforePowerUp, props);
  // Both power-ups and every block's issuance since: the fund grew by at least the 30 STEEM, the shares by at least their VESTS.
  assert.ok(parseAssetRaw(props.total_vesting_fund_steem as string) >= parseAssetRaw(propsBeforePowerUp.total_vesting_fund_steem) + 30_000n);
  assert.ok(parseAssetRaw(props.total_vesting_shares as string) >= parseAssetRaw(propsBeforePowerUp.total_vesting_shares) + aliceVests + bobVests);
});

test("a root post with tags and a reply", async () => {
  const post = await client.broadcast.comment({
    parent_author: "", parent_permlink: "kettle", author: alice, permlink: postPermlink, title: "Hello from dsteem",
    body: originalBody, json_metadata: postMetadata,
  }, key(alice, "posting"));
  assert.equal(post.expired, false);
  const reply = await client.broadcast.comment({
    parent_author: alice, parent_permlink: postPermlink, author: bob, permlink: replyPermlink, title: "",
    body: "A reply from bob.", json_metadata: JSON.stringify({ tags: ["kettle"] }),
  }, key(bob, "posting"));
  assert.ok(reply.block_num >= post.block_num, "the reply is in the post's block or later");

  const content = await client.call("condenser_api", "get_content", [alice, postPermlink]);
  assert.equal(content.author, alice);
  assert.equal(content.permlink, postPermlink);
  assert.equal(content.category, "kettle");
  assert.equal(content.parent_author, "");
  assert.equal(content.parent_permlink, "kettle");
  assert.equal(content.title, "Hello from dsteem");
  assert.equal(content.body, originalBody);
  assert.equal(content.json_metadata, postMetadata);
  assert.equal(content.depth, 0);
  assert.equal(content.children, 1);
  assert.equal(content.root_author, alice);
  assert.equal(content.root_permlink, postPermlink);
  assert.equal(content.url, `/kettle/@${alice}/${postPermlink}`);
  const created = (await client.database.getBlockHeader(post.block_num - 1)).timestamp;
  const replied = (await client.database.getBlockHeader(reply.block_num - 1)).timestamp;
  assert.equal(content.created, created);
  assert.equal(content.last_update, created);
  assert.equal(content.active, replied, "a reply makes its ancestors active");
  assert.equal(content.cashout_time, formatChainTime(parseChainTime(created) + 7 * 24 * 3600));
  assert.equal(content.max_cashout_time, "1969-12-31T23:59:59");
  assert.equal(content.max_accepted_payout, "1000000.000 SBD");
  assert.equal(content.percent_steem_dollars, 10000);
  assert.equal(content.allow_votes, true);
  assert.equal(content.net_votes, 0);
  const replies = await client.call("condenser_api", "get_content_replies", [alice, postPermlink]);
  assert.equal(replies.length, 1);
  assert.equal(replies[0].author, bob);
  assert.equal(replies[0].permlink, replyPermlink);
  assert.equal(replies[0].parent_author, alice);
  assert.equal(replies[0].parent_permlink, postPermlink);
  assert.equal(replies[0].depth, 1);
  assert.equal(replies[0].category, "kettle");
  assert.equal(replies[0].root_title, "Hello from dsteem");
  assert.equal(replies[0].url, `/kettle/@${alice}/${postPermlink}#@${bob}/${replyPermlink}`);
  const [a, b] = await client.database.getAccounts([alice, bob]);
  assert.equal(a.post_count, 1);
  assert.equal(a.last_root_post, created);
  assert.equal(a.last_post, created);
  assert.equal(b.post_count, 1);
  assert.equal(b.last_post, replied);
  assert.equal(b.last_root_post, "1970-01-01T00:00:00");
});

test("a vote, then an edit with a diff-match-patch patch, then a changed vote", async () => {
  await voteAndExpect(10000);
  let votes = await client.call("condenser_api", "get_active_votes", [alice, postPermlink]);
  assert.equal(votes.length, 1);
  assert.equal(votes[0].voter, bob);
  assert.equal(votes[0].percent, 10000);
  assert.equal(BigInt(votes[0].rshares), voteChecks[0].rshares);
  assert.ok(voteChecks[0].rshares > 0n, "a full vote casts positive rshares");
  let content = await client.call("condenser_api", "get_content", [alice, postPermlink]);
  assert.equal(content.net_votes, 1);
  assert.equal(BigInt(content.net_rshares), voteChecks[0].rshares);

  await generateBlocks(3);
  const dmp = new DiffMatchPatch();
  const patch = dmp.patch_toText(dmp.patch_make(originalBody, editedBody));
  assert.ok(patch.startsWith("@@ ") && patch.length < editedBody.length, `a patch shorter than the body, as condenser sends: ${patch}`);
  const edit = await client.broadcast.comment({
    parent_author: "", parent_permlink: "kettle", author: alice, permlink: postPermlink, title: "Hello from dsteem (edited)",
    body: patch, json_metadata: postMetadata,
  }, key(alice, "posting"));
  content = await client.call("condenser_api", "get_content", [alice, postPermlink]);
  assert.equal(content.body, editedBody);
  assert.equal(content.title, "Hello from dsteem (edited)");
  assert.equal(content.last_update, (await client.database.getBlockHeader(edit.block_num - 1)).timestamp);
  assert.notEqual(content.created, content.last_update);
  assert.equal(content.active, content.last_update, "an edit makes the post active");

  await voteAndExpect(5000);
  votes = await client.call("condenser_api", "get_active_votes", [alice, postPermlink]);
  assert.equal(votes.length, 1);
  assert.equal(votes[0].percent, 5000);
  assert.equal(BigInt(votes[0].rshares), voteChecks[1].rshares);
  assert.ok(voteChecks[1].rshares > 0n && voteChecks[1].rshares < voteChecks[0].rshares, "a half vote casts fewer rshares");
  assert.equal(votes[0].time, (await client.database.getBlockHeader(voteChecks[1].blockNum - 1)).timestamp);
  assert.equal(Number(votes[0].weight), 0, "a changed vote earns no curation weight");
  assert.equal((await getAccount(bob)).last_vote_time, votes[0].time);
  content = await client.call("condenser_api", "get_content", [alice, postPermlink]);
  assert.equal(content.net_votes, 1);
  assert.equal(BigInt(content.net_rshares), voteChecks[1].rshares);
  assert.equal(BigInt(content.abs_rshares), voteChecks[0].rshares + voteChecks[1].rshares);
  assert.equal(content.active_votes[0].percent, 5000);
});

test("a transfer with a memo, custom_json, a follow and account_update2", async () => {
  const transfer = await client.broadcast.transfer({ from: alice, to: bob, amount: "1.234 STEEM", memo: "for the kettle ☕" }, key(alice, "active"));
  assert.equal(transfer.expired, false);
  const json = await client.broadcast.json({ id: "kettle-test", required_auths: [], required_posting_auths: [alice], json: JSON.stringify({ hello: "world", from: "dsteem" }) }, key(alice, "posting"));
  assert.equal(json.expired, false);
  await client.broadcast.json({ id: "follow", required_auths: [], required_posting_auths: [bob], json: JSON.stringify(["follow", { follower: bob, following: alice, what: ["blog"] }]) }, key(bob, "posting"));
  await broadcast("profile", [["account_update2", { account: alice, json_metadata: "", posting_json_metadata: profileMetadata, extensions: [] }]], key(alice, "posting"));

  const [a, b] = await Promise.all([getAccount(alice), getAccount(bob)]);
  assert.equal(a.balance, "88.766 STEEM");
  assert.equal(b.balance, "31.234 STEEM");
  assert.equal(a.posting_json_metadata, profileMetadata);
  assert.equal(a.json_metadata, JSON.stringify({ created_by: "dsteem" }));
  const stored = await client.call("condenser_api", "get_transaction", [transfer.id]);
  assert.deepEqual(stored.operations, [["transfer", { from: alice, to: bob, amount: "1.234 STEEM", memo: "for the kettle ☕" }]]);
  assert.equal(stored.block_num, transfer.block_num);
  assert.equal(stored.transaction_num, transfer.trx_num);
  assert.equal(stored.transaction_id, transfer.id);
});

test("a second root post within five minutes is refused; after debug_generate_blocks_until it goes through", async () => {
  const second = { parent_author: "", parent_permlink: "kettle", author: alice, permlink: "dsteem-second-post", title: "Second", body: "Second post.", json_metadata: postMetadata };
  await assert.rejects(client.broadcast.comment(second, key(alice, "posting")), /5 minutes|post every/i);
  const props = await client.database.getDynamicGlobalProperties();
  const target = formatChainTime(parseChainTime(props.time) + 301);
  await kettle.rpc("debug_node_api.debug_generate_blocks_until", { head_block_time: target, generate_sparsely: true });
  const after = await client.database.getDynamicGlobalProperties();
  assert.ok(parseChainTime(after.time) >= parseChainTime(target) - 1, `head time ${after.time} reached ${target}`);
  const confirmation = await client.broadcast.comment(second, key(alice, "posting"));
  assert.equal(confirmation.expired, false);
  assert.equal((await client.call("condenser_api", "get_content", [alice, "dsteem-second-post"])).body, "Second post.");
});

test("account reads: get_accounts, lookup_accounts, lookup_account_names, get_key_references (condenser and appbase)", async () => {
  assert.deepEqual(await client.call("condenser_api", "lookup_accounts", ["ds", 3]), [alice, bob, carol]);
  assert.deepEqual(await client.call("condenser_api", "lookup_accounts", ["dsb", 10]), [bob, carol, "initminer", "null", "steem.dao", "temp"]);
  const lookedUp = await client.call("condenser_api", "lookup_account_names", [[bob, "nobody-here"]]);
  assert.equal(lookedUp.length, 2);
  assert.equal(lookedUp[0].name, bob);
  assert.equal(lookedUp[1], null);
  assert.deepEqual(await client.database.getAccounts([bob, "nobody-here", alice]).then((list) => list.map((a) => a.name)), [bob, alice]);
  assert.deepEqual(await client.call("condenser_api", "get_key_references", [[publicKey(alice, "posting")]]), [[alice]]);
  assert.deepEqual(await kettle.rpc("account_by_key_api.get_key_references", { keys: [publicKey(bob, "active"), publicKey(carol, "owner")] }), { accounts: [[bob], [carol]] });
  const found = await kettle.rpc("database_api.find_accounts", { accounts: [alice] });
  assert.equal(found.accounts.length, 1);
  assert.equal(found.accounts[0].name, alice);
  assert.deepEqual(found.accounts[0].balance, { amount: "88766", precision: 3, nai: "@@000000021" });
  assert.equal(found.accounts[0].posting_json_metadata, profileMetadata);
});

test("block reads: get_block, get_block_header, get_ops_in_block, block_api.get_block", async () => {
  const { tx, confirmation } = sent.create;
  const block = await client.database.getBlock(confirmation.block_num) as any;
  const header = await client.database.getBlockHeader(confirmation.block_num);
  const previous = await client.database.getBlock(confirmation.block_num - 1) as any;
  assert.equal(block.block_id.slice(0, 8), confirmation.block_num.toString(16).padStart(8, "0"));
  assert.equal(block.previous, previous.block_id);
  assert.equal(block.witness, "initminer");
  assert.deepEqual(header, { previous: block.previous, timestamp: block.timestamp, witness: block.witness, transaction_merkle_root: block.transaction_merkle_root, extensions: [] });
  assert.equal(block.transaction_ids[confirmation.trx_num], confirmation.id);
  assert.deepEqual(block.transactions[confirmation.trx_num], { ...tx, transaction_id: confirmation.id, block_num: confirmation.block_num, transaction_num: confirmation.trx_num });
  assert.deepEqual(await client.database.getTransaction(confirmation), block.transactions[confirmation.trx_num]);

  const ops = (await client.database.getOperations(confirmation.block_num)).filter((op) => op.virtual_op === 0);
  assert.deepEqual(ops.map((op) => [op.trx_id, op.block, op.trx_in_block, op.op_in_trx, op.timestamp, op.op]), tx.operations.map((op, i) => [confirmation.id, confirmation.block_num, confirmation.trx_num, i, block.timestamp, op]));

  const appbase = await kettle.rpc("block_api.get_block", { block_num: confirmation.block_num });
  assert.equal(appbase.block.block_id, block.block_id);
  const appbaseOp = appbase.block.transactions[confirmation.trx_num].operations[0];
  assert.equal(appbaseOp.type, "account_create_operation");
  assert.deepEqual(appbaseOp.value.fee, { amount: "3000", precision: 3, nai: "@@000000021" });
  assert.equal(appbaseOp.value.new_account_name, alice);
});

test("get_account_history: every operation in order, and Hive's operation filter bitmask", async () => {
  const history = await client.call("condenser_api", "get_account_history", [alice, -1, 100]);
  const real = history.filter(([, entry]: [number, any]) => entry.virtual_op === 0);
  assert.deepEqual(real.map(([, entry]: [number, any]) => entry.op[0]), [
    "account_create", "transfer", "transfer_to_vesting", "comment", "comment", "vote", "comment", "vote", "transfer", "custom_json",
    "account_update2", "comment",
  ]);
  assert.deepEqual(history.map(([seq]: [number]) => seq), history.map((_: unknown, i: number) => i));
  const powerUp = real[2][1];
  assert.equal(powerUp.trx_id, sent.powerUp.confirmation.id);
  assert.equal(powerUp.op_in_trx, 0);
  assert.deepEqual(powerUp.op, ["transfer_to_vesting", { from: alice, to: alice, amount: "10.000 STEEM" }]);
  const bobHistory = await client.call("condenser_api", "get_account_history", [bob, -1, 100]);
  const bobPowerUp = bobHistory.find(([, entry]: [number, any]) => entry.op[0] === "transfer_to_vesting")[1];
  assert.equal(bobPowerUp.op_in_trx, 1);
  assert.equal(bobPowerUp.block, sent.powerUp.confirmation.block_num);

  // From an explicit start, steemd returns the `limit + 1` entries start − limit … start.
  const page = await client.call("condenser_api", "get_account_history", [alice, 5, 2]);
  assert.deepEqual(page.map(([seq]: [number]) => seq), [3, 4, 5]);

  const transferBit = 1 << 2;
  const filtered = await kettle.rpc("condenser_api.get_account_history", [alice, -1, 100, transferBit, 0]);
  assert.deepEqual(filtered.map(([, entry]: [number, any]) => entry.op[1].amount), ["100.000 STEEM", "1.234 STEEM"]);
  const transferSeqs = history.filter(([, entry]: [number, any]) => entry.op[0] === "transfer").map(([seq]: [number]) => seq);
  assert.deepEqual(filtered.map(([seq]: [number]) => seq), transferSeqs);
  assert.equal(transferSeqs.length, 2);
  const appbase = await kettle.rpc("account_history_api.get_account_history", { account: alice, start: -1, limit: 100, operation_filter_low: transferBit });
  assert.deepEqual(appbase.history.map(([, entry]: [number, any]) => entry.op.type), ["transfer_operation", "transfer_operation"]);
});

test("signature helpers agree with dsteem's serializer and keys", async () => {
  const { tx } = sent.profile;
  assert.equal(await client.call("condenser_api", "get_transaction_hex", [tx]), serializeSigned(tx));
  const fundTx = sent.fund.tx;
  assert.equal(await client.call("condenser_api", "get_transaction_hex", [fundTx]), serializeSigned(fundTx));
  assert.equal(await client.database.verifyAuthority(tx), true);
  const unsigned = { ...tx, signatures: [] };
  assert.deepEqual(await client.call("condenser_api", "get_required_signatures", [unsigned, [publicKey(alice, "posting"), publicKey(bob, "posting")]]), [publicKey(alice, "posting")]);
  const powerUp = { ...sent.powerUp.tx, signatures: [] };
  const required = await client.call("condenser_api", "get_required_signatures", [powerUp, [publicKey(bob, "active"), publicKey(alice, "active"), publicKey(alice, "posting")]]);
  assert.deepEqual([...required].sort(), [publicKey(alice, "active"), publicKey(bob, "active")].sort());
  const potential = await client.call("condenser_api", "get_potential_signatures", [powerUp]);
  assert.ok(potential.includes(publicKey(alice, "active")) && potential.includes(publicKey(bob, "active")));
  const { signatures: _aliceSignatures, ...bare } = tx;
  const wrong = client.broadcast.sign(bare, key(bob, "posting"));
  await assert.rejects(client.database.verifyAuthority(wrong), /authority|signature/i);
  const extra = client.broadcast.sign(bare, [key(alice, "posting"), key(bob, "posting")]);
  await assert.rejects(client.database.verifyAuthority(extra), /unnecessary|irrelevant/i, "an unused signature is refused");
});

test("appbase: database_api.get_dynamic_global_properties and network_broadcast_api.broadcast_transaction", async () => {
  const legacy = await client.database.getDynamicGlobalProperties();
  const appbaseProps = await kettle.rpc("database_api.get_dynamic_global_properties", {});
  assert.ok(appbaseProps.head_block_number >= legacy.head_block_number);
  assert.deepEqual(appbaseProps.current_supply, { amount: String(parseAssetRaw(legacy.current_supply as string)), precision: 3, nai: "@@000000021" });
  assert.equal(appbaseProps.total_vesting_shares.nai, "@@000000037");

  const props = await client.database.getDynamicGlobalProperties();
  const signed = client.broadcast.sign({
    ref_block_num: props.head_block_number & 0xffff, ref_block_prefix: Buffer.from(props.head_block_id, "hex").readUInt32LE(4),
    expiration: new Date(parseChainTime(props.time) * 1000 + 60_000).toISOString().slice(0, -5),
    operations: [["transfer", { from: bob, to: carol, amount: "0.500 STEEM", memo: "appbase" }]], extensions: [],
  }, key(bob, "active"));
  const trx = {
    ...signed,
    operations: [{ type: "transfer_operation", value: { from: bob, to: carol, amount: { amount: "500", precision: 3, nai: "@@000000021" }, memo: "appbase" } }],
  };
  assert.deepEqual(await kettle.rpc("network_broadcast_api.broadcast_transaction", { trx, max_block_age: -1 }), {});
  await generateBlocks(1);
  const stored = await client.call("condenser_api", "get_transaction", [transactionId(signed)]);
  assert.deepEqual(stored.operations, signed.operations);
  const [c] = await client.database.getAccounts([carol]);
  assert.equal(c.balance, "0.500 STEEM");
});
