/**
 * Live blocks for `bench:index`'s load phase: while the API server answers, the same process projects a
 * block every 3 s into the index it serves, as a single-process node does — so every read cache sees the
 * head move and the posts a block changes, rather than an index that stands still. Each block holds the
 * network's own pace of transactions (≈ 19, bench:index's build measures it): votes, mostly on the most
 * trending posts (a Zipf pick, as readers and voters both favour them), and replies to them (which change
 * the post and its ancestors). Votes carry their `effective_comment_vote` as the chain reports it. The
 * blocks go through the real projector, in one SQL transaction each, after the data set's last block:
 * the benchmark serves a throw-away copy of its cached index (or its throw-away PostgreSQL).
 */
import type { VirtualOperationRecord } from "../src/core/chain/virtual-ops.ts";
import type { Operation } from "../src/core/protocol/operation-schemas.ts";
import type { IndexDatabase } from "../src/index/db/database.ts";
import { type ProjectedBlock, Projector } from "../src/index/projector.ts";
import { createPrng } from "../src/stdx/prng.ts";
import { AliasTable } from "./index-dataset.ts";

/** Transactions per live block: the network's own pace in the data set. */
export const liveBlockTransactions = 19;
/** Of which replies (the rest are votes). */
const liveReplies = 4;
/** Posts the live blocks vote on and reply to: the most trending pending ones. */
const livePosts = 2000;

interface LivePost {
  readonly author: string;
  readonly permlink: string;
  readonly category: string;
  net: bigint;
  weight: bigint;
}

export interface LiveBlocks {
  /** Blocks projected so far, and the most time one took (ms). */
  readonly stats: () => { blocks: number; maxMs: number; meanMs: number };
  readonly stop: () => Promise<void>;
}

export async function startLiveBlocks(db: IndexDatabase, intervalMs: number, seed: number): Promise<LiveBlocks> {
  const projector = await Projector.open(db, { time: 0, names: [] });
  const random = createPrng(seed);
  const posts = await db.all<{ author: string; permlink: string; category: string; net_rshares: number | bigint; total_vote_weight: number | bigint }>(
    "SELECT author, permlink, category, net_rshares, total_vote_weight FROM posts WHERE is_paidout = 0 AND depth = 0 ORDER BY sc_trend DESC, id DESC LIMIT ?",
    [livePosts],
  );
  if (posts.length === 0) throw new Error("the index has no pending posts to vote on");
  const pool: LivePost[] = posts.map((row) => ({ author: row.author, permlink: row.permlink, category: row.category, net: BigInt(row.net_rshares), weight: BigInt(row.total_vote_weight) }));
  const pick = new AliasTable(Float64Array.from(pool, (_, rank) => 1 / (rank + 1)));
  const accounts = (await db.all<{ name: string }>("SELECT name FROM accounts ORDER BY id")).map((row) => row.name);
  let time = (await db.get<{ block_time: number }>("SELECT block_time FROM index_state WHERE id = 1"))!.block_time;
  let blocks = 0;
  let maxMs = 0;
  let totalMs = 0;

  const nextBlock = (): ProjectedBlock => {
    const blockNum = projector.checkpoint + 1;
    time += intervalMs / 1000;
    const transactions: { operations: Operation[] }[] = [];
    const virtualOps: VirtualOperationRecord[] = [];
    for (let i = 0; i < liveBlockTransactions; i++) {
      const post = pool[pick.sample(random)];
      const account = accounts[Math.floor(random() * accounts.length)];
      if (i < liveReplies) {
        transactions.push({
          operations: [{
            type: "comment",
            value: {
              parent_author: post.author, parent_permlink: post.permlink, author: account, permlink: `re-live-${blockNum}-${i}`, title: "",
              body: `A live reply in block ${blockNum}.`, json_metadata: JSON.stringify({ tags: [post.category] }),
            },
          }],
        });
        continue;
      }
      const rshares = BigInt(Math.floor(1e9 + random() * 1e11));
      post.net += rshares;
      post.weight += rshares / 2n;
      transactions.push({ operations: [{ type: "vote", value: { voter: account, author: post.author, permlink: post.permlink, weight: 10_000 } }] });
      virtualOps.push({
        trxInBlock: transactions.length - 1,
        opInTrx: 0,
        op: {
          type: "effective_comment_vote",
          value: {
            voter: account, author: post.author, permlink: post.permlink, weight: rshares / 2n, rshares, total_vote_weight: post.weight,
            pending_payout: { amount: post.net > 0n ? post.net / 1_000_000_000n : 0n, symbol: "SBD" },
          },
        },
      });
    }
    return { blockNum, blockId: blockNum.toString(16).padStart(8, "0").padEnd(40, "0"), timestamp: time, transactions, virtualOps };
  };

  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      const started = performance.now();
      await projector.project(nextBlock());
      const ms = performance.now() - started;
      blocks++;
      totalMs += ms;
      maxMs = Math.max(maxMs, ms);
    });
  }, intervalMs);
  return {
    stats: () => ({ blocks, maxMs, meanMs: blocks === 0 ? 0 : totalMs / blocks }),
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
