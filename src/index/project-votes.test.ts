// Votes straight through the projector, on SQLite and PostgreSQL: after a seeded random run of new votes,
// changed votes, downvotes and zero votes, each post's incrementally kept aggregates equal a recount over
// its votes, its scores follow from its net rshares, the vote notifications are the ones hivemind's rule
// picks (first vote of a voter on a post worth $0.020 or more with 10^10+ rshares, never one's own), and
// both engines hold the same rows.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createTestDatabase } from "../../test/helpers/postgres.ts";
import type { VirtualOperationRecord } from "../core/chain/virtual-ops.ts";
import type { Operation } from "../core/protocol/operation-schemas.ts";
import type { IndexDatabase } from "./db/database.ts";
import { PostgresIndexDatabase } from "./db/postgres.ts";
import { SqliteIndexDatabase } from "./db/sqlite.ts";
import { indexDigest } from "./digest.ts";
import { type ProjectedBlock, Projector } from "./projector.ts";
import { notifyTypes } from "./rules/notifications.ts";
import { hotScore, trendingScore } from "./rules/scores.ts";

const authors = ["va-author", "vb-author"];
const voters = ["va-voter", "vb-voter", "vc-voter", "vd-voter", ...authors];
const permlinks = ["first", "second", "third"];
const genesisTime = 1_700_000_000;

