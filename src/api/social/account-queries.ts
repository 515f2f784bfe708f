/**
 * Accounts as the social methods read them: existence, profiles (`bridge.get_profile(s)`) and the follow
 * relations between two accounts.
 *
 * The profile follows Hive's `get_profiles` (openhive-network/hivemind `postgrest/utilities/get_profiles.sql`),
 * whose fields are Steemit's less `stats.sp` (the index holds no stake): `reputation` on the display scale,
 * `blacklists` empty (Kettle has no operator lists), `stats.rank` 0 as on Hive, where hivemind never
 * computes an account rank, and `context {followed, muted}` when an observer is given.
 */
import type { IndexDatabase, SqlRunner, SqlValue } from "../../index/db/database.ts";
import { normalizeProfile, type Profile } from "../../index/rules/post-text.ts";
import { repLog10 } from "../../index/rules/reputation-display.ts";
import { formatTime } from "../format/json-time.ts";
import type { RpcError } from "../rpc/rpc-error.ts";
import { notFound } from "./account-params.ts";
import { optionalAccountParam } from "./params.ts";

/** The follow row's `state`: one of follow or mute at a time (Hive), 0 when neither. */
export const followStates = { none: 0, follow: 1, mute: 2 } as const;

/** Throws "account not found" unless `name` is an account in the index. */
export async function requireAccount(db: SqlRunner, name: string): Promise<void> {
  const row = await db.get("SELECT 1 AS found FROM accounts WHERE name = ?", [name]);
  if (row === undefined) throw accountNotFound(name);
}

/** An optional `observer` param, which must then be an account in the index. */
export async function observerParam(db: SqlRunner, value: unknown): Promise<string | null> {
  const observer = optionalAccountParam(value, "observer");
  if (observer !== null) await requireAccount(db, observer);
  return observer;
}

export function accountNotFound(name: string): RpcError {
  return notFound(`account not found: \`${name}\``);
}

/**
 * `expr` compared and sorted bytewise, the order account names page in: SQLite's default; PostgreSQL's
 * default collation may ignore '-' and '.', so there it is asked for "C" (free where the database is C).
 */
export function bytewise(db: IndexDatabase, expr: string): string {
  return db.dialect === "postgres" ? `${expr} COLLATE "C"` : expr;
}

/** `?, ?, ?` for an IN list of `count` values (never empty: callers pass at least one). */
export function placeholders(count: number): string {
  return new Array(count).fill("?").join(", ");
}

export interface BridgeProfile {
  id: number;
  name: string;
  created: string;
  active: string;
  post_count: number;
  reputation: number;
  blacklists: string[];
  stats: { rank: number; following: number; followers: number };
  metadata: { profile: Profile };
  context?: { followed: boolean; muted: boolean };
}

interface AccountRow {
  [column: string]: SqlValue;
  id: number;
  name: string;
  created_at: number;
  active_at: number;
  post_count: number;
  reputation: number | bigint | null;
  followers: number;
  following: number;
  json_metadata: string;
  posting_json_metadata: string;
}

/**
 * The profiles of `names` that exist, in name order; with `observer` (an existing account), each carries
 * whether the observer follows or mutes it.
 */
export async function loadProfiles(db: SqlRunner, names: readonly string[], observer: string | null): Promise<BridgeProfile[]> {
  if (names.length === 0) return [];
  const rows = await db.all<AccountRow>(
    `SELECT id, name, created_at, active_at, post_count, reputation, followers, following, json_metadata, posting_json_metadata
       FROM accounts WHERE name IN (${placeholders(names.length)}) ORDER BY name`,
    names,
  );
  const profiles = rows.map(profileOf);
  if (observer !== null && profiles.length > 0) {
    const states = await followStatesOf(db, observer, profiles.map((p) => p.name));
    for (const profile of profiles) {
      const state = states.get(profile.name) ?? followStates.none;
      profile.context = { followed: state === followStates.follow, muted: state === followStates.mute };
    }
  }
  return profiles;
}

function profileOf(row: AccountRow): BridgeProfile {
  return {
    id: row.id,
    name: row.name,
    created: formatTime(row.created_at),
    active: formatTime(row.active_at),
    post_count: row.post_count,
    reputation: repLog10(BigInt(row.reputation ?? 0)),
    blacklists: [],
    stats: { rank: 0, following: row.following, followers: row.followers },
    metadata: { profile: normalizeProfile(row.json_metadata ?? "", row.posting_json_metadata ?? "") },
  };
}

/** `follower`'s follow state toward each of `names` that it follows or mutes. */
async function followStatesOf(db: SqlRunner, follower: string, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.all<{ following: string; state: number }>(
    `SELECT following, state FROM follows WHERE follower = ? AND following IN (${placeholders(names.length)})`,
    [follower, ...names],
  );
  return new Map(rows.map((row) => [row.following, row.state]));
}

/** What `account1` does about `account2` (`bridge.get_relationship_between_accounts`). */
export interface Relationship {
  follows: boolean;
  ignores: boolean;
  blacklists: boolean;
  follows_blacklists: boolean;
  follows_muted: boolean;
}

export async function relationshipBetween(db: SqlRunner, account1: string, account2: string): Promise<Relationship> {
  const row = await db.get<{ state: number; blacklisted: number; follow_blacklists: number; follow_muted: number }>(
    "SELECT state, blacklisted, follow_blacklists, follow_muted FROM follows WHERE follower = ? AND following = ?",
    [account1, account2],
  );
  return {
    follows: row?.state === followStates.follow,
    ignores: row?.state === followStates.mute,
    blacklists: (row?.blacklisted ?? 0) !== 0,
    follows_blacklists: (row?.follow_blacklists ?? 0) !== 0,
    follows_muted: (row?.follow_muted ?? 0) !== 0,
  };
}
