/**
 * Votes, grouped by the comment they are on: comment key → voter → vote, in the order votes were first
 * cast. Votes are the most numerous records (every vote until payout), so they are kept without a string
 * key of their own or a separate by-comment index: one map entry per vote. Writes are undoable.
 */
import { commentKey, voteKey } from "./keys.ts";
import type { Vote } from "./state.ts";
import type { UndoLog } from "./table.ts";

export class VoteTable {
  private readonly byComment = new Map<string, Map<string, Vote>>();
  private count = 0;

  constructor(private readonly undo: UndoLog) {}

  get size(): number {
    return this.count;
  }

  get(author: string, permlink: string, voter: string): Vote | undefined {
    return this.byComment.get(commentKey(author, permlink))?.get(voter);
  }

  /** Inserts or replaces the vote of `vote.voter` on `vote.author`/`vote.permlink`. */
  set(vote: Vote): void {
    const key = commentKey(vote.author, vote.permlink);
    const previous = this.byComment.get(key)?.get(vote.voter);
    this.write(key, vote.voter, vote);
    this.undo.record(() => this.write(key, vote.voter, previous));
  }

  delete(author: string, permlink: string, voter: string): void {
    const key = commentKey(author, permlink);
    const previous = this.byComment.get(key)?.get(voter);
    if (previous === undefined) return;
    this.write(key, voter, undefined);
    this.undo.record(() => this.write(key, voter, previous));
  }

  /** The votes on a comment, in the order they were first cast. */
  ofComment(author: string, permlink: string): Vote[] {
    const votes = this.byComment.get(commentKey(author, permlink));
    return votes === undefined ? [] : [...votes.values()];
  }

  /** Every vote under its `author/permlink/voter` key (snapshots and the state hash). */
  *entries(): IterableIterator<[string, Vote]> {
    for (const votes of this.byComment.values()) for (const vote of votes.values()) yield [voteKey(vote.author, vote.permlink, vote.voter), vote];
  }

  load(entries: Iterable<readonly [string, Vote]>): void {
    for (const [, vote] of entries) this.write(commentKey(vote.author, vote.permlink), vote.voter, vote);
  }

  private write(key: string, voter: string, vote: Vote | undefined): void {
    let votes = this.byComment.get(key);
    if (vote === undefined) {
      if (votes?.delete(voter)) {
        this.count--;
        if (votes.size === 0) this.byComment.delete(key);
      }
      return;
    }
    if (votes === undefined) this.byComment.set(key, (votes = new Map()));
    if (!votes.has(voter)) this.count++;
    votes.set(voter, vote);
  }
}
