/**
 * A digest of the index's contents: every table's rows in primary-key order (text compared bytewise on
 * both engines), hashed together. Two indexes with the same digest hold the same rows — how a rebuilt
 * index (`kettle reindex`) is checked against the live one, and SQLite against PostgreSQL.
 */
import { createHash } from "node:crypto";
import type { IndexDatabase } from "./db/database.ts";
import { tables } from "./schema.ts";

export async function indexDigest(db: IndexDatabase): Promise<string> {
  const hash = createHash("sha256");
  for (const table of tables) {
    const columns = Object.keys(table.columns);
    const order = table.primaryKey
      .map((key) => (table.columns[key] === "text" && db.dialect === "postgres" ? `${key} COLLATE "C"` : key))
      .join(", ");
    hash.update(`table ${table.name}\n`);
    const rows = await db.all(`SELECT ${columns.join(", ")} FROM ${table.name} ORDER BY ${order}`);
    for (const row of rows) {
      hash.update(columns.map((c) => formatValue(row[c])).join("\t"));
      hash.update("\n");
    }
  }
  return hash.digest("hex");
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number" && !Number.isInteger(value)) return value.toPrecision(17);
  return String(value).replace(/[\\\t\n]/g, (c) => (c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\\\"));
}
