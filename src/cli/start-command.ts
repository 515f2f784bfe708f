/** `kettle dev`, `kettle start` and `kettle api`: run until SIGINT/SIGTERM, printing what a newcomer needs. */
import { decodeWif } from "../core/crypto/keys.ts";
import { nativeSecp256k1 } from "../node/native-secp256k1.ts";
import type { ApiConfig, NodeConfig } from "./config.ts";
import { createDemoContent, demoAccounts } from "./demo.ts";
import { seedCommunity } from "./seed-post.ts";
import { runApi } from "./run-api.ts";
import { devInitWif, runNode } from "./run-node.ts";

export async function startNodeCommand(config: NodeConfig): Promise<void> {
  const running = await runNode(config);
  const props = running.node.state.props.value;
  const log = (line: string) => {
    if (!config.quiet) console.log(line);
  };
  log(`Kettle ${config.command} node: chain id ${config.chainIdHex}, data ${config.dataDir}`);
  log(`Head block ${props.head_block_number}; a block every ${config.blockIntervalSeconds} s`);
  if (config.demo) {
    await createDemoContent(running.node, nativeSecp256k1, decodeWif(devInitWif)!, running.site.images.store);
    log("\nDemo accounts (name / master password; keys derive as steem-js, dsteem and dhive do):");
    for (const account of demoAccounts) log(`  ${account.name.padEnd(8)} ${account.password}`);
    log(`  ${seedCommunity.name} ${seedCommunity.password} (the "${seedCommunity.title}" community's own account)`);
    log(`  initminer  WIF ${devInitWif} (owner, active, posting)`);
  }
  if (!config.quiet) console.log(`\nThe site: open ${running.url}/ in a browser.`);
  serveUntilSignal(running);
}

/** Runs `kettle api` until SIGINT/SIGTERM. */
export async function startApiCommand(config: ApiConfig): Promise<void> {
  const running = await runApi(config);
  if (!config.quiet) console.log(`Kettle API process: index on PostgreSQL, forwarding to the producer at ${config.producerUrl.origin}`);
  serveUntilSignal(running);
}

/** Prints the readiness line tests and scripts wait for, and closes `running` on SIGINT/SIGTERM. */
function serveUntilSignal(running: { readonly url: string; close(): Promise<void> }): void {
  console.log(`Kettle JSON-RPC listening on ${running.url}`);
  const stop = () => {
    running.close().then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
