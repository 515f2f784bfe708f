/**
 * Loads the benchmark's SQLite index into PostgreSQL in bulk (projecting 10 million votes there one
 * statement at a time would take hours; the projection's own PostgreSQL throughput is measured on a
 * sample instead). The tables come from schema.ts as the projector creates them; rows are copied table by
 * table in batches of `INSERT … SELECT * FROM unnest($1::bigint[], $2::text[], …)` (a few parameters per
 * batch of thousands of rows), with the secondary indexes built after the rows, then ANALYZE. The search
 * table is derived, as project-search.ts derives it: a weighted tsvector of each indexed post's title (A)
 * and body (B), computed by PostgreSQL from the copied posts.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { schemaStatements, searchTableName, tables } from "../src/index/schema.ts";

export interface CopyReport {
  readonly rows: Record<string, number>;
  readonly seconds: { readonly rows: number; readonly search: number; readonly indexes: number; readonly analyze: number };
}

const arrayTypes = { int: "bigint[]", bigint: "bigint[]", real: "float8[]", text: "text[]" } as const;
/** A batch is sent when it holds this many rows or this many bytes of text. */
const batchRows = 20_000;
const batchTextBytes = 16 * 1024 * 1024;

export async function copySqliteToPostgres(sqlitePath: string, url: string, log: (line: string) => void): Promise<CopyReport> {
  const source = new Database(sqlitePath, { readonly: true });
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all(clients.map((c) => c.connect()));
  const [client] = clients;
  try {
    const statements = schemaStatements("postgres");
    const isIndex = (sql: string) => /^CREATE (UNIQUE )?INDEX/.test(sql);
    for (const sql of statements.filter((s) => !isIndex(s))) await client.query(sql);

    let started = performance.now();
    const rows: Record<string, number> = {};
    for (const table of tables) {
      rows[table.name] = await copyTable(source, client, table.name, table.columns);
      log(`  ${table.name}: ${rows[table.name]} rows`);
    }
    const rowSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    rows[searchTableName] = await copySearch(source, clients);
    const searchSeconds = (performance.now() - started) / 1000;
    log(`  ${searchTableName}: ${rows[searchTableName]} documents`);

    started = performance.now();
    const indexes = statements.filter(isIndex);
    // Two at a time, one per connection (the machine's two cores).
    for (let i = 0; i < indexes.length; i += clients.length) {
      await Promise.all(indexes.slice(i, i + clients.length).map((sql, k) => clients[k].query(sql)));
    }
    const indexSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    await client.query("ANALYZE");
    return { rows, seconds: { rows: rowSeconds, search: searchSeconds, indexes: indexSeconds, analyze: (performance.now() - started) / 1000 } };
  } finally {
    source.close();
    await Promise.all(clients.map((c) => c.end()));
  }
}

type ColumnType = keyof typeof arrayTypes;

async function copyTable(source: Database.Database, client: pg.Client, name: string, columns: Readonly<Record<string, ColumnType>>): Promise<number> {
  const names = Object.keys(columns);
  const casts = names.map((column, i) => `$${i + 1}::${arrayTypes[columns[column]]}`);
  const insert = `INSERT INTO ${name} (${names.join(", ")}) SELECT * FROM unnest(${casts.join(", ")})`;
  const reader = source.prepare(`SELECT ${names.join(", ")} FROM ${name}`).raw(true).safeIntegers(true);
  let batch: unknown[][] = names.map(() => []);
  let count = 0;
  let batchCount = 0;
  let textBytes = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const values = batch;
    batch = names.map(() => []);
    batchCount = 0;
    textBytes = 0;
    await inFlight;
    inFlight = client.query(insert, values);
  };
  for (const row of reader.iterate() as Iterable<unknown[]>) {
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      // pg writes array elements as text: bigints go as their decimal digits, exact beyond 2^53.
      batch[c].push(typeof value === "bigint" ? value.toString() : value);
      if (typeof value === "string") textBytes += value.length;
    }
    count++;
    if (++batchCount >= batchRows || textBytes >= batchTextBytes) await flush();
  }
  if (batchCount > 0) await flush();
  await inFlight;
  return count;
}

/** The search documents of the posts SQLite's search table holds, computed on both connections at once. */
async function copySearch(source: Database.Database, clients: pg.Client[]): Promise<number> {
  const ids = (source.prepare(`SELECT rowid FROM ${searchTableName} ORDER BY rowid`).pluck().all() as number[]);
  const insert = `INSERT INTO ${searchTableName} (post_id, document)
    SELECT id, setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B') FROM posts WHERE id = ANY($1::bigint[])`;
  const chunk = 2_000;
  let next = 0;
  const worker = async (client: pg.Client) => {
    while (next < ids.length) {
      const slice = ids.slice(next, next + chunk);
      next += chunk;
      await client.query(insert, [slice]);
    }
  };
  await Promise.all(clients.map(worker));
  return ids.length;
}