interface Vote {
  voter: string;
  author: string;
  permlink: string;
  rshares: bigint;
  /** The post's pending payout after the vote, SBD thousandths. */
  pending: bigint;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomVotes(seed: number, count: number): Vote[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const sizes = [0n, 3_000_000_000n, 20_000_000_000n, 400_000_000_000n, -50_000_000_000n];
  return Array.from({ length: count }, () => ({
    voter: pick(voters), author: pick(authors), permlink: pick(permlinks), rshares: pick(sizes), pending: BigInt(Math.floor(next() * 300)),
  }));
}

function blocks(votes: readonly Vote[]): ProjectedBlock[] {
  const posts: Operation[] = authors.flatMap((author) =>
    permlinks.map((permlink) => ({ type: "comment", value: { parent_author: "", parent_permlink: "votes", author, permlink, title: permlink, body: "body", json_metadata: "{}" } }) as Operation)
  );
  const result: ProjectedBlock[] = [{ blockNum: 1, blockId: "block-1", timestamp: genesisTime + 3, transactions: posts.map((op) => ({ operations: [op] })), virtualOps: [] }];
  for (let i = 0; i < votes.length; i += 8) {
    const batch = votes.slice(i, i + 8);
    const blockNum = result.length + 1;
    const transactions = batch.map((v) => ({ operations: [{ type: "vote", value: { voter: v.voter, author: v.author, permlink: v.permlink, weight: 10_000 } } as Operation] }));
    const virtualOps: VirtualOperationRecord[] = batch.map((v, trx) => ({
      trxInBlock: trx, opInTrx: 0,
      op: { type: "effective_comment_vote", value: { voter: v.voter, author: v.author, permlink: v.permlink, weight: 1n, rshares: v.rshares, total_vote_weight: 1n, pending_payout: { amount: v.pending, symbol: "SBD" } } },
    }));
    result.push({ blockNum, blockId: `block-${blockNum}`, timestamp: genesisTime + 3 * blockNum, transactions, virtualOps });
  }
  return result;
}

/** The vote notifications hivemind's rule gives, in order: [voter, post key]. */
function expectedNotifications(votes: readonly Vote[]): string[] {
  const net = new Map<string, Map<string, bigint>>();
  const notified = new Set<string>();
  const result: string[] = [];
  for (const vote of votes) {
    const key = `${vote.author}/${vote.permlink}`;
    const post = net.get(key) ?? new Map<string, bigint>();
    net.set(key, post.set(vote.voter, vote.rshares));
    const total = [...post.values()].reduce((sum, r) => sum + r, 0n);
    const value = total === 0n ? 0n : (vote.pending * vote.rshares) / total;
    if (vote.voter === vote.author || vote.rshares < 10_000_000_000n || value < 20n || notified.has(`${vote.voter} ${key}`)) continue;
    notified.add(`${vote.voter} ${key}`);
    result.push(`${vote.voter} ${key}`);
  }
  return result;
}

test("random votes keep every post's aggregates equal to a recount, notify as hivemind does, and agree across engines", async () => {
  const votes = randomVotes(77_031, 240);
  assert.ok(expectedNotifications(votes).length >= 5, "the run has votes that notify");
  const temp = await mkdtemp(join(tmpdir(), "kettle-votes-test-"));
  after(() => rm(temp, { recursive: true, force: true }));
  const sqlite = new SqliteIndexDatabase({ path: join(temp, "votes.sqlite") });
  const pgDatabase = await createTestDatabase();
  const postgres = await PostgresIndexDatabase.open({ url: pgDatabase.url });
  try {
    for (const db of [sqlite, postgres] as IndexDatabase[]) {
      const projector = await Projector.open(db, { time: genesisTime, names: voters });
      for (const block of blocks(votes)) await projector.project(block);

      const posts = await db.all("SELECT id, created_at, net_rshares, abs_rshares, vote_rshares, total_votes, up_votes, sc_trend, sc_hot FROM posts ORDER BY id");
      for (const post of posts) {
        const rshares = (await db.all("SELECT rshares FROM votes WHERE post_id = ?", [post.id])).map((row) => BigInt(row.rshares as number | bigint));
        const net = rshares.reduce((sum, r) => sum + r, 0n);
        assert.deepEqual(
          [post.net_rshares, post.abs_rshares, post.vote_rshares, post.total_votes, post.up_votes].map(String),
          [net, rshares.reduce((sum, r) => sum + (r < 0n ? -r : r), 0n), rshares.reduce((sum, r) => sum + (r > 0n ? r : 0n), 0n), rshares.filter((r) => r !== 0n).length, rshares.filter((r) => r > 0n).length].map(String),
          `${db.dialect}: post ${post.id}'s aggregates`,
        );
        assert.equal(post.sc_trend, trendingScore(net, post.created_at as number));
        assert.equal(post.sc_hot, hotScore(net, post.created_at as number));
      }
      const notifications = await db.all<{ src: string; author: string; permlink: string }>(
        "SELECT n.src, p.author, p.permlink FROM notifications n JOIN posts p ON p.id = n.post_id WHERE n.type_id = ? ORDER BY n.id",
        [notifyTypes.vote],
      );
      assert.deepEqual(notifications.map((n) => `${n.src} ${n.author}/${n.permlink}`), expectedNotifications(votes), `${db.dialect}: vote notifications`);
    }
    assert.equal(await indexDigest(postgres), await indexDigest(sqlite));
  } finally {
    await sqlite.close();
    await postgres.close();
    await pgDatabase.drop();
  }
});

test("an author turning gray, and back, moves index_state.gray_block; other reputation changes do not", async () => {
  const temp = await mkdtemp(join(tmpdir(), "kettle-gray-test-"));
  after(() => rm(temp, { recursive: true, force: true }));
  const db = new SqliteIndexDatabase({ path: join(temp, "gray.sqlite") });
  try {
    const projector = await Projector.open(db, { time: genesisTime, names: voters });
    const grayBlock = async () => (await db.get<{ gray_block: number }>("SELECT gray_block FROM index_state WHERE id = 1"))!.gray_block;
    const votes: Vote[] = [
      // vb-author gains reputation from va-author's upvote (not a crossing)...
      { voter: "va-author", author: "vb-author", permlink: "first", rshares: 100_000_000_000_000n, pending: 10n },
      // ...then can push va-author down past the gray line (−4.6·10^11 raw) with a downvote...
      { voter: "vb-author", author: "va-author", permlink: "first", rshares: -100_000_000_000_000n, pending: 0n },
      // ...and brings it back by taking the downvote back.
      { voter: "vb-author", author: "va-author", permlink: "first", rshares: 0n, pending: 0n },
    ];
    const all = blocks(votes.flatMap((vote) => [vote, ...Array.from({ length: 7 }, () => ({ ...vote, voter: "vc-voter", rshares: 0n }))]));
    const marks: number[] = [];
    for (const block of all) {
      await projector.project(block);
      marks.push(await grayBlock());
    }
    const reputation = async (name: string) => BigInt((await db.get<{ reputation: number | bigint }>("SELECT reputation FROM accounts WHERE name = ?", [name]))!.reputation);
    assert.equal(await reputation("va-author"), 0n);
    assert.ok((await reputation("vb-author")) > 0n);
    // Blocks: 1 posts, 2 the upvote, 3 the downvote (gray), 4 the undone downvote (not gray).
    assert.deepEqual(marks, [0, 0, 3, 4]);
  } finally {
    await db.close();
  }
});
