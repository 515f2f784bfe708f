// End to end with an unmodified @hiveio/dhive against a real `kettle dev`: a post with a beneficiary, votes
// from three accounts at different times, a jump of 7 days to its cashout, then the payout's virtual operations
// and reward balances, a claim_reward_balance and a power down paid over its four weeks. Every amount is
// computed here from the chain's state before each block with this file's own integer arithmetic
// (reference/economics.md §2, §4–§6, §8), not with Kettle's code.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Client, type Operation, PrivateKey } from "@hiveio/dhive";
import { type KettleProcess, formatChainTime, parseAssetRaw, parseChainTime, startKettle } from "./helpers/kettle-process.ts";

const chainId = "0".repeat(64);
const initminerKey = PrivateKey.fromString("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n");
const key = (name: string, role: "owner" | "active" | "posting" | "memo") => PrivateKey.fromLogin(name, `P5KettleEconomics-${name}`, role);
const authority = (name: string, role: "owner" | "active" | "posting" | "memo") => ({
  weight_threshold: 1, account_auths: [], key_auths: [[key(name, role).createPublic("STM").toString(), 1]],
});
const author = "ecoalice";
const beneficiary = "ecoben";
const voters = [{ name: "ecobob", steem: 20_000 }, { name: "ecocarol", steem: 8_000 }, { name: "ecodave", steem: 3_000 }];
const permlink = "the-battle-for-aleppo";

let kettle: KettleProcess;
let client: Client;

before(async () => {
  kettle = await startKettle({ blockInterval: 3 });
  client = new Client(kettle.url, { chainId, addressPrefix: "STM", timeout: 30_000 });
});

after(async () => {
  if (kettle !== undefined) assert.equal(await kettle.stop(), 0);
});

async function generate(count: number): Promise<void> {
  await kettle.rpc("debug_node_api.debug_generate_blocks", { count });
}

async function send(operations: Operation[], signer: PrivateKey): Promise<void> {
  await client.broadcast.sendOperations(operations, signer);
  await generate(1);
}

/** One consistent reading of the head state (a batch is answered between two blocks). */
async function readHead(accounts: string[]) {
  const [props, fund, median, found] = await Promise.all([
    kettle.rpc("condenser_api.get_dynamic_global_properties", []),
    kettle.rpc("condenser_api.get_reward_fund", ["post"]),
    kettle.rpc("condenser_api.get_current_median_history_price", []),
    kettle.rpc("condenser_api.get_accounts", [accounts]),
  ]);
  return { props, fund, median: { base: parseAssetRaw(median.base), quote: parseAssetRaw(median.quote) }, accounts: found as any[] };
}

// ——— this file's own arithmetic ———
const contentConstant = 2_000_000_000_000n;
function approxSqrt(x: bigint): bigint {
  if (x === 0n) return 0n;
  let msb = 0n;
  while (x >> (msb + 1n) > 0n) msb++;
  const half = msb >> 1n;
  const hi = (msb & 1n) === 1n ? 1n << half : 0n;
  const lo = ((x - (1n << msb)) >> (msb - half)) & ((1n << 64n) - 1n);
  return (1n << half) | ((hi | lo) >> 1n);
}
const curationCurve = (r: bigint) => {
  const root = approxSqrt(r + 2n * contentConstant);
  return r < root ? 0n : r / root;
};
const authorCurve = (r: bigint) => (r * (r + 2n * contentConstant)) / (r + 4n * contentConstant);

/** The issuance of block `blockNum` and what it does to the vesting fund before anything else in the block. */
function issue(props: any, median: { base: bigint; quote: bigint }, blockNum: number) {
  const supply = parseAssetRaw(props.current_supply) + (parseAssetRaw(props.current_sbd_supply) * median.quote) / median.base;
  const rate = BigInt(Math.max(978 - Math.floor(blockNum / 250_000), 95));
  const minted = (supply * rate) / (10_000n * 10_512_000n);
  const content = (minted * 6500n) / 10_000n;
  const vesting = (minted * 1500n) / 10_000n;
  const witness = minted - content - vesting - (minted * 1000n) / 10_000n;
  const shares = parseAssetRaw(props.total_vesting_shares);
  const fund = parseAssetRaw(props.total_vesting_fund_steem) + vesting;
  const producerVests = (witness * shares) / fund;
  return { content, vestingShares: shares + producerVests, vestingFund: fund + witness };
}

async function opsInBlock(blockNum: number): Promise<[string, any][]> {
  const ops = await kettle.rpc("condenser_api.get_ops_in_block", [blockNum, true]);
  return ops.map((o: any) => o.op);
}

