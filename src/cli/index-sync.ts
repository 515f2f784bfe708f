/**
 * Wires the social index to a chain: opens the index database (SQLite in the data directory, or the
 * PostgreSQL of `--db`), keeps the projector following the node's committed blocks, and rebuilds the
 * index from the block log (`kettle reindex`).
 */
import { join, resolve } from "node:path";
import { applyBlock } from "../core/chain/apply-block.ts";
import { createGenesisState, genesisAccountNames } from "../core/chain/genesis.ts";
import type { VirtualOperationRecord } from "../core/chain/virtual-ops.ts";
import { decode } from "../core/encoding/codec.ts";
import { type SignedBlock, getBlockId, signedBlockSchema } from "../core/protocol/block.ts";
import type { IndexDatabase } from "../index/db/database.ts";
import { PostgresIndexDatabase } from "../index/db/postgres.ts";
import { SqliteIndexDatabase } from "../index/db/sqlite.ts";
import { indexDigest } from "../index/digest.ts";
import { type ProjectedBlock, Projector } from "../index/projector.ts";
import { dropStatements } from "../index/schema.ts";
import { BlockLog } from "../node/block-log.ts";
import { bytesToHex, hexToBytes } from "../stdx/bytes.ts";
import { ConfigError, parseFlags } from "./config.ts";
import { readGenesisFile } from "./genesis-file.ts";

/** The index database: PostgreSQL when `url` is a postgres:// URL, else SQLite in the data directory. */
export async function openIndexDatabase(dataDir: string, url: string | undefined): Promise<IndexDatabase> {
  if (url === undefined || url === "") return new SqliteIndexDatabase({ path: join(dataDir, "index.sqlite") });
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError(`--db must be a postgres:// URL (or absent for the embedded SQLite index), got "${url}"`);
  return PostgresIndexDatabase.open({ url });
}

export function toProjectedBlock(blockNum: number, block: SignedBlock, virtualOps: readonly VirtualOperationRecord[]): ProjectedBlock {
  return {
    blockNum,
    blockId: bytesToHex(getBlockId(block)),
    timestamp: block.timestamp,
    transactions: block.transactions,
    virtualOps,
  };
}

export interface BlockSource {
  head(): number;
  block(blockNum: number): ProjectedBlock;
}

/**
 * Keeps the index at the chain's head: projects every block after the checkpoint, one transaction a
 * block, whenever it is told a block was committed (and once at start, to catch up after a restart).
 */
export class IndexFollower {
  private running: Promise<void> | null = null;
  private again = false;
  private failure: Error | null = null;
  private stopped = false;

  constructor(readonly projector: Projector, private readonly source: BlockSource, private readonly onError: (error: Error) => void) {}

  /** Starts a pass (or asks the running one to go on) and resolves when the index has caught up. */
  poke(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = this.catchUp().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Takes no more blocks; resolves when the pass under way (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle().catch(() => undefined);
  }

  /** Resolves once the index holds every block committed so far. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private async catchUp(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped && this.projector.checkpoint < this.source.head()) {
          const next = this.projector.checkpoint + 1;
          await this.projector.project(this.source.block(next));
        }
      } while (this.again);
    } catch (error) {
      this.failure = error as Error;
      this.onError(this.failure);
      throw error;
    }
  }
}

export interface ReindexResult {
  readonly headBlockNum: number;
  readonly digest: string;
}

/**
 * Rebuilds the index from genesis and the block log alone: the chain is replayed to regenerate each
 * block's virtual operations, and every block is projected as the live projector would (`afterBlock`, if
 * given, runs after each: tests read the index block by block).
 */
export async function reindexDataDir(dataDir: string, db: IndexDatabase, afterBlock?: (block: ProjectedBlock) => Promise<void>): Promise<ReindexResult> {
  const genesisFile = readGenesisFile(dataDir);
  if (genesisFile === null) throw new ConfigError(`${dataDir} has no genesis.json: nothing to reindex`);
  await db.transaction(async (tx) => {
    for (const statement of dropStatements()) await tx.run(statement);
  });
  const projector = await Projector.open(db, { time: genesisFile.genesis.time, names: genesisAccountNames });
  const state = createGenesisState(genesisFile.genesis);
  const options = { chainId: hexToBytes(genesisFile.chainIdHex), blockIntervalSeconds: genesisFile.blockIntervalSeconds };
  const log = BlockLog.open(dataDir);
  try {
    for (const { blockNum, bytes } of log.readRange(1, log.head)) {
      const block = decode(signedBlockSchema, bytes);
      const { virtualOps } = applyBlock(state, block, options);
      const projected = toProjectedBlock(blockNum, block, virtualOps);
      await projector.project(projected);
      await afterBlock?.(projected);
    }
  } finally {
    log.close();
  }
  return { headBlockNum: projector.checkpoint, digest: await indexDigest(db) };
}

export async function runReindexCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args);
  const data = flags.get("data");
  const url = flags.get("db");
  const dataDir = resolve(typeof data === "string" ? data : "data/dev");
  const db = await openIndexDatabase(dataDir, typeof url === "string" ? url : undefined);
  try {
    const started = performance.now();
    const result = await reindexDataDir(dataDir, db);
    console.log(`reindexed ${result.headBlockNum} blocks in ${Math.round(performance.now() - started)} ms`);
    console.log(`index digest ${result.digest}`);
  } finally {
    await db.close();
  }
  return 0;
}
