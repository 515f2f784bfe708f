/**
 * Builds the benchmark's index by running the real projector over the generated blocks, timing only the
 * projection (`Projector.project`), and caches the SQLite file with what the build measured. The cache is
 * keyed by the data set's version, scale and seed and a hash of the projection's sources, so a change to
 * the projector (or the generator) rebuilds it.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { genesisAccountNames } from "../src/core/chain/genesis.ts";
import type { IndexDatabase } from "../src/index/db/database.ts";
import { SqliteIndexDatabase } from "../src/index/db/sqlite.ts";
import { Projector } from "../src/index/projector.ts";
import { indexSchemaVersion, tables } from "../src/index/schema.ts";
import { type DatasetCounts, type DatasetOptions, datasetVersion, emptyCounts, type GeneratedBlock, generateBlocks, World } from "./index-dataset.ts";

export type Phase = GeneratedBlock["phase"];

export interface PhaseTiming {
  blocks: number;
  transactions: number;
  /** Seconds inside Projector.project. */
  seconds: number;
  /** The longest block. */
  maxBlockSeconds: number;
  /** Bytes the process had written to storage meanwhile (Linux's write_bytes): the index's file and WAL. */
  writtenBytes: number;
}

export interface ProjectionRun {
  readonly counts: DatasetCounts;
  readonly phases: Record<Phase, PhaseTiming>;
  /** Seconds spent generating blocks (outside the projector). */
  readonly generationSeconds: number;
  /** True when the whole stream was projected (false when the time budget ran out). */
  readonly complete: boolean;
}

export interface BuildRecord {
  readonly options: DatasetOptions;
  readonly run: ProjectionRun;
  readonly rows: Record<string, number>;
  readonly fileBytes: number;
  /** Unix seconds. */
  readonly builtAt: number;
}

const repoRoot = join(import.meta.dirname, "..");

export interface ProjectionLimits {
  /** Stop once this much projection time has been spent on the activity (the accounts are always created)… */
  readonly seconds?: number;
  /** …or this many blocks projected. */
  readonly blocks?: number;
  /** Pack all the activity into dense blocks (the ingest-rate sample), not just the end of it. */
  readonly denseEverywhere?: boolean;
}

/**
 * Projects the data set's blocks into `db` (a fresh index), until the stream ends or a limit is reached.
 * `log` hears a progress line every ten seconds.
 */
export async function projectDataset(db: IndexDatabase, world: World, limits: ProjectionLimits, log: (line: string) => void): Promise<ProjectionRun> {
  const counts = emptyCounts();
  const blocks = generateBlocks(world, counts, limits.denseEverywhere === true);
  const first = blocks.next();
  if (first.done === true) throw new Error("the data set has no blocks");
  const projector = await Projector.open(db, { time: first.value.block.timestamp - 3, names: genesisAccountNames });
  const phase = (): PhaseTiming => ({ blocks: 0, transactions: 0, seconds: 0, maxBlockSeconds: 0, writtenBytes: 0 });
  const phases: Record<Phase, PhaseTiming> = { accounts: phase(), bulk: phase(), ownPace: phase(), ingest: phase() };
  const began = performance.now();
  let projectionMs = 0;
  let transactions = 0;
  let lastLog = began;
  let complete = true;
  let current: Phase = first.value.phase;
  let written = writtenBytes();
  const closePhase = () => {
    const now = writtenBytes();
    phases[current].writtenBytes += now - written;
    written = now;
  };
  for (let next: IteratorResult<GeneratedBlock> = first; next.done !== true; next = blocks.next()) {
    const { block } = next.value;
    if (next.value.phase !== current) {
      closePhase();
      current = next.value.phase;
    }
    const t0 = performance.now();
    await projector.project(block);
    const t1 = performance.now();
    projectionMs += t1 - t0;
    transactions += block.transactions.length;
    const timing = phases[next.value.phase];
    timing.blocks++;
    timing.transactions += block.transactions.length;
    timing.seconds += (t1 - t0) / 1000;
    timing.maxBlockSeconds = Math.max(timing.maxBlockSeconds, (t1 - t0) / 1000);
    if (t1 - lastLog > 10_000) {
      lastLog = t1;
      log(`  block ${block.blockNum}, ${transactions} transactions, ${Math.round(transactions / (projectionMs / 1000))} tx/s projected, ${Math.round((t1 - began) / 1000)} s`);
    }
    const activitySeconds = projectionMs / 1000 - phases.accounts.seconds;
    if (activitySeconds >= (limits.seconds ?? Number.POSITIVE_INFINITY) || block.blockNum >= (limits.blocks ?? Number.POSITIVE_INFINITY)) {
      complete = false;
      break;
    }
  }
  closePhase();
  const generationSeconds = (performance.now() - began - projectionMs) / 1000;
  return { counts, phases, generationSeconds, complete };
}

