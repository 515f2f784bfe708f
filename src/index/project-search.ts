/**
 * The full-text search rows: each post's title and body, replaced on every edit and removed with the post.
 * SQLite keeps them in an FTS5 table keyed by post id; PostgreSQL as a tsvector (title weighted above the
 * body) under a GIN index. See `searchTableName` in schema.ts.
 */
import type { ProjectionContext } from "./projector.ts";
import { searchTableName } from "./schema.ts";

/** Stores (or replaces) the searchable text of post `postId`. */
export async function writePostText(context: ProjectionContext, postId: number, title: string, body: string): Promise<void> {
  if (context.dialect === "sqlite") {
    await context.tx.run(`DELETE FROM ${searchTableName} WHERE rowid = ?`, [postId]);
    await context.tx.run(`INSERT INTO ${searchTableName} (rowid, title, body) VALUES (?, ?, ?)`, [postId, title, body]);
    return;
  }
  await context.tx.run(
    `INSERT INTO ${searchTableName} (post_id, document)
     VALUES (?, setweight(to_tsvector('english', CAST(? AS TEXT)), 'A') || setweight(to_tsvector('english', CAST(? AS TEXT)), 'B'))
     ON CONFLICT (post_id) DO UPDATE SET document = EXCLUDED.document`,
    [postId, title, body],
  );
}

/** Removes post `postId` from search. */
export async function removePostText(context: ProjectionContext, postId: number): Promise<void> {
  await context.tx.run(`DELETE FROM ${searchTableName} WHERE ${context.dialect === "sqlite" ? "rowid" : "post_id"} = ?`, [postId]);
}
