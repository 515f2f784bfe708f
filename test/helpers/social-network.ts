/**
 * A real Kettle network for the social index's tests: `kettle dev` in a child process with its index on
 * SQLite (the default) or on a throwaway PostgreSQL database (`--db`), driven through JSON-RPC with dsteem.
 *
 * `onBothDatabases(title, body)` declares the same suite twice — once per engine — with one network per
 * suite, so every index test runs on SQLite and on PostgreSQL. `send` broadcasts synchronously and then
 * waits until the index holds the transaction's block, so a test reads its own writes.
 */
import { after, before, describe } from "node:test";
import { Client, type Operation, PrivateKey } from "dsteem";
import { type KettleProcess, startKettle } from "./kettle-process.ts";
import { createTestDatabase } from "./postgres.ts";

export type DatabaseKind = "sqlite" | "postgres";

export const initminerKey = PrivateKey.fromString("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n");
/** The demo accounts (alice, bob, carol, dave) use these passwords; accounts made by `createAccounts` use `P5Kettle<name>`. */
const demoPasswords: Record<string, string> = { alice: "P5KettleDemoAlice", bob: "P5KettleDemoBob", carol: "P5KettleDemoCarol", dave: "P5KettleDemoDave" };

export type Role = "owner" | "active" | "posting" | "memo";

/** The key of a demo account or of an account made by `createAccounts`. */
export function keyOf(name: string, role: Role = "posting"): PrivateKey {
  if (name === "initminer") return initminerKey;
  return PrivateKey.fromLogin(name, demoPasswords[name] ?? `P5Kettle${name}`, role);
}

export interface SocialNetworkOptions {
  readonly database?: DatabaseKind;
  /** Demo accounts and the seed post (default true). */
  readonly demo?: boolean;
  /** Seconds between blocks (default 0.25). */
  readonly blockInterval?: number;
  readonly extraArgs?: string[];
}

