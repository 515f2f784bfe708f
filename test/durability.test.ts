// Checks that every transaction whose synchronous broadcast was answered survives a SIGKILL of the real CLI node, in the block the answer named, and that restart, snapshots and replay agree on the state hash.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseAsset } from "../src/api/format/json-asset.ts";
import { replayDataDir } from "../src/cli/replay-command.ts";
import { readGenesisFile } from "../src/cli/genesis-file.ts";
import { devInitWif } from "../src/cli/run-node.ts";
import { type PrivateKey, decodeWif, derivePrivateKeyFromLogin, getPublicKey } from "../src/core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../src/core/protocol/authority.ts";
import { initMinerName, nullAccount } from "../src/core/protocol/config.ts";
import type { Operation } from "../src/core/protocol/operation-schemas.ts";
import { nativeSecp256k1 } from "../src/node/native-secp256k1.ts";
import {
  type ChainRef,
  type KettleProcess,
  RpcResponseError,
  chainRefFromProps,
  kettleBin,
  replayStateHashes,
  repoRoot,
  rpcBatch,
  rpcCall,
  signLegacy,
  startKettle,
} from "./helpers/durability-client.ts";

const cycles = 3;
const payerCount = 14;
const sinkCount = 6;
const transferWorkers = 24;
const socialWorkers = 4;
/** Wall-clock spacing of one account's votes (and, separately, its replies): the chain allows one per 3 s of block time. */
const socialSpacingMs = 5_500;

const steem = (amount: bigint) => ({ amount, symbol: "STEEM" as const });
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface TestAccount {
  readonly name: string;
  readonly secret: PrivateKey;
}

function makeAccount(name: string): TestAccount {
  return { name, secret: derivePrivateKeyFromLogin(name, "P5KettleDurability", "active") };
}

const payers = Array.from({ length: payerCount }, (_, i) => makeAccount(`payer${String(i).padStart(2, "0")}`));
const sinks = Array.from({ length: sinkCount }, (_, i) => makeAccount(`sink${String(i).padStart(2, "0")}`));
const initSecret = decodeWif(devInitWif)!;
const rootPermlink = (account: TestAccount) => `post-${account.name}`;

/** A synchronous broadcast the node answered successfully, and what the answer said. */
interface Answered {
  readonly id: string;
  readonly block_num: number;
  readonly trx_num: number;
  readonly signature: string;
  readonly kind: "setup" | "post" | "transfer" | "vote" | "reply";
  /** For transfers: who got how much. */
  readonly to?: string;
  readonly amount?: bigint;
}

const answered: Answered[] = [];

/** One load phase against one node process. */
interface Load {
  readonly url: string;
  readonly cycle: number;
  killed: boolean;
  /** The node answered with a JSON-RPC error: a valid transaction was refused. */
  readonly rejections: string[];
  /** A request failed in transport while the node was supposed to be up. */
  readonly transportErrors: string[];
  refCache: { at: number; ref: Promise<ChainRef> } | null;
  sent: number;
}

function getRef(load: Load): Promise<ChainRef> {
  const now = Date.now();
  if (load.refCache === null || now - load.refCache.at > 300) {
    const ref = rpcCall(load.url, "condenser_api.get_dynamic_global_properties", []).then((props) => chainRefFromProps(props));
    ref.catch(() => {});
    load.refCache = { at: now, ref };
  }
  return load.refCache.ref;
}

function noteFailure(load: Load, what: string, error: unknown): void {
  if (error instanceof RpcResponseError) load.rejections.push(`${what}: ${error.message}`);
  else if (!load.killed) load.transportErrors.push(`${what}: ${String((error as Error)?.cause ?? error)}`);
}

/** Signs and broadcasts synchronously; records the transaction when (and only when) the answer arrives. */
async function broadcast(load: Load, kind: Answered["kind"], operations: Operation[], secret: PrivateKey, extra: Pick<Answered, "to" | "amount"> = {}): Promise<boolean> {
  let what = `${kind} (before signing)`;
  try {
    const ref = await getRef(load);
    const signed = signLegacy(operations, [secret], ref);
    what = `${kind} ${signed.id}`;
    load.sent++;
    const result = await rpcCall(load.url, "condenser_api.broadcast_transaction_synchronous", [signed.trx], 20_000);
    assert.equal(result.id, signed.id, "the answer names the transaction id we computed");
    assert.ok(Number.isSafeInteger(result.block_num) && result.block_num > 0, `answer names a block: ${JSON.stringify(result)}`);
    answered.push({ id: signed.id, block_num: result.block_num, trx_num: result.trx_num, signature: signed.trx.signatures[0], kind, ...extra });
    return true;
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    noteFailure(load, what, error);
    return false;
  }
}

