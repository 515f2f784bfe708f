/**
 * The index's tables, declared once and turned into each engine's DDL. Every id is assigned by the
 * projector in block order (never by the engine), so the same block log gives the same rows on SQLite
 * and on PostgreSQL, live or rebuilt — which the digest (`indexDigest`) checks.
 *
 * The index is derived data: a schema change bumps `indexSchemaVersion`, and an index built by another
 * version is dropped and rebuilt from the block log.
 */
import type { DialectName } from "./db/database.ts";

export const indexSchemaVersion = 6;

type ColumnType = "int" | "bigint" | "real" | "text";

export interface TableSpec {
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  readonly primaryKey: readonly string[];
  readonly indexes?: readonly { readonly name: string; readonly columns: readonly string[]; readonly unique?: boolean }[];
}

const t = (spec: TableSpec): TableSpec => spec;

export const tables: readonly TableSpec[] = [
  t({
    name: "index_state",
    columns: {
      id: "int", schema_version: "int", block_num: "int", block_id: "text", block_time: "int", next_post_id: "int", next_notification_id: "int", next_account_id: "int",
      next_community_id: "int",
      // The last block in which an author's reputation crossed the gray line (either way): lists that leave
      // out or keep only gray authors are brought up to date across blocks until it moves (src/api/social/post-ranked.ts).
      gray_block: "int",
    },
    primaryKey: ["id"],
  }),
  t({
    name: "accounts",
    columns: {
      id: "int", name: "text", created_at: "int", json_metadata: "text", posting_json_metadata: "text", reputation: "bigint",
      post_count: "int", followers: "int", following: "int", lastread_at: "int", active_at: "int",
      // The last block that changed one of the account's own follows rows (follows, mutes, lists; NULL:
      // none yet): readers keep what they built from them — mutes, feeds — until it moves.
      follows_block: "int",
    },
    primaryKey: ["id"],
    indexes: [{ name: "accounts_name", columns: ["name"], unique: true }],
  }),
  t({
    name: "posts",
    columns: {
      id: "int", author: "text", permlink: "text", parent_id: "int", root_id: "int", depth: "int", category: "text", community: "text",
      created_at: "int", updated_at: "int", active_at: "int", edits: "int", children: "int",
      net_rshares: "bigint", abs_rshares: "bigint", vote_rshares: "bigint", total_votes: "int", up_votes: "int",
      cashout_at: "int", payout_at: "int", is_paidout: "int", pending_payout: "real", author_payout: "real", curator_payout: "real", payout: "real",
      max_accepted_payout: "bigint", percent_sbd: "int", allow_replies: "int", allow_votes: "int", allow_curation: "int", beneficiaries: "text",
      is_deleted: "int", is_muted: "int", muted_reasons: "int", is_pinned: "int", is_nsfw: "int", sc_trend: "real", sc_hot: "real", promoted: "real",
      reblogs: "int", author_rewards: "bigint", beneficiary_payout: "real", total_vote_weight: "bigint",
      // The block that last changed the row or the post's votes: readers keep what they built from a post
      // until it moves (src/api/social/bridge-post-cache.ts). Every UPDATE of posts sets it.
      changed_block: "int",
      // Last: a long body goes to SQLite's overflow pages, and columns after it would be read through them
      // (every vote reads and rewrites the row's counters and scores).
      title: "text", body: "text", json_metadata: "text",
    },
    primaryKey: ["id"],
    indexes: [
      { name: "posts_key", columns: ["author", "permlink"], unique: true },
      { name: "posts_parent", columns: ["parent_id", "id"] },
      { name: "posts_root", columns: ["root_id", "id"] },
      { name: "posts_author_created", columns: ["author", "depth", "id"] },
      { name: "posts_trending", columns: ["is_paidout", "depth", "sc_trend", "id"] },
      { name: "posts_hot", columns: ["is_paidout", "depth", "sc_hot", "id"] },
      { name: "posts_created", columns: ["depth", "id"] },
      { name: "posts_community_trending", columns: ["community", "is_paidout", "depth", "sc_trend", "id"] },
      { name: "posts_community_hot", columns: ["community", "is_paidout", "depth", "sc_hot", "id"] },
      { name: "posts_community_created", columns: ["community", "depth", "id"] },
      // bridge's first community page lists the pinned posts; payout lists of any depth (payout, payout_comments, muted).
      { name: "posts_community_pinned", columns: ["community", "is_pinned", "id"] },
      { name: "posts_pending_payout", columns: ["is_paidout", "pending_payout", "id"] },
      // What moved since a block (readers bring ranked lists up to date with it: src/api/social/post-ranked.ts).
      { name: "posts_changed", columns: ["changed_block", "id"] },
    ],
  }),
  t({
    name: "post_tags",
    columns: { tag: "text", post_id: "int" },
    primaryKey: ["tag", "post_id"],
    indexes: [{ name: "post_tags_post", columns: ["post_id"] }],
  }),
  t({
    name: "votes",
    columns: { post_id: "int", voter: "text", weight: "bigint", rshares: "bigint", percent: "int", voted_at: "int", num_changes: "int" },
    primaryKey: ["post_id", "voter"],
    // votes_post_rshares: a post's biggest votes without reading the others (bridge's active_votes).
    indexes: [{ name: "votes_voter", columns: ["voter", "voted_at"] }, { name: "votes_post_rshares", columns: ["post_id", "rshares", "voter"] }],
  }),
  t({
    name: "follows",
    columns: {
      follower: "text", following: "text", state: "int", blacklisted: "int", follow_blacklists: "int", follow_muted: "int", created_at: "int",
    },
    primaryKey: ["follower", "following"],
    indexes: [
      { name: "follows_following", columns: ["following", "state", "follower"] },
      { name: "follows_follower", columns: ["follower", "state", "following"] },
    ],
  }),
  t({
    name: "reblogs",
    columns: { account: "text", post_id: "int", created_at: "int" },
    primaryKey: ["account", "post_id"],
    indexes: [{ name: "reblogs_post", columns: ["post_id", "account"] }, { name: "reblogs_account_time", columns: ["account", "created_at", "post_id"] }],
  }),
  // What each account's followers see from it: its own top-level posts and its reblogs (hivemind's hive_feed_cache).
  t({
    name: "feed_cache",
    columns: { account: "text", post_id: "int", created_at: "int" },
    primaryKey: ["account", "post_id"],
    indexes: [{ name: "feed_cache_account_time", columns: ["account", "created_at", "post_id"] }, { name: "feed_cache_post", columns: ["post_id"] }],
  }),
  t({
    name: "communities",
    columns: {
      id: "int", name: "text", type_id: "int", title: "text", about: "text", lang: "text", is_nsfw: "int", description: "text", flag_text: "text",
      settings: "text", created_at: "int", subscribers: "int",
    },
    primaryKey: ["id"],
    // Pending-payout stats (sum_pending, num_pending, num_authors, rank) are computed from posts when read.
    indexes: [{ name: "communities_name", columns: ["name"], unique: true }],
  }),
  t({
    name: "subscriptions",
    columns: { community_id: "int", account: "text", created_at: "int" },
    primaryKey: ["community_id", "account"],
    indexes: [{ name: "subscriptions_account", columns: ["account", "community_id"] }, { name: "subscriptions_time", columns: ["created_at", "community_id"] }],
  }),
  t({
    name: "community_roles",
    columns: { community_id: "int", account: "text", role: "int", title: "text", created_at: "int" },
    primaryKey: ["community_id", "account"],
    indexes: [{ name: "community_roles_role", columns: ["community_id", "role", "account"] }],
  }),
  t({
    name: "community_flags",
    columns: { post_id: "int", account: "text", community_id: "int", notes: "text", created_at: "int" },
    primaryKey: ["post_id", "account"],
  }),
  t({
    name: "notifications",
    columns: {
      id: "int", type_id: "int", score: "int", created_at: "int", block_num: "int", src: "text", dst: "text", community: "text", post_id: "int", payload: "text",
    },
    primaryKey: ["id"],
    indexes: [
      { name: "notifications_dst", columns: ["dst", "id"] },
      { name: "notifications_post", columns: ["post_id", "id"] },
      { name: "notifications_community", columns: ["community", "id"] },
    ],
  }),
  t({
    name: "mentions",
    columns: { post_id: "int", account: "text" },
    primaryKey: ["post_id", "account"],
    indexes: [{ name: "mentions_account", columns: ["account", "post_id"] }],
  }),
];

