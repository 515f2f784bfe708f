// WebSocket subscriptions (kettle.subscribe): blocks, operations filtered by account and type, an account's
// notifications as the index holds them, unsubscribe, bad params, the per-connection cap and the slow-reader
// bound — on the producer with either database, and through a `kettle api` process on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Operation } from "dsteem";
import WebSocket from "ws";
import { type KettleProcess, startKettle } from "../helpers/kettle-process.ts";
import { type SocialNetwork, initminerKey, onBothDatabases, startSocialNetwork } from "../helpers/social-network.ts";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Pushed {
  readonly subscription: number;
  readonly result?: any;
  readonly error?: { code: number; message: string };
}

/** A JSON-RPC WebSocket client that keeps every pushed event by subscription. */
class Subscriber {
  private nextId = 1;
  private readonly answers = new Map<number, (message: any) => void>();
  readonly pushed: Pushed[] = [];
  private readonly waiters = new Set<() => void>();
  closeCode: number | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data));
      if (message.method === "kettle.event") this.pushed.push(message.params);
      else this.answers.get(message.id)?.(message);
      for (const wake of [...this.waiters]) wake();
    });
    socket.on("close", (code) => {
      this.closeCode = code;
      for (const wake of [...this.waiters]) wake();
    });
  }

  static async connect(url: string): Promise<Subscriber> {
    const socket = new WebSocket(url.replace("http://", "ws://"));
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    return new Subscriber(socket);
  }

  /** A call's whole answer ({result} or {error}). */
  request(method: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    });
  }

  async subscribe(params: unknown): Promise<number> {
    const answer = await this.request("kettle.subscribe", params);
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    return answer.result.subscription;
  }

  events(subscription: number): any[] {
    return this.pushed.filter((p) => p.subscription === subscription && "result" in p).map((p) => p.result);
  }

  /** Resolves once `ready()` holds (checked on every message), failing after `timeoutMs`. */
  until(ready: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!ready()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; pushed: ${JSON.stringify(this.pushed).slice(-1500)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}

const comment = (author: string, permlink: string, parent?: { author: string; permlink: string }): Operation => ["comment", {
  parent_author: parent?.author ?? "", parent_permlink: parent?.permlink ?? "kettle", author, permlink,
  title: parent === undefined ? `Post ${permlink}` : "", body: `Body of ${permlink}`, json_metadata: "{}",
}];

/** The chain's head block number. */
async function headBlock(net: SocialNetwork): Promise<number> {
  return (await net.call("condenser_api.get_dynamic_global_properties", [])).head_block_number;
}

/** The rows bridge.account_notifications gives for `account`, newest first. */
function bridgeNotifications(net: SocialNetwork, account: string): Promise<any[]> {
  return net.call("bridge.account_notifications", { account, min_score: 0, limit: 100 });
}

/** The subscription tests that hold wherever the socket is served (`url()`: the producer or an API process). */
function subscriptionSuite(net: () => SocialNetwork, url: () => string, names: { readonly poster: string; readonly replier: string; readonly third: string }): void {
  const { poster, replier, third } = names;

  test("blocks arrive in order, each as the chain has it", async () => {
    const client = await Subscriber.connect(url());
    try {
      const id = await client.subscribe({ topic: "blocks" });
      await client.until(() => client.events(id).length >= 3, "three blocks");
      const [first, second, third] = client.events(id);
      assert.equal(second.block_num, first.block_num + 1);
      assert.equal(third.block_num, second.block_num + 1);
      assert.equal(second.previous, first.block_id);
      assert.equal(third.previous, second.block_id);
      const block = await net().call("condenser_api.get_block", [second.block_num]);
      assert.deepEqual(second, {
        block_num: second.block_num, block_id: block.block_id, previous: block.previous, timestamp: block.timestamp, witness: block.witness,
        transaction_ids: block.transaction_ids,
      });
    } finally {
      client.close();
    }
  });

  test("operations are filtered by account and by type, in get_ops_in_block's shape", async () => {
    await net().createAccounts([poster, replier, third]);
    await net().send([["transfer", { from: "initminer", to: poster, amount: "1.000 STEEM", memo: "" }]], initminerKey, "active");
    const client = await Subscriber.connect(url());
    try {
      const posterTransfers = await client.subscribe({ topic: "operations", account: poster, types: ["transfer"] });
      const replierAll = await client.subscribe({ topic: "operations", account: replier });
      const transfers = await client.subscribe({ topic: "operations", types: ["transfer"] });
      const blocks = await client.subscribe({ topic: "blocks" });
      const transferOp: Operation = ["transfer", { from: poster, to: replier, amount: "0.001 STEEM", memo: "hello" }];
      // The poster's custom_json is an operation of the poster's but not a transfer; initminer's transfer is neither's.
      const other = await net().customJson(poster, "kettle-test", { hello: true });
      const blockNum = await net().send([transferOp], poster, "active");
      const otherBlock = await net().send([["transfer", { from: "initminer", to: "null", amount: "0.001 STEEM", memo: "elsewhere" }]], initminerKey, "active");
      await client.until(() => client.events(blocks).some((b) => b.block_num > otherBlock), "the block after the last transfer");

      const listed = (await net().call("condenser_api.get_ops_in_block", [blockNum, false])).filter((e: any) => e.op[0] === "transfer");
      assert.equal(listed.length, 1);
      const expected = { ...listed[0], impacted: [poster, replier] };
      assert.deepEqual(client.events(posterTransfers), [expected]);
      assert.deepEqual(client.events(replierAll), [expected]);
      assert.deepEqual(client.events(transfers).map((e) => [e.block, e.op[1].memo]), [[blockNum, "hello"], [otherBlock, "elsewhere"]]);
      assert.ok(other < blockNum);
    } finally {
      client.close();
    }
  });

  test("an account's new notifications are pushed as bridge.account_notifications lists them, until unsubscribed", async () => {
    const client = await Subscriber.connect(url());
    try {
      const mine = await client.subscribe({ topic: "notifications", account: poster, min_score: 0 });
      const theirs = await client.subscribe({ topic: "notifications", account: replier, min_score: 0 });
      const post = `${poster}-asks`;
      await net().send([comment(poster, post)], poster);
      await net().send([comment(replier, `re-${post}`, { author: poster, permlink: post })], replier);
      await client.until(() => client.events(mine).length >= 1, "the reply notification");
      const [row] = await bridgeNotifications(net(), poster);
      assert.equal(row.type, "reply");
      assert.deepEqual(client.events(mine), [row]);
      assert.match(row.msg, new RegExp(`@${replier} replied to your post`));
      assert.deepEqual(client.events(theirs), []);

      const answer = await client.request("kettle.unsubscribe", { subscription: mine });
      assert.deepEqual(answer.result, { unsubscribed: true });
      await net().send([comment(third, `re-${post}`, { author: poster, permlink: post })], third);
      const rows = await bridgeNotifications(net(), poster);
      assert.equal(rows[0].type, "reply");
      assert.match(rows[0].msg, new RegExp(`@${third} replied`));
      // The subscription to the replier still runs: wait for the index to pass another block through it.
      await net().waitForIndex((await headBlock(net())) + 1);
      await sleep(500);
      assert.deepEqual(client.events(mine), [row]);
    } finally {
      client.close();
    }
  });
}

onBothDatabases("kettle.subscribe on the producer", (net) => {
  subscriptionSuite(net, () => net().kettle.url, { poster: "subann", replier: "subben", third: "subcat" });

  test("bad subscription params are refused with clear errors", async () => {
    const client = await Subscriber.connect(net().kettle.url);
    try {
      const refusals: [unknown, RegExp][] = [
        [{ topic: "mempool" }, /topic must be one of blocks, operations, notifications/],
        [["blocks"], /takes an object/],
        [{ topic: "blocks", account: "alice" }, /blocks topic takes no "account" param/],
        [{ topic: "notifications" }, /needs an account/],
        [{ topic: "notifications", account: "Not An Account" }, /account must be a valid account name/],
        [{ topic: "notifications", account: "nobody-here" }, /account nobody-here does not exist/],
        [{ topic: "notifications", account: "alice", min_score: 101 }, /min_score must be an integer from 0 to 100/],
        [{ topic: "operations", types: "vote" }, /types must be a non-empty array/],
        [{ topic: "operations", types: [] }, /types must be a non-empty array/],
        [{ topic: "operations", types: ["vote", "teleport"] }, /"teleport" is not an operation name/],
        [{ topic: "operations", account: 7 }, /account must be a valid account name/],
      ];
      for (const [params, message] of refusals) {
        const answer = await client.request("kettle.subscribe", params);
        assert.equal(answer.error?.code, -32602, JSON.stringify(params));
        assert.match(answer.error.message, message);
      }
      for (const params of [{ subscription: 999 }, {}, [1]]) {
        const answer = await client.request("kettle.unsubscribe", params);
        assert.equal(answer.error?.code, -32602);
      }
      assert.equal(client.pushed.length, 0);
      // Over HTTP nothing can be pushed.
      const overHttp = await net().callError("kettle.subscribe", { topic: "blocks" });
      assert.match(overHttp.message, /needs a WebSocket connection/);
    } finally {
      client.close();
    }
  });

  test("one connection holds at most 64 subscriptions; closing it ends them", async () => {
    const client = await Subscriber.connect(net().kettle.url);
    const other = await Subscriber.connect(net().kettle.url);
    try {
      const ids = await Promise.all(Array.from({ length: 64 }, () => client.subscribe({ topic: "blocks" })));
      assert.equal(new Set(ids).size, 64);
      const refused = await client.request("kettle.subscribe", { topic: "blocks" });
      assert.match(refused.error.message, /at most 64 subscriptions/);
      // Another connection has its own allowance.
      const theirs = await other.subscribe({ topic: "blocks" });
      await other.until(() => other.events(theirs).length >= 1, "a block on the other connection");
      client.close();
      await client.until(() => client.closeCode !== null, "the close");
      const after = other.events(theirs).length;
      await other.until(() => other.events(theirs).length > after, "a block after the first connection closed");
    } finally {
      client.close();
      other.close();
    }
  });

  test("a connection that stops reading is closed (1013) instead of buffering without bound", async () => {
    const client = await Subscriber.connect(net().kettle.url);
    try {
      for (let i = 0; i < 64; i++) await client.subscribe({ topic: "operations", types: ["transfer"] });
      client.socket.pause();
      // 64 copies of each of 2,400 transfers: about 60 MB of events for a reader that reads nothing.
      const transfers = Array.from({ length: 400 }, (_, i): Operation => ["transfer", { from: "initminer", to: "null", amount: "0.001 STEEM", memo: `slow ${i}` }]);
      for (let round = 0; round < 6; round++) await net().send(transfers, initminerKey, "active");
      client.socket.resume();
      await client.until(() => client.closeCode !== null, "the server to close the connection");
      assert.equal(client.closeCode, 1013);
      assert.ok(client.pushed.length < 64 * 2400, `${client.pushed.length} events arrived`);
      // The producer is unharmed.
      assert.ok((await headBlock(net())) > 0);
    } finally {
      client.close();
    }
  });
});

describe("kettle.subscribe through a kettle api process (PostgreSQL)", () => {
  let network: SocialNetwork | null = null;
  let api: KettleProcess | null = null;
  const net = () => network as SocialNetwork;

  before(async () => {
    network = await startSocialNetwork({ database: "postgres" });
    api = await startKettle({ args: ["api", "--db", net().databaseUrl as string, "--producer", net().kettle.url, "--port", "0", "--quiet"] });
  });
  after(async () => {
    await api?.stop();
    await network?.stop();
  });

  subscriptionSuite(net, () => (api as KettleProcess).url, { poster: "relayann", replier: "relayben", third: "relaycat" });

  test("when the producer goes away, relayed subscriptions end with an error and new ones are refused", async () => {
    const client = await Subscriber.connect((api as KettleProcess).url);
    try {
      const blocks = await client.subscribe({ topic: "blocks" });
      const notes = await client.subscribe({ topic: "notifications", account: "relayann" });
      await net().kettle.stop();
      await client.until(() => client.pushed.some((p) => p.subscription === blocks && p.error !== undefined), "the end of the blocks subscription");
      const ended = client.pushed.find((p) => p.error !== undefined) as Pushed;
      assert.match(ended.error?.message ?? "", /subscription_ended: the connection to the producer was lost/);
      assert.ok(!client.pushed.some((p) => p.subscription === notes && p.error !== undefined), "notifications come from PostgreSQL and go on");
      const refused = await client.request("kettle.subscribe", { topic: "operations" });
      assert.match(refused.error.message, /producer_unavailable/);
      // The notifications subscription is still there to end.
      assert.deepEqual((await client.request("kettle.unsubscribe", { subscription: notes })).result, { unsubscribed: true });
    } finally {
      client.close();
    }
  });
});
