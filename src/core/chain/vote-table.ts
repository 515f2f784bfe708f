/**
 * Votes, grouped by the comment they are on: comment key → voter → vote, in the order votes were first
 * cast. Votes are the most numerous records (every vote until payout), so a vote is a row in typed-array
 * columns (27 bytes) reached from a per-comment map of voter name → row, instead of an object with two
 * boxed bigints (≈ 190 bytes with its map entry). `Vote` objects are built on demand when read.
 * Writes are undoable.
 */
import { int64Max, int64Min } from "../../stdx/bigint.ts";
import { grownCopy } from "../../stdx/bytes.ts";
import { commentKey, voteKey } from "./keys.ts";
import type { Vote } from "./state.ts";
import type { UndoLog } from "./table.ts";

/** The votes on one comment: its author and permlink (shared strings) and each voter's row. */
interface CommentVotes {
  readonly author: string;
  readonly permlink: string;
  readonly rows: Map<string, number>;
}

export class VoteTable {
  private readonly byComment = new Map<string, CommentVotes>();
  private count = 0;
  private capacity = 1024;
  private ids = new Uint32Array(this.capacity);
  private weights = new BigInt64Array(this.capacity);
  private rshares = new BigInt64Array(this.capacity);
  private percents = new Int16Array(this.capacity);
  private lastUpdates = new Uint32Array(this.capacity);
  private changes = new Uint8Array(this.capacity);
  /** Rows never used are `[highWater, capacity)`; rows freed by deletes are reused first. */
  private highWater = 0;
  private readonly freeRows: number[] = [];

  constructor(private readonly undo: UndoLog) {}

  get size(): number {
    return this.count;
  }

  /** Bytes held by the typed-array columns. */
  get typedArrayBytes(): number {
    return [this.ids, this.weights, this.rshares, this.percents, this.lastUpdates, this.changes].reduce((sum, column) => sum + column.byteLength, 0);
  }

  get(author: string, permlink: string, voter: string): Vote | undefined {
    return this.getByKey(commentKey(author, permlink), voter);
  }

  /** Inserts or replaces the vote of `vote.voter` on `vote.author`/`vote.permlink`. */
  set(vote: Vote): void {
    checkVote(vote);
    const key = commentKey(vote.author, vote.permlink);
    const previous = this.getByKey(key, vote.voter);
    this.write(key, vote.author, vote.permlink, vote.voter, vote);
    this.undo.record(() => this.write(key, vote.author, vote.permlink, vote.voter, previous));
  }

  delete(author: string, permlink: string, voter: string): void {
    const key = commentKey(author, permlink);
    const previous = this.getByKey(key, voter);
    if (previous === undefined) return;
    this.write(key, author, permlink, voter, undefined);
    this.undo.record(() => this.write(key, author, permlink, voter, previous));
  }

  /** The votes on a comment, in the order they were first cast. */
  ofComment(author: string, permlink: string): Vote[] {
    const votes = this.byComment.get(commentKey(author, permlink));
    if (votes === undefined) return [];
    const out: Vote[] = [];
    for (const [voter, row] of votes.rows) out.push(this.read(votes, voter, row));
    return out;
  }

  /** Every vote under its `author/permlink/voter` key (snapshots and the state hash). */
  *entries(): IterableIterator<[string, Vote]> {
    for (const votes of this.byComment.values()) {
      for (const [voter, row] of votes.rows) yield [voteKey(votes.author, votes.permlink, voter), this.read(votes, voter, row)];
    }
  }

  /**
   * The votes as snapshot sections of about `perSection` votes: whole comments, each as author, permlink
   * and vote count, then the voters and each column's values in the same order.
   */
  *exportSections(perSection: number): IterableIterator<VoteSection> {
    let section = emptySection();
    for (const votes of this.byComment.values()) {
      section.comments.push([votes.author, votes.permlink, votes.rows.size]);
      for (const [voter, row] of votes.rows) {
        section.voters.push(voter);
        section.ids.push(this.ids[row]);
        section.weights.push(this.weights[row]);
        section.rshares.push(this.rshares[row]);
        section.percents.push(this.percents[row]);
        section.lastUpdates.push(this.lastUpdates[row]);
        section.changes.push(this.changes[row]);
      }
      if (section.voters.length >= perSection) {
        yield packSection(section);
        section = emptySection();
      }
    }
    if (section.comments.length > 0) yield packSection(section);
  }