/**
 * Full-text search over titles and bodies: SQLite's FTS5 (a contentless table keyed by post id, ranked by
 * bm25) and PostgreSQL's tsvector with a GIN index, both stemming English words. Derived from `posts`, so not part of the digest.
 */
export const searchTableName = "posts_fts";

function searchStatements(dialect: DialectName): string[] {
  return dialect === "sqlite"
    ? [`CREATE VIRTUAL TABLE IF NOT EXISTS ${searchTableName} USING fts5(title, body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`]
    : [
      `CREATE TABLE IF NOT EXISTS ${searchTableName} (post_id BIGINT PRIMARY KEY, document tsvector NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS ${searchTableName}_document ON ${searchTableName} USING GIN (document)`,
    ];
}

const typeNames: Readonly<Record<DialectName, Readonly<Record<ColumnType, string>>>> = {
  sqlite: { int: "INTEGER", bigint: "INTEGER", real: "REAL", text: "TEXT" },
  // Text compares bytewise on both engines (PostgreSQL's "C" collation), so name order and its indexes do not depend on the server's locale.
  postgres: { int: "BIGINT", bigint: "BIGINT", real: "DOUBLE PRECISION", text: "TEXT COLLATE \"C\"" },
};

/** CREATE TABLE / CREATE INDEX statements for every table, for one engine. */
export function schemaStatements(dialect: DialectName): string[] {
  const statements: string[] = [];
  for (const table of tables) {
    const columns = Object.entries(table.columns).map(([name, type]) => `${name} ${typeNames[dialect][type]}`);
    columns.push(`PRIMARY KEY (${table.primaryKey.join(", ")})`);
    statements.push(`CREATE TABLE IF NOT EXISTS ${table.name} (${columns.join(", ")})`);
    for (const index of table.indexes ?? []) {
      statements.push(`CREATE ${index.unique === true ? "UNIQUE " : ""}INDEX IF NOT EXISTS ${index.name} ON ${table.name} (${index.columns.join(", ")})`);
    }
  }
  statements.push(...searchStatements(dialect));
  return statements;
}

/** DROP statements for every table (a rebuild). */
export function dropStatements(): string[] {
  return [...tables.map((table) => `DROP TABLE IF EXISTS ${table.name}`), `DROP TABLE IF EXISTS ${searchTableName}`];
}