async function runTransferWorker(load: Load, worker: number): Promise<void> {
  let seq = 0;
  while (!load.killed) {
    const from = payers[randomInt(0, payers.length - 1)];
    const to = sinks[randomInt(0, sinks.length - 1)];
    const amount = BigInt(randomInt(1, 50));
    const memo = `c${load.cycle}-w${worker}-${seq++}`;
    const ok = await broadcast(load, "transfer", [{ type: "transfer", value: { from: from.name, to: to.name, amount: steem(amount), memo } }], from.secret, { to: to.name, amount });
    if (!ok && !load.killed) await sleep(50);
  }
}

const lastVoteAt = new Map<string, number>();
const lastReplyAt = new Map<string, number>();
const votesCast = new Map<string, number>();
let replySeq = 0;

async function runSocialWorker(load: Load, owned: readonly number[]): Promise<void> {
  while (!load.killed) {
    const now = Date.now();
    const actions: Promise<boolean>[] = [];
    for (const index of owned) {
      const account = payers[index];
      const voted = votesCast.get(account.name) ?? 0;
      if (now - (lastVoteAt.get(account.name) ?? 0) >= socialSpacingMs && voted < payers.length - 1) {
        // Each vote goes to a post this voter has not voted on, so no vote is ever a (possibly unchanged) re-vote.
        const author = payers[(index + 1 + voted) % payers.length];
        lastVoteAt.set(account.name, now);
        votesCast.set(account.name, voted + 1);
        const weight = randomInt(100, 10_000);
        actions.push(broadcast(load, "vote", [{ type: "vote", value: { voter: account.name, author: author.name, permlink: rootPermlink(author), weight } }], account.secret));
      }
      if (now - (lastReplyAt.get(account.name) ?? 0) >= socialSpacingMs) {
        const parent = payers[randomInt(0, payers.length - 1)];
        lastReplyAt.set(account.name, now);
        const permlink = `re-${account.name}-c${load.cycle}-${replySeq++}`;
        const body = `Reply ${permlink} to @${parent.name}, written while the node may be killed at any moment.`;
        actions.push(broadcast(load, "reply", [{
          type: "comment",
          value: { parent_author: parent.name, parent_permlink: rootPermlink(parent), author: account.name, permlink, title: "", body, json_metadata: "{}" },
        }], account.secret));
      }
    }
    await Promise.all(actions);
    if (!load.killed) await sleep(200);
  }
}

function newLoad(node: KettleProcess, cycle: number): Load {
  return { url: node.url, cycle, killed: false, rejections: [], transportErrors: [], refCache: null, sent: 0 };
}

function assertCleanLoad(load: Load, label: string): void {
  assert.deepEqual(load.rejections.slice(0, 5), [], `${label}: the node refused valid transactions (${load.rejections.length} in all)`);
  assert.deepEqual(load.transportErrors.slice(0, 5), [], `${label}: requests failed while the node was up (${load.transportErrors.length} in all)`);
}

/** Creates the accounts (initminer pays the fee, powers each up and funds it) and one root post per payer. */
async function setUpAccounts(node: KettleProcess): Promise<void> {
  const load = newLoad(node, 0);
  await Promise.all([...payers, ...sinks].map((account) => {
    const key = getPublicKey(nativeSecp256k1, account.secret);
    const auth = createSingleKeyAuthority(key);
    const funding = sinks.includes(account) ? 1_000n : 1_000_000n;
    return broadcast(load, "setup", [
      { type: "account_create", value: { fee: steem(3_000n), creator: initMinerName, new_account_name: account.name, owner: auth, active: auth, posting: auth, memo_key: key, json_metadata: "" } },
      { type: "transfer_to_vesting", value: { from: initMinerName, to: account.name, amount: steem(10_000n) } },
      { type: "transfer", value: { from: initMinerName, to: account.name, amount: steem(funding), memo: "funding" } },
    ], initSecret, { to: account.name, amount: funding });
  }));
  assertCleanLoad(load, "account creation");
  await Promise.all(payers.map((account) => broadcast(load, "post", [{
    type: "comment",
    value: { parent_author: "", parent_permlink: "durability", author: account.name, permlink: rootPermlink(account), title: `Post by ${account.name}`, body: "Votes and replies land here.", json_metadata: "{}" },
  }], account.secret)));
  assertCleanLoad(load, "root posts");
  // A root post counts as the author's last post for the reply interval too.
  for (const account of payers) lastReplyAt.set(account.name, Date.now());
}

