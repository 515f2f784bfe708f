/**
 * A throwaway PostgreSQL for tests: a fresh cluster in a temp directory on a free loopback port, with
 * durability switched off, owned by this process and never shared or remote.
 *
 * `createTestDatabase()` starts one cluster per test process on first use (stopped when the process
 * exits) and gives each caller its own fresh database in it. A cluster left behind by a process that
 * was killed is swept up by the next one that starts (each cluster's directory records its owner's pid).
 *
 * Needs the server binaries (`initdb`, `pg_ctl`, `postgres`): on PATH, or Debian's
 * /usr/lib/postgresql/<version>/bin (CI installs Debian's `postgresql` package). initdb and pg_ctl
 * refuse to run as root, so under root they run as the `postgres` system user through runuser.
 */
import { execFile, spawnSync } from "node:child_process";
import { constants, accessSync, readFileSync, rmSync } from "node:fs";
import { chown, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { delimiter, join } from "node:path";
import pg from "pg";

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  stop(): Promise<void>;
}

export interface TestDatabase {
  /** `postgres://postgres@127.0.0.1:<port>/<fresh database>` */
  readonly url: string;
  /** Drops the database, closing whatever connections are still open to it. */
  drop(): Promise<void>;
}

const dirPrefix = "kettle-pg-";
const ownerFile = "owner.pid";
const serverBinaries = ["initdb", "pg_ctl", "postgres"] as const;

/** The directory holding initdb, pg_ctl and postgres: PATH first, then the highest Debian version. */
export async function findPostgresBinaries(): Promise<string> {
  const pathDirs = (process.env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  let debianDirs: string[] = [];
  try {
    const versions = await readdir("/usr/lib/postgresql");
    debianDirs = versions
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
      .map((v) => `/usr/lib/postgresql/${v}/bin`);
  } catch {
    debianDirs = ["/usr/lib/postgresql/<version>/bin"];
  }
  for (const dir of [...pathDirs, ...debianDirs]) {
    if (serverBinaries.every((name) => isExecutable(join(dir, name)))) return dir;
  }
  throw new Error(
    `PostgreSQL server binaries (${serverBinaries.join(", ")}) not found; tried PATH (${pathDirs.join(", ")}) and ` +
      `${debianDirs.join(", ")}. CI installs Debian's \`postgresql\` package; install it (or put a PostgreSQL bin directory on PATH) to run these tests.`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const asRoot = process.getuid?.() === 0;

/** The command line for one of the server's tools, as the postgres user when we are root. */
function command(bin: string, tool: string, args: readonly string[]): [string, string[]] {
  const path = join(bin, tool);
  return asRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, [...args]];
}

function runTool(bin: string, tool: string, args: readonly string[], cwd: string): Promise<void> {
  const [file, argv] = command(bin, tool, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`${tool} failed: ${error.message}\n${stdout}${stderr}`.trim(), { cause: error }));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Single-quotes a word for the shell line pg_ctl builds from `-o`. */
const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Starts a fresh cluster. The caller owns it: `stop()` shuts it down and removes its directory (and the
 * process's exit does the same for a cluster never stopped).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const { url, stop } = await startCluster();
  return { url, stop };
}

interface Cluster extends TestPostgres {
  readonly bin: string;
  readonly dir: string;
}

async function startCluster(): Promise<Cluster> {
  const bin = await findPostgresBinaries();
  await sweepAbandonedClusters(bin);
  const dir = await mkdtemp(join(tmpdir(), dirPrefix));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  let started = false;
  try {
    await writeFile(join(dir, ownerFile), String(process.pid));
    if (asRoot) {
      const { uid, gid } = postgresUser();
      await chown(dir, uid, gid);
    }
    await runTool(
      bin,
      "initdb",
      ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"],
      dir,
    );
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const serverOptions = [
        "-c listen_addresses=127.0.0.1",
        `-p ${port}`,
        `-k ${shellQuote(dir)}`,
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=200",
        "-c shared_buffers=64MB",
      ].join(" ");
      try {
        await runTool(bin, "pg_ctl", ["-D", data, "-l", log, "-w", "-t", "30", "-o", serverOptions, "start"], dir);
        started = true;
        return cluster(bin, dir, data, `postgres://postgres@127.0.0.1:${port}/postgres`);
      } catch (error) {
        // Another process may have taken the port between our probe and the server's bind: try another.
        const text = await readFile(log, "utf8").catch(() => "");
        if (attempt < 5 && /could not bind|address already in use|could not create any TCP\/IP sockets/i.test(text)) continue;
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n--- server log ---\n${text}`, { cause: error });
      }
    }
  } finally {
    if (!started) await rm(dir, { recursive: true, force: true });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const result = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const group = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  const uid = Number.parseInt(result.stdout, 10);
  const gid = Number.parseInt(group.stdout, 10);
  if (result.status !== 0 || group.status !== 0 || !Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error(
      `running as root (${userInfo().username}) and there is no \`postgres\` system user to run initdb/pg_ctl as; ` +
        "Debian's `postgresql` package creates it",
    );
  }
  return { uid, gid };
}

/** Clusters this process started and has not stopped: the exit handler stops them. */
const running = new Set<Cluster>();
let exitHookInstalled = false;

function cluster(bin: string, dir: string, data: string, url: string): Cluster {
  let stopping: Promise<void> | undefined;
  const started: Cluster = {
    url,
    bin,
    dir,
    stop() {
      stopping ??= (async () => {
        await runTool(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], dir).catch(() => undefined);
        await rm(dir, { recursive: true, force: true, maxRetries: 3 });
        running.delete(started);
      })();
      return stopping;
    },
  };
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", stopRunningClusters);
  }
  running.add(started);
  return started;
}

function stopRunningClusters(): void {
  for (const started of running) {
    try {
      stopSync(started.bin, started.dir);
    } catch {
      // nothing more can be done while exiting; the next start sweeps it up
    }
  }
  running.clear();
}

/** Synchronous stop for the process's exit (no event loop left there). */
function stopSync(bin: string, dir: string): void {
  const [file, argv] = command(bin, "pg_ctl", ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"]);
  spawnSync(file, argv, { cwd: tmpdir(), stdio: "ignore", timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Stops and removes clusters whose owning process is gone (killed before its exit handler ran). */
async function sweepAbandonedClusters(bin: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(tmpdir())).filter((name) => name.startsWith(dirPrefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number.parseInt(readFileSync(join(dir, ownerFile), "utf8"), 10);
    } catch {
      continue; // being created right now, or not ours
    }
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    try {
      stopSync(bin, dir);
    } catch {
      // someone else is sweeping it, or it's not ours to remove
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// ---- one shared cluster per test process -----------------------------------------------------------

let shared: Promise<TestPostgres> | undefined;
let databaseCounter = 0;

function sharedCluster(): Promise<TestPostgres> {
  shared ??= startCluster();
  shared.catch(() => {
    shared = undefined; // let a later caller try again (and see the error again)
  });
  return shared;
}

/** A fresh, empty database in this process's shared test cluster (started on first use). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const postgres = await sharedCluster();
  const name = `kettle_test_${process.pid}_${++databaseCounter}`;
  await runAdminSql(postgres.url, `CREATE DATABASE ${name}`);
  const url = postgres.url.replace(/\/postgres$/, `/${name}`);
  let dropped: Promise<void> | undefined;
  return {
    url,
    drop() {
      dropped ??= runAdminSql(postgres.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return dropped;
    },
  };
}

/** Runs one statement on its own connection (CREATE/DROP DATABASE, ALTER SYSTEM…), which no pool or transaction may do. */
export async function runAdminSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
