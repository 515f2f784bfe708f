/** `kettle` commands: dev, start, api, replay, reindex, keys. The only place that reads process arguments. */
import { createApiConfig, createNodeConfig, ConfigError } from "./config.ts";
import { runKeysCommand } from "./keys-command.ts";
import { runReindexCommand } from "./index-sync.ts";
import { runReplayCommand } from "./replay-command.ts";
import { startApiCommand, startNodeCommand } from "./start-command.ts";

const usage = `Usage:
  kettle dev   [--host H] [--port P] [--data DIR] [--block-interval S] [--chain-id HEX] [--no-demo] [--reset]
  kettle start --config FILE [--host H] [--port P] [--data DIR]
  kettle api   --db postgres://… --producer http://HOST:PORT [--host H] [--port P (default 8091)] [--quiet]
  kettle replay [--data DIR]
  kettle reindex [--data DIR] [--db postgres://…]
  kettle keys derive NAME PASSWORD | keys generate NAME | keys public WIF
Index (dev and start): [--db postgres://…] (default: SQLite in the data directory)
Tuning (dev and start): [--max-block-size BYTES] [--verify-workers N] [--snapshot-every BLOCKS] [--quiet]
Sign-up (dev and start): [--registrar NAME (initminer in dev; its WIF in DATA/registrar.wif otherwise)] [--signups-per-hour N]`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "dev":
    case "start":
      await startNodeCommand(createNodeConfig(command, rest));
      return -1;
    case "api":
      await startApiCommand(createApiConfig(rest));
      return -1;
    case "replay":
      return runReplayCommand(rest);
    case "reindex":
      return runReindexCommand(rest);
    case "keys":
      return runKeysCommand(rest);
    default:
      console.log(usage);
      return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    if (error instanceof ConfigError) console.error(`kettle: ${error.message}`);
    else console.error(error);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
