// Checks JSON-RPC over WebSocket: answers carry the request id, and one socket may have at most 256 requests waiting before further ones are refused with node_busy.
import assert from "node:assert/strict";
import { test } from "node:test";
import WebSocket from "ws";
import { decodeWif } from "../src/core/crypto/keys.ts";
import { chainRefFromProps, signLegacy } from "./helpers/durability-client.ts";
import { startKettle } from "./helpers/kettle-process.ts";

const initSecret = decodeWif("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n")!;

test("a WebSocket client is served, and bounded", async () => {
  const node = await startKettle({ blockInterval: 3 });
  const socket = new WebSocket(node.url.replace("http://", "ws://"));
  try {
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    const answers: any[] = [];
    const waiting = new Set<(message: any) => void>();
    socket.on("message", (data) => {
      const message = JSON.parse(String(data));
      answers.push(message);
      for (const notify of waiting) notify(message);
    });
    const until = (count: number) => new Promise<void>((resolve) => {
      const check = () => {
        if (answers.length >= count) {
          waiting.delete(check);
          resolve();
        }
      };
      waiting.add(check);
      check();
    });
    socket.send(JSON.stringify({ jsonrpc: "2.0", id: "dgp", method: "condenser_api.get_dynamic_global_properties", params: [] }));
    await until(1);
    const props = answers[0].result;
    assert.equal(answers[0].id, "dgp");
    assert.equal(typeof props.head_block_number, "number");
    // 300 synchronous broadcasts all wait for the next block; the socket holds at most 256 of them.
    const ref = chainRefFromProps(props);
    for (let i = 0; i < 300; i++) {
      const { trx } = signLegacy([{ type: "transfer", value: { from: "initminer", to: "null", amount: { amount: 1n, symbol: "STEEM" }, memo: `ws ${i}` } }], [initSecret], ref);
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: i, method: "condenser_api.broadcast_transaction_synchronous", params: [trx] }));
    }
    await until(301);
    const included = answers.filter((m) => m.result?.block_num > 0);
    const refused = answers.filter((m) => m.id === null && /node_busy/.test(m.error?.message));
    assert.equal(included.length, 256);
    assert.equal(refused.length, 44);
    // Every included answer carries the id of the request it answers.
    assert.deepEqual(new Set(included.map((m) => m.id)).size, 256);
  } finally {
    socket.close();
    await node.stop();
  }
});
