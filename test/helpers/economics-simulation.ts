/**
 * A seeded simulation of the chain's economics, run in-process against the pure core: thousands of
 * accounts post, reply, vote (up, down, changed), transfer, power up and down (with routes and cancels),
 * delegate, set payout options and beneficiaries, claim rewards, convert SBD and use savings, over several
 * cashout windows, while the producer moves the price feed. Block timestamps skip slots, so weeks pass in a
 * few thousand blocks; every block still runs the whole end-of-block economics.
 *
 * After every block the simulation recomputes what the end of the block must have done from the state
 * as it was before (the rules of reference/economics.md §2, §4, §5, §6, §8, §9, written out here
 * independently of core/economics/cashout.ts, which is cross-checked against them): the feed, issuance,
 * the burn, conversions, every cashout (curators, beneficiaries, author, in pay order, at the same
 * denominator), power-down weeks, savings withdrawals and delegation returns. It compares the block's
 * virtual operations, the reward fund, the supplies and vesting totals, the paid comments and the reward
 * balances with that, and checks `findSupplyProblem`. Refused transactions must leave the state as it
 * was. At the end the blocks are replayed from genesis, which must give the same virtual operations and
 * the same state hashes at the checkpoints.
 */
import { createHash } from "node:crypto";
import { applyBlock, applyBlockEnd } from "../../src/core/chain/apply-block.ts";
import { applyTransaction, prepareTransaction } from "../../src/core/chain/apply-transaction.ts";
import { createGenesisState, type Genesis } from "../../src/core/chain/genesis.ts";
import { findSupplyProblem } from "../../src/core/chain/invariants.ts";
import { requestKey } from "../../src/core/chain/sbd-processing.ts";
import { canonicalText, getStateHash } from "../../src/core/chain/state-snapshot.ts";
import {
  type Account, type ChainState, type Comment, type ConvertRequest, type DelegationExpiration, type FeedHistory, type GlobalProperties,
  type RewardFund, type SavingsWithdraw, type WithdrawRoute, type WitnessFeed, commentKey, delegationKey,
} from "../../src/core/chain/state.ts";
import { blockLevelTrx, type VirtualOperationRecord } from "../../src/core/chain/virtual-ops.ts";
import { getPublicKey } from "../../src/core/crypto/keys.ts";
import { nobleSecp256k1 } from "../../src/core/crypto/noble-secp256k1.ts";
import { ChainError } from "../../src/core/errors.ts";
import { type CurationVote, planCashout } from "../../src/core/economics/cashout.ts";
import { getBlockIssuance } from "../../src/core/economics/issuance.ts";
import { getSbdPrintRate, type Price, sbdToSteem, toSbd, toSteem } from "../../src/core/economics/sbd.ts";
import { createSingleKeyAuthority } from "../../src/core/protocol/authority.ts";
import { getTransactionMerkleRootOfBytes, type SignedBlock } from "../../src/core/protocol/block.ts";
import {
  feedIntervalBlocks, initMinerName, maxFeedAgeSeconds, nullAccount, percent100, percentCurationRewards, timeNever, treasuryAccount,
  vestingWithdrawIntervalSeconds,
} from "../../src/core/protocol/config.ts";
import type { Beneficiary, Operation } from "../../src/core/protocol/operation-schemas.ts";
import type { SignedTransaction } from "../../src/core/protocol/transaction.ts";
import type { VirtualOperation } from "../../src/core/protocol/virtual-operation-schemas.ts";
import { createPrng } from "../../src/stdx/prng.ts";

export interface EconomicsSimulationOptions {
  readonly seed: number;
  /** User accounts created (and funded) by initminer in the first blocks. */
  readonly accounts: number;
  /** Blocks produced in all, the setup blocks included. */
  readonly blocks: number;
  /** Mean seconds between blocks after the setup (timestamps skip slots); the default 1,600 s makes 2,000 blocks about five weeks. */
  readonly meanBlockSeconds?: number;
  /** Mean actions (transactions) attempted per block after the setup; default 30. */
  readonly actionsPerBlock?: number;
  /** Also change votes (a changed vote may leave a comment's total_vote_weight at 0). Default true. */
  readonly voteChanges?: boolean;
  /** Also name `null` among beneficiaries (burn posts), so the burn meets reward balances. Default true. */
  readonly nullBeneficiaries?: boolean;
  /** Called with a line of progress now and then. */
  readonly log?: (line: string) => void;
}

export interface EconomicsSimulationReport {
  readonly seed: number;
  readonly accounts: number;
  readonly blocks: number;
  readonly simulatedDays: number;
  /** Transactions applied and refused, by the simulation's action kind. */
  readonly applied: Record<string, number>;
  readonly refused: Record<string, number>;
  readonly refusalCodes: Record<string, number>;
  /** Operations in applied transactions, by type. */
  readonly operations: Record<string, number>;
  readonly cashouts: {
    due: number; paid: number; dust: number; declined: number; capped: number; noCuration: number; zeroVoteWeight: number;
    curationRewards: number; beneficiaryRewards: number; treasuryRewards: number; burnedRewards: number; steemClaimed: bigint;
  };
  readonly fills: { conversions: number; savings: number; powerDownLegs: number; delegationReturns: number; interest: number; burns: number };
  readonly economy: {
    medianUpdates: number; medianChanges: number; finalMedian: string; minPrintRate: number; blocksBelowFullPrintRate: number; maxSbdPercentBp: number;
    debtLimitHits: number; finalRewardBalance: bigint; finalRecentClaims: bigint; finalSbdSupply: bigint;
  };
  readonly checks: { blocks: number; refusalFingerprints: number; refusalStateHashes: number; mustRefuse: number; replayedBlocks: number; stateHashCheckpoints: number[] };
  /** Blocks or operations where Kettle differs from steemd in a way the simulation observes but does not assert. */
  readonly deviations: Record<string, number>;
  readonly timings: { liveMs: number; replayMs: number };
}

/** A broken invariant, with the seed and block that reproduce it. */
export class EconomicsSimulationError extends Error {
  override name = "EconomicsSimulationError";
}

const chainId = new Uint8Array(32).fill(0x4b);
const blockIntervalSeconds = 3;
const genesisTime = 1_700_000_001 - (1_700_000_001 % blockIntervalSeconds);
/** The curves' content constant (reference/economics.md §4.1). */
const contentConstantS = 2_000_000_000_000n;
const recentClaimsDecaySecondsSpec = 15n * 24n * 3600n;
const minPayoutSbdSpec = 20n;
const hundred = BigInt(percent100);
const blockBytesBudget = 60_000;
const zeroSignature = new Uint8Array(65);
const tags = ["steem", "life", "photography", "kettle", "news", "art", "travel"];

// -------------------------------------------------------------------------------------------------
// Small helpers
// -------------------------------------------------------------------------------------------------

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = createPrng(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** ⌊amount × f⌋ for f uniform in [lo, hi] (to 1/10⁶). */
  fraction(amount: bigint, lo: number, hi: number): bigint {
    return (amount * BigInt(Math.floor((lo + (hi - lo) * this.next()) * 1_000_000))) / 1_000_000n;
  }
  /** Log-uniform between lo and hi. */
  logUniform(lo: number, hi: number): number {
    return lo * (hi / lo) ** this.next();
  }
}

const steem = (amount: bigint) => ({ amount, symbol: "STEEM" as const });
const sbd = (amount: bigint) => ({ amount, symbol: "SBD" as const });
const vests = (amount: bigint) => ({ amount, symbol: "VESTS" as const });

function increment(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/** An account view's fields as a plain record (the table's views read columns through getters). */
function accountRecord(account: Account): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field in account) if (field !== "table" && field !== "row") record[field] = (account as unknown as Record<string, unknown>)[field];
  return record;
}

function digestText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function comparePrices(a: Price, b: Price): number {
  const left = a.base * b.quote;
  const right = b.base * a.quote;
  return left < right ? -1 : left > right ? 1 : 0;
}

function formatPrice(price: Price | null): string {
  if (price === null) return "none";
  return `${(Number(price.base) / Number(price.quote)).toFixed(4)} SBD/STEEM`;
}

/** reference/economics.md §4.3: convergent_linear, r(r + 2s) / (r + 4s). */
function specClaims(netRshares: bigint): bigint {
  return netRshares > 0n ? (netRshares * (netRshares + 2n * contentConstantS)) / (netRshares + 4n * contentConstantS) : 0n;
}

/** reference/economics.md §4.4: the comment's share of the fund, 0 below 0.020 SBD, capped at max_accepted_payout. */
function specReward(claims: bigint, rewardBalance: bigint, recentClaims: bigint, maxAcceptedPayout: bigint, median: Price | null): { reward: bigint; dust: boolean; capped: boolean } {
  if (claims <= 0n || recentClaims === 0n) return { reward: 0n, dust: false, capped: false };
  const payout = (rewardBalance * claims) / recentClaims;
  if (toSbd(payout, median) < minPayoutSbdSpec) return { reward: 0n, dust: true, capped: false };
  const cap = toSteem(maxAcceptedPayout, median);
  return payout > cap ? { reward: cap, dust: false, capped: true } : { reward: payout, dust: false, capped: false };
}

interface PayoutInput {
  readonly reward: bigint;
  readonly allowCurationRewards: boolean;
  readonly totalVoteWeight: bigint;
  readonly votes: readonly CurationVote[];
  readonly beneficiaries: readonly Beneficiary[];
  readonly percentSteemDollars: number;
  readonly printRate: number;
  readonly median: Price | null;
  readonly shares: bigint;
  readonly steem: bigint;
}

interface Parts {
  readonly tokens: bigint;
  readonly sbd: bigint;
  readonly steem: bigint;
  readonly vests: bigint;
  readonly vestingSteem: bigint;
}

