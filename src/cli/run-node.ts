/**
 * The composition root of a running node: reads the configuration, opens the data directory, starts the
 * producer, the signature workers and the JSON-RPC server, and shuts them down in order.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createMethodTable } from "../api/methods/index.ts";
import type { ApiContext, DebugPort, NodePort } from "../api/ports.ts";
import { tableRouter } from "../api/rpc/dispatch.ts";
import { type ApiServer, createApiServer } from "../api/server.ts";
import { SubscriptionHub } from "../api/subscriptions.ts";
import { IndexNotificationSource } from "../api/subscriptions-notifications.ts";
import { hexToBytes } from "../stdx/bytes.ts";
import { type PrivateKey, decodeWif, encodeWif, getPublicKey } from "../core/crypto/keys.ts";
import { ChainError } from "../core/errors.ts";
import { initMinerName } from "../core/protocol/config.ts";
import { ChainNode } from "../node/chain-node.ts";
import { startHeapGovernor } from "../node/heap-governor.ts";
import { assertNativeSecp256k1Loaded, nativeSecp256k1 } from "../node/native-secp256k1.ts";
import { createSignatureVerifier } from "../node/signature-verifier.ts";
import { genesisAccountNames } from "../core/chain/genesis.ts";
import type { IndexDatabase } from "../index/db/database.ts";
import { Projector } from "../index/projector.ts";
import { ConfigError, type NodeConfig } from "./config.ts";
import { createDefaultGenesis, readGenesisFile, writeGenesisFile } from "./genesis-file.ts";
import { createRegistrar, readRegistrarKey } from "./registrar.ts";
import { type Site, createSite } from "../web/site.ts";
import { NodeChainEvents } from "./api-node-events.ts";
import { IndexFollower, openIndexDatabase, toProjectedBlock } from "./index-sync.ts";

/** The well-known Steem testnet init key (sha256("init_key")): initminer's key in dev mode only. */
export const devInitWif = "5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n";

export interface RunningNode {
  readonly node: ChainNode;
  /** The social index and the follower keeping it at the chain's head. */
  readonly index: { readonly db: IndexDatabase; readonly follower: IndexFollower };
  readonly server: ApiServer;
  readonly url: string;
  readonly context: ApiContext;
  readonly site: Site;
  close(): Promise<void>;
}

function loadProducerSecret(config: NodeConfig): PrivateKey {
  if (config.command === "dev") return decodeWif(devInitWif)!;
  const path = join(config.dataDir, "producer.wif");
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, `${encodeWif(new Uint8Array(randomBytes(32)))}\n`, { mode: 0o600 });
  }
  const secret = decodeWif(readFileSync(path, "utf8").trim());
  if (secret === null) throw new ConfigError(`${path} does not hold a valid WIF key`);
  return secret;
}