  loadSection(section: VoteSection): void {
    let at = 0;
    for (const [author, permlink, count] of section.comments) {
      const key = commentKey(author, permlink);
      for (const end = at + count; at < end; at++) {
        const vote: Vote = {
          id: section.ids[at], voter: section.voters[at], author, permlink, weight: section.weights[at], rshares: section.rshares[at],
          vote_percent: section.percents[at], last_update: section.lastUpdates[at], num_changes: section.changes[at],
        };
        checkVote(vote);
        this.write(key, author, permlink, vote.voter, vote);
      }
    }
  }

  private getByKey(key: string, voter: string): Vote | undefined {
    const votes = this.byComment.get(key);
    const row = votes?.rows.get(voter);
    return row === undefined ? undefined : this.read(votes!, voter, row);
  }

  private read(votes: CommentVotes, voter: string, row: number): Vote {
    return {
      id: this.ids[row], voter, author: votes.author, permlink: votes.permlink, weight: this.weights[row], rshares: this.rshares[row],
      vote_percent: this.percents[row], last_update: this.lastUpdates[row], num_changes: this.changes[row],
    };
  }

  private write(key: string, author: string, permlink: string, voter: string, vote: Vote | undefined): void {
    let votes = this.byComment.get(key);
    if (vote === undefined) {
      const row = votes?.rows.get(voter);
      if (row === undefined) return;
      votes!.rows.delete(voter);
      this.freeRows.push(row);
      this.count--;
      if (votes!.rows.size === 0) this.byComment.delete(key);
      return;
    }
    if (votes === undefined) this.byComment.set(key, (votes = { author, permlink, rows: new Map() }));
    let row = votes.rows.get(voter);
    if (row === undefined) {
      row = this.allocateRow();
      votes.rows.set(voter, row);
      this.count++;
    }
    this.ids[row] = vote.id;
    this.weights[row] = vote.weight;
    this.rshares[row] = vote.rshares;
    this.percents[row] = vote.vote_percent;
    this.lastUpdates[row] = vote.last_update;
    this.changes[row] = vote.num_changes;
  }

  private allocateRow(): number {
    const reused = this.freeRows.pop();
    if (reused !== undefined) return reused;
    if (this.highWater === this.capacity) this.grow();
    return this.highWater++;
  }

  private grow(): void {
    this.capacity *= 2;
    this.ids = grownCopy(this.ids, this.capacity);
    this.weights = grownCopy(this.weights, this.capacity);
    this.rshares = grownCopy(this.rshares, this.capacity);
    this.percents = grownCopy(this.percents, this.capacity);
    this.lastUpdates = grownCopy(this.lastUpdates, this.capacity);
    this.changes = grownCopy(this.changes, this.capacity);
  }
}

/** A run of whole comments' votes as a snapshot stores them. */
export interface VoteSection {
  readonly comments: readonly (readonly [string, string, number])[];
  readonly voters: readonly string[];
  readonly ids: Uint32Array;
  readonly weights: BigInt64Array;
  readonly rshares: BigInt64Array;
  readonly percents: Int16Array;
  readonly lastUpdates: Uint32Array;
  readonly changes: Uint8Array;
}

function emptySection() {
  return { comments: [] as [string, string, number][], voters: [] as string[], ids: [] as number[], weights: [] as bigint[], rshares: [] as bigint[], percents: [] as number[], lastUpdates: [] as number[], changes: [] as number[] };
}

function packSection(s: ReturnType<typeof emptySection>): VoteSection {
  return {
    comments: s.comments, voters: s.voters, ids: Uint32Array.from(s.ids), weights: BigInt64Array.from(s.weights), rshares: BigInt64Array.from(s.rshares),
    percents: Int16Array.from(s.percents), lastUpdates: Uint32Array.from(s.lastUpdates), changes: Uint8Array.from(s.changes),
  };
}

/**
 * The columns hold what steemd's comment_vote_object holds (64-bit weight and rshares, 16-bit percent);
 * a value outside them is a bug in the rules, so it is refused rather than silently wrapped.
 */
function checkVote(vote: Vote): void {
  const fits =
    vote.weight >= int64Min && vote.weight <= int64Max && vote.rshares >= int64Min && vote.rshares <= int64Max &&
    Number.isInteger(vote.id) && vote.id >= 0 && vote.id <= 0xffffffff &&
    Number.isInteger(vote.vote_percent) && vote.vote_percent >= -0x8000 && vote.vote_percent <= 0x7fff &&
    Number.isInteger(vote.last_update) && vote.last_update >= 0 && vote.last_update <= 0xffffffff &&
    Number.isInteger(vote.num_changes) && vote.num_changes >= 0 && vote.num_changes <= 0xff;
  if (!fits) throw new RangeError(`vote of ${vote.voter} on ${vote.author}/${vote.permlink} has a field outside its stored range`);
}