interface SpecPayout {
  readonly curators: { readonly curator: string; readonly steem: bigint; readonly vests: bigint }[];
  readonly beneficiaries: (Parts & { readonly account: string })[];
  readonly author: Parts;
  readonly claimed: bigint;
  readonly curationPaid: bigint;
  readonly steemToSbd: bigint;
  readonly sbdPrinted: bigint;
  readonly rewardVestingShares: bigint;
  readonly rewardVestingSteem: bigint;
  readonly totalPayoutValue: bigint;
  readonly curatorPayoutValue: bigint;
  readonly beneficiaryPayoutValue: bigint;
  readonly commentRewardPayout: bigint;
}

/**
 * One comment's payout by the rules of reference/economics.md §5 and §6.2 (steemd `cashout_comment_helper`,
 * `pay_curators`, `create_sbd`, `create_vesting` into reward balances), written independently of
 * core/economics/cashout.ts. In particular, when curation is allowed but the comment's total_vote_weight
 * is 0, `pay_curators` leaves the whole curation half unclaimed and HF20+ keeps it in the fund.
 */
function specPayout(input: PayoutInput): SpecPayout {
  const { median } = input;
  let shares = input.shares;
  let pool = input.steem;
  let steemToSbd = 0n;
  let sbdPrinted = 0n;
  const toVests = (amount: bigint): bigint => {
    const made = (amount * shares) / pool;
    shares += made;
    pool += amount;
    return made;
  };
  const createSbd = (amount: bigint): { sbd: bigint; steem: bigint } => {
    const printed = median === null ? 0n : (amount * BigInt(input.printRate)) / hundred;
    const made = toSbd(printed, median);
    steemToSbd += printed;
    sbdPrinted += made;
    return { sbd: made, steem: amount - printed };
  };
  const curationTokens = (input.reward * BigInt(percentCurationRewards)) / hundred;
  const authorTokens = input.reward - curationTokens;
  let curationPaid = 0n;
  const curators: SpecPayout["curators"] = [];
  if (input.allowCurationRewards && input.totalVoteWeight > 0n) {
    const ordered = [...input.votes].sort((a, b) => (a.weight !== b.weight ? (a.weight > b.weight ? -1 : 1) : a.voterId - b.voterId));
    for (const vote of ordered) {
      const claim = (curationTokens * vote.weight) / input.totalVoteWeight;
      if (claim <= 0n) continue;
      curationPaid += claim;
      curators.push({ curator: vote.voter, steem: claim, vests: toVests(claim) });
    }
  }
  const claimed = authorTokens + curationPaid;
  const beneficiaries: SpecPayout["beneficiaries"] = [];
  let totalBeneficiary = 0n;
  for (const b of input.beneficiaries) {
    const tokens = (authorTokens * BigInt(b.weight)) / hundred;
    totalBeneficiary += tokens;
    if (b.account === treasuryAccount) {
      const made = toSbd(tokens, median);
      steemToSbd += tokens;
      sbdPrinted += made;
      beneficiaries.push({ account: b.account, tokens, sbd: made, steem: 0n, vests: 0n, vestingSteem: 0n });
      continue;
    }
    const sbdSteem = (tokens * BigInt(input.percentSteemDollars)) / (2n * hundred);
    const paid = createSbd(sbdSteem);
    const vestingSteem = tokens - sbdSteem;
    beneficiaries.push({ account: b.account, tokens, sbd: paid.sbd, steem: paid.steem, vests: toVests(vestingSteem), vestingSteem });
  }
  const authorLeft = authorTokens - totalBeneficiary;
  const sbdSteem = (authorLeft * BigInt(input.percentSteemDollars)) / (2n * hundred);
  const vestingSteem = authorLeft - sbdSteem;
  const authorSbd = createSbd(sbdSteem);
  const author = { tokens: authorLeft, sbd: authorSbd.sbd, steem: authorSbd.steem, vests: toVests(vestingSteem), vestingSteem };
  return {
    curators, beneficiaries, author, claimed, curationPaid, steemToSbd, sbdPrinted,
    rewardVestingShares: shares - input.shares,
    rewardVestingSteem: pool - input.steem,
    totalPayoutValue: author.sbd + toSbd(author.steem + vestingSteem, median),
    curatorPayoutValue: toSbd(curationPaid, median),
    beneficiaryPayoutValue: toSbd(totalBeneficiary, median),
    commentRewardPayout: toSbd(claimed, median),
  };
}

// -------------------------------------------------------------------------------------------------
// What the simulation keeps about the chain it drives
// -------------------------------------------------------------------------------------------------

interface CommentRef {
  readonly author: string;
  readonly permlink: string;
  readonly root: boolean;
}

interface QueueEntry {
  readonly time: number;
  readonly id: number;
  readonly key: string;
}

interface DueComment {
  readonly comment: Comment;
  readonly votes: readonly CurationVote[];
}

interface RewardSnapshot {
  readonly reward_sbd_balance: bigint;
  readonly reward_steem_balance: bigint;
  readonly reward_vesting_balance: bigint;
  readonly reward_vesting_steem: bigint;
  readonly curation_rewards: bigint;
  readonly posting_rewards: bigint;
}

interface WithdrawalSnapshot {
  readonly name: string;
  readonly vesting_shares: bigint;
  readonly to_withdraw: bigint;
  readonly withdrawn: bigint;
  readonly vesting_withdraw_rate: bigint;
  readonly next_vesting_withdrawal: number;
  readonly routes: readonly WithdrawRoute[];
}

/** The state as the end of the block finds it (after the block's transactions). */
interface BeforeEnd {
  readonly props: GlobalProperties;
  readonly fund: RewardFund;
  readonly feed: FeedHistory;
  readonly producerFeed: WitnessFeed | undefined;
  readonly nullBalances: Record<"steem" | "sbd" | "vests" | "rewardVests" | "rewardVestingSteem", bigint>;
  readonly due: readonly DueComment[];
  readonly rewardAccounts: ReadonlyMap<string, RewardSnapshot>;
  readonly conversions: readonly ConvertRequest[];
  readonly savings: readonly SavingsWithdraw[];
  readonly returns: readonly DelegationExpiration[];
  readonly withdrawals: readonly WithdrawalSnapshot[];
}

function pickRewards(account: Account): RewardSnapshot {
  return {
    reward_sbd_balance: account.reward_sbd_balance, reward_steem_balance: account.reward_steem_balance,
    reward_vesting_balance: account.reward_vesting_balance, reward_vesting_steem: account.reward_vesting_steem,
    curation_rewards: account.curation_rewards, posting_rewards: account.posting_rewards,
  };
}

/**
 * The simulation's genesis: the dev chain's (cli/genesis-file.ts) scaled to a young chain, with a reward fund large against the
 * supply and a low recent_claims, so that payouts are large, much of the fund is paid out within weeks and the SBD it prints
 * reaches the 9 % where the print rate falls; the first median is 0.200 SBD/STEEM, interest 10 %.
 */
export function createSimulationGenesis(): Genesis {
  const secret = new Uint8Array(32).fill(0x11);
  return {
    time: genesisTime,
    initPublicKey: getPublicKey(nobleSecp256k1, secret),
    initLiquidSteem: 2_200_000_000n,
    initVestingSteem: 500_000_000n,
    vestsPerSteem: 2_000_000n,
    accountCreationFee: 3_000n,
    rewardFundSteem: 3_000_000_000n,
    recentClaims: 500_000_000_000_000n,
    initialPrice: { sbd: 200n, steem: 1_000n },
    sbdInterestRate: 1000,
  };
}

// -------------------------------------------------------------------------------------------------
// The simulation
// -------------------------------------------------------------------------------------------------

class Simulation {
  readonly genesis = createSimulationGenesis();
  readonly state: ChainState = createGenesisState(this.genesis);
  readonly rng: Random;
  /** A separate stream for sampling checks, so how often the checks run never changes the scenario. */
  readonly checkRng: Random;
  readonly blocks: SignedBlock[] = [];
  readonly vopDigests: string[] = [];
  readonly liveHashes = new Map<number, string>();
  readonly users: string[] = [];
  private readonly key = this.genesis.initPublicKey;
  private pending: SignedTransaction[] = [];
  private pendingBytes: Uint8Array[] = [];
  private pendingSize = 0;
  private txSeq = 0;
  private nameSeq = 0;
  private permlinkSeq = 0;
  private blockNum = 0;
  private blockTime = genesisTime;
  private live: CommentRef[] = [];
  private roots: CommentRef[] = [];
  private paid: CommentRef[] = [];
  private readonly queue: QueueEntry[] = [];
  private queueHead = 0;
  private votesCast: { voter: string; author: string; permlink: string }[] = [];
  private delegationPairs: [string, string][] = [];
  private powerDowners: string[] = [];
  private rewarded: string[] = [];
  private readonly rewardedSet = new Set<string>();
  private readonly requestIds = new Map<string, number>();
  private feedPrice = 0.25;
  private mustRefuseCount = 0;
  readonly report: EconomicsSimulationReport;

  constructor(readonly options: Required<Omit<EconomicsSimulationOptions, "log">> & Pick<EconomicsSimulationOptions, "log">) {
    this.rng = new Random(options.seed);
    this.checkRng = new Random(options.seed ^ 0x5eed_c0de);
    this.report = {
      seed: options.seed, accounts: options.accounts, blocks: 0, simulatedDays: 0, applied: {}, refused: {}, refusalCodes: {}, operations: {},
      cashouts: {
        due: 0, paid: 0, dust: 0, declined: 0, capped: 0, noCuration: 0, zeroVoteWeight: 0, curationRewards: 0, beneficiaryRewards: 0,
        treasuryRewards: 0, burnedRewards: 0, steemClaimed: 0n,
      },
      fills: { conversions: 0, savings: 0, powerDownLegs: 0, delegationReturns: 0, interest: 0, burns: 0 },
      economy: {
        medianUpdates: 0, medianChanges: 0, finalMedian: "", minPrintRate: percent100, blocksBelowFullPrintRate: 0, maxSbdPercentBp: 0, debtLimitHits: 0,
        finalRewardBalance: 0n, finalRecentClaims: 0n, finalSbdSupply: 0n,
      },
      checks: { blocks: 0, refusalFingerprints: 0, refusalStateHashes: 0, mustRefuse: 0, replayedBlocks: 0, stateHashCheckpoints: [] },
      deviations: {},
      timings: { liveMs: 0, replayMs: 0 },
    };
  }

