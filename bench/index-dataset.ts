/**
 * The social-index benchmark's data set: a synthetic but network-shaped stream of committed blocks, fed to
 * the real projector. Deterministic: the same options give the same blocks, operation for operation.
 *
 * At scale 1: 100,000 accounts (plus 100 `hive-NNNNNN` communities), 1,000,000 posts and comments (30 %
 * top-level, a quarter of those in communities, the rest under Zipf-distributed tags), 10,000,000 votes
 * (power law per post, 85 % on top-level posts, all within each post's 7-day payout window), ~50 follows
 * per account (targets by a Zipf popularity), reblogs, community subscriptions, a few pins and edits, one
 * thread of 500 comments, and the payouts of every post older than 7 days — spread over 30 days that end
 * at `endTime`. Accounts are created in the blocks just before the 30 days.
 *
 * Every event is one transaction. At the network's own pace the events of one 3-second slot make a block
 * (longer slots at smaller scales, so blocks hold as many transactions; empty slots are skipped: block
 * numbers stay consecutive, timestamps jump). The bulk of the days is packed in large blocks to build
 * quickly, and the last day as 10,000 transactions/s of ingest would pack it (see `generateBlocks`). Votes
 * carry their `effective_comment_vote` virtual operation, payouts are block-level `comment_reward` +
 * `comment_payout_update`, as the chain reports them.
 */
import { blockLevelTrx, type VirtualOperationRecord } from "../src/core/chain/virtual-ops.ts";
import { nullPublicKey } from "../src/core/crypto/keys.ts";
import { createSingleKeyAuthority } from "../src/core/protocol/authority.ts";
import { cashoutWindowSeconds } from "../src/core/protocol/config.ts";
import type { Operation } from "../src/core/protocol/operation-schemas.ts";
import type { ProjectedBlock } from "../src/index/projector.ts";
import { createPrng } from "../src/stdx/prng.ts";

/** Bumped whenever the generated stream changes (the cached index is keyed by it). */
export const datasetVersion = 1;

export interface DatasetOptions {
  readonly scale: number;
  readonly seed: number;
  /** Unix seconds: the last block's time; the 30 days of activity end here. */
  readonly endTime: number;
}

const day = 86_400;
const activityDays = 30;
/** The chain's block interval (the set-up blocks). */
const chainBlockSeconds = 3;
const accountsPerSetupBlock = 1_000;

/** Transactions in a block when the chain ingests 10,000 a second (3-second blocks). */
export const denseBlockTransactions = 30_000;
/** The stream ends with about this many dense blocks (fewer at small scales: at most a quarter of the days). */
const denseBlocksAtEnd = 18;
/**
 * Transactions in a block of the bulk of the days, which only builds the data set. One block is one SQL
 * transaction, and each commit writes every page it dirtied, once to the WAL and once more when checkpointed:
 * at scale 0.1 that is ≈ 80 kB a transaction at the network's own pace, 16 kB in blocks of 3,000, 3 kB in
 * blocks of 30,000 and 1.3 kB in blocks of 100,000 — packed this way, the full-size build writes tens of
 * gigabytes rather than terabytes. (Block times are coarse there: a block spans hours of the data set.)
 */
export const bulkBlockTransactions = 100_000;
/** Blocks at the network's own pace before the dense end (fewer at small scales: at most a quarter of the days). */
const ownPaceBlocks = 2_400;

export const threadComments = 500;
export const threadPermlink = "a-thread-with-five-hundred-comments";

/** How many of each thing the data set holds at a scale. */
export interface DatasetShape {
  readonly accounts: number;
  readonly communities: number;
  readonly rootPosts: number;
  readonly comments: number;
  readonly votes: number;
  readonly follows: number;
  readonly reblogs: number;
  readonly tags: number;
  readonly words: number;
}

function datasetShape(scale: number): DatasetShape {
  const accounts = Math.max(200, Math.round(100_000 * scale));
  const items = Math.max(4 * threadComments, Math.round(1_000_000 * scale));
  const rootPosts = Math.round(items * 0.3);
  return {
    accounts,
    communities: Math.max(10, Math.round(100 * Math.min(1, scale * 10))),
    rootPosts,
    comments: items - rootPosts,
    votes: Math.round(10_000_000 * scale),
    follows: Math.round(accounts * Math.min(50, (accounts - 1) / 4)),
    reblogs: Math.round(rootPosts / 2),
    tags: Math.max(50, Math.round(2_000 * Math.min(1, scale * 10))),
    words: 20_000,
  };
}

// ---- sampling ---------------------------------------------------------------------------------------

type Random = () => number;

