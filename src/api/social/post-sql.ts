/**
 * SQL pieces the post methods share: IN lists, bytewise text order, the observer's mute filter and the
 * gray-author threshold. Everything here is written once for both engines (see index/db/database.ts).
 */
import type { DialectName, IndexDatabase, SqlValue } from "../../index/db/database.ts";
import { headCache } from "./head-cache.ts";

/**
 * Placeholders for an IN list, padded to the next power of two by repeating the last value (which
 * changes nothing in an IN test), so the engines see a handful of statement shapes instead of one per
 * list length — SQLite keeps every prepared statement.
 */
export function inList(values: readonly SqlValue[]): { readonly sql: string; readonly params: SqlValue[] } {
  if (values.length === 0) throw new Error("an IN list needs at least one value");
  let size = 1;
  while (size < values.length) size *= 2;
  const params = [...values];
  while (params.length < size) params.push(values[values.length - 1]);
  return { sql: params.map(() => "?").join(", "), params };
}

/** Largest IN list sent in one statement; longer lists go in chunks. */
export const inListChunkMax = 512;

/** `values` cut into chunks of at most `inListChunkMax`. */
export function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += inListChunkMax) out.push(values.slice(i, i + inListChunkMax));
  return out;
}

/** A text expression compared bytewise: SQLite's default, PostgreSQL's "C" collation. */
export function bytewise(dialect: DialectName, expression: string): string {
  return dialect === "postgres" ? `${expression} COLLATE "C"` : expression;
}

/**
 * A condition true when the observer has not muted the account in `column`, directly (follows state 2)
 * or through a mute list they follow (follow_muted): Hive's `muted_accounts_by_id_view`. Two params, both
 * the observer. The muted set does not depend on the row, so both engines compute it once per statement
 * (SQLite an ephemeral index, PostgreSQL a hashed subplan) instead of probing follows for every row.
 */
export function notMutedBy(column: string): string {
  return `${column} NOT IN (SELECT om.following FROM follows om WHERE om.follower = ? AND om.state = 2
    UNION SELECT mm.following FROM follows ml JOIN follows mm ON mm.follower = ml.following AND mm.state = 2 WHERE ml.follower = ? AND ml.follow_muted <> 0)`;
}

/** A condition true when the author in accounts alias `a` is not gray (no account row counts as 0). One param. */
export const notGrayAuthor = "COALESCE(a.reputation, 0) > ?";
/** A condition true when the author in accounts alias `a` is gray. One param. */
export const grayAuthor = "COALESCE(a.reputation, 0) <= ?";

/** The index's head block time: "now" for payout windows and the feed's month. */
export async function indexHeadTime(db: IndexDatabase): Promise<number> {
  return (await headCache(db)).blockTime;
}