/** Opens (or creates) the chain in the data directory and serves it. */
export async function runNode(config: NodeConfig, clock: () => number = Date.now): Promise<RunningNode> {
  assertNativeSecp256k1Loaded();
  if (config.reset) rmSync(config.dataDir, { recursive: true, force: true });
  const secret = loadProducerSecret(config);
  const initPublicKey = getPublicKey(nativeSecp256k1, secret);
  const chainIntervalSeconds = Math.max(1, Math.round(config.blockIntervalSeconds));
  let genesisFile = readGenesisFile(config.dataDir);
  if (genesisFile === null) {
    const time = Math.floor(clock() / 1000 / chainIntervalSeconds) * chainIntervalSeconds - chainIntervalSeconds;
    genesisFile = { chainIdHex: config.chainIdHex, blockIntervalSeconds: chainIntervalSeconds, genesis: createDefaultGenesis(time, initPublicKey, config.maximumBlockSize) };
    writeGenesisFile(config.dataDir, genesisFile);
  } else if (genesisFile.chainIdHex !== config.chainIdHex) {
    throw new ConfigError(`${config.dataDir} holds a chain with id ${genesisFile.chainIdHex}, not ${config.chainIdHex}: pass --reset to start over`);
  }
  const verifier = config.verifyWorkers > 0 ? createSignatureVerifier({ workers: config.verifyWorkers }) : null;
  const chainId = hexToBytes(genesisFile.chainIdHex);
  const node = ChainNode.open({
    dataDir: config.dataDir,
    genesis: genesisFile.genesis,
    chainId,
    blockIntervalSeconds: genesisFile.blockIntervalSeconds,
    productionPeriodMs: Math.round(config.blockIntervalSeconds * 1000),
    snapshotEveryBlocks: config.snapshotEveryBlocks,
    producer: { name: initMinerName, secret },
    secp: nativeSecp256k1,
    recoverKeys: verifier === null ? undefined : async (digest, signatures) => {
      const [result] = await verifier.recoverKeys([{ digest, signatures }]);
      if (!Array.isArray(result)) throw new ChainError(result.code as never, result.message);
      return result;
    },
    now: clock,
  });
  const port: NodePort = {
    get state() {
      return node.state;
    },
    history: node.history,
    chainId,
    blockIntervalSeconds: genesisFile.blockIntervalSeconds,
    producerPublicKey: initPublicKey,
    submit: (tx) => node.submit(tx),
    waitForInclusion: (id) => node.waitForInclusion(id),
    getBlock: (num) => node.getBlock(num),
    getVirtualOperations: (num) => node.getVirtualOperations(num),
    onBlock: (listener) => node.onBlock(listener),
  };
  const indexDb = await openIndexDatabase(config.dataDir, config.indexDbUrl);
  const projector = await Projector.open(indexDb, { time: genesisFile.genesis.time, names: genesisAccountNames });
  const follower = new IndexFollower(projector, {
    head: () => node.state.props.value.head_block_number,
    block: (num) => toProjectedBlock(num, node.getBlock(num)!, node.getVirtualOperations(num)),
  }, (error) => console.error(`kettle: the social index stopped following the chain: ${error.message}`));
  const reportSubscriberError = (error: Error) => console.error(`kettle: subscriptions: ${error.message}`);
  const notifications = new IndexNotificationSource(indexDb, { pollMs: null, onError: reportSubscriberError });
  // Subscribers hear of new notifications once the index has caught up with the block that made them.
  node.onBlock(() => void follower.poke().then(() => notifications.check(), () => undefined));
  await follower.poke();
  const debug: DebugPort | null = config.debugApi ? createDebugPort(node) : null;
  const context: ApiContext = { node: port, index: { db: indexDb }, debug, addressPrefix: "STM" };
  const subscriptions = new SubscriptionHub({ chain: new NodeChainEvents(context, reportSubscriberError), notifications });
  const router = tableRouter(context, createMethodTable());
  const registrar = config.registrar === undefined ? undefined
    : createRegistrar(port, nativeSecp256k1, config.registrar, config.command === "dev" && config.registrar === initMinerName ? secret : readRegistrarKey(config.dataDir));
  const site = createSite({
    router, dataDir: config.dataDir, secp: nativeSecp256k1, registrar,
    signupLimits: { perAddressMax: config.signupsPerHour, windowSeconds: 3600 },
  });
  // JSON-RPC answers at once; pages wait for the scripts, and say so if they cannot be built.
  site.ready.catch((error: Error) => console.error(`kettle: the web site's scripts could not be built: ${error.message}`));
  const server = createApiServer({
    router, subscriptions,
    status: async () => ({ name: "kettle", head_block_number: node.state.props.value.head_block_number }),
    handlePage: site.app.handleGet,
    handlePost: site.app.handlePost,
  });
  await new Promise<void>((resolve, reject) => {
    server.http.once("error", reject);
    server.http.listen(config.port, config.host, () => resolve());
  });
  const address = server.http.address();
  const actualPort = typeof address === "object" && address !== null ? address.port : config.port;
  node.start();
  const governor = startHeapGovernor();
  let closing: Promise<void> | null = null;
  return {
    node, server, context, site, url: `http://${config.host}:${actualPort}`, index: { db: indexDb, follower },
    close: () => (closing ??= (async () => {
      governor.stop();
      notifications.close();
      await server.close();
      await site.close();
      // The last blocks reach the index before the node's files close.
      node.stopProducing();
      await follower.poke().catch(() => undefined);
      await follower.stop();
      node.close();
      await indexDb.close();
      await verifier?.close();
    })()),
  };
}

function createDebugPort(node: ChainNode): DebugPort {
  return {
    generateBlocks: (count) => node.generateBlocks(count),
    generateBlocksUntil: (target, sparse) => {
      const props = node.state.props.value;
      const interval = node.options.blockIntervalSeconds;
      if (target <= props.time) return 0;
      if (sparse) {
        const skip = Math.max(0, Math.floor((target - props.time) / interval) * interval - interval);
        return node.generateBlocks(1, skip);
      }
      return node.generateBlocks(Math.floor((target - props.time) / interval));
    },
  };
}
