/**
 * The embedded index: SQLite through better-sqlite3, in WAL mode, with two connections to one file — a
 * writer for the projector's transactions and a read-only reader for queries — so a query never sees a
 * block's rows before that block's transaction commits, and never waits for it. Statements are prepared
 * once per connection and kept.
 *
 * better-sqlite3 is synchronous: a statement runs to completion when called, and the async interface
 * only wraps results. `synchronous = NORMAL` in WAL mode keeps every commit across a crash of the
 * process; an operating-system crash may lose the last commits, which the projector redoes from its
 * checkpoint (rows and checkpoint commit together).
 */
import Database from "better-sqlite3";
import { type IndexDatabase, type SqlRow, type SqlRunner, type SqlValue, normalizeInteger } from "./database.ts";

type Statement = Database.Statement<unknown[], unknown>;

class Connection implements SqlRunner {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database.Database) {}

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (statement.reader) statement.safeIntegers(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  allSync<T extends SqlRow>(sql: string, params: readonly SqlValue[]): T[] {
    const rows = this.prepare(sql).all(...bind(params)) as Record<string, unknown>[];
    for (const row of rows) normalizeRow(row);
    return rows as T[];
  }

  async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.allSync<T>(sql, params);
  }

  async get<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const row = this.prepare(sql).get(...bind(params)) as Record<string, unknown> | undefined;
    if (row !== undefined) normalizeRow(row);
    return row as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.prepare(sql).run(...bind(params)).changes;
  }
}

/** better-sqlite3 binds every JS number as a REAL; whole numbers go in as integers, as PostgreSQL takes them. */
function bind(params: readonly SqlValue[]): SqlValue[] {
  return params.map((value) => (typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value));
}

function normalizeRow(row: Record<string, unknown>): void {
  for (const key in row) {
    const value = row[key];
    if (typeof value === "bigint") row[key] = normalizeInteger(value);
  }
}

export interface SqliteOptions {
  /** The database file; created with its directory's permissions when missing. */
  readonly path: string;
}

/** How much of the index file is memory-mapped (address space, not memory: the OS pages it in and out). */
const mmapBytes = 16 * 1024 ** 3;

export class SqliteIndexDatabase implements IndexDatabase {
  readonly dialect = "sqlite" as const;
  private readonly writer: Connection;
  private readonly reader: Connection;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: SqliteOptions) {
    const writer = new Database(options.path);
    writer.pragma("journal_mode = WAL");
    writer.pragma("synchronous = NORMAL");
    writer.pragma("foreign_keys = OFF");
    // Upper bounds, filled only as a large index is used: every block's writes touch pages all over a
    // large index, and the projection keeps up with 10,000 transactions/s only when they stay cached
    // (bench:index). The file is mapped rather than read page by page, and the WAL is copied back into
    // it every 512 MB rather than every 4 MB, so a page changed by consecutive blocks is written back once.
    writer.pragma("cache_size = -524288");
    writer.pragma(`mmap_size = ${mmapBytes}`);
    writer.pragma("wal_autocheckpoint = 131072");
    this.writer = new Connection(writer);
    const reader = new Database(options.path, { readonly: true });
    reader.pragma("cache_size = -65536");
    reader.pragma(`mmap_size = ${mmapBytes}`);
    this.reader = new Connection(reader);
  }

  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.reader.all<T>(sql, params);
  }

  get<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.reader.get<T>(sql, params);
  }

  /** Statements outside a transaction that change rows go to the writer (each its own transaction). */
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.serialised(() => this.writer.run(sql, params));
  }

  transaction<T>(body: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      const db = this.writer.db;
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await body(this.writer);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    });
  }

  async exec(script: string): Promise<void> {
    await this.serialised(async () => this.writer.db.exec(script));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.reader.db.close();
    this.writer.db.close();
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
