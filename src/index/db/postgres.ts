/**
 * The scale-out index: PostgreSQL through `pg`, with a pool of reader connections for queries and one
 * dedicated writer connection for the projector's transactions (and for statements outside a
 * transaction), so a query never sees a block's rows before that block's transaction commits.
 *
 * SQL arrives with `?` placeholders and is translated once per distinct string to `$1…$n`. Values come
 * back in the index's convention (see database.ts) through per-connection type parsers — pg's global
 * parsers are left alone: int8 as number or bigint, int2/int4/oid and floats as number, numeric as
 * number/bigint when integral (SUM over BIGINT yields numeric) and as a float otherwise (AVG, like
 * SQLite's REAL), bool as 0/1, and every other type as its text form (never a Date, Buffer or object).
 *
 * Writes are serialised on the writer exactly like the SQLite adapter's. If the writer's connection is
 * lost, the operation that was running fails and the next one reconnects.
 */
import pg from "pg";
import { type IndexDatabase, type SqlRow, type SqlRunner, type SqlValue, normalizeInteger } from "./database.ts";

export interface PostgresOptions {
  /** A libpq-style connection string: `postgres://user[:password]@host[:port]/database[?…]`. */
  readonly url: string;
  /** The size of the readers' pool (default 8). */
  readonly readers?: number;
}

/** A statement the server (or the connection) refused, with the statement's start in the message. */
export class PostgresQueryError extends Error {
  /** The SQLSTATE code when the server sent one (e.g. "23505" for a unique violation). */
  readonly code: string | undefined;
  readonly sql: string;

  constructor(cause: unknown, sql: string) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`${message} (in SQL: ${sql.slice(0, 200)})`, { cause });
    this.name = "PostgresQueryError";
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === "string" ? code : undefined;
    this.sql = sql;
  }
}

// ---- type parsing ---------------------------------------------------------------------------------

const Oid = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  float4: 700,
  float8: 701,
  numeric: 1700,
} as const;

type TextParser = (value: string) => SqlValue;

const parseInteger: TextParser = (value) => Number.parseInt(value, 10);
const parseInt8: TextParser = (value) => normalizeInteger(BigInt(value));
const parseFloatValue: TextParser = (value) => Number.parseFloat(value);
const parseBool: TextParser = (value) => (value === "t" || value === "true" ? 1 : 0);
const parseNumeric: TextParser = (value) =>
  /^-?\d+$/.test(value) ? normalizeInteger(BigInt(value)) : Number.parseFloat(value);
const parseText: TextParser = (value) => value;

const textParsers = new Map<number, TextParser>([
  [Oid.bool, parseBool],
  [Oid.int8, parseInt8],
  [Oid.int2, parseInteger],
  [Oid.int4, parseInteger],
  [Oid.oid, parseInteger],
  [Oid.float4, parseFloatValue],
  [Oid.float8, parseFloatValue],
  [Oid.numeric, parseNumeric],
]);

/** Per-connection parsers (the `types` option), so pg's process-wide defaults stay untouched. */
const indexTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === "binary") return (value: Buffer) => value;
    return textParsers.get(oid) ?? parseText;
  }) as pg.CustomTypesConfig["getTypeParser"],
};

function bindParams(params: readonly SqlValue[]): unknown[] {
  const out = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    // pg serialises a bigint badly (or not at all); its decimal text is what the server parses.
    out[i] = typeof value === "bigint" ? value.toString() : value;
  }
  return out;
}

// ---- placeholders ---------------------------------------------------------------------------------

const translations = new Map<string, string>();
const maxCachedTranslations = 4096;

/**
 * `?` → `$1…$n`, left to right, skipping string literals ('…' with '' escapes, E'…' with backslash
 * escapes), quoted identifiers ("…"), dollar-quoted bodies ($tag$…$tag$) and comments.
 */
export function translatePlaceholders(sql: string): string {
  const cached = translations.get(sql);
  if (cached !== undefined) return cached;
  const translated = translate(sql);
  if (translations.size >= maxCachedTranslations) translations.clear();
  translations.set(sql, translated);
  return translated;
}

function translate(sql: string): string {
  if (!sql.includes("?")) return sql;
  let out = "";
  let start = 0;
  let n = 0;
  let i = 0;
  const length = sql.length;
  while (i < length) {
    const c = sql[i];
    if (c === "?") {
      out += sql.slice(start, i) + "$" + ++n;
      start = ++i;
    } else if (c === "'") {
      const escapes = i > 0 && (sql[i - 1] === "E" || sql[i - 1] === "e") && !isIdentifierChar(sql[i - 2]);
      i = skipQuoted(sql, i, "'", escapes);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i + 2);
      i = end === -1 ? length : end + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      i = skipBlockComment(sql, i);
    } else if (c === "$" && !isIdentifierChar(sql[i - 1])) {
      i = skipDollarQuoted(sql, i);
    } else {
      i++;
    }
  }
  return out + sql.slice(start);
}

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
}

/** The index just past the literal opened at `i` (a doubled quote is an escaped quote). */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  i++;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/** Block comments nest in PostgreSQL. */
function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return i;
}

function skipDollarQuoted(sql: string, i: number): number {
  const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64));
  if (tag === null) return i + 1; // `$1` or a lone `$`
  const end = sql.indexOf(tag[0], i + tag[0].length);
  return end === -1 ? sql.length : end + tag[0].length;
}

// ---- connections ----------------------------------------------------------------------------------

interface Queryable {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
}