const post = { created: 0, cashout: 0 };
const votes: { voter: string; rshares: bigint; time: number; weight: bigint }[] = [];

test("accounts, a post with a beneficiary and votes at different times", async () => {
  const everyone = [author, beneficiary, ...voters.map((v) => v.name)];
  const creations: Operation[] = everyone.flatMap((name) => [
    ["account_create", {
      fee: "3.000 STEEM", creator: "initminer", new_account_name: name, owner: authority(name, "owner"), active: authority(name, "active"),
      posting: authority(name, "posting"), memo_key: key(name, "memo").createPublic("STM").toString(), json_metadata: "",
    }] as Operation,
  ]);
  await send(creations, initminerKey);
  await send([
    ["transfer_to_vesting", { from: "initminer", to: author, amount: "100.000 STEEM" }],
    ...voters.map((v): Operation => ["transfer_to_vesting", { from: "initminer", to: v.name, amount: `${v.steem}.000 STEEM` }]),
  ], initminerKey);
  await send([
    ["comment", { parent_author: "", parent_permlink: "syria", author, permlink, title: "The Battle for Aleppo", body: "A new chapter in Syria's enduring conflict.", json_metadata: JSON.stringify({ tags: ["syria"] }) }],
    ["comment_options", {
      author, permlink, max_accepted_payout: "1000000.000 SBD", percent_hbd: 10000, allow_votes: true, allow_curation_rewards: true,
      extensions: [[0, { beneficiaries: [{ account: beneficiary, weight: 1000 }] }]],
    }],
  ], key(author, "posting"));
  // Votes 3 s, 63 s and 7 minutes after the post: the first two lose part of their curation to the reverse auction.
  const gaps = [0, 20, 115];
  for (let i = 0; i < voters.length; i++) {
    await generate(gaps[i]);
    await send([["vote", { voter: voters[i].name, author, permlink, weight: i === 2 ? 5000 : 10000 }]], key(voters[i].name, "posting"));
  }
  const content = await kettle.rpc("condenser_api.get_content", [author, permlink]);
  post.created = parseChainTime(content.created);
  post.cashout = parseChainTime(content.cashout_time);
  assert.equal(post.cashout, post.created + 7 * 24 * 3600);
  assert.deepEqual(content.beneficiaries, [{ account: beneficiary, weight: 1000 }]);
  const active = await kettle.rpc("condenser_api.get_active_votes", [author, permlink]);
  // Curation weights: each vote's share of the curve's growth, cut by the reverse auction (§6.1).
  let voteRshares = 0n;
  let total = 0n;
  for (const v of voters) {
    const cast = active.find((a: any) => a.voter === v.name);
    const rshares = BigInt(cast.rshares);
    const time = parseChainTime(cast.time);
    const gain = curationCurve(voteRshares + rshares) - curationCurve(voteRshares);
    voteRshares += rshares;
    total += gain;
    const weight = (gain * BigInt(Math.min(time - post.created, 300))) / 300n;
    assert.equal(BigInt(cast.weight), weight, `${v.name}'s curation weight`);
    votes.push({ voter: v.name, rshares, time, weight });
  }
  assert.ok(votes[0].time < votes[1].time && votes[1].time < votes[2].time);
  assert.equal(BigInt(content.total_vote_weight), total);
  assert.equal(BigInt(content.net_rshares), voteRshares);
  assert.ok(parseAssetRaw(content.pending_payout_value) > 0n, "the post shows a pending payout");
});

const paid = { vests: 0n, sbd: 0n };

