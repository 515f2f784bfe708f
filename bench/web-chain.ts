/**
 * The chain behind `bench:web`'s site, run as its own process as a producer is for a `kettle api` process:
 *
 *   node --import tsx bench/web-chain.ts [OBSERVER,…]
 *
 * A small dev chain node in a temporary directory (its JSON-RPC on a free port), which answers the chain
 * methods the site's pages forward to it (global properties, price, reward fund, account look-ups for the
 * reader's cookie). The observer accounts — names the index holds — are created on it, so readers with
 * their cookie are known to the site as on a real network. It prints `chain on http://127.0.0.1:PORT` when
 * ready and removes its directory on SIGTERM.
 *
 * Not in the site's process: the node keeps its own heap small with forced full collections
 * (src/node/heap-governor.ts), which in the site's process collected the site's heap — 230–260 ms pauses
 * every few seconds under page load (bench:web).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NodePort } from "../src/api/ports.ts";
import { createNodeConfig } from "../src/cli/config.ts";
import { createRegistrar } from "../src/cli/registrar.ts";
import { devInitWif, runNode } from "../src/cli/run-node.ts";
import { decodeWif, getPublicKey } from "../src/core/crypto/keys.ts";
import { nativeSecp256k1 } from "../src/node/native-secp256k1.ts";

/** Creates the readers' accounts (initminer pays), all in the next block. */
async function createObservers(node: NodePort, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const secret = decodeWif(devInitWif)!;
  const key = getPublicKey(nativeSecp256k1, secret);
  const registrar = createRegistrar(node, nativeSecp256k1, "initminer", secret);
  await Promise.all(names.map((name) => registrar.createAccount(name, { owner: key, active: key, posting: key, memo: key })));
}

const dataDir = mkdtempSync(join(tmpdir(), "kettle-bench-web-chain-"));
// No signature workers: the chain only answers a few reads and creates the observers.
const chain = await runNode(createNodeConfig("dev", ["--no-demo", "--host", "127.0.0.1", "--port", "0", "--data", dataDir, "--quiet", "--verify-workers", "0"]));
await createObservers(chain.context.node, (process.argv[2] ?? "").split(",").filter((name) => name !== ""));
process.once("SIGTERM", () => {
  chain
    .close()
    .catch((error: unknown) => process.stderr.write(`closing the chain: ${String(error)}\n`))
    .finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
});
process.stdout.write(`chain on ${chain.url}\n`);