/** Vose's alias method: O(1) draws from a fixed discrete distribution. */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.probability[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
  }

  sample(random: Random): number {
    const u = random() * this.probability.length;
    const i = Math.floor(u);
    return u - i < this.probability[i] ? i : this.alias[i];
  }
}

/** Weights of a Zipf law over ranks 0..n-1: rank r weighs (r + 1)^-s. */
function zipfWeights(n: number, s: number): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = (i + 1) ** -s;
  return weights;
}

const pareto = (random: Random, alpha: number) => (1 - random()) ** (-1 / alpha);

/**
 * Splits `total` into integer counts proportional to `weights`, none above `cap`, summing to `total` exactly
 * (when the caps allow it): the proportional share is found by bisection, then the remainder is handed out
 * one by one to random entries still under their cap.
 */
function allocate(random: Random, weights: Float64Array, total: number, cap: number): Int32Array {
  const n = weights.length;
  const counts = new Int32Array(n);
  if (n === 0 || total <= 0) return counts;
  const assigned = (factor: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.min(cap, Math.floor(weights[i] * factor));
    return sum;
  };
  let low = 0;
  let high = 1;
  while (assigned(high) < total && high < 1e18) high *= 2;
  for (let k = 0; k < 60; k++) {
    const mid = (low + high) / 2;
    if (assigned(mid) <= total) low = mid;
    else high = mid;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += counts[i] = Math.min(cap, Math.floor(weights[i] * low));
  for (let guard = 0; sum < total && guard < total * 20; guard++) {
    const i = Math.floor(random() * n);
    if (counts[i] < cap) {
      counts[i]++;
      sum++;
    }
  }
  return counts;
}

// ---- the world: names, weights and vocabulary (no events) ------------------------------------------

const syllables = (() => {
  const out: string[] = [];
  for (const c of "bcdfghjklmnprstvwxz") for (const v of "aeiou") out.push(c + v);
  return out;
})();

/** A unique pseudo-word per rank; frequent ranks get short words, as in natural language. */
export function word(rank: number): string {
  let n = rank + syllables.length;
  let out = "";
  while (n > 0) {
    out = syllables[n % syllables.length] + out;
    n = Math.floor(n / syllables.length);
  }
  return out;
}

export const accountName = (i: number) => `u${i.toString(36).padStart(4, "0")}`;
export const communityName = (i: number) => `hive-${100_000 + i * 137}`;
export const tagName = (i: number) => `${word(i + 40)}${i % 10}`;

/** What the load generator needs to pick realistic params, derived from the options alone. */
export class World {
  readonly shape: DatasetShape;
  readonly start: number;
  /** Who writes, votes, comments (Zipf s = 0.5 over account rank). */
  readonly activity: AliasTable;
  /** Whom people follow (Zipf s = 0.7): also whose notifications and feeds are busiest. */
  readonly popularity: AliasTable;
  readonly communityPick: AliasTable;
  readonly tagPick: AliasTable;
  readonly wordPick: AliasTable;
  /** The author of the 500-comment thread: the most followed account. */
  readonly threadAuthor = accountName(0);
  /**
   * Seconds an activity block spans: 3 at scale 1, longer at smaller scales, so that blocks hold as many
   * transactions (≈ 19 on average) as at full size and per-block costs weigh the same in the throughput.
   */
  readonly blockSeconds: number;
  /** Events are scheduled into buckets of this many seconds (a multiple of the block span, at least a minute). */
  readonly bucketSeconds: number;
  /** Offset (seconds after `start`) of the hours at the network's own pace. */
  readonly ownPaceFrom: number;
  /** Offset (seconds after `start`) from which the activity is packed into dense blocks. */
  readonly denseFrom: number;

  constructor(readonly options: DatasetOptions) {
    this.shape = datasetShape(options.scale);
    this.start = options.endTime - activityDays * day;
    this.blockSeconds = chainBlockSeconds * Math.max(1, Math.round(1 / options.scale));
    this.bucketSeconds = this.blockSeconds * Math.ceil(60 / this.blockSeconds);
    const span = activityDays * day;
    const { votes, rootPosts, comments, follows, reblogs, accounts } = this.shape;
    const perSecond = (votes + rootPosts + comments + follows + reblogs + 1.5 * accounts) / span;
    const denseSeconds = Math.min(span / 4, (denseBlocksAtEnd * denseBlockTransactions) / perSecond);
    this.denseFrom = Math.floor((span - denseSeconds) / this.bucketSeconds) * this.bucketSeconds;
    const ownPaceSeconds = Math.min(span / 4, ownPaceBlocks * this.blockSeconds);
    this.ownPaceFrom = Math.floor((this.denseFrom - ownPaceSeconds) / this.bucketSeconds) * this.bucketSeconds;
    this.activity = new AliasTable(zipfWeights(this.shape.accounts, 0.5));
    this.popularity = new AliasTable(zipfWeights(this.shape.accounts, 0.7));
    this.communityPick = new AliasTable(zipfWeights(this.shape.communities, 1));
    this.tagPick = new AliasTable(zipfWeights(this.shape.tags, 1));
    this.wordPick = new AliasTable(zipfWeights(this.shape.words, 1));
  }
}

// ---- the event stream ---------------------------------------------------------------------------------

const Kind = { root: 0, comment: 1, vote: 2, payout: 3, reblog: 4, edit: 5, pin: 6, follow: 7, subscribe: 8 } as const;

/** Counts of what was generated, by kind. */
export interface DatasetCounts {
  blocks: number;
  transactions: number;
  accountCreates: number;
  communityOps: number;
  rootPosts: number;
  comments: number;
  commentOptions: number;
  edits: number;
  votes: number;
  downvotes: number;
  follows: number;
  mutes: number;
  unfollows: number;
  reblogs: number;
  subscriptions: number;
  pins: number;
  payouts: number;
}

/**
 * A block and which part of the stream it belongs to: the accounts' creation, the bulk of the days packed
 * in blocks of `bulkBlockTransactions`, some hours at the network's own pace (≈ 19 transactions a block),
 * and the last hours packed as 10,000 transactions/s of ingest would pack them.
 */
export interface GeneratedBlock {
  readonly phase: "accounts" | "bulk" | "ownPace" | "ingest";
  readonly block: ProjectedBlock;
}

const appJson = "kettle-bench/1";

/**
 * Generates the data set's blocks in order. `counts` is filled in as blocks are produced (complete once
 * the generator is done).
 */
/** How a stretch of the days is cut into blocks: by time slot (`null`), or `packing` transactions a block. */
interface Segment {
  readonly phase: GeneratedBlock["phase"];
  /** Offset (seconds after `start`) where it begins. */
  readonly from: number;
  readonly packing: number | null;
}

/**
 * Generates the data set's blocks. With `denseEverywhere` all the activity is packed in dense blocks (the
 * same transactions in the same order, cut differently).
 */
export function* generateBlocks(world: World, counts: DatasetCounts, denseEverywhere = false): Generator<GeneratedBlock> {
  const generator = new StreamGenerator(world, counts);
  yield* generator.setupBlocks();
  const segments: Segment[] = denseEverywhere
    ? [{ phase: "ingest", from: 0, packing: denseBlockTransactions }]
    : [
      { phase: "bulk", from: 0, packing: bulkBlockTransactions },
      { phase: "ownPace", from: world.ownPaceFrom, packing: null },
      { phase: "ingest", from: world.denseFrom, packing: denseBlockTransactions },
    ];
  yield* generator.activityBlocks(segments);
}

export function emptyCounts(): DatasetCounts {
  return {
    blocks: 0, transactions: 0, accountCreates: 0, communityOps: 0, rootPosts: 0, comments: 0, commentOptions: 0, edits: 0, votes: 0, downvotes: 0,
    follows: 0, mutes: 0, unfollows: 0, reblogs: 0, subscriptions: 0, pins: 0, payouts: 0,
  };
}

class StreamGenerator {
  private readonly random: Random;
  private readonly shape: DatasetShape;
  private readonly start: number;
  private readonly end: number;
  private readonly blockSeconds: number;
  private readonly bucketSeconds: number;
  private blockNum = 0;
  private lastBlockTime = 0;

  // Top-level posts, by creation order (r), decided up front.
  private readonly rootTime: Int32Array;
  private readonly rootVotes: Int32Array;
  private readonly rootComments: Int32Array;
  private readonly rootReblogs: Int32Array;
  private readonly rootCommentVotes: Int32Array;
  private readonly threadRoot: number;
  /** Votes on one post at most: the most-voted posts of a 100,000-account network get about 2,000. */
  private readonly voteCap: number;
  private readonly rootPermlinks = new Map<number, string>();

  // Posts and comments by item index (their order of creation = the projector's post ids).
  private readonly itemAuthor: Int32Array;
  private readonly itemRoot: Int32Array;
  private readonly itemCreated: Int32Array;
  private readonly itemCategory: string[];
  private readonly itemNet: Float64Array;
  private readonly itemWeight: Float64Array;
  private nextItem = 0;
  /** Comments of each thread so far (by root item), to pick parents for the next ones. */
  private readonly threadItems = new Map<number, number[]>();
  /** Votes still to give to each thread's coming comments, one entry per comment. */
  private readonly threadCommentVotes = new Map<number, Int32Array>();
  /** The latest top-level post in each community (what a moderator pins). */
  private readonly latestInCommunity: Int32Array;

  private readonly stake: Float64Array;
  private readonly buckets: number[][];
  private readonly followers: Int32Array;
  private readonly subscriptions: Int32Array;

  constructor(private readonly world: World, private readonly counts: DatasetCounts) {
    const { shape } = world;
    this.shape = shape;
    this.random = createPrng(world.options.seed);
    this.start = world.start;
    this.end = world.options.endTime;
    this.blockSeconds = world.blockSeconds;
    this.bucketSeconds = world.bucketSeconds;
    const { bucketSeconds } = this;
    const random = this.random;
    const items = shape.rootPosts + shape.comments;
    this.itemAuthor = new Int32Array(items);
    this.itemRoot = new Int32Array(items);
    this.itemCreated = new Int32Array(items);
    this.itemCategory = new Array<string>(items);
    this.itemNet = new Float64Array(items);
    this.itemWeight = new Float64Array(items);
    this.latestInCommunity = new Int32Array(shape.communities).fill(-1);
    this.voteCap = Math.min(2_000, Math.floor(shape.accounts / 5));

    // Stake (rshares of a full vote): heavy-tailed, 10^9 for most, up to 10^5 times that.
    this.stake = new Float64Array(shape.accounts);
    for (let a = 0; a < shape.accounts; a++) this.stake[a] = 1e9 * Math.min(1e5, pareto(random, 1.1));

    // Top-level posts: creation times over the 30 days, a popularity that sets their votes, comments, reblogs.
    const span = this.end - this.start;
    const times = new Float64Array(shape.rootPosts);
    for (let r = 0; r < shape.rootPosts; r++) times[r] = Math.floor(random() * (span - 3 * bucketSeconds));
    times.sort();
    this.rootTime = Int32Array.from(times);
    // The big thread's root: five days before the end, so it is still pending.
    this.threadRoot = lowerBound(this.rootTime, span - 5 * day);
    const popularity = new Float64Array(shape.rootPosts);
    let mostPopular = 0;
    for (let r = 0; r < shape.rootPosts; r++) mostPopular = Math.max(mostPopular, (popularity[r] = pareto(random, 1.3)));
    // The big thread gets its 500 comments apart from the others' share, and votes as the most popular post does.
    popularity[this.threadRoot] = 0;
    this.rootComments = allocate(random, popularity, shape.comments - threadComments, 300);
    this.rootComments[this.threadRoot] = threadComments;
    popularity[this.threadRoot] = mostPopular;
    const voteCap = this.voteCap;
    this.rootVotes = allocate(random, popularity, Math.round(shape.votes * 0.85), voteCap);
    this.rootReblogs = allocate(random, popularity, shape.reblogs, 50);
    const commentVoteWeights = Float64Array.from(this.rootComments, (n) => n);
    this.rootCommentVotes = allocate(random, commentVoteWeights, shape.votes - sumOf(this.rootVotes), voteCap * 300);

    this.buckets = Array.from({ length: Math.ceil(span / bucketSeconds) + 1 }, () => []);
    for (let r = 0; r < shape.rootPosts; r++) this.schedule(this.rootTime[r], Kind.root, r, 0);
    for (let c = 0; c < shape.communities; c++) {
      for (let k = 0; k < 2; k++) this.schedule(Math.floor(day + random() * (span - 2 * day)), Kind.pin, c, 0);
    }

    // Who follows (each ~50 others, 30 to 70) and who subscribes (1.5 communities on average), shuffled over the days.
    const perAccount = Math.min(50, Math.floor((shape.accounts - 1) / 4));
    const followers: number[] = [];
    for (let a = 0; a < shape.accounts; a++) {
      const n = Math.round(perAccount * (0.6 + 0.8 * random()));
      for (let k = 0; k < n; k++) followers.push(a);
    }
    this.followers = shuffle(random, Int32Array.from(followers));
    const subscriptions: number[] = [];
    for (let a = 0; a < shape.accounts; a++) {
      const chosen = new Set<number>();
      const n = Math.min(shape.communities, Math.floor(-Math.log(1 - random()) * 2));
      while (chosen.size < n) chosen.add(world.communityPick.sample(random));
      for (const c of chosen) subscriptions.push(a * 1024 + c);
    }
    this.subscriptions = shuffle(random, Int32Array.from(subscriptions));
  }

  // ---- setup: accounts and communities --------------------------------------------------------------

  *setupBlocks(): Generator<GeneratedBlock> {
    const { accounts, communities } = this.shape;
    const setupBlocks = Math.ceil((accounts + communities) / accountsPerSetupBlock) + 1;
    let time = this.start - (setupBlocks + 1) * chainBlockSeconds;
    const names = [...Array.from({ length: accounts }, (_, i) => accountName(i)), ...Array.from({ length: communities }, (_, i) => communityName(i))];
    for (let i = 0; i < names.length; i += accountsPerSetupBlock) {
      const transactions = names.slice(i, i + accountsPerSetupBlock).map((name) => ({ operations: [this.accountCreate(name)] }));
      this.counts.accountCreates += transactions.length;
      yield { phase: "accounts", block: this.block((time += chainBlockSeconds), transactions, []) };
    }
    // Each community names a title and a moderator (among the popular accounts).
    const transactions: { operations: Operation[] }[] = [];
    for (let c = 0; c < communities; c++) {
      const community = communityName(c);
      const title = `${capitalize(word(c + 300))} ${capitalize(word(c + 900))}`;
      transactions.push({ operations: [this.customJson(community, "community", ["updateProps", { community, props: { title, about: this.sentence(8), lang: "en" } }])] });
      transactions.push({ operations: [this.customJson(community, "community", ["setRole", { community, account: accountName(c % 50), role: "mod" }])] });
      this.counts.communityOps += 2;
    }
    yield { phase: "accounts", block: this.block((time += chainBlockSeconds), transactions, []) };
  }

  private accountCreate(name: string): Operation {
    const authority = createSingleKeyAuthority(nullPublicKey);
    const profile = { profile: { name: capitalize(word(Math.floor(this.random() * 3000))), about: this.sentence(6) } };
    return {
      type: "account_create",
      value: {
        fee: { amount: 3_000n, symbol: "STEEM" }, creator: "initminer", new_account_name: name, owner: authority, active: authority,
        posting: authority, memo_key: nullPublicKey, json_metadata: JSON.stringify(profile),
      },
    };
  }

  // ---- activity: 30 days of events ---------------------------------------------------------------

  /** The 30 days, in time order, cut into blocks as `segments` say (sorted by `from`, the first from 0). */
  *activityBlocks(segments: readonly Segment[]): Generator<GeneratedBlock> {
    let slot = -1;
    let transactions: { operations: Operation[] }[] = [];
    let virtualOps: VirtualOperationRecord[] = [];
    let segment = segments[0];
    const pending = () => transactions.length > 0 || virtualOps.length > 0;
    const flush = (): GeneratedBlock => {
      const block = this.block(this.start + slot * this.blockSeconds, transactions, virtualOps);
      transactions = [];
      virtualOps = [];
      return { phase: segment.phase, block };
    };
    for (let b = 0; b < this.buckets.length; b++) {
      let next = segment;
      for (const s of segments) if (s.from <= b * this.bucketSeconds) next = s;
      if (next !== segment) {
        if (pending()) yield flush();
        segment = next;
      }
      const { packing } = segment;
      const events = this.buckets[b];
      this.buckets[b] = [];
      this.addSocialEvents(b, events);
      const n = events.length / 4;
      const keys = new Float64Array(n);
      for (let k = 0; k < n; k++) keys[k] = events[k * 4] * 1e6 + k;
      keys.sort();
      for (let k = 0; k < n; k++) {
        const e = (keys[k] % 1e6) * 4;
        const time = events[e];
        const eventSlot = Math.floor(time / this.blockSeconds);
        if (packing === null && eventSlot !== slot && pending()) yield flush();
        slot = eventSlot;
        this.emit(time, events[e + 1], events[e + 2], events[e + 3], transactions, virtualOps);
        if (packing !== null && transactions.length >= packing) yield flush();
      }
      if (packing === null && pending()) yield flush();
    }
    if (pending()) yield flush();
  }

  /** Follows and subscriptions are spread evenly over the days, so they are drawn per bucket rather than stored. */
  private addSocialEvents(bucket: number, events: number[]): void {
    const random = this.random;
    const bucketCount = this.buckets.length;
    const share = (total: number) => [Math.floor((bucket * total) / bucketCount), Math.floor(((bucket + 1) * total) / bucketCount)];
    const [followFrom, followTo] = share(this.followers.length);
    for (let k = followFrom; k < followTo; k++) events.push(bucket * this.bucketSeconds + Math.floor(random() * this.bucketSeconds), Kind.follow, this.followers[k], 0);
    const [subscribeFrom, subscribeTo] = share(this.subscriptions.length);
    for (let k = subscribeFrom; k < subscribeTo; k++) events.push(bucket * this.bucketSeconds + Math.floor(random() * this.bucketSeconds), Kind.subscribe, this.subscriptions[k], 0);
  }

  private schedule(offset: number, kind: number, a: number, b: number): void {
    const bucket = Math.floor(offset / this.bucketSeconds);
    this.buckets[bucket].push(offset, kind, a, b);
  }

  /**
   * A time `delay` seconds after `from`, at least in the next bucket (events only schedule later buckets) and
   * before `deadline` and the end of the data set — a bucket before it for events that schedule more.
   */
  private later(from: number, delay: number, deadline: number, schedulesMore = false): number {
    const earliest = (Math.floor(from / this.bucketSeconds) + 1) * this.bucketSeconds;
    const latest = Math.min(deadline, this.end - this.start - 1 - (schedulesMore ? this.bucketSeconds : 0));
    if (earliest > latest) return -1;
    return Math.max(earliest, Math.min(latest, Math.floor(from + delay)));
  }

  private emit(time: number, kind: number, a: number, b: number, transactions: { operations: Operation[] }[], virtualOps: VirtualOperationRecord[]): void {
    switch (kind) {
      case Kind.root:
        transactions.push({ operations: this.createRoot(time, a) });
        return;
      case Kind.comment: {
        const operations = this.createComment(time, a, b);
        if (operations !== null) transactions.push({ operations });
        return;
      }
      case Kind.vote:
        this.vote(time, a, b, transactions, virtualOps);
        return;
      case Kind.payout:
        this.payout(a, virtualOps);
        return;
      case Kind.reblog: {
        const account = this.pickAccount(this.world.activity, this.itemAuthor[a]);
        transactions.push({ operations: [this.customJson(accountName(account), "follow", ["reblog", { account: accountName(account), author: accountName(this.itemAuthor[a]), permlink: this.permlinkOf(a) }])] });
        this.counts.reblogs++;
        return;
      }
      case Kind.edit:
        transactions.push({ operations: [this.editOp(a)] });
        this.counts.edits++;
        return;
      case Kind.pin: {
        const post = this.latestInCommunity[a];
        if (post < 0) return;
        const community = communityName(a);
        transactions.push({ operations: [this.customJson(community, "community", ["pinPost", { community, account: accountName(this.itemAuthor[post]), permlink: this.permlinkOf(post) }])] });
        this.counts.pins++;
        return;
      }
      case Kind.follow:
        transactions.push({ operations: [this.follow(a)] });
        return;
      case Kind.subscribe: {
        const account = accountName(Math.floor(a / 1024));
        const community = communityName(a % 1024);
        transactions.push({ operations: [this.customJson(account, "community", ["subscribe", { community }])] });
        this.counts.subscriptions++;
        return;
      }
    }
  }

  private createRoot(time: number, r: number): Operation[] {
    const random = this.random;
    const item = this.nextItem++;
    const isThread = r === this.threadRoot;
    const author = isThread ? 0 : this.world.activity.sample(random);
    let category: string;
    const tags: string[] = [];
    if (!isThread && random() < 0.25) {
      const community = this.world.communityPick.sample(random);
      category = communityName(community);
      this.latestInCommunity[community] = item;
    } else {
      category = tagName(this.world.tagPick.sample(random));
    }
    tags.push(category);
    const extraTags = Math.floor(random() * 5);
    for (let k = 0; k < extraTags; k++) {
      const tag = tagName(this.world.tagPick.sample(random));
      if (!tags.includes(tag)) tags.push(tag);
    }
    this.itemAuthor[item] = author;
    this.itemRoot[item] = item;
    this.itemCreated[item] = time;
    this.itemCategory[item] = category;
    this.counts.rootPosts++;
    const title = this.title();
    const permlink = isThread ? threadPermlink : `${title.toLowerCase().split(" ").slice(0, 4).join("-")}-${item.toString(36)}`;
    this.rootPermlinks.set(item, permlink);
    const metadata = JSON.stringify({ tags, app: appJson, format: "markdown", ...(random() < 0.4 ? { image: [`https://images.example/${item.toString(36)}.jpg`] } : {}) });
    const operations: Operation[] = [
      { type: "comment", value: { parent_author: "", parent_permlink: category, author: accountName(author), permlink, title, body: this.mentioning(0.1, this.postBody()), json_metadata: metadata } },
    ];
    if (random() < 0.05) {
      operations.push({
        type: "comment_options",
        value: { author: accountName(author), permlink, max_accepted_payout: { amount: 1_000_000_000n, symbol: "SBD" }, percent_steem_dollars: 0, allow_votes: true, allow_curation_rewards: true, extensions: [] },
      });
      this.counts.commentOptions++;
    }
    const deadline = time + cashoutWindowSeconds - this.bucketSeconds;
    this.scheduleVotes(item, time, this.rootVotes[r], deadline);
    const comments = this.rootComments[r];
    if (comments > 0) {
      this.threadItems.set(item, []);
      this.threadCommentVotes.set(item, spread(random, this.rootCommentVotes[r], comments, this.voteCap));
      for (let k = 0; k < comments; k++) {
        const at = this.later(time, isThread ? random() * 4 * day : -Math.log(1 - random()) * day, deadline, true);
        if (at >= 0) this.schedule(at, Kind.comment, item, k);
      }
    }
    for (let k = 0; k < this.rootReblogs[r]; k++) {
      const at = this.later(time, -Math.log(1 - random()) * day / 2, deadline);
      if (at >= 0) this.schedule(at, Kind.reblog, item, 0);
    }
    if (random() < 0.03) {
      const at = this.later(time, random() * day, deadline);
      if (at >= 0) this.schedule(at, Kind.edit, item, 0);
    }
    this.schedulePayout(item, time);
    return operations;
  }

  private permlinkOf(item: number): string {
    return this.itemRoot[item] === item ? this.rootPermlinks.get(item)! : `re-${item.toString(36)}`;
  }

  private createComment(time: number, root: number, ordinal: number): Operation[] | null {
    const random = this.random;
    const thread = this.threadItems.get(root)!;
    // A reply to the post, or to any earlier comment (a random recursive tree: depth grows with the log of its size).
    const toRoot = thread.length === 0 || random() < (this.permlinkOf(root) === threadPermlink ? 0.3 : 0.6);
    const parent = toRoot ? root : thread[Math.floor(thread.length * random())];
    const item = this.nextItem++;
    const author = this.world.activity.sample(random);
    this.itemAuthor[item] = author;
    this.itemRoot[item] = root;
    this.itemCreated[item] = time;
    this.itemCategory[item] = this.itemCategory[root];
    thread.push(item);
    this.counts.comments++;
    const body = this.mentioning(0.05, this.commentBody());
    const metadata = JSON.stringify({ tags: [this.itemCategory[root]], app: appJson });
    const votes = this.threadCommentVotes.get(root)![ordinal];
    this.scheduleVotes(item, time, votes, time + cashoutWindowSeconds - this.bucketSeconds);
    this.schedulePayout(item, time);
    return [
      {
        type: "comment",
        value: { parent_author: accountName(this.itemAuthor[parent]), parent_permlink: this.permlinkOf(parent), author: accountName(author), permlink: `re-${item.toString(36)}`, title: "", body, json_metadata: metadata },
      },
    ];
  }

  /** A top-level post rewritten: new title and body, same tags. */
  private editOp(root: number): Operation {
    return {
      type: "comment",
      value: {
        parent_author: "", parent_permlink: this.itemCategory[root], author: accountName(this.itemAuthor[root]), permlink: this.permlinkOf(root),
        title: this.title(), body: this.postBody(), json_metadata: "",
      },
    };
  }

  /** Distinct voters, by activity, at times that fall off after creation, all before the cashout. */
  private scheduleVotes(item: number, time: number, count: number, deadline: number): void {
    const random = this.random;
    const voters = new Set<number>();
    while (voters.size < count) voters.add(this.world.activity.sample(random));
    for (const voter of voters) {
      const at = this.later(time, -Math.log(1 - random()) * day / 3, deadline);
      if (at >= 0) this.schedule(at, Kind.vote, item, voter);
    }
  }

  private schedulePayout(item: number, time: number): void {
    const at = time + cashoutWindowSeconds;
    if (at < this.end - this.start) this.schedule(at, Kind.payout, item, 0);
  }

  private vote(time: number, item: number, voter: number, transactions: { operations: Operation[] }[], virtualOps: VirtualOperationRecord[]): void {
    const random = this.random;
    const downvote = random() < 0.03;
    const weight = downvote ? -10_000 : random() < 0.7 ? 10_000 : 100 * (1 + Math.floor(random() * 100));
    const rshares = Math.round((this.stake[voter] * weight) / 10_000);
    this.itemNet[item] += rshares;
    const elapsed = time - this.itemCreated[item];
    const curationWeight = rshares > 0 ? Math.floor(rshares * Math.max(0, 1 - elapsed / cashoutWindowSeconds)) : 0;
    this.itemWeight[item] += curationWeight;
    const author = accountName(this.itemAuthor[item]);
    const permlink = this.permlinkOf(item);
    transactions.push({ operations: [{ type: "vote", value: { voter: accountName(voter), author, permlink, weight } }] });
    virtualOps.push({
      trxInBlock: transactions.length - 1,
      opInTrx: 0,
      op: {
        type: "effective_comment_vote",
        value: {
          voter: accountName(voter), author, permlink, weight: BigInt(curationWeight), rshares: BigInt(rshares), total_vote_weight: BigInt(this.itemWeight[item]),
          pending_payout: { amount: this.pendingPayout(item), symbol: "SBD" },
        },
      },
    });
    this.counts.votes++;
    if (downvote) this.counts.downvotes++;
  }

  /** 10^12 net rshares pay about 1 SBD (milli-SBD amounts). */
  private pendingPayout(item: number): bigint {
    return BigInt(Math.max(0, Math.floor(this.itemNet[item] / 1e9)));
  }

  private payout(item: number, virtualOps: VirtualOperationRecord[]): void {
    const author = accountName(this.itemAuthor[item]);
    const permlink = this.permlinkOf(item);
    const total = this.pendingPayout(item);
    if (total > 0n) {
      const curators = total / 4n;
      virtualOps.push({
        trxInBlock: blockLevelTrx,
        opInTrx: 0,
        op: {
          type: "comment_reward",
          value: {
            author, permlink, payout: { amount: total, symbol: "SBD" }, author_rewards: total - curators, total_payout_value: { amount: total - curators, symbol: "SBD" },
            curator_payout_value: { amount: curators, symbol: "SBD" }, beneficiary_payout_value: { amount: 0n, symbol: "SBD" },
          },
        },
      });
    }
    virtualOps.push({ trxInBlock: blockLevelTrx, opInTrx: 0, op: { type: "comment_payout_update", value: { author, permlink } } });
    this.counts.payouts++;
  }

  private follow(follower: number): Operation {
    const random = this.random;
    const following = this.pickAccount(this.world.popularity, follower);
    const roll = random();
    const what = roll < 0.97 ? ["blog"] : roll < 0.99 ? ["ignore"] : [];
    if (roll < 0.97) this.counts.follows++;
    else if (roll < 0.99) this.counts.mutes++;
    else this.counts.unfollows++;
    return this.customJson(accountName(follower), "follow", ["follow", { follower: accountName(follower), following: accountName(following), what }]);
  }

  /** An account drawn from `table` other than `not`. */
  private pickAccount(table: AliasTable, not: number): number {
    for (;;) {
      const a = table.sample(this.random);
      if (a !== not) return a;
    }
  }

  private customJson(signer: string, id: string, json: unknown): Operation {
    return { type: "custom_json", value: { required_auths: [], required_posting_auths: [signer], id, json: JSON.stringify(json) } };
  }

  private block(time: number, transactions: { operations: Operation[] }[], virtualOps: VirtualOperationRecord[]): ProjectedBlock {
    // Dense blocks may end in the slot the next one starts in: block times still rise.
    time = Math.max(time, this.lastBlockTime + 1);
    this.lastBlockTime = time;
    const blockNum = ++this.blockNum;
    this.counts.blocks++;
    this.counts.transactions += transactions.length;
    return { blockNum, blockId: blockNum.toString(16).padStart(8, "0") + "b".repeat(32), timestamp: time, transactions, virtualOps };
  }

  // ---- text ------------------------------------------------------------------------------------------

  private words(count: number): string {
    const random = this.random;
    const out: string[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = word(this.world.wordPick.sample(random));
    return out.join(" ");
  }

  private sentence(count: number): string {
    return `${capitalize(this.words(count))}.`;
  }

  private title(): string {
    return capitalize(this.words(4 + Math.floor(this.random() * 6)));
  }

  /** About 350 words (≈ 2 kB) on average, 150 to 750, in paragraphs of sentences. */
  private postBody(): string {
    const random = this.random;
    let remaining = 150 + Math.floor(600 * random() * random());
    const paragraphs: string[] = [];
    while (remaining > 0) {
      const sentences: string[] = [];
      for (let s = 0; s < 4 && remaining > 0; s++) {
        const n = Math.min(remaining, 8 + Math.floor(random() * 12));
        sentences.push(this.sentence(n));
        remaining -= n;
      }
      paragraphs.push(sentences.join(" "));
    }
    return paragraphs.join("\n\n");
  }

  /** `body`, with probability `p` starting with a mention of a popular account. */
  private mentioning(p: number, body: string): string {
    return this.random() < p ? `@${accountName(this.world.popularity.sample(this.random))} ${body}` : body;
  }

  /** About 20 words on average (5 to 65). */
  private commentBody(): string {
    const random = this.random;
    return this.sentence(5 + Math.floor(60 * random() * random() * random()));
  }
}

// ---- small helpers ------------------------------------------------------------------------------------

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sumOf(values: Int32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** The first index whose value is ≥ `value` in a sorted array. */
function lowerBound(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return Math.min(low, sorted.length - 1);
}

function shuffle(random: Random, values: Int32Array): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
  return values;
}

/** Splits `total` over `n` slots with heavy-tailed weights (integer counts summing to `total`). */
function spread(random: Random, total: number, n: number, cap: number): Int32Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = pareto(random, 1.5);
  return allocate(random, weights, total, cap);
}