export interface SocialNetwork {
  readonly database: DatabaseKind;
  readonly kettle: KettleProcess;
  readonly client: Client;
  /** The PostgreSQL URL of the index, when on PostgreSQL. */
  readonly databaseUrl: string | null;
  /** A JSON-RPC call; throws an Error with the node's message on an error response. */
  call(method: string, params?: unknown): Promise<any>;
  /** A JSON-RPC call expected to fail: resolves to the error (`{code, message, data}`), rejects if it succeeded. */
  callError(method: string, params?: unknown): Promise<{ code: number; message: string; data?: any }>;
  /** Signs `operations` with `signer`'s key of `role` (or the given key), broadcasts synchronously, waits for the index; resolves to the block number. */
  send(operations: Operation[], signer: string | PrivateKey, role?: Role): Promise<number>;
  /** A `custom_json` with posting authority of `signer` (default) or active authority. */
  customJson(signer: string, id: string, json: unknown, role?: "posting" | "active"): Promise<number>;
  /** Creates accounts (keys from `keyOf`) from initminer, each with `steem` STEEM powered up (default 100). */
  createAccounts(names: readonly string[], steem?: number): Promise<number>;
  /** Resolves once the index holds block `blockNum` (default: the chain's current head). */
  waitForIndex(blockNum?: number): Promise<void>;
  /** Moves the chain forward by `seconds` (sparse debug_generate_blocks_until: a payout a week away in a few blocks) and waits for the index. */
  fastForward(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startSocialNetwork(options: SocialNetworkOptions = {}): Promise<SocialNetwork> {
  const database = options.database ?? "sqlite";
  const pgDatabase = database === "postgres" ? await createTestDatabase() : null;
  const blockInterval = options.blockInterval ?? 0.25;
  const kettle = await startKettle({
    demo: options.demo ?? true, blockInterval,
    extraArgs: [...(pgDatabase === null ? [] : ["--db", pgDatabase.url]), ...(options.extraArgs ?? [])],
  });
  const client = new Client(kettle.url, { timeout: 30_000 });
  const call = (method: string, params: unknown = {}) => kettle.rpc(method, params);
  const waitForIndex = async (blockNum?: number) => {
    const target = blockNum ?? (await call("condenser_api.get_dynamic_global_properties", [])).head_block_number;
    for (let i = 0; i < 2000; i++) {
      const state = await call("hive.db_head_state", {});
      if (state.db_head_block >= target) return;
      await sleep(20);
    }
    throw new Error(`the index did not reach block ${target}`);
  };
  const send = async (operations: Operation[], signer: string | PrivateKey, role: Role = "posting") => {
    const key = typeof signer === "string" ? keyOf(signer, role) : signer;
    const props = await client.database.getDynamicGlobalProperties();
    const tx = {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: Buffer.from(props.head_block_id, "hex").readUInt32LE(4),
      expiration: new Date(Date.parse(`${props.time}Z`) + 60_000).toISOString().slice(0, 19),
      operations, extensions: [],
    };
    const signed = client.broadcast.sign(tx, key);
    const result = await call("condenser_api.broadcast_transaction_synchronous", [signed]);
    await waitForIndex(result.block_num);
    return result.block_num as number;
  };
  const network: SocialNetwork = {
    database, kettle, client, databaseUrl: pgDatabase?.url ?? null, call, send, waitForIndex,
    async callError(method, params = {}) {
      try {
        await call(method, params);
      } catch (error) {
        const body = (error as { rpcError?: { code: number; message: string; data?: unknown } }).rpcError;
        if (body !== undefined) return body;
        throw error;
      }
      throw new Error(`${method} succeeded where an error was expected`);
    },
    customJson(signer, id, json, role = "posting") {
      const op: Operation = ["custom_json", {
        required_auths: role === "active" ? [signer] : [], required_posting_auths: role === "posting" ? [signer] : [], id,
        json: typeof json === "string" ? json : JSON.stringify(json),
      }];
      return send([op], signer, role);
    },
    async createAccounts(names, steem = 100) {
      const authority = (name: string, role: Role) => ({ weight_threshold: 1, account_auths: [], key_auths: [[keyOf(name, role).createPublic("STM").toString(), 1]] });
      const ops: Operation[] = [];
      for (const name of names) {
        ops.push(["account_create", {
          fee: "3.000 STEEM", creator: "initminer", new_account_name: name, owner: authority(name, "owner"), active: authority(name, "active"),
          posting: authority(name, "posting"), memo_key: keyOf(name, "memo").createPublic("STM").toString(), json_metadata: "",
        }]);
        if (steem > 0) ops.push(["transfer_to_vesting", { from: "initminer", to: name, amount: `${steem}.000 STEEM` }]);
      }
      return send(ops, initminerKey);
    },
    async fastForward(seconds) {
      const props = await call("condenser_api.get_dynamic_global_properties", []);
      const target = new Date(Date.parse(`${props.time}Z`) + seconds * 1000).toISOString().slice(0, 19);
      await call("debug_node_api.debug_generate_blocks_until", { head_block_time: target, generate_sparsely: true });
      await waitForIndex();
    },
    async stop() {
      await kettle.stop();
      await pgDatabase?.drop();
    },
  };
  return network;
}

/** Block `blockNum`'s timestamp as the chain prints it (`2025-11-24T16:00:00`). */
export async function blockTime(net: SocialNetwork, blockNum: number): Promise<string> {
  return (await net.call("condenser_api.get_block", [blockNum])).timestamp;
}

/** The post's pending payout (dollars) that the chain reported with the last vote on it in `blockNum`. */
export async function pendingAfterVote(net: SocialNetwork, blockNum: number, author: string, permlink: string): Promise<number> {
  const ops = await net.call("condenser_api.get_ops_in_block", [blockNum, true]);
  const votes = ops.map((entry: any) => entry.op).filter(([type, value]: [string, any]) => type === "effective_comment_vote" && value.author === author && value.permlink === permlink);
  if (votes.length === 0) throw new Error(`no vote on @${author}/${permlink} in block ${blockNum}`);
  return Number.parseFloat(votes.at(-1)[1].pending_payout);
}

/**
 * Declares `body` as a suite on SQLite and again on PostgreSQL. `net()` is the suite's network (started
 * before its first test, stopped after its last).
 */
export function onBothDatabases(title: string, body: (net: () => SocialNetwork) => void, options: Omit<SocialNetworkOptions, "database"> = {}): void {
  for (const database of ["sqlite", "postgres"] as const) {
    describe(`${title} (${database === "sqlite" ? "SQLite" : "PostgreSQL"})`, () => {
      let network: SocialNetwork | null = null;
      before(async () => {
        network = await startSocialNetwork({ ...options, database });
      });
      after(async () => {
        await network?.stop();
      });
      body(() => {
        if (network === null) throw new Error("the network has not started");
        return network;
      });
    });
  }
}