  fail(what: string): EconomicsSimulationError {
    const when = new Date(this.blockTime * 1000).toISOString().slice(0, 19);
    return new EconomicsSimulationError(`[economics simulation seed=${this.options.seed} block=${this.blockNum} time=${when}] ${what}`);
  }

  // --- driving the chain ---------------------------------------------------------------------------

  run(): void {
    const started = performance.now();
    const { accounts, blocks } = this.options;
    const checkpoints = new Set([Math.floor(blocks / 2), blocks]);
    this.submit("feed_publish", [this.feedOperation()], [initMinerName]);
    let created = 0;
    while (created < accounts && this.blockNum < blocks) {
      const batch = Math.min(150, accounts - created);
      for (let i = 0; i < batch; i++) this.createUser();
      created += batch;
      this.produce(blockIntervalSeconds);
      if (checkpoints.has(this.blockNum)) this.liveHashes.set(this.blockNum, getStateHash(this.state));
    }
    const setupBlocks = this.blockNum;
    // The price moves in phases of 1,500 blocks: up a little (the first hourly median, at block 1,200, rises), then falling (the
    // medians after it fall and SBD's share of the supply rises), and so on in long runs.
    const phaseBlocks = 1500;
    while (this.blockNum < blocks) {
      const actions = this.rng.int(0, 2 * this.options.actionsPerBlock);
      for (let i = 0; i < actions && this.pendingSize < blockBytesBudget; i++) this.act();
      if (this.rng.chance(1 / 60)) {
        // Mean-reverting to 0.320 SBD/STEEM (above the genesis median, so the first hourly median moves), then to 0.050.
        const target = Math.floor((this.blockNum - setupBlocks) / phaseBlocks) % 2 === 1 ? 0.05 : 0.32;
        this.feedPrice = Math.min(2, Math.max(0.003, this.feedPrice * (target / this.feedPrice) ** 0.25 * (0.85 + 0.3 * this.rng.float())));
        this.submit("feed_publish", [this.feedOperation()], [initMinerName]);
      }
      this.produce(this.nextBlockSeconds());
      if (checkpoints.has(this.blockNum)) this.liveHashes.set(this.blockNum, getStateHash(this.state));
      if (this.blockNum % 200 === 0) this.compactLists();
      if (this.blockNum % 1000 === 0) this.progress();
    }
    this.report.timings.liveMs = Math.round(performance.now() - started);
    this.finishReport();
    if (this.blockNum % 1000 !== 0) this.progress();
  }

