// The IndexDatabase contract, run against both engines: SQLite on a temp file and PostgreSQL in a throwaway test cluster.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createTestDatabase } from "../../../test/helpers/postgres.ts";
import type { IndexDatabase, SqlRow, SqlValue } from "./database.ts";
import { PostgresIndexDatabase, PostgresQueryError, translatePlaceholders } from "./postgres.ts";
import { SqliteIndexDatabase } from "./sqlite.ts";

interface Opened {
  readonly db: IndexDatabase;
  /** Another handle on the same database (for close() and reconnection checks). */
  openAnother(): Promise<IndexDatabase>;
  cleanup(): Promise<void>;
}

interface Engine {
  readonly name: "sqlite" | "postgres";
  open(): Promise<Opened>;
}

const engines: Engine[] = [
  {
    name: "sqlite",
    async open() {
      const dir = await mkdtemp(join(tmpdir(), "kettle-db-contract-"));
      const path = join(dir, "index.sqlite");
      const db = new SqliteIndexDatabase({ path });
      return {
        db,
        openAnother: async () => new SqliteIndexDatabase({ path }),
        async cleanup() {
          await db.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "postgres",
    async open() {
      const database = await createTestDatabase();
      const db = await PostgresIndexDatabase.open({ url: database.url, readers: 4 });
      return {
        db,
        openAnother: () => PostgresIndexDatabase.open({ url: database.url, readers: 2 }),
        async cleanup() {
          await db.close();
          await database.drop();
        },
      };
    },
  },
];

const maxSafe = 9007199254740991;
const big = 2n ** 60n;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Portable DDL: both engines accept these type names (SQLite maps DOUBLE PRECISION to REAL affinity). */
const itemsTable = `
  CREATE TABLE items (
    id BIGINT PRIMARY KEY,
    small INTEGER,
    amount BIGINT,
    ratio DOUBLE PRECISION,
    label TEXT
  )`;

type Item = { id: number; small: SqlValue; amount: SqlValue; ratio: SqlValue; label: SqlValue } & SqlRow;

for (const engine of engines) {
  describe(`IndexDatabase contract (${engine.name})`, () => {
    let opened: Opened;
    let db: IndexDatabase;
    let nextId = 1;
    /** Inserts one row in `items` and returns its id. */
    const insertItem = async (values: { small?: SqlValue; amount?: SqlValue; ratio?: SqlValue; label?: SqlValue }) => {
      const id = nextId++;
      await db.run("INSERT INTO items (id, small, amount, ratio, label) VALUES (?, ?, ?, ?, ?)", [
        id,
        values.small ?? null,
        values.amount ?? null,
        values.ratio ?? null,
        values.label ?? null,
      ]);
      return id;
    };
    const item = (id: number) => db.get<Item>("SELECT id, small, amount, ratio, label FROM items WHERE id = ?", [id]);

    before(async () => {
      opened = await engine.open();
      db = opened.db;
      await db.exec(itemsTable);
      await db.exec("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)");
    });

    after(async () => {
      await opened?.cleanup();
    });

    test(`${engine.name}: dialect names the engine`, () => {
      assert.equal(db.dialect, engine.name);
    });

    test(`${engine.name}: placeholders bind in order, repeated and many`, async () => {
      const row = await db.get("SELECT CAST(? AS BIGINT) AS a, CAST(? AS BIGINT) AS b, CAST(? AS TEXT) AS c", [1, 2, "three"]);
      assert.deepEqual(row, { a: 1, b: 2, c: "three" });

      const id = await insertItem({ small: 7, label: "seven" });
      const repeated = await db.all("SELECT id FROM items WHERE (id = ? AND small = ?) OR (id = ? AND label = ?)", [id, 7, id, "seven"]);
      assert.deepEqual(repeated, [{ id }]);

      // A `?` inside a string literal is text, not a placeholder.
      const literal = await db.get("SELECT 'what?' AS q, 'it''s ?' AS r, CAST(? AS TEXT) AS s", ["x"]);
      assert.deepEqual(literal, { q: "what?", r: "it's ?", s: "x" });

      // 300 rows × 5 values = 1500 parameters in one statement.
      const first = nextId;
      const rows = 300;
      const params: SqlValue[] = [];
      for (let i = 0; i < rows; i++) params.push(first + i, i, i % 2 === 0 ? big + BigInt(i) : i, i / 4, `row ${i}`);
      nextId += rows;
      const changed = await db.run(
        `INSERT INTO items (id, small, amount, ratio, label) VALUES ${Array.from({ length: rows }, () => "(?, ?, ?, ?, ?)").join(", ")}`,
        params,
      );
      assert.equal(changed, rows);
      const inList = Array.from({ length: rows }, (_, i) => first + i);
      const back = await db.all<Item>(
        `SELECT id, small, amount, ratio, label FROM items WHERE id IN (${inList.map(() => "?").join(", ")}) ORDER BY id`,
        inList,
      );
      assert.equal(back.length, rows);
      assert.deepEqual(back[298], { id: first + 298, small: 298, amount: big + 298n, ratio: 298 / 4, label: "row 298" });
      assert.deepEqual(back[299], { id: first + 299, small: 299, amount: 299, ratio: 299 / 4, label: "row 299" });
    });

    test(`${engine.name}: integers are numbers up to 2^53-1 and bigints beyond, both ways`, async () => {
      const cases: [SqlValue, SqlValue][] = [
        [0, 0],
        [42, 42],
        [-42, -42],
        [maxSafe, maxSafe],
        [-maxSafe, -maxSafe],
        [BigInt(maxSafe), maxSafe], // a bigint that fits comes back as a number
        [2n ** 53n, 2n ** 53n],
        [big, big],
        [-big, -big],
        [2n ** 63n - 1n, 2n ** 63n - 1n],
        [-(2n ** 63n), -(2n ** 63n)],
      ];
      for (const [input, expected] of cases) {
        const id = await insertItem({ amount: input });
        const row = await item(id);
        assert.equal(typeof row?.amount, typeof expected, `type of ${input}`);
        assert.equal(row?.amount, expected, `value of ${input}`);
      }
      // Filtering and arithmetic on bigint parameters.
      const id = await insertItem({ amount: big, small: 3 });
      assert.deepEqual(await db.get("SELECT id, amount + 1 AS next FROM items WHERE amount = ? AND id = ?", [big, id]), { id, next: big + 1n });
      // Aggregates: COUNT and SUM come back in the same convention (PostgreSQL's SUM(BIGINT) is numeric).
      const sums = await db.get("SELECT COUNT(*) AS n, SUM(amount) AS total, SUM(small) AS smalls FROM items WHERE id IN (?, ?)", [id, id - 1]);
      assert.deepEqual(sums, { n: 2, total: big - 2n ** 63n, smalls: 3 });
      const large = await db.get("SELECT SUM(amount) AS total FROM items WHERE amount = ?", [big]);
      assert.equal(large?.total, big * BigInt((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM items WHERE amount = ?", [big]))!.n));
      assert.deepEqual(await db.get("SELECT SUM(amount) AS total FROM items WHERE id < 0"), { total: null });
    });

    test(`${engine.name}: floats round-trip exactly`, async () => {
      for (const value of [1.5, -0.25, 0.1 + 0.2, 1e-300, 123456.789, 3, 2 ** 60, Number.MAX_VALUE]) {
        const id = await insertItem({ ratio: value });
        const row = await item(id);
        assert.equal(row?.ratio, value);
        assert.equal(typeof row?.ratio, "number");
      }
      assert.deepEqual(await db.get("SELECT CAST(? AS DOUBLE PRECISION) / 4 AS q", [3]), { q: 0.75 });
    });

    test(`${engine.name}: text keeps unicode, empty strings and digits as strings`, async () => {
      for (const value of ["", " ", "héllo ✓ 日本語 𝄞 🙂", "line\nbreak\ttab", "it's \"quoted\" ? $1", "007", "x".repeat(100_000)]) {
        const id = await insertItem({ label: value });
        const row = await item(id);
        assert.equal(row?.label, value);
      }
      assert.deepEqual(await db.get("SELECT LENGTH(?) AS n", ["日本語🙂"]), { n: 4 });
    });

    test(`${engine.name}: null in every column type`, async () => {
      const id = await insertItem({});
      assert.deepEqual(await item(id), { id, small: null, amount: null, ratio: null, label: null });
      assert.deepEqual(await db.get("SELECT COUNT(*) AS n FROM items WHERE id = ? AND label IS NULL", [id]), { n: 1 });
    });

    test(`${engine.name}: comparisons come back as 0/1 integers`, async () => {
      assert.deepEqual(await db.get("SELECT (1 = 1) AS yes, (1 = 2) AS no, (NULL = 1) AS unknown"), { yes: 1, no: 0, unknown: null });
      const id = await insertItem({ small: 5 });
      assert.deepEqual(await db.get("SELECT (small > 3) AS big, EXISTS (SELECT 1 FROM items WHERE id = ?) AS found FROM items WHERE id = ?", [id, id]), {
        big: 1,
        found: 1,
      });
    });

    test(`${engine.name}: get without a row is undefined, all is empty`, async () => {
      assert.equal(await db.get("SELECT id FROM items WHERE id = ?", [-1]), undefined);
      assert.deepEqual(await db.all("SELECT id FROM items WHERE id = ?", [-1]), []);
    });

    test(`${engine.name}: run resolves to the number of rows changed`, async () => {
      const ids = [nextId++, nextId++, nextId++];
      assert.equal(await db.run("INSERT INTO items (id, small) VALUES (?, 1), (?, 1), (?, 2)", ids), 3);
      assert.equal(await db.run("UPDATE items SET label = ? WHERE id IN (?, ?, ?) AND small = ?", ["one", ...ids, 1]), 2);
      assert.equal(await db.run("DELETE FROM items WHERE id = ?", [-1]), 0);
      assert.equal(await db.run("DELETE FROM items WHERE id IN (?, ?, ?)", ids), 3);
      assert.equal(await db.run("CREATE TABLE IF NOT EXISTS scratch (x INTEGER)"), 0);
    });

    test(`${engine.name}: a transaction commits and resolves to the body's result`, async () => {
      const ids = [nextId++, nextId++];
      const result = await db.transaction(async (tx) => {
        await tx.run("INSERT INTO items (id, label) VALUES (?, ?)", [ids[0], "a"]);
        await tx.run("INSERT INTO items (id, label) VALUES (?, ?)", [ids[1], "b"]);
        // The transaction's own rows are visible to its own statements.
        const inside = await tx.all("SELECT label FROM items WHERE id IN (?, ?) ORDER BY id", ids);
        assert.deepEqual(inside, [{ label: "a" }, { label: "b" }]);
        return { written: 2 };
      });
      assert.deepEqual(result, { written: 2 });
      assert.deepEqual(await db.all("SELECT label FROM items WHERE id IN (?, ?) ORDER BY id", ids), [{ label: "a" }, { label: "b" }]);
    });

    test(`${engine.name}: a throw inside a transaction rolls everything back and propagates`, async () => {
      const ids = [nextId++, nextId++];
      const failure = new Error("projector failed");
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.run("INSERT INTO items (id, label) VALUES (?, ?)", [ids[0], "gone"]);
          await tx.run("UPDATE kv SET v = v + 1");
          await tx.run("INSERT INTO items (id, label) VALUES (?, ?)", [ids[1], "gone"]);
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.deepEqual(await db.get("SELECT COUNT(*) AS n FROM items WHERE id IN (?, ?)", ids), { n: 0 });

      // A failing statement rejects the transaction with an Error, and nothing of it stays.
      const existing = await insertItem({ label: "kept" });
      const fresh = nextId++;
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.run("INSERT INTO items (id, label) VALUES (?, ?)", [fresh, "gone"]);
          await tx.run("INSERT INTO items (id, label) VALUES (?, ?)", [existing, "duplicate"]);
        }),
        (error) => error instanceof Error,
      );
      assert.deepEqual(await db.all("SELECT id, label FROM items WHERE id IN (?, ?) ORDER BY id", [existing, fresh]), [{ id: existing, label: "kept" }]);

      // The writer is usable afterwards.
      assert.equal(await db.transaction(async (tx) => tx.run("UPDATE items SET label = ? WHERE id = ?", ["still", existing])), 1);
    });

    test(`${engine.name}: readers do not see a transaction's rows before it commits`, async () => {
      const id = nextId++;
      const count = async () => (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM items WHERE id = ?", [id]))!.n;
      await db.transaction(async (tx) => {
        await tx.run("INSERT INTO items (id, label) VALUES (?, ?)", [id, "pending"]);
        assert.equal(await count(), 0, "a reader saw an uncommitted row");
        assert.equal(await db.get("SELECT label FROM items WHERE id = ?", [id]), undefined);
        assert.equal((await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM items WHERE id = ?", [id]))!.n, 1);
      });
      assert.equal(await count(), 1);
    });

    test(`${engine.name}: transactions started together run one after the other`, async () => {
      const events: string[] = [];
      const key = `serial-${engine.name}`;
      await db.run("INSERT INTO kv (k, v) VALUES (?, 0)", [key]);
      const increment = (name: string, fail = false) =>
        db.transaction(async (tx) => {
          events.push(`${name} start`);
          const row = await tx.get<{ v: number }>("SELECT v FROM kv WHERE k = ?", [key]);
          await sleep(20);
          await tx.run("UPDATE kv SET v = ? WHERE k = ?", [row!.v + 1, key]);
          events.push(`${name} end`);
          if (fail) throw new Error(`${name} fails`);
          return name;
        });
      const results = await Promise.allSettled([increment("first"), increment("second", true), increment("third"), db.run("UPDATE kv SET v = v + 10 WHERE k = ?", [key])]);
      assert.deepEqual(
        results.map((r) => r.status),
        ["fulfilled", "rejected", "fulfilled", "fulfilled"],
      );
      assert.deepEqual(events, ["first start", "first end", "second start", "second end", "third start", "third end"]);
      // A lost update would leave 1; the failed one left nothing; the run outside a transaction waited its turn.
      assert.deepEqual(await db.get("SELECT v FROM kv WHERE k = ?", [key]), { v: 12 });
    });

    test(`${engine.name}: exec runs a multi-statement script`, async () => {
      await db.exec(`
        CREATE TABLE script_a (id BIGINT PRIMARY KEY, name TEXT NOT NULL);
        CREATE INDEX script_a_name ON script_a (name);
        -- a comment with a ? in it
        INSERT INTO script_a (id, name) VALUES (1, 'one; two'), (2, 'what?');
        CREATE TABLE IF NOT EXISTS script_b (id BIGINT);
      `);
      assert.deepEqual(await db.all("SELECT id, name FROM script_a ORDER BY id"), [
        { id: 1, name: "one; two" },
        { id: 2, name: "what?" },
      ]);
      assert.deepEqual(await db.all("SELECT id FROM script_b"), []);
    });

    test(`${engine.name}: ON CONFLICT upserts`, async () => {
      const upsert = "INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v";
      assert.equal(await db.run(upsert, ["upsert", 5]), 1);
      assert.equal(await db.run(upsert, ["upsert", big]), 1);
      assert.deepEqual(await db.get("SELECT v FROM kv WHERE k = ?", ["upsert"]), { v: big + 5n });
      assert.equal(await db.run("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO NOTHING", ["upsert", 1]), 0);
      assert.equal(await db.run("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT DO NOTHING", ["other", 1]), 1);
      const replaced = await db.transaction((tx) =>
        tx.run("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE kv.v < excluded.v", ["other", 0]),
      );
      assert.equal(replaced, 0);
      assert.deepEqual(await db.get("SELECT v FROM kv WHERE k = ?", ["other"]), { v: 1 });
    });

    test(`${engine.name}: an integral number parameter binds as an integer`, async () => {
      const id = await insertItem({ label: 5 });
      assert.equal((await item(id))?.label, "5");
      assert.deepEqual(await db.get("SELECT ? / 2 AS q", [5]), { q: 2 });
    });

    test(`${engine.name}: close() is idempotent`, async () => {
      const other = await opened.openAnother();
      assert.equal((await other.get<{ n: number }>("SELECT COUNT(*) AS n FROM kv WHERE k = ?", ["upsert"]))?.n, 1);
      await Promise.all([other.close(), other.close()]);
      await other.close();
    });
  });
}

describe("PostgresIndexDatabase specifics (postgres)", () => {
  test("postgres: ? placeholders become $n outside literals, identifiers and comments", () => {
    assert.equal(translatePlaceholders("SELECT ?, ?, ?"), "SELECT $1, $2, $3");
    assert.equal(translatePlaceholders("SELECT 'a?''?', ? FROM t WHERE x = ?"), "SELECT 'a?''?', $1 FROM t WHERE x = $2");
    assert.equal(translatePlaceholders(`SELECT "odd?name", ? -- what?\n, ? /* a ? /* nested ? */ ? */ , ?`), `SELECT "odd?name", $1 -- what?\n, $2 /* a ? /* nested ? */ ? */ , $3`);
    assert.equal(translatePlaceholders("SELECT E'\\'?', ?, $$ ? $$, $tag$ ? $tag$, ?"), "SELECT E'\\'?', $1, $$ ? $$, $tag$ ? $tag$, $2");
    assert.equal(translatePlaceholders("SELECT 1"), "SELECT 1");
  });

  test("postgres: errors name the statement and keep the SQLSTATE", async () => {
    const database = await createTestDatabase();
    const db = await PostgresIndexDatabase.open({ url: database.url, readers: 1 });
    try {
      const longSql = `SELECT nonexistent_column FROM ${"x".repeat(300)}`;
      await assert.rejects(db.all(longSql), (error) => {
        assert.ok(error instanceof Error && error instanceof PostgresQueryError);
        assert.match(error.message, /does not exist/);
        assert.ok(error.message.includes(longSql.slice(0, 200)));
        assert.ok(!error.message.includes(longSql.slice(0, 201)));
        assert.equal(error.code, "42P01");
        return true;
      });
      await db.exec("CREATE TABLE u (k TEXT PRIMARY KEY)");
      await db.run("INSERT INTO u (k) VALUES (?)", ["a"]);
      await assert.rejects(db.run("INSERT INTO u (k) VALUES (?)", ["a"]), { code: "23505", message: /INSERT INTO u/ });
      await assert.rejects(db.exec("CREATE TABLE u (k TEXT); SELECT 1"), { message: /already exists.*CREATE TABLE u/s });
    } finally {
      await db.close();
      await database.drop();
    }
  });

  test("postgres: a transaction's runner refuses work after the transaction ends; closed databases refuse writes", async () => {
    const database = await createTestDatabase();
    const db = await PostgresIndexDatabase.open({ url: database.url, readers: 1 });
    try {
      await db.exec("CREATE TABLE t (x BIGINT)");
      let leaked: Parameters<Parameters<typeof db.transaction>[0]>[0] | undefined;
      await db.transaction(async (tx) => {
        leaked = tx;
      });
      await assert.rejects(leaked!.run("INSERT INTO t (x) VALUES (1)"), /transaction has ended/);
      assert.deepEqual(await db.get("SELECT COUNT(*) AS n FROM t"), { n: 0 });
    } finally {
      await db.close();
      await database.drop();
    }
    await assert.rejects(db.run("INSERT INTO t (x) VALUES (1)"), /closed/);
  });

  test("postgres: the writer reconnects after its connection is lost", async () => {
    const database = await createTestDatabase();
    const db = await PostgresIndexDatabase.open({ url: database.url, readers: 1 });
    try {
      await db.exec("CREATE TABLE t (x BIGINT)");
      await db.run("INSERT INTO t (x) VALUES (?)", [1]);
      const killed = await db.get("SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = ?", ["kettle-index-writer"]);
      assert.deepEqual(killed, { n: 1 });
      // The statement that meets the dead connection may fail; the one after it must work.
      await db.run("INSERT INTO t (x) VALUES (?)", [2]).catch(() => undefined);
      await sleep(10);
      await db.transaction((tx) => tx.run("INSERT INTO t (x) VALUES (?)", [3]));
      assert.deepEqual(await db.get("SELECT MAX(x) AS x FROM t"), { x: 3 });
    } finally {
      await db.close();
      await database.drop();
    }
  });

  test("postgres: open() fails cleanly on a bad address", async () => {
    await assert.rejects(PostgresIndexDatabase.open({ url: "postgres://postgres@127.0.0.1:1/none" }), /cannot connect to PostgreSQL/);
  });
});
