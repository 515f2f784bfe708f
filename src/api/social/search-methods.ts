/**
 * search-api.find_text: full-text search over top-level posts' titles and bodies (Hive searches root
 * posts only), as bridge post objects. `sort` relevance orders by the engine's rank — SQLite FTS5's
 * bm25 with the title weighted 2.5 to the body's 1, PostgreSQL's ts_rank over a document whose title
 * is weighted A and body B — then newest first; `created` orders newest first. Pages continue after
 * the start post by keyset on (score, id). The observer's muted authors are left out.
 */
import type { IndexDatabase, SqlValue } from "../../index/db/database.ts";
import { searchTableName } from "../../index/schema.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { indexOf, limitParam } from "./params.ts";
import { bridgePostTexts, jsonArray, observedBridgePosts } from "./bridge-post-cache.ts";
import { votesShown } from "./post-load.ts";
import {
  choiceParam, namedParams, optionalExistingAccountParam, postsPerCallDefault, postsPerCallMax, type StartPost, startPostParam,
  truncateBodyParam,
} from "./post-params.ts";
import { fts5Expression, parseSearchPattern, type SearchClause, tsqueryText } from "./post-search.ts";
import { notMutedBy } from "./post-sql.ts";

const searchSorts = ["relevance", "created"] as const;
type SearchSort = (typeof searchSorts)[number];

interface SearchQuery {
  readonly clauses: readonly SearchClause[];
  readonly sort: SearchSort;
  readonly author: string | null;
  readonly observer: string | null;
  readonly start: StartPost | null;
  readonly limit: number;
}

/** The engine's matches as `(id, score)` (higher scores rank first), and the query's one param. */
function matchesSource(db: IndexDatabase, clauses: readonly SearchClause[]): { sql: string; param: string } {
  if (db.dialect === "sqlite") {
    return { sql: `SELECT rowid AS id, -bm25(${searchTableName}, 2.5, 1.0) AS score FROM ${searchTableName} WHERE ${searchTableName} MATCH ?`, param: fts5Expression(clauses) };
  }
  return {
    sql: `SELECT f.post_id AS id, CAST(ts_rank(f.document, q.query) AS DOUBLE PRECISION) AS score
          FROM ${searchTableName} f, (SELECT to_tsquery('english', ?) AS query) q WHERE f.document @@ q.query`,
    param: tsqueryText(clauses),
  };
}

async function searchPostIds(db: IndexDatabase, query: SearchQuery): Promise<number[]> {
  const source = matchesSource(db, query.clauses);
  const where = ["p.depth = 0"];
  const params: SqlValue[] = [source.param];
  if (query.author !== null) {
    where.push("p.author = ?");
    params.push(query.author);
  }
  if (query.observer !== null) {
    where.push(notMutedBy("p.author"));
    params.push(query.observer, query.observer);
  }
  if (query.start !== null) {
    if (query.sort === "created") {
      where.push("m.id < ?");
      params.push(query.start.id);
    } else {
      const start = await db.get<{ score: number }>(`SELECT m.score FROM (${source.sql}) m WHERE m.id = ?`, [source.param, query.start.id]);
      if (start === undefined) throw invalidParams(`start post ${query.start.author}/${query.start.permlink} is not among this search's results`);
      where.push("(m.score < ? OR (m.score = ? AND m.id < ?))");
      params.push(start.score, start.score, query.start.id);
    }
  }
  const order = query.sort === "created" ? "m.id DESC" : "m.score DESC, m.id DESC";
  const rows = await db.all<{ id: number }>(
    `SELECT m.id FROM (${source.sql}) m JOIN posts p ON p.id = m.id WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?`,
    [...params, query.limit],
  );
  return rows.map((row) => row.id);
}

const findText: IndexMethodHandler = async (context, params) => {
  const p = namedParams(params, "search-api.find_text", ["pattern", "sort", "author", "start_author", "start_permlink", "limit", "observer", "truncate_body"]);
  const db = indexOf(context);
  if (typeof p.pattern !== "string") throw invalidParams("pattern must be a string");
  const clauses = parseSearchPattern(p.pattern);
  const sort = p.sort === undefined || p.sort === null ? "relevance" : choiceParam(p.sort, "sort", searchSorts);
  const limit = limitParam(p.limit, postsPerCallDefault, postsPerCallMax);
  const truncateBody = truncateBodyParam(p.truncate_body);
  const author = await optionalExistingAccountParam(db, p.author, "author");
  const observer = await optionalExistingAccountParam(db, p.observer, "observer");
  const start = await startPostParam(db, p.start_author, p.start_permlink);
  if (clauses.length === 0) return [];
  const ids = await searchPostIds(db, { clauses, sort, author, observer, start, limit });
  return jsonArray(bridgePostTexts(ids, await observedBridgePosts(db, ids, observer, votesShown.list), () => ({ truncateBody })));
};

export const searchMethods: Record<string, IndexMethodHandler> = {
  "search-api.find_text": findText,
};