test("seven days later the post pays its curators, beneficiary and author exactly", async () => {
  await kettle.rpc("debug_node_api.debug_generate_blocks_until", { head_block_time: formatChainTime(post.cashout - 1), generate_sparsely: true });
  const everyone = [author, beneficiary, ...voters.map((v) => v.name)];
  const before = await readHead(everyone);
  const head = before.props.head_block_number;
  const time = parseChainTime(before.props.time);
  assert.ok(time < post.cashout && time + 3 >= post.cashout, "the next block is the cashout block");
  await generate(1);
  const blockNum = head + 1;
  const blockTime = parseChainTime((await client.database.getBlockHeader(blockNum)).timestamp);

  // The block's issuance, then the fund's decay and this post's claims (the only comment due).
  const issued = issue(before.props, before.median, blockNum);
  const rewardBalance = parseAssetRaw(before.fund.reward_balance) + issued.content;
  const recent = BigInt(before.fund.recent_claims);
  const claims = authorCurve(votes.reduce((sum, v) => sum + v.rshares, 0n));
  const recentClaims = recent - (recent * BigInt(blockTime - parseChainTime(before.fund.last_update))) / 1_296_000n + claims;
  const reward = (rewardBalance * claims) / recentClaims;
  assert.ok((reward * before.median.base) / before.median.quote >= 20n, "the payout is above the dust floor");
  const curation = reward / 2n;
  let authorTokens = reward - curation;
  let shares = issued.vestingShares + parseAssetRaw(before.props.pending_rewarded_vesting_shares);
  let pool = issued.vestingFund + parseAssetRaw(before.props.pending_rewarded_vesting_steem);
  const toVests = (steem: bigint) => {
    const vests = (steem * shares) / pool;
    shares += vests;
    pool += steem;
    return vests;
  };
  const printRate = BigInt(before.props.sbd_print_rate);
  const toSbd = (steem: bigint) => {
    const printed = (steem * printRate) / 10_000n;
    return { sbd: (printed * before.median.base) / before.median.quote, steem: steem - printed };
  };
  const ops = await opsInBlock(blockNum);
  const byType = (type: string) => ops.filter(([t]) => t === type).map(([, v]) => v);
  // Curators by weight, largest first; their share is of the full weights' total (the auction's cut stays in the fund).
  const totalVoteWeight = votes.reduce((acc, v, i) => {
    const before = votes.slice(0, i).reduce((s, x) => s + x.rshares, 0n);
    return acc + curationCurve(before + v.rshares) - curationCurve(before);
  }, 0n);
  const curators = [...votes].sort((a, b) => (a.weight > b.weight ? -1 : a.weight < b.weight ? 1 : 0));
  const expectedCuration = curators.map((v) => {
    const claim = (curation * v.weight) / totalVoteWeight;
    return { curator: v.voter, steem: claim, vests: toVests(claim) };
  });
  assert.deepEqual(byType("curation_reward").map((c) => ({ curator: c.curator, reward: parseAssetRaw(c.reward) })),
    expectedCuration.filter((c) => c.steem > 0n).map((c) => ({ curator: c.curator, reward: c.vests })));
  // The beneficiary's 10 % of the author's half, then the author's rest, each half SBD and half VESTS.
  const split = (tokens: bigint) => {
    const sbdPart = (tokens * 10_000n) / 20_000n;
    const printed = toSbd(sbdPart);
    return { ...printed, vests: toVests(tokens - sbdPart), vestingSteem: tokens - sbdPart };
  };
  const benTokens = (authorTokens * 1000n) / 10_000n;
  const ben = split(benTokens);
  authorTokens -= benTokens;
  const own = split(authorTokens);
  const [benefactor] = byType("comment_benefactor_reward");
  assert.deepEqual(
    { benefactor: benefactor.benefactor, sbd: parseAssetRaw(benefactor.sbd_payout), steem: parseAssetRaw(benefactor.steem_payout), vests: parseAssetRaw(benefactor.vesting_payout) },
    { benefactor: beneficiary, sbd: ben.sbd, steem: ben.steem, vests: ben.vests },
  );
  const [authorReward] = byType("author_reward");
  assert.deepEqual(
    { sbd: parseAssetRaw(authorReward.sbd_payout), steem: parseAssetRaw(authorReward.steem_payout), vests: parseAssetRaw(authorReward.vesting_payout) },
    { sbd: own.sbd, steem: own.steem, vests: own.vests },
  );
  assert.deepEqual(byType("comment_payout_update"), [{ author, permlink }]);
  const curationPaid = expectedCuration.reduce((sum, c) => sum + c.steem, 0n);
  const claimed = authorTokens + benTokens + curationPaid;
  const sbdText = (steem: bigint) => {
    const value = (steem * before.median.base) / before.median.quote;
    return `${value / 1000n}.${String(value % 1000n).padStart(3, "0")} SBD`;
  };
  const [rewardOp] = byType("comment_reward");
  assert.deepEqual({ author: rewardOp.author, permlink: rewardOp.permlink, payout: rewardOp.payout }, { author, permlink, payout: sbdText(claimed) });
  // Hive's split: the author's own tokens, and the curators' and beneficiaries' values at the median.
  assert.equal(BigInt(rewardOp.author_rewards), authorTokens);
  assert.equal(rewardOp.curator_payout_value, sbdText(curationPaid));
  assert.equal(rewardOp.beneficiary_payout_value, sbdText(benTokens));
  // The fund gave exactly what was paid; the reward balances hold it.
  const afterFund = await kettle.rpc("condenser_api.get_reward_fund", ["post"]);
  assert.equal(parseAssetRaw(afterFund.reward_balance), rewardBalance - claimed);
  assert.equal(BigInt(afterFund.recent_claims), recentClaims);
  const [alice, ben2] = await client.database.getAccounts([author, beneficiary]) as any[];
  assert.equal(parseAssetRaw(alice.reward_vesting_balance), own.vests);
  assert.equal(parseAssetRaw(alice.reward_sbd_balance), own.sbd);
  assert.equal(parseAssetRaw(alice.reward_vesting_steem), own.vestingSteem);
  assert.equal(parseAssetRaw(ben2.reward_vesting_balance), ben.vests);
  const paidPost = await kettle.rpc("condenser_api.get_content", [author, permlink]);
  assert.ok(parseChainTime(paidPost.last_payout) === blockTime, "last_payout is the cashout block's time");
  assert.equal(parseAssetRaw(paidPost.pending_payout_value), 0n);
  paid.vests = own.vests;
  paid.sbd = own.sbd;
});