/** Runs transfer and social workers for `durationMs`, then SIGKILLs the node mid-flight. */
async function loadAndKill(node: KettleProcess, cycle: number, durationMs: number): Promise<Load> {
  const load = newLoad(node, cycle);
  const owned = Array.from({ length: socialWorkers }, (_, w) => payers.map((_, i) => i).filter((i) => i % socialWorkers === w));
  const workers = [
    ...Array.from({ length: transferWorkers }, (_, w) => runTransferWorker(load, w)),
    ...owned.map((indexes) => runSocialWorker(load, indexes)),
  ];
  // A failed assertion inside a worker must not surface as an unhandled rejection before we await it below.
  const done = Promise.all(workers);
  done.catch(() => {});
  await sleep(durationMs);
  load.killed = true;
  node.signal("SIGKILL");
  const status = await node.exited;
  assert.equal(status.signal, "SIGKILL", `the node was killed, not exited (code ${status.code}): ${node.output()}`);
  await done;
  assertCleanLoad(load, `cycle ${cycle}`);
  return load;
}

/** Stops the node with SIGTERM and expects a clean exit. */
async function stopGracefully(node: KettleProcess): Promise<void> {
  node.signal("SIGTERM");
  const status = await node.exited;
  assert.deepEqual(status, { code: 0, signal: null }, `graceful stop exits 0; output:\n${node.output()}`);
}

interface LiveSample {
  readonly label: string;
  readonly head: number;
  readonly hash: string;
}

async function sampleStateHash(node: KettleProcess, label: string): Promise<LiveSample> {
  const result = await rpcCall<{ state_hash: string; head_block_number: number }>(node.url, "debug_node_api.debug_get_state_hash", {});
  assert.match(result.state_hash, /^[0-9a-f]{64}$/);
  return { label, head: result.head_block_number, hash: result.state_hash };
}

type LegacyOp = [string, Record<string, any>];
interface LegacyBlock {
  previous: string;
  block_id: string;
  transaction_ids: string[];
  transactions: { operations: LegacyOp[]; signatures: string[] }[];
}

/**
 * Checks a running node against everything answered so far: each answered transaction sits in the block and
 * position its answer named (by the block and by get_transaction); blocks link; every account's liquid balance
 * equals what the transfers in the chain imply; supply is conserved; each sink got at least the answered amounts.
 */
