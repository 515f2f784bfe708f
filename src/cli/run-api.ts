/**
 * `kettle api`: a read-only API process for scale-out. It serves the index-backed methods (bridge, hive,
 * search-api, and the social condenser/follow/tags methods) from the producer's PostgreSQL index, never
 * writing to it, and forwards every other call (chain reads, broadcasts) to the producer, whose answer
 * goes back unchanged. Subscriptions work too: chain events are relayed from the producer, notifications
 * read from PostgreSQL as the index advances. Any number of these may run against one database.
 */
import type { IndexContext } from "../api/ports.ts";
import { tableRouter } from "../api/rpc/dispatch.ts";
import { type ApiServer, createApiServer } from "../api/server.ts";
import { createIndexMethodTable } from "../api/social/methods.ts";
import { SubscriptionHub } from "../api/subscriptions.ts";
import { IndexNotificationSource } from "../api/subscriptions-notifications.ts";
import { PostgresIndexDatabase } from "../index/db/postgres.ts";
import { indexSchemaVersion } from "../index/schema.ts";
import { ProducerClient, ProducerEventRelay } from "./api-producer.ts";
import { type ApiConfig, ConfigError } from "./config.ts";
import { createForwardingSite } from "../web/site.ts";

/** How often an API process looks for newly indexed blocks while someone waits for notifications. */
const notificationPollMs = 200;

export interface RunningApi {
  readonly server: ApiServer;
  readonly url: string;
  close(): Promise<void>;
}

/** Opens the index and checks that a producer has built it with this version's schema. */
async function openSharedIndex(url: string): Promise<PostgresIndexDatabase> {
  let db: PostgresIndexDatabase;
  try {
    db = await PostgresIndexDatabase.open({ url });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  let state: { schema_version: number } | undefined;
  try {
    state = await db.get<{ schema_version: number }>("SELECT schema_version FROM index_state WHERE id = 1");
  } catch {
    state = undefined;
  }
  const problem = state === undefined
    ? "it holds no index yet: start the producer (kettle dev|start --db with this URL) first"
    : state.schema_version !== indexSchemaVersion
      ? `its index has schema version ${state.schema_version}, this Kettle reads version ${indexSchemaVersion}: run the producer's version`
      : null;
  if (problem !== null) {
    await db.close();
    throw new ConfigError(`--db: ${problem}`);
  }
  return db;
}

export async function runApi(config: ApiConfig): Promise<RunningApi> {
  const db = await openSharedIndex(config.indexDbUrl);
  const producer = new ProducerClient(config.producerUrl);
  const relay = new ProducerEventRelay(config.producerUrl);
  const notifications = new IndexNotificationSource(db, {
    pollMs: notificationPollMs,
    onError: (error) => console.error(`kettle api: notifications: ${error.message}`),
  });
  const context: IndexContext = { index: { db }, addressPrefix: "STM" };
  const router = tableRouter(context, createIndexMethodTable(), producer.forward);
  const site = createForwardingSite({ router, producer: config.producerUrl });
  site.ready.catch((error: Error) => console.error(`kettle api: the web site's scripts could not be built: ${error.message}`));
  const server = createApiServer({
    router,
    handlePage: site.app.handleGet,
    handlePost: site.app.handlePost,
    subscriptions: new SubscriptionHub({ chain: relay, notifications }),
    status: async () => {
      const state = await db.get<{ block_num: number }>("SELECT block_num FROM index_state WHERE id = 1");
      return { name: "kettle", role: "api", producer: config.producerUrl.origin, index_head_block: state?.block_num ?? 0 };
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.http.once("error", reject);
      server.http.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await db.close();
    producer.close();
    throw error;
  }
  const address = server.http.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  let closing: Promise<void> | null = null;
  return {
    server, url: `http://${config.host}:${port}`,
    close: () => (closing ??= (async () => {
      notifications.close();
      relay.close();
      await server.close();
      producer.close();
      await db.close();
    })()),
  };
}
