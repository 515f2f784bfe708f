// Scale-out: one producer writes the index to PostgreSQL and two `kettle api` processes serve it. A post
// broadcast through one API process is read back through the other; chain reads, broadcasts and errors are
// forwarded to the producer and come back unchanged with the client's id; index reads go on without it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client } from "dsteem";
import { type KettleProcess, startKettle } from "../helpers/kettle-process.ts";
import { type TestDatabase, createTestDatabase } from "../helpers/postgres.ts";
import { keyOf } from "../helpers/social-network.ts";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A raw JSON-RPC POST: the response text as it came. */
async function postText(url: string, body: unknown): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return response.text();
}

const request = (id: unknown, method: string, params: unknown) => ({ jsonrpc: "2.0", id, method, params });

function apiArgs(databaseUrl: string, producerUrl: string): string[] {
  return ["api", "--db", databaseUrl, "--producer", producerUrl, "--port", "0", "--quiet"];
}

/** Waits until the process's index holds block `blockNum`. */
async function waitForIndex(process: KettleProcess, blockNum: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await process.rpc("hive.db_head_state", {})).db_head_block >= blockNum) return;
    await sleep(20);
  }
  throw new Error(`${process.url} did not index block ${blockNum}`);
}

describe("kettle api: one producer and two API processes on one PostgreSQL", () => {
  let database: TestDatabase;
  let producer: KettleProcess;
  let first: KettleProcess;
  let second: KettleProcess;

  before(async () => {
    database = await createTestDatabase();
    producer = await startKettle({ demo: true, blockInterval: 0.25, extraArgs: ["--db", database.url] });
    [first, second] = await Promise.all([startKettle({ args: apiArgs(database.url, producer.url) }), startKettle({ args: apiArgs(database.url, producer.url) })]);
  });
  after(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await producer?.stop();
    await database?.drop();
  });

  test("a post broadcast through one API process is read back through the other", async () => {
    const client = new Client(first.url, { timeout: 30_000 });
    const permlink = "scaling-out";
    const confirmation = await client.broadcast.comment({
      parent_author: "", parent_permlink: "kettle", author: "bob", permlink, title: "Scaling out", body: "Written through one API process.", json_metadata: "{}",
    }, keyOf("bob"));
    assert.ok(confirmation.block_num > 0);
    // The producer included it: its own chain read agrees.
    const content = await producer.rpc("condenser_api.get_content", ["bob", permlink]);
    assert.equal(content.title, "Scaling out");

    await waitForIndex(second, confirmation.block_num);
    const post = await second.rpc("bridge.get_post", { author: "bob", permlink });
    assert.equal(post.author, "bob");
    assert.equal(post.permlink, permlink);
    assert.equal(post.title, "Scaling out");
    assert.equal(post.body, "Written through one API process.");
    const created = await second.rpc("bridge.get_ranked_posts", { sort: "created", limit: 1 });
    assert.deepEqual(created.map((p: any) => `${p.author}/${p.permlink}`), [`bob/${permlink}`]);
    // Both API processes read the same index.
    assert.deepEqual(await first.rpc("bridge.get_post", { author: "bob", permlink }), post);
  });

  test("chain reads and errors are forwarded, answered exactly as the producer answers, with the client's id", async () => {
    const calls = [
      request("block-1", "condenser_api.get_block", [1]),
      request(7, "call", ["database_api", "get_accounts", [["alice"]]]),
      request("bad", "condenser_api.get_block", ["one"]),
      request(8, "no_such_api.no_such_method", {}),
    ];
    for (const call of calls) assert.equal(await postText(first.url, call), await postText(producer.url, call), JSON.stringify(call));
    const head = JSON.parse(await postText(second.url, request("dgp", "condenser_api.get_dynamic_global_properties", [])));
    assert.equal(head.id, "dgp");
    assert.ok(head.result.head_block_number > 0);
    // get_state reads the chain's accounts beside the index: the producer answers it.
    const state = await second.rpc("condenser_api.get_state", ["/@alice"]);
    assert.equal(state.accounts.alice.name, "alice");
    assert.ok(state.props.head_block_number > 0);
  });

  test("a batch mixes calls served from PostgreSQL with forwarded ones, in order", async () => {
    const batch = [
      request(1, "hive.db_head_state", {}),
      request(2, "condenser_api.get_block_header", [1]),
      request("three", "bridge.get_post", { author: "bob" }),
      request(4, "condenser_api.get_block", ["one"]),
      { jsonrpc: "1.0", id: 5, method: "hive.db_head_state" },
      request(null, "condenser_api.get_config", []),
    ];
    const answers = JSON.parse(await postText(second.url, batch));
    assert.deepEqual(answers.map((a: any) => a.id), [1, 2, "three", 4, 5, null]);
    assert.ok(answers[0].result.db_head_block > 0);
    assert.deepEqual(answers[1], JSON.parse(await postText(producer.url, batch[1])));
    assert.equal(answers[2].error.code, -32602);
    assert.deepEqual(answers[3], JSON.parse(await postText(producer.url, batch[3])));
    assert.match(answers[4].error.message, /jsonrpc must be "2.0"/);
    assert.deepEqual(answers[5], JSON.parse(await postText(producer.url, batch[5])));
    // GET / asking for JSON tells an API process from the node; asking for a page, it serves the site.
    const status = await (await fetch(second.url, { headers: { accept: "application/json" } })).json();
    assert.equal(status.role, "api");
    const page = await fetch(`${second.url}/@alice`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /The Battle for Aleppo/, "the API process renders pages from its own index");
    // Images live with the producer: the API process hands their routes on.
    const [, imagePath] = /src="(\/p\/[^"]+)"/.exec(await (await fetch(`${second.url}/`)).text()) ?? [];
    assert.ok(imagePath !== undefined, "the front page shows the seed post's image");
    const image = await fetch(`${second.url}${imagePath.replace(/&amp;/g, "&")}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get("content-type"), "image/jpeg");
    assert.ok(status.index_head_block > 0);
  });

  test("--db must be the producer's PostgreSQL index, and --producer an http URL", async () => {
    const refusals: [string[], RegExp][] = [
      [["api", "--db", "{data}/index.sqlite", "--producer", producer.url], /needs a postgres:\/\/ URL for --db.*only PostgreSQL can be shared/],
      [["api", "--producer", producer.url], /needs --db postgres:\/\//],
      [["api", "--db", database.url], /needs --producer http:\/\/HOST:PORT/],
      [["api", "--db", database.url, "--producer", "ftp://example.com"], /--producer must be an http:\/\/ or https:\/\/ URL/],
      [["api", "--db", database.url, "--producer", producer.url, "--data", "x"], /unknown option --data/],
    ];
    for (const [args, message] of refusals) {
      await assert.rejects(startKettle({ args }), (error: Error) => message.test(error.message), args.join(" "));
    }
    const empty = await createTestDatabase();
    try {
      await assert.rejects(startKettle({ args: apiArgs(empty.url, producer.url) }), /holds no index yet: start the producer/);
    } finally {
      await empty.drop();
    }
  });

  test("without the producer, index reads go on and forwarded calls fail with a clear error", async () => {
    const post = await second.rpc("bridge.get_post", { author: "bob", permlink: "scaling-out" });
    await producer.stop();
    assert.deepEqual(await second.rpc("bridge.get_post", { author: "bob", permlink: "scaling-out" }), post);
    const answer = JSON.parse(await postText(second.url, request("after", "condenser_api.get_dynamic_global_properties", [])));
    assert.equal(answer.id, "after");
    assert.equal(answer.error.code, -32000);
    assert.match(answer.error.message, /producer_unavailable: the producer at http:\/\/127\.0\.0\.1:\d+ is unavailable/);
  });
});