/** Bytes this process has caused to be written to storage so far. */
function writtenBytes(): number {
  return Number(/^write_bytes: (\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"))![1]);
}

/**
 * A hash of everything that shapes the built index: the projection's sources and the generator (not the
 * PostgreSQL adapter, which the SQLite build does not run).
 */
function sourceHash(): string {
  const hash = createHash("sha256");
  const files: string[] = [join(repoRoot, "bench/index-dataset.ts")];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && name !== "postgres.ts") files.push(path);
    }
  };
  walk(join(repoRoot, "src/index"));
  for (const file of files) hash.update(relative(repoRoot, file)).update(readFileSync(file));
  return hash.digest("hex").slice(0, 12);
}

export interface CachedIndex {
  readonly path: string;
  readonly record: BuildRecord;
  /** True when this run built it. */
  readonly built: boolean;
}

/**
 * Where `cachedIndex` keeps the index for `scale` and `seed`, keyed by data-set version, index schema and a
 * hash of the projector's and the generator's sources (whether or not it is built yet).
 */
export function cachedIndexPath(dataDir: string, scale: number, seed: number): string {
  return join(dataDir, `index-v${datasetVersion}-s${scale}-seed${seed}-schema${indexSchemaVersion}-${sourceHash()}.sqlite`);
}

/**
 * The cached SQLite index for `scale`/`seed` in `dataDir`, built first when missing, stale or `rebuild`.
 * Stale builds of the same scale and seed (another projector) are removed.
 */
export async function cachedIndex(dataDir: string, scale: number, seed: number, rebuild: boolean, log: (line: string) => void): Promise<CachedIndex> {
  const stem = `index-v${datasetVersion}-s${scale}-seed${seed}`;
  const path = cachedIndexPath(dataDir, scale, seed);
  const recordPath = path.replace(/\.sqlite$/, ".json");
  if (!rebuild && existsSync(path) && existsSync(recordPath)) {
    return { path, record: JSON.parse(readFileSync(recordPath, "utf8")) as BuildRecord, built: false };
  }
  for (const name of readdirSync(dataDir)) if (name.startsWith(`${stem}-`)) rmSync(join(dataDir, name), { force: true });
  const partial = `${path}.partial`;
  // The 30 days end now: lists that look back from the clock (feeds, notifications) see the whole data set.
  const endTime = Math.floor(Date.now() / 3000) * 3;
  const options: DatasetOptions = { scale, seed, endTime };
  const world = new World(options);
  log(`building the index (scale ${scale}, seed ${seed}) into ${path}`);
  const db = new SqliteIndexDatabase({ path: partial });
  let run: ProjectionRun;
  const rows: Record<string, number> = {};
  try {
    run = await projectDataset(db, world, {}, log);
    for (const table of tables) rows[table.name] = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table.name}`))!.n);
  } finally {
    await db.close();
  }
  renameSync(partial, path);
  const record: BuildRecord = { options, run, rows, fileBytes: statSync(path).size, builtAt: Math.floor(Date.now() / 1000) };
  writeFileSync(recordPath, JSON.stringify(record));
  return { path, record, built: true };
}
