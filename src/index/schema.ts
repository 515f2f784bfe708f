/**
 * The index's tables, declared once and turned into each engine's DDL. Every id is assigned by the
 * projector in block order (never by the engine), so the same block log gives the same rows on SQLite
 * and on PostgreSQL, live or rebuilt — which the digest (`indexDigest`) checks.
 *
 * The index is derived data: a schema change bumps `indexSchemaVersion`, and an index built by another
 * version is dropped and rebuilt from the block log.
 */
import type { DialectName } from "./db/database.ts";

export const indexSchemaVersion = 1;

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
    columns: { id: "int", schema_version: "int", block_num: "int", block_id: "text", block_time: "int", next_post_id: "int", next_notification_id: "int", next_account_id: "int" },
    primaryKey: ["id"],
  }),
  t({
    name: "accounts",
    columns: {
      id: "int", name: "text", created_at: "int", json_metadata: "text", posting_json_metadata: "text", reputation: "bigint",
      post_count: "int", followers: "int", following: "int", lastread_at: "int", active_at: "int",
    },
    primaryKey: ["id"],
    indexes: [{ name: "accounts_name", columns: ["name"], unique: true }],
  }),
  t({
    name: "posts",
    columns: {
      id: "int", author: "text", permlink: "text", parent_id: "int", root_id: "int", depth: "int", category: "text", community: "text",
      title: "text", body: "text", json_metadata: "text", created_at: "int", updated_at: "int", active_at: "int", edits: "int", children: "int",
      net_rshares: "bigint", abs_rshares: "bigint", vote_rshares: "bigint", total_votes: "int", up_votes: "int",
      cashout_at: "int", payout_at: "int", is_paidout: "int", pending_payout: "real", author_payout: "real", curator_payout: "real", payout: "real",
      max_accepted_payout: "bigint", percent_sbd: "int", allow_replies: "int", allow_votes: "int", allow_curation: "int", beneficiaries: "text",
      is_deleted: "int", is_muted: "int", muted_reasons: "int", is_pinned: "int", is_nsfw: "int", sc_trend: "real", sc_hot: "real", promoted: "real",
      reblogs: "int",
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
      { name: "posts_payout", columns: ["is_paidout", "depth", "pending_payout", "id"] },
      { name: "posts_community_trending", columns: ["community", "is_paidout", "depth", "sc_trend", "id"] },
      { name: "posts_community_hot", columns: ["community", "is_paidout", "depth", "sc_hot", "id"] },
      { name: "posts_community_created", columns: ["community", "depth", "id"] },
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
    indexes: [{ name: "votes_voter", columns: ["voter", "voted_at"] }],
  }),
  t({
    name: "follows",
    columns: {
      follower: "text", following: "text", state: "int", blacklisted: "int", follow_blacklists: "int", follow_muted: "int", created_at: "int",
    },
    primaryKey: ["follower", "following"],
    indexes: [{ name: "follows_following", columns: ["following", "state", "follower"] }],
  }),
  t({
    name: "reblogs",
    columns: { account: "text", post_id: "int", created_at: "int" },
    primaryKey: ["account", "post_id"],
    indexes: [{ name: "reblogs_post", columns: ["post_id", "account"] }, { name: "reblogs_account_time", columns: ["account", "created_at", "post_id"] }],
  }),
];

const typeNames: Readonly<Record<DialectName, Readonly<Record<ColumnType, string>>>> = {
  sqlite: { int: "INTEGER", bigint: "INTEGER", real: "REAL", text: "TEXT" },
  postgres: { int: "BIGINT", bigint: "BIGINT", real: "DOUBLE PRECISION", text: "TEXT" },
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
  return statements;
}

/** DROP statements for every table (a rebuild). */
export function dropStatements(): string[] {
  return tables.map((table) => `DROP TABLE IF EXISTS ${table.name}`);
}
