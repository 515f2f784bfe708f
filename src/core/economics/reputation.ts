/**
 * Raw reputation as Steem's reputation plugin keeps it (steemit/steem `reputation_plugin.cpp`): an int64
 * per account moved by the rshares of votes on their comments, shifted right by 6. `null` stands for an
 * account with no reputation record, which the plugin tells apart from a record at 0: it reads as 0, but
 * such a voter can never move anyone with a downvote. Votes on comments already paid out are ignored by
 * the caller.
 */

/** The author's reputation once a voter's earlier vote (its rshares) on one of their comments is taken back. */
export function withdrawVoteReputation(authorRep: bigint | null, voterRep: bigint | null, oldRshares: bigint): bigint | null {
  if (authorRep === null || (voterRep !== null && voterRep < 0n)) return authorRep;
  const delta = oldRshares >> 6n;
  // A downvote is taken back only if the voter stands above where the author was before it.
  if (oldRshares < 0n && !(voterRep !== null && voterRep > authorRep - delta)) return authorRep;
  return authorRep === delta ? null : authorRep - delta;
}

/** The author's reputation once a vote (its rshares) on one of their comments is counted. */
export function applyVoteReputation(authorRep: bigint | null, voterRep: bigint | null, newRshares: bigint): bigint | null {
  // Rule 1: voters with negative reputation move nobody.
  if (voterRep !== null && voterRep < 0n) return authorRep;
  // Rule 2: a downvote counts only from a voter with a record above the author (above 0 for an author without one).
  if (newRshares < 0n && !(voterRep !== null && voterRep > (authorRep ?? 0n))) return authorRep;
  return (authorRep ?? 0n) + (newRshares >> 6n);
}
