// Checks the producer: transactions that overflow a full block wait and go into the next blocks in order, each answered once durable, and a reopened node rebuilds the same state.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getStateHash } from "../core/chain/state-snapshot.ts";
import { decodeWif, getPublicKey } from "../core/crypto/keys.ts";
import { ChainError } from "../core/errors.ts";
import type { Operation } from "../core/protocol/operation-schemas.ts";
import { signTransaction } from "../core/protocol/transaction.ts";
import { ChainNode, type ChainNodeOptions } from "./chain-node.ts";
import { nativeSecp256k1 as secp } from "./native-secp256k1.ts";

const initSecret = decodeWif("5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n")!;

function options(dataDir: string): ChainNodeOptions {
  return {
    dataDir,
    genesis: { time: 1_700_000_000, initPublicKey: getPublicKey(secp, initSecret), initLiquidSteem: 1_000_000n, initVestingSteem: 1_000_000n, vestsPerSteem: 2_000_000n, accountCreationFee: 3_000n, maximumBlockSize: 2048 },
    chainId: new Uint8Array(32),
    blockIntervalSeconds: 3,
    productionPeriodMs: 3000,
    producer: { name: "initminer", secret: initSecret },
    secp,
    now: () => 1_700_000_000_000,
  };
}

function transfer(node: ChainNode, memo: string) {
  const props = node.state.props.value;
  const id = props.head_block_id;
  const op: Operation = { type: "transfer", value: { from: "initminer", to: "null", amount: { amount: 1n, symbol: "STEEM" }, memo } };
  return signTransaction(secp, {
    ref_block_num: props.head_block_number & 0xffff,
    ref_block_prefix: (id[4] | (id[5] << 8) | (id[6] << 16) | (id[7] << 24)) >>> 0,
    expiration: props.time + 600, operations: [op], extensions: [],
  }, new Uint8Array(32), [initSecret]);
}

test("overflowing transactions wait for later blocks, in order, and replay to the same state", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "kettle-node-"));
  try {
    const node = ChainNode.open(options(dataDir));
    const memo = "x".repeat(300);
    const submitted = Array.from({ length: 12 }, (_, i) => node.submit(transfer(node, `${i} ${memo}`)));
    const inclusions = submitted.map((p) => p.then((id) => node.waitForInclusion(id)));
    let settled = false;
    Promise.all(inclusions).then(() => (settled = true));
    for (let blocks = 0; blocks < 10 && !settled; blocks++) {
      await new Promise((r) => setImmediate(r));
      node.produceBlock();
      await new Promise((r) => setImmediate(r));
    }
    const all = await Promise.all(inclusions);
    assert.equal(all.length, 12);
    for (let i = 1; i < all.length; i++) {
      assert.ok(all[i].block_num > all[i - 1].block_num || (all[i].block_num === all[i - 1].block_num && all[i].trx_num > all[i - 1].trx_num), "arrival order is kept");
    }
    assert.ok(all[all.length - 1].block_num > all[0].block_num, "the transactions spread over several blocks");
    await assert.rejects(node.submit(transfer(node, "y".repeat(2000))), (e: unknown) => e instanceof ChainError && e.code === "transaction_too_large");
    const hash = getStateHash(node.state);
    node.close();
    const reopened = ChainNode.open(options(dataDir));
    assert.equal(getStateHash(reopened.state), hash);
    reopened.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
