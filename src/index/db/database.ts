/**
 * The index's SQL connection, the same on SQLite (embedded, the default) and PostgreSQL (scale-out).
 *
 * SQL is written once, in the subset both engines agree on, with `?` placeholders (the PostgreSQL
 * adapter numbers them). Values cross the boundary as plain JavaScript: integers come back as `number`
 * when they fit in 2^53 and as `bigint` beyond it (rshares, raw payouts), floats as `number`, text as
 * `string`, booleans are stored as 0/1 integers, times as unix seconds. Whatever a table needs that the
 * engines spell differently (column types, full-text search) comes from `Dialect`.
 */
export type SqlValue = string | number | bigint | null;
export type SqlRow = Record<string, SqlValue>;

export type DialectName = "sqlite" | "postgres";

/** Runs statements; inside `transaction` on the writer's connection, outside on a reader's. */
export interface SqlRunner {
  /** Every row of a query. */
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement without rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface IndexDatabase extends SqlRunner {
  readonly dialect: DialectName;
  /**
   * Runs `body` in one transaction on the single writer connection: it commits when `body` resolves and
   * rolls back (leaving nothing) when it throws. Readers never see a transaction's rows before it commits.
   * Transactions are serialised: a second one waits for the first.
   */
  transaction<T>(body: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (schema set-up), outside any transaction. */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

/** Converts an engine's integer to the index's convention: number when exact, bigint beyond 2^53. */
export function normalizeInteger(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}