  /** Replays every block from genesis: the same virtual operations block by block and the same state hashes at the checkpoints. */
  replay(): void {
    const started = performance.now();
    const replayed = createGenesisState(this.genesis);
    for (let i = 0; i < this.blocks.length; i++) {
      const blockNum = i + 1;
      this.blockNum = blockNum;
      this.blockTime = this.blocks[i].timestamp;
      let result: ReturnType<typeof applyBlock>;
      try {
        result = applyBlock(replayed, this.blocks[i], { chainId, blockIntervalSeconds });
      } catch (error) {
        throw this.fail(`replaying the block from genesis failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (digestText(canonicalText(result.virtualOps)) !== this.vopDigests[i]) {
        throw this.fail("replaying the block from genesis gave other virtual operations than producing it");
      }
      const expected = this.liveHashes.get(blockNum);
      if (expected !== undefined) {
        const actual = getStateHash(replayed);
        if (actual !== expected) throw this.fail(`replaying from genesis gives state hash ${actual}; producing gave ${expected}`);
        this.report.checks.stateHashCheckpoints.push(blockNum);
      }
      this.report.checks.replayedBlocks++;
    }
    this.report.timings.replayMs = Math.round(performance.now() - started);
  }

  private progress(): void {
    const props = this.state.props.value;
    const fund = this.state.rewardFund.value;
    const r = this.report;
    this.options.log?.(
      `block ${this.blockNum} day ${((this.blockTime - genesisTime) / 86400).toFixed(1)}: ${Object.values(r.applied).reduce((a, b) => a + b, 0)} tx applied, ` +
      `${Object.values(r.refused).reduce((a, b) => a + b, 0)} refused, ${r.cashouts.paid}/${r.cashouts.due} cashouts paid, fund ${fund.reward_balance}, ` +
      `SBD ${props.current_sbd_supply}, print rate ${props.sbd_print_rate}, median ${formatPrice(this.state.feed.value.current_median_history)}`,
    );
  }

  private nextBlockSeconds(): number {
    const roll = this.rng.float();
    if (roll < 0.55) return blockIntervalSeconds;
    if (roll < 0.8) return blockIntervalSeconds * this.rng.int(2, 100);
    // The long jumps make up the rest of the mean: 0.55·1 + 0.25·51 + 0.2·x slots = mean / 3.
    const longSlots = Math.max(1, (this.options.meanBlockSeconds / blockIntervalSeconds - 0.55 - 0.25 * 51) / 0.2);
    return blockIntervalSeconds * this.rng.int(1, Math.max(1, Math.round(2 * longSlots - 1)));
  }

  private compactLists(): void {
    this.live = this.live.filter((c) => this.state.comments.get(commentKey(c.author, c.permlink))?.cashout_time !== timeNever && this.state.comments.has(commentKey(c.author, c.permlink)));
    this.roots = this.roots.slice(-200);
    if (this.paid.length > 2000) this.paid = this.paid.slice(-1000);
    if (this.votesCast.length > 20_000) this.votesCast = this.votesCast.slice(-10_000);
    this.delegationPairs = this.delegationPairs.filter(([a, b]) => this.state.delegations.has(delegationKey(a, b)));
    this.powerDowners = this.powerDowners.filter((name) => this.account(name).next_vesting_withdrawal !== timeNever);
  }

  private account(name: string): Account {
    return this.state.accounts.get(name)!;
  }

  private nextRequestId(owner: string): number {
    const id = (this.requestIds.get(owner) ?? 0) + 1;
    this.requestIds.set(owner, id);
    return id;
  }

  /**
   * Applies one transaction at the head, unsigned (signer keys null: authorities are not what this simulates).
   * A refusal must be a ChainError and must change nothing; `mustRefuse` marks transactions the rules forbid.
   */
  private submit(kind: string, operations: Operation[], involved: readonly string[], mustRefuse = false): boolean {
    const props = this.state.props.value;
    const id = props.head_block_id;
    const tx: SignedTransaction = {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0,
      expiration: props.time + 120 + (this.txSeq++ % 3000),
      operations,
      extensions: [],
      signatures: [],
    };
    const prepared = prepareTransaction(tx, chainId);
    const sampled = mustRefuse || this.checkRng.chance(0.03);
    const before = sampled ? this.fingerprint(involved) : null;
    if (mustRefuse) {
      this.mustRefuseCount++;
      this.report.checks.mustRefuse++;
    }
    const fullHash = mustRefuse && (this.mustRefuseCount <= 3 || this.mustRefuseCount % 200 === 0) ? getStateHash(this.state) : null;
    try {
      applyTransaction(this.state, prepared, { signerKeys: null, trxInBlock: this.pending.length });
    } catch (error) {
      if (!(error instanceof ChainError)) {
        throw this.fail(`${kind} threw ${error instanceof Error ? error.stack : String(error)} instead of a ChainError: ${canonicalText(operations)}`);
      }
      increment(this.report.refused, kind);
      increment(this.report.refusalCodes, error.code);
      if (before !== null) {
        this.report.checks.refusalFingerprints++;
        if (this.fingerprint(involved) !== before) throw this.fail(`refused ${kind} (${error.code}: ${error.message}) changed the state: ${canonicalText(operations)}`);
      }
      if (fullHash !== null) {
        this.report.checks.refusalStateHashes++;
        if (getStateHash(this.state) !== fullHash) throw this.fail(`refused ${kind} (${error.code}) changed the state hash: ${canonicalText(operations)}`);
      }
      return false;
    }
    if (mustRefuse) throw this.fail(`${kind} breaks the rules but was applied: ${canonicalText(operations)}`);
    this.pending.push(tx);
    this.pendingBytes.push(prepared.signedBytes);
    this.pendingSize += prepared.size;
    increment(this.report.applied, kind);
    for (const op of operations) increment(this.report.operations, op.type);
    return true;
  }

  /** What a refused transaction must not change: the globals, the tables' sizes and the accounts it names. */
  private fingerprint(names: readonly string[]): string {
    const s = this.state;
    const parts: unknown[] = [
      s.props.value, s.rewardFund.value, s.feed.value, s.rc.value, s.virtualOps.count, s.accounts.size, s.comments.size, s.votes.size,
      s.delegations.size, s.witnessFeeds.size, s.conversions.size, s.savingsWithdraws.size, s.withdrawRoutes.size, s.delegationExpirations.size,
      s.schedules.cashouts.size, s.schedules.withdrawals.size, s.schedules.conversions.size, s.schedules.savings.size, s.schedules.delegationReturns.size,
    ];
    for (const name of names) {
      const account = s.accounts.get(name);
      parts.push(account === undefined ? null : accountRecord(account));
    }
    return canonicalText(parts);
  }

  private feedOperation(): Operation {
    const base = BigInt(Math.max(1, Math.round(this.feedPrice * 1000)));
    return { type: "feed_publish", value: { publisher: initMinerName, exchange_rate: { base: sbd(base), quote: steem(1000n) } } };
  }

  private createUser(): void {
    const name = `u${(this.nameSeq++).toString().padStart(4, "0")}`;
    const authority = createSingleKeyAuthority(this.key);
    const whale = this.rng.chance(0.005);
    const power = BigInt(Math.round(1000 * (whale ? this.rng.logUniform(20_000, 100_000) : this.rng.logUniform(5, 3_000))));
    const liquid = BigInt(Math.round(1000 * this.rng.logUniform(1, 300)));
    const ok = this.submit("account_create", [
      {
        type: "account_create",
        value: {
          fee: this.state.props.value.account_creation_fee, creator: initMinerName, new_account_name: name, owner: authority, active: authority,
          posting: authority, memo_key: this.key, json_metadata: "",
        },
      },
      { type: "transfer_to_vesting", value: { from: initMinerName, to: name, amount: steem(power) } },
      { type: "transfer", value: { from: initMinerName, to: name, amount: steem(liquid), memo: "welcome" } },
    ], [initMinerName]);
    if (!ok) throw this.fail(`creating account ${name} was refused`);
    this.users.push(name);
  }

  private pickUser(): string {
    return this.rng.pick(this.users);
  }

  private otherUser(than: string): string {
    for (;;) {
      const name = this.pickUser();
      if (name !== than) return name;
    }
  }

  private findUser(test: (account: Account) => boolean, tries = 12): Account | null {
    for (let i = 0; i < tries; i++) {
      const account = this.account(this.pickUser());
      if (test(account)) return account;
    }
    return null;
  }

  private pickLive(): CommentRef | null {
    for (let tries = 0; tries < 4 && this.live.length > 0; tries++) {
      const recent = this.rng.chance(0.5);
      const index = recent ? this.live.length - 1 - Math.floor(this.live.length * this.rng.float() ** 4) : this.rng.int(0, this.live.length - 1);
      const ref = this.live[Math.max(0, index)];
      const record = this.state.comments.get(commentKey(ref.author, ref.permlink));
      if (record !== undefined && record.cashout_time !== timeNever) return ref;
    }
    return null;
  }

  private act(): void {
    const roll = this.rng.float() * 100;
    if (roll < 6) this.post();
    else if (roll < 12) this.reply();
    else if (roll < 52) this.vote();
    else if (roll < 58) this.transfer();
    else if (roll < 62) this.powerUp();
    else if (roll < 65) this.powerDown();
    else if (roll < 66.5) this.route();
    else if (roll < 70.5) this.delegate();
    else if (roll < 80) this.claim();
    else if (roll < 82) this.convert();
    else if (roll < 84.5) this.toSavings();
    else if (roll < 86.5) this.fromSavings();
    else if (roll < 87.5) this.cancelSavings();
    else if (roll < 88) this.deleteComment();
    else if (roll < 89) this.lateOptions();
    else if (roll < 90) this.topUp();
    else this.vote();
  }

  private newPermlink(prefix: string): string {
    return `${prefix}${(this.permlinkSeq++).toString(36)}`;
  }

  private commentOptions(author: string, permlink: string, restrict: boolean): Operation {
    const beneficiaries: Beneficiary[] = [];
    if (this.rng.chance(0.6)) {
      const names = new Set<string>();
      const count = this.rng.int(1, 4);
      for (let i = 0; i < count; i++) names.add(this.rng.chance(0.12) ? treasuryAccount : this.rng.chance(0.04) && this.options.nullBeneficiaries ? nullAccount : this.pickUser());
      let left = percent100;
      for (const account of [...names].sort()) {
        const weight = Math.min(left, this.rng.int(100, 4000));
        if (weight <= 0) break;
        beneficiaries.push({ account, weight });
        left -= weight;
      }
    }
    const maxPayout = restrict ? this.rng.pick([1_000_000_000n, 1_000_000_000n, 5_000n, 500n, 0n]) : 1_000_000_000n;
    return {
      type: "comment_options",
      value: {
        author, permlink, max_accepted_payout: sbd(maxPayout),
        percent_steem_dollars: restrict ? this.rng.pick([10000, 10000, 5000, 0]) : 10000,
        allow_votes: !restrict || this.rng.chance(0.97),
        allow_curation_rewards: !restrict || this.rng.chance(0.85),
        extensions: beneficiaries.length > 0 ? [{ type: "comment_payout_beneficiaries", value: { beneficiaries } }] : [],
      },
    };
  }

  private post(): void {
    const author = this.pickUser();
    const permlink = this.newPermlink("p");
    const ops: Operation[] = [{
      type: "comment",
      value: { parent_author: "", parent_permlink: this.rng.pick(tags), author, permlink, title: "A post", body: `Body ${permlink}`, json_metadata: "" },
    }];
    if (this.rng.chance(0.35)) ops.push(this.commentOptions(author, permlink, true));
    if (this.submit(ops.length > 1 ? "post+options" : "post", ops, [author])) this.recordComment(author, permlink, true);
  }

  private reply(): void {
    const parent = this.rng.chance(0.1) && this.paid.length > 0 ? this.rng.pick(this.paid) : this.pickLive();
    if (parent === null) return;
    const author = this.pickUser();
    const permlink = this.newPermlink("r");
    const ops: Operation[] = [{
      type: "comment",
      value: { parent_author: parent.author, parent_permlink: parent.permlink, author, permlink, title: "", body: `Reply ${permlink}`, json_metadata: "" },
    }];
    if (this.rng.chance(0.15)) ops.push(this.commentOptions(author, permlink, this.rng.chance(0.5)));
    if (this.submit(ops.length > 1 ? "reply+options" : "reply", ops, [author])) this.recordComment(author, permlink, false);
  }

  private recordComment(author: string, permlink: string, root: boolean): void {
    const record = this.state.comments.get(commentKey(author, permlink))!;
    const ref = { author, permlink, root };
    this.live.push(ref);
    if (root) this.roots.push(ref);
    this.queue.push({ time: record.cashout_time, id: record.id, key: commentKey(author, permlink) });
  }

  private vote(): void {
    const roll = this.rng.float();
    if (roll < 0.08 && this.options.voteChanges && this.votesCast.length > 0) {
      const cast = this.rng.pick(this.votesCast);
      const weight = this.rng.chance(0.15) ? 0 : this.rng.chance(0.8) ? this.rng.int(1, 10000) : -this.rng.int(1, 10000);
      this.submit("vote:change", [{ type: "vote", value: { ...cast, weight } }], [cast.voter, cast.author]);
      return;
    }
    let target: CommentRef | null;
    if (roll < 0.12 && this.paid.length > 0) target = this.rng.pick(this.paid);
    else if (roll < 0.5 && this.roots.length > 0) target = this.roots[this.roots.length - 1 - Math.floor(Math.min(40, this.roots.length) * this.rng.float())];
    else target = this.pickLive();
    if (target === null) return;
    const voter = this.rng.chance(0.015) ? initMinerName : this.pickUser();
    if (!this.options.voteChanges && this.state.votes.get(target.author, target.permlink, voter) !== undefined) return;
    const down = this.rng.chance(0.12);
    const weight = down ? -this.rng.int(500, 10000) : this.rng.pick([10000, 10000, 5000, 2000, this.rng.int(1, 10000)]);
    const value = { voter, author: target.author, permlink: target.permlink, weight };
    if (this.submit(down ? "vote:down" : "vote:up", [{ type: "vote", value }], [voter, target.author])) {
      this.votesCast.push({ voter, author: target.author, permlink: target.permlink });
    }
  }

  private transfer(): void {
    const from = this.findUser((a) => a.balance > 0n || a.sbd_balance > 0n);
    if (from === null) return;
    const roll = this.rng.float();
    const to = roll < 0.01 ? nullAccount : roll < 0.02 ? treasuryAccount : this.otherUser(from.name);
    if (this.rng.chance(0.04)) {
      const overdraft = from.balance * 2n + 1_000n;
      this.submit("transfer:overdraft", [{ type: "transfer", value: { from: from.name, to, amount: steem(overdraft), memo: "" } }], [from.name, to], true);
      return;
    }
    const useSbd = from.sbd_balance > 0n && (from.balance === 0n || this.rng.chance(0.4));
    const amount = this.rng.fraction(useSbd ? from.sbd_balance : from.balance, 0.01, 0.6);
    if (amount <= 0n) return;
    const asset = useSbd ? sbd(amount) : steem(amount);
    this.submit(to === nullAccount ? "transfer:burn" : "transfer", [{ type: "transfer", value: { from: from.name, to, amount: asset, memo: "sim" } }], [from.name, to]);
  }

  private topUp(): void {
    const to = this.pickUser();
    const amount = BigInt(Math.round(1000 * this.rng.logUniform(1, 200)));
    const op: Operation = this.rng.chance(0.5)
      ? { type: "transfer", value: { from: initMinerName, to, amount: steem(amount), memo: "top-up" } }
      : { type: "transfer_to_vesting", value: { from: initMinerName, to, amount: steem(amount) } };
    this.submit(`top-up:${op.type}`, [op], [initMinerName, to]);
  }

  private powerUp(): void {
    const from = this.findUser((a) => a.balance > 0n);
    if (from === null) return;
    const roll = this.rng.float();
    const to = roll < 0.005 ? nullAccount : roll < 0.3 ? this.otherUser(from.name) : from.name;
    const amount = this.rng.fraction(from.balance, 0.05, 0.8);
    if (amount <= 0n) return;
    this.submit(to === nullAccount ? "power_up:burn" : "power_up", [{ type: "transfer_to_vesting", value: { from: from.name, to, amount: steem(amount) } }], [from.name, to]);
  }

  private powerDown(): void {
    const account = this.account(this.powerDowners.length > 0 && this.rng.chance(0.3) ? this.rng.pick(this.powerDowners) : this.pickUser());
    const available = account.vesting_shares - account.delegated_vesting_shares;
    if (this.rng.chance(0.05)) {
      this.submit("power_down:too_much", [{ type: "withdraw_vesting", value: { account: account.name, vesting_shares: vests(available + 1_000_000n) } }], [account.name], true);
      return;
    }
    if (account.vesting_withdraw_rate > 0n && this.rng.chance(0.3)) {
      this.submit("power_down:cancel", [{ type: "withdraw_vesting", value: { account: account.name, vesting_shares: vests(0n) } }], [account.name]);
      return;
    }
    const amount = this.rng.fraction(available, 0.05, 1);
    if (amount <= 0n) return;
    if (this.submit("power_down", [{ type: "withdraw_vesting", value: { account: account.name, vesting_shares: vests(amount) } }], [account.name])) {
      this.powerDowners.push(account.name);
    }
  }

  private route(): void {
    const from = this.powerDowners.length > 0 && this.rng.chance(0.7) ? this.rng.pick(this.powerDowners) : this.pickUser();
    if (this.rng.chance(0.25)) {
      const routes = [...this.state.withdrawRoutes.values()];
      if (routes.length > 0) {
        const route = this.rng.pick(routes);
        this.submit("route:remove", [{ type: "set_withdraw_vesting_route", value: { from_account: route.from_account, to_account: route.to_account, percent: 0, auto_vest: false } }], [route.from_account]);
        return;
      }
    }
    const to = this.rng.chance(0.1) ? initMinerName : this.otherUser(from);
    const percent = this.rng.int(500, 5000);
    this.submit("route:set", [{ type: "set_withdraw_vesting_route", value: { from_account: from, to_account: to, percent, auto_vest: this.rng.chance(0.4) } }], [from, to]);
  }

  private delegate(): void {
    const roll = this.rng.float();
    if (roll < 0.45 && this.delegationPairs.length > 0) {
      const [delegator, delegatee] = this.rng.pick(this.delegationPairs);
      const delegation = this.state.delegations.get(delegationKey(delegator, delegatee));
      if (delegation === undefined) return;
      const account = this.account(delegator);
      const choice = this.rng.float();
      let amount: bigint;
      let kind: string;
      if (choice < 0.4) {
        kind = "delegate:increase";
        amount = delegation.vesting_shares + this.rng.fraction(account.vesting_shares - account.delegated_vesting_shares, 0.05, 0.5);
      } else if (choice < 0.75) {
        kind = "delegate:decrease";
        amount = this.rng.fraction(delegation.vesting_shares, 0.2, 0.9);
      } else {
        kind = "delegate:remove";
        amount = 0n;
      }
      this.submit(kind, [{ type: "delegate_vesting_shares", value: { delegator, delegatee, vesting_shares: vests(amount) } }], [delegator, delegatee]);
      return;
    }
    const delegator = this.findUser((a) => a.vesting_shares > a.delegated_vesting_shares + 10_000_000_000n);
    if (delegator === null) return;
    const delegatee = this.otherUser(delegator.name);
    if (this.rng.chance(0.05)) {
      this.submit("delegate:below_minimum", [{ type: "delegate_vesting_shares", value: { delegator: delegator.name, delegatee, vesting_shares: vests(1n) } }], [delegator.name, delegatee], true);
      return;
    }
    const free = delegator.vesting_shares - delegator.delegated_vesting_shares - (delegator.to_withdraw - delegator.withdrawn);
    const amount = this.rng.fraction(free, 0.05, 0.6);
    if (amount <= 0n) return;
    if (this.submit("delegate:create", [{ type: "delegate_vesting_shares", value: { delegator: delegator.name, delegatee, vesting_shares: vests(amount) } }], [delegator.name, delegatee])) {
      this.delegationPairs.push([delegator.name, delegatee]);
    }
  }

  private claim(): void {
    if (this.rewarded.length === 0) return;
    let account: Account | null = null;
    for (let i = 0; i < 6 && account === null; i++) {
      const candidate = this.account(this.rng.pick(this.rewarded));
      if (candidate.reward_steem_balance > 0n || candidate.reward_sbd_balance > 0n || candidate.reward_vesting_balance > 0n) account = candidate;
    }
    if (account === null) return;
    if (this.rng.chance(0.03)) {
      const op: Operation = { type: "claim_reward_balance", value: { account: account.name, reward_steem: steem(account.reward_steem_balance + 1n), reward_sbd: sbd(0n), reward_vests: vests(0n) } };
      this.submit("claim:too_much", [op], [account.name], true);
      return;
    }
    const all = this.rng.chance(0.75);
    const part = (amount: bigint) => (all ? amount : this.rng.fraction(amount, 0, 1));
    const op: Operation = {
      type: "claim_reward_balance",
      value: { account: account.name, reward_steem: steem(part(account.reward_steem_balance)), reward_sbd: sbd(part(account.reward_sbd_balance)), reward_vests: vests(part(account.reward_vesting_balance)) },
    };
    if (op.value.reward_steem.amount === 0n && op.value.reward_sbd.amount === 0n && op.value.reward_vests.amount === 0n) return;
    this.submit(all ? "claim:all" : "claim:part", [op], [account.name]);
  }

  private convert(): void {
    const owner = this.findUser((a) => a.sbd_balance > 0n, 16);
    if (owner === null) return;
    if (this.rng.chance(0.05)) {
      const requestid = this.nextRequestId(owner.name);
      this.submit("convert:too_much", [{ type: "convert", value: { owner: owner.name, requestid, amount: sbd(owner.sbd_balance * 2n + 100_000n) } }], [owner.name], true);
      return;
    }
    const amount = this.rng.fraction(owner.sbd_balance, 0.1, 1);
    if (amount <= 0n) return;
    const repeat = this.rng.chance(0.03) && this.requestIds.has(owner.name);
    const requestid = repeat ? this.requestIds.get(owner.name)! : this.nextRequestId(owner.name);
    this.submit(repeat ? "convert:reused_id" : "convert", [{ type: "convert", value: { owner: owner.name, requestid, amount: sbd(amount) } }], [owner.name]);
  }

  private toSavings(): void {
    const from = this.findUser((a) => a.balance > 0n || a.sbd_balance > 0n);
    if (from === null) return;
    const useSbd = from.sbd_balance > 0n && this.rng.chance(0.5);
    const amount = this.rng.fraction(useSbd ? from.sbd_balance : from.balance, 0.05, 0.7);
    if (amount <= 0n) return;
    const to = this.rng.chance(0.8) ? from.name : this.otherUser(from.name);
    this.submit("to_savings", [{ type: "transfer_to_savings", value: { from: from.name, to, amount: useSbd ? sbd(amount) : steem(amount), memo: "" } }], [from.name, to]);
  }

  private fromSavings(): void {
    const from = this.findUser((a) => a.savings_balance > 0n || a.savings_sbd_balance > 0n, 20);
    if (from === null) return;
    const useSbd = from.savings_sbd_balance > 0n && (from.savings_balance === 0n || this.rng.chance(0.5));
    const held = useSbd ? from.savings_sbd_balance : from.savings_balance;
    const to = this.rng.chance(0.8) ? from.name : this.otherUser(from.name);
    if (this.rng.chance(0.05)) {
      const op: Operation = { type: "transfer_from_savings", value: { from: from.name, request_id: this.nextRequestId(from.name), to, amount: useSbd ? sbd(held + 1n) : steem(held + 1n), memo: "" } };
      this.submit("from_savings:too_much", [op], [from.name, to], true);
      return;
    }
    const amount = this.rng.fraction(held, 0.1, 1);
    if (amount <= 0n) return;
    const op: Operation = { type: "transfer_from_savings", value: { from: from.name, request_id: this.nextRequestId(from.name), to, amount: useSbd ? sbd(amount) : steem(amount), memo: "back" } };
    this.submit("from_savings", [op], [from.name, to]);
  }

  private cancelSavings(): void {
    if (this.rng.chance(0.1)) {
      const from = this.pickUser();
      this.submit("cancel_savings:unknown", [{ type: "cancel_transfer_from_savings", value: { from, request_id: 4_000_000_000 } }], [from], true);
      return;
    }
    const requests = [...this.state.savingsWithdraws.values()];
    if (requests.length === 0) return;
    const request = this.rng.pick(requests);
    this.submit("cancel_savings", [{ type: "cancel_transfer_from_savings", value: { from: request.from, request_id: request.request_id } }], [request.from, request.to]);
  }

  private deleteComment(): void {
    if (this.live.length === 0) return;
    const ref = this.live[this.live.length - 1 - Math.floor(Math.min(50, this.live.length) * this.rng.float())];
    this.submit("delete_comment", [{ type: "delete_comment", value: { author: ref.author, permlink: ref.permlink } }], [ref.author]);
  }

  private lateOptions(): void {
    const ref = this.pickLive();
    if (ref === null) return;
    this.submit("comment_options:late", [this.commentOptions(ref.author, ref.permlink, true)], [ref.author]);
  }

  // --- producing and checking blocks ----------------------------------------------------------------

  private produce(seconds: number): void {
    const props = this.state.props.value;
    const timestamp = props.time + seconds;
    this.blockNum = props.head_block_number + 1;
    this.blockTime = timestamp;
    const block: SignedBlock = {
      previous: props.head_block_id, timestamp, witness: initMinerName, transaction_merkle_root: getTransactionMerkleRootOfBytes(this.pendingBytes),
      extensions: [], witness_signature: zeroSignature, transactions: this.pending,
    };
    const before = this.captureBeforeEnd(timestamp);
    applyBlockEnd(this.state, block, blockIntervalSeconds);
    const records = this.state.virtualOps.take();
    this.checkBlock(before, records);
    this.blocks.push(block);
    this.vopDigests.push(digestText(canonicalText(records)));
    this.pending = [];
    this.pendingBytes = [];
    this.pendingSize = 0;
    this.report.checks.blocks++;
  }

  private captureBeforeEnd(now: number): BeforeEnd {
    const s = this.state;
    const due: DueComment[] = [];
    const rewardAccounts = new Map<string, RewardSnapshot>();
    const remember = (name: string) => {
      if (!rewardAccounts.has(name)) rewardAccounts.set(name, pickRewards(this.account(name)));
    };
    while (this.queueHead < this.queue.length && this.queue[this.queueHead].time <= now) {
      const entry = this.queue[this.queueHead++];
      const comment = s.comments.get(entry.key);
      if (comment === undefined || comment.id !== entry.id) continue;
      if (comment.cashout_time !== entry.time) throw this.fail(`@${entry.key} has cashout_time ${comment.cashout_time}; it was created for ${entry.time}`);
      const votes = comment.net_rshares > 0n
        ? s.votes.ofComment(comment.author, comment.permlink).map((v) => ({ voter: v.voter, voterId: this.account(v.voter).id, weight: v.weight }))
        : [];
      due.push({ comment, votes });
      remember(comment.author);
      for (const v of votes) remember(v.voter);
      for (const b of comment.beneficiaries) if (b.account !== treasuryAccount) remember(b.account);
    }
    if (this.queueHead > 10_000) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
    const withdrawals: WithdrawalSnapshot[] = [];
    for (const account of s.accounts.values()) {
      if (account.next_vesting_withdrawal > now) continue;
      const routes = account.withdraw_routes === 0 ? [] : [...s.withdrawRoutes.values()].filter((r) => r.from_account === account.name);
      withdrawals.push({
        name: account.name, vesting_shares: account.vesting_shares, to_withdraw: account.to_withdraw, withdrawn: account.withdrawn,
        vesting_withdraw_rate: account.vesting_withdraw_rate, next_vesting_withdrawal: account.next_vesting_withdrawal,
        routes: routes.sort((a, b) => (a.to_account < b.to_account ? -1 : a.to_account > b.to_account ? 1 : 0)),
      });
    }
    withdrawals.sort((a, b) => a.next_vesting_withdrawal - b.next_vesting_withdrawal || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const nullRecord = this.account(nullAccount);
    return {
      props: s.props.value,
      fund: s.rewardFund.value,
      feed: s.feed.value,
      producerFeed: s.witnessFeeds.get(initMinerName),
      nullBalances: {
        steem: nullRecord.balance + nullRecord.savings_balance + nullRecord.reward_steem_balance,
        sbd: nullRecord.sbd_balance + nullRecord.savings_sbd_balance + nullRecord.reward_sbd_balance,
        vests: nullRecord.vesting_shares, rewardVests: nullRecord.reward_vesting_balance, rewardVestingSteem: nullRecord.reward_vesting_steem,
      },
      due,
      rewardAccounts,
      conversions: [...s.conversions.values()].filter((c) => c.conversion_date <= now).sort((a, b) => a.conversion_date - b.conversion_date || a.id - b.id),
      savings: [...s.savingsWithdraws.values()].filter((w) => w.complete <= now).sort((a, b) => {
        const ka = requestKey(a.from, a.request_id);
        const kb = requestKey(b.from, b.request_id);
        return a.complete - b.complete || (ka < kb ? -1 : ka > kb ? 1 : 0);
      }),
      returns: [...s.delegationExpirations.values()].filter((e) => e.expiration < now).sort((a, b) => a.expiration - b.expiration || a.id - b.id),
      withdrawals,
    };
  }

  /** Recomputes the end of the block from `before` and compares the chain's result with it. */
  private checkBlock(before: BeforeEnd, records: readonly VirtualOperationRecord[]): void {
    const s = this.state;
    const now = this.blockTime;
    const blockNum = this.blockNum;
    const report = this.report;
    const notes: string[] = [];
    // steemd's invariants over every balance, first; the recomputation below usually says more precisely what went wrong.
    const problem = findSupplyProblem(s);
    if (problem !== null) notes.push(`findSupplyProblem: ${problem}`);
    const expectEqual = (what: string, actual: unknown, expected: unknown): void => {
      const a = canonicalText(actual);
      const e = canonicalText(expected);
      if (a === e) return;
      let detail = `the chain has ${a}, the rules give ${e}`;
      if (actual !== null && typeof actual === "object" && expected !== null && typeof expected === "object") {
        const fields = Object.keys(expected).filter((k) => canonicalText((actual as Record<string, unknown>)[k]) !== canonicalText((expected as Record<string, unknown>)[k]));
        detail = fields.map((k) => {
          const x = (actual as Record<string, unknown>)[k];
          const y = (expected as Record<string, unknown>)[k];
          const delta = typeof x === "bigint" && typeof y === "bigint" ? ` (${x - y >= 0n ? "+" : ""}${x - y})` : "";
          return `${k}: chain ${canonicalText(x)}, rules ${canonicalText(y)}${delta}`;
        }).join("; ");
      }
      throw this.fail(`${what}: ${detail}${notes.length > 0 ? ` [${notes.join("; ")}]` : ""}`);
    };
    const blockOps = records.filter((r) => r.trxInBlock === blockLevelTrx).map((r) => r.op);
    const expectedOps: VirtualOperation[] = [];
    let supply = before.props.current_supply;
    let sbdSupply = before.props.current_sbd_supply;
    let tvs = before.props.total_vesting_shares;
    let tvfs = before.props.total_vesting_fund_steem;
    let prvs = before.props.pending_rewarded_vesting_shares;
    let prvst = before.props.pending_rewarded_vesting_steem;

    // Delegation returns (steemd clear_expired_delegations: expiration < now).
    for (const e of before.returns) expectedOps.push({ type: "return_vesting_delegation", value: { account: e.delegator, vesting_shares: vests(e.vesting_shares) } });
    report.fills.delegationReturns += before.returns.length;

    // The hourly feed (§9.2, one producer): its fresh feed joins the history; the median, raised to the debt limit, prices SBD.
    let expectedFeed = before.feed;
    const producerFeed = before.producerFeed;
    if (blockNum % feedIntervalBlocks === 0 && producerFeed !== undefined && now < producerFeed.last_update + maxFeedAgeSeconds) {
      const history = [...before.feed.price_history, producerFeed.exchange_rate].slice(-84);
      let median = [...history].sort(comparePrices)[history.length >> 1];
      if (sbdSupply > 0n && supply > 0n) {
        const floor = { base: 9n * sbdSupply, quote: supply };
        if (comparePrices(floor, median) > 0) {
          median = floor;
          report.economy.debtLimitHits++;
        }
      }
      expectedFeed = { current_median_history: median, price_history: history };
      report.economy.medianUpdates++;
    }
    expectEqual("the feed history and median", s.feed.value, expectedFeed);
    const median = s.feed.value.current_median_history;
    if (canonicalText(median) !== canonicalText(before.feed.current_median_history)) report.economy.medianChanges++;

    // update_virtual_supply at the start of the economics: the print rate every payout of this block uses.
    const sbdAsSteem = toSteem(sbdSupply, median);
    const virtualSupply = supply + sbdAsSteem;
    const printRate = median === null ? before.props.sbd_print_rate : getSbdPrintRate(sbdAsSteem, virtualSupply).printRate;

    // clear_null_account_balance.
    const burned = before.nullBalances;
    const vestsBurnedAsSteem = burned.vests === 0n ? 0n : (burned.vests * tvfs) / tvs;
    const burnedSteem = burned.steem + vestsBurnedAsSteem + burned.rewardVestingSteem;
    if (burned.steem !== 0n || burned.sbd !== 0n || burned.vests !== 0n || burned.rewardVests !== 0n) {
      report.fills.burns++;
      supply -= burnedSteem;
      sbdSupply -= burned.sbd;
      tvs -= burned.vests;
      tvfs -= vestsBurnedAsSteem;
      prvs -= burned.rewardVests;
      prvst -= burned.rewardVestingSteem;
      if (burned.rewardVests > 0n) notes.push(`null's reward balance of ${burned.rewardVests} VESTS (${burned.rewardVestingSteem} STEEM) was burned in this block`);
      const cleared = blockOps.find((op) => op.type === "clear_null_account_balance");
      // steemd's operation lists the STEEM value of everything burned, then the VESTS, then the SBD.
      const steemd = [steem(burnedSteem), vests(burned.vests + burned.rewardVests), sbd(burned.sbd)].filter((a) => a.amount > 0n);
      if (cleared === undefined) throw this.fail("null held tokens but no clear_null_account_balance was emitted");
      if (canonicalText(cleared.value) !== canonicalText({ total_cleared: steemd })) increment(report.deviations, "clear_null_account_balance lists other amounts than steemd's");
    }

    // process_funds, from the virtual supply as the burn left it (steemd's adjust_supply lowers it with the supply; for SBD it
    // recomputes it at the median): what update_virtual_supply set, less what was burned.
    const issuance = getBlockIssuance(supply + toSteem(sbdSupply, median), blockNum);
    if (canonicalText(issuance) !== canonicalText(getBlockIssuance(virtualSupply, blockNum))) notes.push("this block's burn changes its issuance");
    supply += issuance.content + issuance.vesting + issuance.witnessBase;
    tvfs += issuance.vesting;
    if (issuance.witnessBase > 0n) {
      const made = tvfs === 0n || tvs === 0n ? issuance.witnessBase * 1000n : (issuance.witnessBase * tvs) / tvfs;
      tvs += made;
      tvfs += issuance.witnessBase;
      expectedOps.push({ type: "producer_reward", value: { producer: initMinerName, vesting_shares: vests(made) } });
    }
    const treasurySbd = toSbd(issuance.proposals, median);
    if (treasurySbd > 0n) {
      sbdSupply += treasurySbd;
      expectedOps.push({ type: "sps_fund", value: { additional_funds: sbd(treasurySbd) } });
    }

    // Conversions due (§9.3): amount × median at fill time, by (conversion date, id).
    if (median !== null) {
      for (const c of before.conversions) {
        const out = sbdToSteem(c.amount, median);
        supply += out;
        sbdSupply -= c.amount;
        expectedOps.push({ type: "fill_convert_request", value: { owner: c.owner, requestid: c.requestid, amount_in: sbd(c.amount), amount_out: steem(out) } });
      }
      report.fills.conversions += before.conversions.length;
    }

    // Comment cashouts (§4.4, §5, §6.2): decay, every due comment's claims first, then each paid in (cashout time, id) order.
    const rewardBalance = before.fund.reward_balance + issuance.content;
    const elapsed = BigInt(now - before.fund.last_update);
    let recentClaims = before.fund.recent_claims - (before.fund.recent_claims * elapsed) / recentClaimsDecaySecondsSpec;
    const claims = before.due.map((d) => specClaims(d.comment.net_rshares));
    for (const c of claims) recentClaims += c;
    let claimedTotal = 0n;
    const rewardDeltas = new Map<string, { sbd: bigint; steem: bigint; vests: bigint; vestingSteem: bigint; curation: bigint; posting: bigint }>();
    const credit = (name: string, patch: Partial<{ sbd: bigint; steem: bigint; vests: bigint; vestingSteem: bigint; curation: bigint; posting: bigint }>) => {
      const d = rewardDeltas.get(name) ?? { sbd: 0n, steem: 0n, vests: 0n, vestingSteem: 0n, curation: 0n, posting: 0n };
      rewardDeltas.set(name, {
        sbd: d.sbd + (patch.sbd ?? 0n), steem: d.steem + (patch.steem ?? 0n), vests: d.vests + (patch.vests ?? 0n),
        vestingSteem: d.vestingSteem + (patch.vestingSteem ?? 0n), curation: d.curation + (patch.curation ?? 0n), posting: d.posting + (patch.posting ?? 0n),
      });
    };
    const paidComments: { comment: Comment; payout: SpecPayout | null }[] = [];
    for (let i = 0; i < before.due.length; i++) {
      const { comment, votes } = before.due[i];
      const ref = { author: comment.author, permlink: comment.permlink };
      report.cashouts.due++;
      const { reward, dust, capped } = specReward(claims[i], rewardBalance, recentClaims, comment.max_accepted_payout, median);
      if (dust) report.cashouts.dust++;
      if (comment.net_rshares > 0n && comment.max_accepted_payout === 0n) report.cashouts.declined++;
      let payout: SpecPayout | null = null;
      if (reward > 0n) {
        const input = {
          reward, allowCurationRewards: comment.allow_curation_rewards, totalVoteWeight: comment.total_vote_weight, votes,
          beneficiaries: comment.beneficiaries, percentSteemDollars: comment.percent_steem_dollars, printRate, median,
          shares: tvs + prvs, steem: tvfs + prvst,
        };
        payout = specPayout(input);
        const plan = planCashout({
          reward, percentCurationRewards, allowCurationRewards: comment.allow_curation_rewards, totalVoteWeight: comment.total_vote_weight, votes,
          beneficiaries: comment.beneficiaries, percentSteemDollars: comment.percent_steem_dollars, sbdPrintRate: printRate, median,
          rewardVesting: { shares: tvs + prvs, steem: tvfs + prvst },
        });
        const planned = {
          curators: plan.curators, beneficiaries: plan.beneficiaries, author: plan.author, claimed: plan.claimedReward, curationPaid: plan.curationPaid,
          steemToSbd: plan.steemToSbd, sbdPrinted: plan.sbdPrinted, rewardVestingShares: plan.rewardVestingShares, rewardVestingSteem: plan.rewardVestingSteem,
          totalPayoutValue: plan.totalPayoutValue, curatorPayoutValue: plan.curatorPayoutValue, beneficiaryPayoutValue: plan.beneficiaryPayoutValue, commentRewardPayout: plan.commentRewardPayout,
        };
        if (canonicalText(planned) !== canonicalText(payout)) {
          const fields = Object.keys(planned).filter((k) => canonicalText((planned as Record<string, unknown>)[k]) !== canonicalText((payout as unknown as Record<string, unknown>)[k]));
          notes.push(
            `core/economics/cashout.ts planCashout differs from the rules for @${ref.author}/${ref.permlink} in ${fields.join(", ")}: plan claims ${plan.claimedReward}, ` +
            `the rules ${payout.claimed} (reward ${reward}, allow_curation_rewards ${comment.allow_curation_rewards}, total_vote_weight ${comment.total_vote_weight}, ` +
            `${votes.length} votes)`,
          );
        }
        report.cashouts.paid++;
        if (capped) report.cashouts.capped++;
        if (!comment.allow_curation_rewards) report.cashouts.noCuration++;
        else if (comment.total_vote_weight === 0n) report.cashouts.zeroVoteWeight++;
        prvs += payout.rewardVestingShares;
        prvst += payout.rewardVestingSteem;
        supply -= payout.steemToSbd;
        sbdSupply += payout.sbdPrinted;
        claimedTotal += payout.claimed;
        for (const c of payout.curators) {
          expectedOps.push({ type: "curation_reward", value: { curator: c.curator, reward: vests(c.vests), comment_author: ref.author, comment_permlink: ref.permlink } });
          credit(c.curator, { vests: c.vests, vestingSteem: c.steem, curation: c.steem });
        }
        report.cashouts.curationRewards += payout.curators.length;
        for (const b of payout.beneficiaries) {
          expectedOps.push({ type: "comment_benefactor_reward", value: { benefactor: b.account, ...ref, sbd_payout: sbd(b.sbd), steem_payout: steem(b.steem), vesting_payout: vests(b.vests) } });
          if (b.account === treasuryAccount) report.cashouts.treasuryRewards++;
          else credit(b.account, { sbd: b.sbd, steem: b.steem, vests: b.vests, vestingSteem: b.vestingSteem });
          if (b.account === nullAccount) report.cashouts.burnedRewards++;
        }
        report.cashouts.beneficiaryRewards += payout.beneficiaries.length;
        expectedOps.push({ type: "author_reward", value: { ...ref, sbd_payout: sbd(payout.author.sbd), steem_payout: steem(payout.author.steem), vesting_payout: vests(payout.author.vests) } });
        credit(comment.author, { sbd: payout.author.sbd, steem: payout.author.steem, vests: payout.author.vests, vestingSteem: payout.author.vestingSteem, posting: payout.author.tokens });
        expectedOps.push({
          type: "comment_reward",
          value: {
            ...ref, payout: sbd(payout.commentRewardPayout), author_rewards: payout.author.tokens, total_payout_value: sbd(payout.totalPayoutValue),
            curator_payout_value: sbd(payout.curatorPayoutValue), beneficiary_payout_value: sbd(payout.beneficiaryPayoutValue),
          },
        });
      }
      expectedOps.push({ type: "comment_payout_update", value: ref });
      paidComments.push({ comment, payout });
    }
    report.cashouts.steemClaimed += claimedTotal;

    // Power-down weeks (§8.2), by (time, name): auto-vest routes, the other routes at the moving price, then the owner.
    const vestsReceived = new Map<string, bigint>();
    const expectedWithdrawals: { name: string; withdrawn: bigint; next: number; rate: bigint }[] = [];
    for (const w of before.withdrawals) {
      if (w.vesting_withdraw_rate <= 0n) continue;
      const held = w.vesting_shares + (vestsReceived.get(w.name) ?? 0n);
      const due = w.to_withdraw - w.withdrawn < w.vesting_withdraw_rate ? w.to_withdraw % w.vesting_withdraw_rate : w.vesting_withdraw_rate;
      const amount = due < held ? due : held;
      let deposited = 0n;
      for (const route of w.routes) {
        if (!route.auto_vest) continue;
        const deposit = (amount * BigInt(route.percent)) / hundred;
        deposited += deposit;
        if (deposit <= 0n) continue;
        expectedOps.push({ type: "fill_vesting_withdraw", value: { from_account: w.name, to_account: route.to_account, withdrawn: vests(deposit), deposited: vests(deposit) } });
        vestsReceived.set(route.to_account, (vestsReceived.get(route.to_account) ?? 0n) + deposit);
      }
      for (const route of w.routes) {
        if (route.auto_vest) continue;
        const deposit = (amount * BigInt(route.percent)) / hundred;
        deposited += deposit;
        if (deposit <= 0n) continue;
        const out = (deposit * tvfs) / tvs;
        expectedOps.push({ type: "fill_vesting_withdraw", value: { from_account: w.name, to_account: route.to_account, withdrawn: vests(deposit), deposited: steem(out) } });
        tvfs -= out;
        tvs -= deposit;
      }
      const rest = amount - deposited;
      const out = (rest * tvfs) / tvs;
      expectedOps.push({ type: "fill_vesting_withdraw", value: { from_account: w.name, to_account: w.name, withdrawn: vests(rest), deposited: steem(out) } });
      tvfs -= out;
      tvs -= rest;
      vestsReceived.set(w.name, (vestsReceived.get(w.name) ?? 0n) - amount);
      const withdrawn = w.withdrawn + amount;
      const done = withdrawn >= w.to_withdraw || held - amount === 0n;
      expectedWithdrawals.push({ name: w.name, withdrawn, next: done ? timeNever : w.next_vesting_withdrawal + vestingWithdrawIntervalSeconds, rate: done ? 0n : w.vesting_withdraw_rate });
    }

    // Savings withdrawals due (§9, 3 days), by (complete, from, request_id).
    for (const w of before.savings) {
      expectedOps.push({ type: "fill_transfer_from_savings", value: { from: w.from, to: w.to, amount: { amount: w.amount, symbol: w.symbol }, request_id: w.request_id, memo: w.memo } });
    }
    report.fills.savings += before.savings.length;

    // Interest (paid when an SBD balance is touched after 30 days) is not predicted; it adds to the SBD supply.
    for (const op of blockOps) {
      if (op.type !== "interest") continue;
      sbdSupply += op.value.interest.amount;
      report.fills.interest++;
    }
    report.fills.interest += records.filter((r) => r.trxInBlock !== blockLevelTrx && r.op.type === "interest").length;

    // The block's virtual operations, in order (interest and the burn's listing aside).
    const actualOps = blockOps.filter((op) => op.type !== "interest" && op.type !== "clear_null_account_balance");
    for (let i = 0; i < Math.max(actualOps.length, expectedOps.length); i++) {
      if (canonicalText(actualOps[i] ?? null) !== canonicalText(expectedOps[i] ?? null)) {
        throw this.fail(
          `virtual operation ${i} of the block's end: the chain emitted ${canonicalText(actualOps[i] ?? null)}, the rules give ${canonicalText(expectedOps[i] ?? null)}` +
          `${notes.length > 0 ? ` [${notes.join("; ")}]` : ""}`,
        );
      }
    }
    report.fills.powerDownLegs += expectedOps.filter((op) => op.type === "fill_vesting_withdraw").length;

    // The reward fund: it gains this block's content issuance and loses exactly what the cashouts claimed.
    expectEqual("the reward fund after the block (reward_balance = before + content issuance − Σ claimed)", s.rewardFund.value, {
      reward_balance: rewardBalance - claimedTotal, recent_claims: recentClaims, last_update: now,
    });

    // Each paid comment's record, and every credited reward balance.
    for (const { comment, payout } of paidComments) {
      const after = s.comments.get(commentKey(comment.author, comment.permlink));
      if (after === undefined) throw this.fail(`@${comment.author}/${comment.permlink} vanished at its cashout`);
      expectEqual(`@${comment.author}/${comment.permlink} after its cashout`, {
        net_rshares: after.net_rshares, abs_rshares: after.abs_rshares, vote_rshares: after.vote_rshares, total_vote_weight: after.total_vote_weight,
        cashout_time: after.cashout_time, last_payout: after.last_payout, total_payout_value: after.total_payout_value,
        curator_payout_value: after.curator_payout_value, author_rewards: after.author_rewards,
      }, {
        net_rshares: comment.net_rshares > 0n ? 0n : comment.net_rshares, abs_rshares: 0n, vote_rshares: 0n, total_vote_weight: 0n,
        cashout_time: timeNever, last_payout: now,
        total_payout_value: comment.total_payout_value + (payout?.totalPayoutValue ?? 0n),
        curator_payout_value: comment.curator_payout_value + (payout?.curatorPayoutValue ?? 0n),
        author_rewards: comment.author_rewards + (payout?.author.tokens ?? 0n),
      });
      if (payout !== null) {
        for (const name of [comment.author, ...payout.curators.map((c) => c.curator), ...payout.beneficiaries.map((b) => b.account)]) {
          if (name !== treasuryAccount && !this.rewardedSet.has(name)) {
            this.rewardedSet.add(name);
            this.rewarded.push(name);
          }
        }
      }
      this.paid.push({ author: comment.author, permlink: comment.permlink, root: comment.parent_author === "" });
    }
    for (const [name, start] of before.rewardAccounts) {
      const d = rewardDeltas.get(name) ?? { sbd: 0n, steem: 0n, vests: 0n, vestingSteem: 0n, curation: 0n, posting: 0n };
      // null's reward balances were burned earlier in this block's end.
      const base = name === nullAccount ? { ...start, reward_sbd_balance: 0n, reward_steem_balance: 0n, reward_vesting_balance: 0n, reward_vesting_steem: 0n } : start;
      expectEqual(`the reward balances of ${name} after the block's cashouts`, pickRewards(this.account(name)), {
        reward_sbd_balance: base.reward_sbd_balance + d.sbd, reward_steem_balance: base.reward_steem_balance + d.steem,
        reward_vesting_balance: base.reward_vesting_balance + d.vests, reward_vesting_steem: base.reward_vesting_steem + d.vestingSteem,
        curation_rewards: base.curation_rewards + d.curation, posting_rewards: base.posting_rewards + d.posting,
      });
    }

    // Accounts that powered down, and requests that are due are gone.
    for (const w of expectedWithdrawals) {
      const account = this.account(w.name);
      expectEqual(`the power-down of ${w.name} after its week`, { withdrawn: account.withdrawn, next: account.next_vesting_withdrawal, rate: account.vesting_withdraw_rate }, { withdrawn: w.withdrawn, next: w.next, rate: w.rate });
    }
    for (const c of before.conversions) if (s.conversions.has(requestKey(c.owner, c.requestid))) throw this.fail(`conversion ${c.owner}/${c.requestid} was due but is still pending`);
    for (const w of before.savings) if (s.savingsWithdraws.get(requestKey(w.from, w.request_id))?.complete === w.complete) throw this.fail(`savings withdrawal ${w.from}/${w.request_id} was due but is still pending`);
    for (const e of before.returns) if (s.delegationExpirations.has(String(e.id))) throw this.fail(`delegation return ${e.id} was due but is still pending`);

    // The supplies and the vesting totals.
    const props = s.props.value;
    const endSbdAsSteem = toSteem(sbdSupply, median);
    const endVirtualSupply = supply + endSbdAsSteem;
    expectEqual("the supplies and vesting totals after the block", {
      current_supply: props.current_supply, current_sbd_supply: props.current_sbd_supply, virtual_supply: props.virtual_supply,
      total_vesting_shares: props.total_vesting_shares, total_vesting_fund_steem: props.total_vesting_fund_steem,
      pending_rewarded_vesting_shares: props.pending_rewarded_vesting_shares, pending_rewarded_vesting_steem: props.pending_rewarded_vesting_steem,
      sbd_print_rate: props.sbd_print_rate,
    }, {
      current_supply: supply, current_sbd_supply: sbdSupply, virtual_supply: endVirtualSupply, total_vesting_shares: tvs, total_vesting_fund_steem: tvfs,
      pending_rewarded_vesting_shares: prvs, pending_rewarded_vesting_steem: prvst,
      sbd_print_rate: median === null ? before.props.sbd_print_rate : getSbdPrintRate(endSbdAsSteem, endVirtualSupply).printRate,
    });
    if (problem !== null) throw this.fail(`findSupplyProblem: ${problem}${notes.length > 1 ? ` [${notes.slice(1).join("; ")}]` : ""}`);

    const economy = report.economy;
    if (props.sbd_print_rate < economy.minPrintRate) economy.minPrintRate = props.sbd_print_rate;
    if (props.sbd_print_rate < percent100) economy.blocksBelowFullPrintRate++;
    const percentSbd = median === null ? 0 : getSbdPrintRate(endSbdAsSteem, endVirtualSupply).percentSbd;
    if (percentSbd > economy.maxSbdPercentBp) economy.maxSbdPercentBp = percentSbd;
  }

  private finishReport(): void {
    const props = this.state.props.value;
    const fund = this.state.rewardFund.value;
    const r = this.report as { -readonly [K in keyof EconomicsSimulationReport]: EconomicsSimulationReport[K] };
    r.blocks = this.blockNum;
    r.simulatedDays = Math.round(((this.blockTime - genesisTime) / 86400) * 10) / 10;
    r.economy.finalMedian = formatPrice(this.state.feed.value.current_median_history);
    r.economy.finalRewardBalance = fund.reward_balance;
    r.economy.finalRecentClaims = fund.recent_claims;
    r.economy.finalSbdSupply = props.current_sbd_supply;
  }
}

/** Runs the simulation, then replays it from genesis; throws an EconomicsSimulationError (with seed and block) on the first broken rule. */
export function runEconomicsSimulation(options: EconomicsSimulationOptions): EconomicsSimulationReport {
  const simulation = new Simulation({
    meanBlockSeconds: 1600, actionsPerBlock: 30, voteChanges: true, nullBeneficiaries: true, ...options,
  });
  simulation.run();
  simulation.replay();
  return simulation.report;
}

/** A bare chain for short scripted scenarios on the simulation's genesis: each operation is one unsigned transaction of the next block. */
export class ScriptedChain {
  readonly genesis = createSimulationGenesis();
  readonly state: ChainState = createGenesisState(this.genesis);
  readonly blocks: SignedBlock[] = [];
  private seq = 0;

  /** Applies `operations` (a transaction each; a refusal throws) and closes a block `seconds` after head; returns its block-level virtual operations. */
  block(seconds: number, operations: readonly Operation[] = []): VirtualOperation[] {
    const props = this.state.props.value;
    const id = props.head_block_id;
    const transactions: SignedTransaction[] = [];
    const bytes: Uint8Array[] = [];
    for (const op of operations) {
      const tx: SignedTransaction = {
        ref_block_num: props.head_block_number & 0xffff, ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0,
        expiration: props.time + 120 + this.seq++, operations: [op], extensions: [], signatures: [],
      };
      const prepared = prepareTransaction(tx, chainId);
      applyTransaction(this.state, prepared, { signerKeys: null, trxInBlock: transactions.length });
      transactions.push(tx);
      bytes.push(prepared.signedBytes);
    }
    const block: SignedBlock = {
      previous: props.head_block_id, timestamp: props.time + seconds, witness: initMinerName, transaction_merkle_root: getTransactionMerkleRootOfBytes(bytes),
      extensions: [], witness_signature: zeroSignature, transactions,
    };
    applyBlockEnd(this.state, block, blockIntervalSeconds);
    this.blocks.push(block);
    return this.state.virtualOps.take().filter((r) => r.trxInBlock === blockLevelTrx).map((r) => r.op);
  }
}