async function query(target: Queryable, sql: string, params: readonly SqlValue[] | undefined, prepared = false): Promise<pg.QueryResult> {
  try {
    const text = translatePlaceholders(sql);
    const name = prepared ? statementName(text) : undefined;
    return await target.query({ name, text, values: params === undefined ? [] : bindParams(params) });
  } catch (error) {
    throw new PostgresQueryError(error, sql);
  }
}

/**
 * Names for statements, so that each connection parses and plans each only once (pg keeps a named
 * statement per connection and binds it again by name; after five runs PostgreSQL keeps a generic plan
 * when it costs no more than the custom ones). The projector and the reads run a few hundred distinct
 * statements (IN lists come in power-of-two sizes); past `preparedMax` the rest run unnamed, so the
 * server's memory stays bounded.
 */
const preparedNames = new Map<string, string | undefined>();
const preparedMax = 1024;

function statementName(text: string): string | undefined {
  if (preparedNames.has(text)) return preparedNames.get(text);
  if (preparedNames.size >= preparedMax) return undefined;
  // Only row statements: schema changes (and BEGIN/COMMIT) run unnamed.
  const name = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text) ? `k${preparedNames.size}` : undefined;
  preparedNames.set(text, name);
  return name;
}

/** Runs statements on one target; a transaction's runner refuses work once its transaction has ended. */
class Runner implements SqlRunner {
  active = true;

  constructor(
    private readonly target: Queryable,
    private readonly what = "",
    /** Run statements as named (prepared) ones. */
    private readonly prepared = false,
  ) {}

  private check(sql: string): void {
    if (!this.active) throw new Error(`${this.what} has ended; cannot run: ${sql.slice(0, 200)}`);
  }

  async all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    this.check(sql);
    return (await query(this.target, sql, params, this.prepared)).rows as T[];
  }

  async get<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    this.check(sql);
    return (await query(this.target, sql, params, this.prepared)).rows[0] as T | undefined;
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    this.check(sql);
    return (await query(this.target, sql, params, this.prepared)).rowCount ?? 0;
  }
}

export class PostgresIndexDatabase implements IndexDatabase {
  readonly dialect = "postgres" as const;
  private readonly pool: pg.Pool;
  private readonly readers: Runner;
  private writer: pg.Client;
  /** Set when the writer's connection failed; the next serialised operation replaces it. */
  private writerFailure: Error | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  /** Connects the writer (so a bad URL fails here) and prepares the readers' pool. */
  static async open(options: PostgresOptions): Promise<PostgresIndexDatabase> {
    const writer = PostgresIndexDatabase.newWriter(options.url);
    try {
      await writer.connect();
    } catch (error) {
      await writer.end().catch(() => undefined);
      throw new Error(`cannot connect to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return new PostgresIndexDatabase(options, writer);
  }

  private constructor(
    private readonly options: PostgresOptions,
    writer: pg.Client,
  ) {
    this.writer = writer;
    this.watchWriter(writer);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.readers ?? 8,
      idleTimeoutMillis: 30_000,
      types: indexTypes,
      application_name: "kettle-index-reader",
    });
    // An idle reader whose connection drops is discarded by the pool; without a listener the event would throw.
    this.pool.on("error", () => undefined);
    this.readers = new Runner(this.pool, "", true);
  }

  private static newWriter(url: string): pg.Client {
    return new pg.Client({ connectionString: url, types: indexTypes, application_name: "kettle-index-writer" });
  }

  private watchWriter(writer: pg.Client): void {
    writer.on("error", (error) => {
      if (this.writer === writer) this.writerFailure = error;
    });
    writer.on("end", () => {
      if (this.writer === writer && !this.closed) this.writerFailure ??= new Error("the writer's connection ended");
    });
  }

  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.readers.all<T>(sql, params);
  }

  get<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.readers.get<T>(sql, params);
  }

  /** Statements outside a transaction that change rows go to the writer (each its own transaction). */
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.serialised(async (writer) => (await query(writer, sql, params)).rowCount ?? 0);
  }

  transaction<T>(body: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.serialised(async (writer) => {
      await query(writer, "BEGIN", undefined);
      const tx = new Runner(writer, "the transaction", true);
      try {
        const result = await body(tx);
        tx.active = false;
        await query(writer, "COMMIT", undefined);
        return result;
      } catch (error) {
        tx.active = false;
        // A failed COMMIT has already ended the transaction; ROLLBACK then only warns. A lost connection
        // makes ROLLBACK fail too, and the server drops the transaction with the connection.
        await writer.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
  }

  /** Several statements in one simple-protocol round trip (PostgreSQL runs them as one implicit transaction). */
  async exec(script: string): Promise<void> {
    await this.serialised(async (writer) => {
      try {
        await writer.query(script);
      } catch (error) {
        throw new PostgresQueryError(error, script);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await Promise.allSettled([this.pool.end(), this.writer.end()]);
  }

  /** Queues writer work; whatever was queued before `close()` still runs, anything after is refused. */
  private serialised<T>(work: (writer: pg.Client) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("the PostgreSQL index database is closed"));
    const run = async () => work(await this.liveWriter());
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async liveWriter(): Promise<pg.Client> {
    if (this.writerFailure !== undefined) {
      const old = this.writer;
      this.writer = PostgresIndexDatabase.newWriter(this.options.url);
      this.watchWriter(this.writer);
      this.writerFailure = undefined;
      old.end().catch(() => undefined);
      try {
        await this.writer.connect();
      } catch (error) {
        this.writerFailure = error instanceof Error ? error : new Error(String(error));
        throw new Error(`cannot reconnect the PostgreSQL writer: ${this.writerFailure.message}`, { cause: error });
      }
    }
    return this.writer;
  }
}