test("claim_reward_balance moves the rewards into the wallet and Steem Power", async () => {
  const [before] = await client.database.getAccounts([author]) as any[];
  await send([["claim_reward_balance", { account: author, reward_hive: "0.000 STEEM", reward_hbd: before.reward_sbd_balance, reward_vests: before.reward_vesting_balance }]], key(author, "posting"));
  const [after] = await client.database.getAccounts([author]) as any[];
  assert.equal(parseAssetRaw(after.vesting_shares), parseAssetRaw(before.vesting_shares) + paid.vests);
  assert.equal(parseAssetRaw(after.sbd_balance), parseAssetRaw(before.sbd_balance) + paid.sbd);
  assert.equal(parseAssetRaw(after.reward_vesting_balance), 0n);
  assert.equal(parseAssetRaw(after.reward_sbd_balance), 0n);
  await assert.rejects(
    send([["claim_reward_balance", { account: author, reward_hive: "0.000 STEEM", reward_hbd: "0.001 SBD", reward_vests: "0.000000 VESTS" }]], key(author, "posting")),
    /cannot claim/,
  );
});

test("a power down pays a quarter a week for four weeks", async () => {
  const [account] = await client.database.getAccounts([author]) as any[];
  const amount = parseAssetRaw(account.vesting_shares);
  await send([["withdraw_vesting", { account: author, vesting_shares: account.vesting_shares }]], key(author, "active"));
  let rate = amount / 4n;
  if (rate * 4n < amount) rate += 1n;
  let withdrawn = 0n;
  let liquid = parseAssetRaw(account.balance);
  for (let week = 1; week <= 4; week++) {
    const [now] = await client.database.getAccounts([author]) as any[];
    assert.equal(parseAssetRaw(now.vesting_withdraw_rate), rate);
    const due = parseChainTime(now.next_vesting_withdrawal);
    await kettle.rpc("debug_node_api.debug_generate_blocks_until", { head_block_time: formatChainTime(due - 1), generate_sparsely: true });
    const before = await readHead([author]);
    await generate(1);
    const issued = issue(before.props, before.median, before.props.head_block_number + 1);
    const vests = amount - withdrawn < rate ? amount % rate : rate;
    const steem = (vests * issued.vestingFund) / issued.vestingShares;
    const fills = (await opsInBlock(before.props.head_block_number + 1)).filter(([t]) => t === "fill_vesting_withdraw").map(([, v]) => v);
    assert.deepEqual(fills, [{ from_account: author, to_account: author, withdrawn: `${vests / 1_000_000n}.${String(vests % 1_000_000n).padStart(6, "0")} VESTS`, deposited: `${steem / 1000n}.${String(steem % 1000n).padStart(3, "0")} STEEM` }], `week ${week}`);
    withdrawn += vests;
    liquid += steem;
    const [after] = await client.database.getAccounts([author]) as any[];
    assert.equal(parseAssetRaw(after.balance), liquid, `week ${week}: the STEEM arrives in the liquid balance`);
    assert.equal(parseAssetRaw(after.vesting_shares), amount - withdrawn);
  }
  const [done] = await client.database.getAccounts([author]) as any[];
  assert.equal(parseAssetRaw(done.vesting_shares), 0n);
  assert.equal(parseAssetRaw(done.vesting_withdraw_rate), 0n, "the power down has ended");
});