async function verifyNode(node: KettleProcess, dataDir: string, label: string): Promise<number> {
  const props = await rpcCall(node.url, "condenser_api.get_dynamic_global_properties", []);
  const head: number = props.head_block_number;
  const maxAnswered = Math.max(...answered.map((a) => a.block_num));
  assert.ok(head >= maxAnswered, `${label}: head ${head} is below block ${maxAnswered}, which an answer named`);

  const blocks = await rpcBatch<LegacyBlock | null>(node.url, Array.from({ length: head }, (_, i) => ({ method: "condenser_api.get_block", params: [i + 1] })), 200);
  const located = new Map<string, { block: number; trx: number; signature: string }>();
  blocks.forEach((block, i) => {
    assert.ok(block !== null, `${label}: block ${i + 1} of ${head} is missing`);
    if (i > 0) assert.equal(block.previous, blocks[i - 1]!.block_id, `${label}: block ${i + 1} links to block ${i}`);
    block.transaction_ids.forEach((id, trx) => {
      assert.ok(!located.has(id), `${label}: transaction ${id} appears twice (blocks ${located.get(id)?.block} and ${i + 1})`);
      located.set(id, { block: i + 1, trx, signature: block.transactions[trx].signatures[0] });
    });
  });
  const missing = answered.filter((a) => {
    const where = located.get(a.id);
    return where === undefined || where.block !== a.block_num || where.trx !== a.trx_num || where.signature !== a.signature;
  });
  assert.deepEqual(missing.slice(0, 5).map((a) => ({ ...a, amount: String(a.amount), found: located.get(a.id) ?? null })), [],
    `${label}: ${missing.length} of ${answered.length} answered transactions are not where their answers put them`);

  const lookups = await rpcBatch<{ block_num: number; transaction_num: number; signatures: string[] }>(node.url, answered.map((a) => ({ method: "condenser_api.get_transaction", params: [a.id] })));
  lookups.forEach((found, i) => {
    const a = answered[i];
    assert.deepEqual([found.block_num, found.transaction_num, found.signatures[0]], [a.block_num, a.trx_num, a.signature], `${label}: get_transaction ${a.id}`);
  });

  // An independent model of liquid balances, from genesis and the operations in the chain's blocks.
  const genesis = readGenesisFile(dataDir)!.genesis;
  const balances = new Map<string, bigint>([[initMinerName, genesis.initLiquidSteem]]);
  let vestingFund = genesis.initVestingSteem;
  let burned = 0n;
  const add = (name: string, delta: bigint) => balances.set(name, (balances.get(name) ?? 0n) + delta);
  const steemOf = (text: string) => {
    const asset = parseAsset(text);
    assert.equal(asset.symbol, "STEEM");
    return asset.amount;
  };
  for (const block of blocks) {
    for (const tx of block!.transactions) {
      for (const [type, op] of tx.operations) {
        if (type === "account_create") {
          add(op.creator, -steemOf(op.fee));
          burned += steemOf(op.fee); // sent to null, burned at the end of its block
          add(op.new_account_name, 0n);
        } else if (type === "transfer") {
          add(op.from, -steemOf(op.amount));
          add(op.to, steemOf(op.amount));
        } else if (type === "transfer_to_vesting") {
          add(op.from, -steemOf(op.amount));
          vestingFund += steemOf(op.amount);
        } else assert.ok(type === "comment" || type === "vote", `${label}: unexpected operation ${type}`);
      }
    }
  }
  const names = await rpcCall<string[]>(node.url, "condenser_api.lookup_accounts", ["", 1000]);
  const accounts = await rpcCall<Record<string, any>[]>(node.url, "condenser_api.get_accounts", [names]);
  assert.equal(accounts.length, names.length);
  let held = 0n;
  const actual = new Map<string, bigint>();
  for (const account of accounts) {
    const balance = steemOf(account.balance);
    actual.set(account.name, balance);
    held += balance + steemOf(account.savings_balance) + steemOf(account.reward_steem_balance);
  }
  for (const name of new Set([...actual.keys(), ...balances.keys()])) {
    assert.equal(actual.get(name), balances.get(name) ?? 0n, `${label}: ${name}'s balance against the transfers in the chain`);
  }
  const [current, fund] = await rpcBatch<any>(node.url, [
    { method: "condenser_api.get_dynamic_global_properties", params: [] },
    { method: "condenser_api.get_reward_fund", params: ["post"] },
  ], 2);
  assert.equal(actual.get(nullAccount) ?? 0n, 0n, `${label}: null holds nothing (what it is sent is burned)`);
  // Every block issues new STEEM into the vesting fund, the reward fund and the producer's VESTS, never more than 9.78 % a year.
  const issuedMax = (BigInt(head) * (genesis.initLiquidSteem + genesis.initVestingSteem + (genesis.rewardFundSteem ?? 0n)) * 2n * 978n) / (10_000n * 10_512_000n) + BigInt(head);
  assert.ok(steemOf(current.total_vesting_fund_steem) >= vestingFund, `${label}: vesting fund holds at least the power-ups in the chain`);
  const supply = held + steemOf(current.total_vesting_fund_steem) + steemOf(fund.reward_balance) + steemOf(current.pending_rewarded_vesting_steem);
  assert.equal(supply, steemOf(current.current_supply), `${label}: balances + vesting fund + reward fund equal current_supply`);
  const genesisSupply = genesis.initLiquidSteem + genesis.initVestingSteem + (genesis.rewardFundSteem ?? 0n) - burned;
  const made = steemOf(current.current_supply) - genesisSupply;
  assert.ok(made >= 0n && made <= issuedMax, `${label}: only issuance makes STEEM (${made} raw made in ${head} blocks; at most ${issuedMax})`);

  for (const sink of sinks) {
    const answeredIn = answered.filter((a) => a.to === sink.name).reduce((sum, a) => sum + a.amount!, 0n);
    assert.ok(actual.get(sink.name)! >= answeredIn, `${label}: ${sink.name} holds ${actual.get(sink.name)} raw STEEM, less than the ${answeredIn} answered transfers sent it`);
  }
  return head;
}

