/**
 * The projector: turns committed blocks into index rows. Each block is one SQL transaction that also
 * moves the checkpoint (`index_state.block_num`), so after a crash the index is exactly as of some block
 * and the projector resumes with the next one — nothing lost, nothing applied twice.
 *
 * It reads only what the chain publishes — the block's operations and its virtual operations (as
 * hivemind does) — plus the index's own rows, so `kettle reindex` from the block log and the
 * virtual-operation log rebuilds exactly the rows the live projector wrote.
 */
import { type VirtualOperationRecord, blockLevelTrx } from "../core/chain/virtual-ops.ts";
import type { Operation } from "../core/protocol/operation-schemas.ts";
import type { DialectName, IndexDatabase, SqlRunner, SqlValue } from "./db/database.ts";
import { projectAccountOperation, projectGenesisAccount } from "./project-accounts.ts";
import { projectCustomJsonOperation } from "./project-custom-json.ts";
import { projectPromotion } from "./project-promotions.ts";
import { projectPostOperation, projectPostVirtualOperation } from "./project-posts.ts";
import { dropStatements, indexSchemaVersion, schemaStatements } from "./schema.ts";

/** A committed block as the projector needs it. */
export interface ProjectedBlock {
  readonly blockNum: number;
  readonly blockId: string;
  /** Block time, unix seconds. */
  readonly timestamp: number;
  readonly transactions: readonly { readonly operations: readonly Operation[] }[];
  readonly virtualOps: readonly VirtualOperationRecord[];
}

export interface GenesisAccounts {
  readonly time: number;
  readonly names: readonly string[];
}

interface Counters {
  [column: string]: number;
  next_post_id: number;
  next_notification_id: number;
  next_account_id: number;
  next_community_id: number;
}

/** What a projection step sees: the block, the transaction's SQL and the id counters. */
export interface ProjectionContext {
  readonly tx: SqlRunner;
  readonly dialect: DialectName;
  readonly blockNum: number;
  readonly time: number;
  /** The operation a virtual operation followed (its transaction's op), or null for block-level ones. */
  readonly operation: Operation | null;
  takeId(counter: "next_post_id" | "next_notification_id" | "next_account_id" | "next_community_id"): number;
}

const stateColumns = "block_num, block_id, block_time, next_post_id, next_notification_id, next_account_id, next_community_id";

export class Projector {
  private headBlock = 0;

  private constructor(readonly db: IndexDatabase) {}

  /**
   * Opens the index: creates the tables on a new database, drops and recreates them when they were built
   * by another schema version (the index is rebuilt from the block log), and seeds the genesis accounts.
   */
  static async open(db: IndexDatabase, genesis: GenesisAccounts): Promise<Projector> {
    const projector = new Projector(db);
    await projector.prepare(genesis);
    return projector;
  }

  /** The last block whose rows are committed (0 for an empty index). */
  get checkpoint(): number {
    return this.headBlock;
  }

  private async prepare(genesis: GenesisAccounts): Promise<void> {
    const db = this.db;
    const existing = await this.readVersion();
    if (existing !== null && existing !== indexSchemaVersion) {
      await db.transaction(async (tx) => {
        for (const statement of dropStatements()) await tx.run(statement);
      });
    }
    await db.transaction(async (tx) => {
      for (const statement of schemaStatements(db.dialect)) await tx.run(statement);
      const state = await tx.get<{ block_num: number }>("SELECT block_num FROM index_state WHERE id = 1");
      if (state !== undefined) {
        this.headBlock = state.block_num;
        return;
      }
      await tx.run(`INSERT INTO index_state (id, schema_version, ${stateColumns}, gray_block) VALUES (1, ?, 0, '', ?, 1, 1, 1, 1, 0)`, [indexSchemaVersion, genesis.time]);
      const counters: Counters = { next_post_id: 1, next_notification_id: 1, next_account_id: 1, next_community_id: 1 };
      const context = this.context(tx, 0, genesis.time, counters);
      for (const name of genesis.names) await projectGenesisAccount(context, name);
      await this.writeCounters(tx, counters);
    });
  }

  private async readVersion(): Promise<number | null> {
    try {
      const row = await this.db.get<{ schema_version: number }>("SELECT schema_version FROM index_state WHERE id = 1");
      return row?.schema_version ?? null;
    } catch {
      return null;
    }
  }

  /** Projects the next block (it must be checkpoint + 1) in one transaction with the checkpoint. */
  async project(block: ProjectedBlock): Promise<void> {
    if (block.blockNum !== this.headBlock + 1) {
      throw new Error(`the index is at block ${this.headBlock}; it cannot project block ${block.blockNum} next`);
    }
    await this.db.transaction(async (tx) => {
      const counters = await tx.get<Counters>(`SELECT block_num, next_post_id, next_notification_id, next_account_id, next_community_id FROM index_state WHERE id = 1`);
      if (counters === undefined || counters.block_num !== this.headBlock) throw new Error("the index checkpoint moved under the projector");
      const byOperation = groupVirtualOps(block.virtualOps);
      for (let trx = 0; trx < block.transactions.length; trx++) {
        const operations = block.transactions[trx].operations;
        for (let index = 0; index < operations.length; index++) {
          const operation = operations[index];
          const context = this.context(tx, block.blockNum, block.timestamp, counters, operation);
          await projectOperation(context, operation);
          for (const record of byOperation.get(`${trx}/${index}`) ?? []) await projectPostVirtualOperation(context, record.op);
        }
      }
      const blockLevel = this.context(tx, block.blockNum, block.timestamp, counters, null);
      for (const record of byOperation.get("block") ?? []) await projectPostVirtualOperation(blockLevel, record.op);
      await tx.run("UPDATE index_state SET block_num = ?, block_id = ?, block_time = ? WHERE id = 1", [block.blockNum, block.blockId, block.timestamp]);
      await this.writeCounters(tx, counters);
    });
    this.headBlock = block.blockNum;
  }

  private context(tx: SqlRunner, blockNum: number, time: number, counters: Counters, operation: Operation | null = null): ProjectionContext {
    return {
      tx, dialect: this.db.dialect, blockNum, time, operation,
      takeId(counter) {
        const id = counters[counter];
        counters[counter] = id + 1;
        return id;
      },
    };
  }

  private async writeCounters(tx: SqlRunner, counters: Counters): Promise<void> {
    const values: SqlValue[] = [counters.next_post_id, counters.next_notification_id, counters.next_account_id, counters.next_community_id];
    await tx.run("UPDATE index_state SET next_post_id = ?, next_notification_id = ?, next_account_id = ?, next_community_id = ? WHERE id = 1", values);
  }
}

function groupVirtualOps(records: readonly VirtualOperationRecord[]): Map<string, VirtualOperationRecord[]> {
  const groups = new Map<string, VirtualOperationRecord[]>();
  for (const record of records) {
    const key = record.trxInBlock === blockLevelTrx ? "block" : `${record.trxInBlock}/${record.opInTrx}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(record);
  }
  return groups;
}

async function projectOperation(context: ProjectionContext, operation: Operation): Promise<void> {
  if (await projectAccountOperation(context, operation)) return;
  if (await projectCustomJsonOperation(context, operation)) return;
  if (await projectPromotion(context, operation)) return;
  await projectPostOperation(context, operation);
}