/** Compares live samples and post-kill replays with one replay of the (stopped) node's data directory. */
function checkAgainstReplay(dataDir: string, samples: readonly LiveSample[], killReplays: readonly LiveSample[]): void {
  const replay = replayStateHashes(dataDir, [...samples, ...killReplays].map((s) => s.head));
  for (const sample of samples) {
    assert.ok(replay.at.has(sample.head), `${sample.label}: the log no longer holds block ${sample.head} (head ${replay.headBlockNum})`);
    assert.equal(sample.hash, replay.at.get(sample.head), `${sample.label}: live state hash at block ${sample.head} equals the replay's`);
  }
  for (const kill of killReplays) {
    assert.equal(replay.at.get(kill.head), kill.hash, `${kill.label}: the replay right after the kill (head ${kill.head}) still matches the log's prefix`);
  }
}

test("answered broadcasts survive SIGKILL; restart, snapshots and replay agree", { timeout: 180_000 }, async (t) => {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-durability-"));
  const processes: KettleProcess[] = [];
  const start = async () => {
    const at = performance.now();
    const node = await startKettle(dataDir);
    processes.push(node);
    return { node, ms: Math.round(performance.now() - at) };
  };
  t.after(async () => {
    for (const node of processes) {
      if (node.isRunning()) {
        node.signal("SIGKILL");
        await node.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const samples: LiveSample[] = [];
  const killReplays: LiveSample[] = [];
  let { node } = await start();
  await setUpAccounts(node);
  t.diagnostic(`set-up: ${answered.length} transactions answered, ${Math.round(performance.now() - started)} ms`);

  for (let cycle = 1; cycle <= cycles; cycle++) {
    const durationMs = randomInt(2_000, 5_000);
    const before = answered.length;
    const load = await loadAndKill(node, cycle, durationMs);
    const maxAnswered = Math.max(...answered.map((a) => a.block_num));

    // (a) replay the data directory the killed node left behind
    const replayStarted = performance.now();
    const afterKill = replayDataDir(dataDir);
    const replayMs = Math.round(performance.now() - replayStarted);
    assert.ok(afterKill.headBlockNum >= maxAnswered, `cycle ${cycle}: the log ends at block ${afterKill.headBlockNum}, before block ${maxAnswered}, which an answer named`);
    killReplays.push({ label: `cycle ${cycle} replay after SIGKILL`, head: afterKill.headBlockNum, hash: afterKill.stateHash });

    // (b) restart on the same directory and check every answered transaction and the balances
    const restarted = await start();
    node = restarted.node;
    const first = await sampleStateHash(node, `cycle ${cycle} restart after SIGKILL`);
    assert.ok(first.head >= afterKill.headBlockNum, `cycle ${cycle}: restarted at head ${first.head}, below the ${afterKill.headBlockNum} blocks the log held`);
    samples.push(first);
    const head = await verifyNode(node, dataDir, `cycle ${cycle} after SIGKILL`);
    samples.push(await sampleStateHash(node, `cycle ${cycle} after verification`));

    // (c) stop gracefully (snapshot), compare the live hashes with a replay, restart from the snapshot
    await stopGracefully(node);
    checkAgainstReplay(dataDir, samples, killReplays);
    const fromSnapshot = await start();
    node = fromSnapshot.node;
    samples.push(await sampleStateHash(node, `cycle ${cycle} restart from snapshot`));
    t.diagnostic(`cycle ${cycle}: load ${durationMs} ms, ${load.sent} sent, ${answered.length - before} answered (last in block ${maxAnswered}); ` +
      `log after kill ends at block ${afterKill.headBlockNum} (replay ${replayMs} ms); restart ${restarted.ms} ms, head ${head}; restart from snapshot ${fromSnapshot.ms} ms`);
  }

  await verifyNode(node, dataDir, "final");
  samples.push(await sampleStateHash(node, "final"));
  await stopGracefully(node);
  checkAgainstReplay(dataDir, samples, killReplays);

  // The CLI's `kettle replay` prints the same hash as replayDataDir.
  const cli = spawnSync(process.execPath, [kettleBin, "replay", "--data", dataDir], { cwd: repoRoot, encoding: "utf8", timeout: 30_000 });
  assert.equal(cli.status, 0, cli.stderr);
  const printed = /state hash ([0-9a-f]{64})/.exec(cli.stdout)?.[1];
  assert.equal(printed, replayDataDir(dataDir).stateHash, "kettle replay prints the replayDataDir hash");
  const byKind = new Map<string, number>();
  for (const a of answered) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  const counts = [...byKind].map(([kind, n]) => `${kind} ${n}`).join(", ");
  t.diagnostic(`${answered.length} answered (${counts}); ${samples.length} live hashes matched; total ${Math.round(performance.now() - started)} ms`);
});
