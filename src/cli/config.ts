/**
 * Command-line configuration: one schema, validated once and frozen. Nothing else in Kettle reads
 * process arguments or the environment.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { hexToBytesOrNull } from "../stdx/bytes.ts";

export interface NodeConfig {
  readonly command: "dev" | "start";
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly blockIntervalSeconds: number;
  readonly chainIdHex: string;
  readonly demo: boolean;
  readonly reset: boolean;
  readonly debugApi: boolean;
  readonly verifyWorkers: number;
  readonly maximumBlockSize: number;
  /** A state snapshot is written every this many blocks (and at shutdown). */
  readonly snapshotEveryBlocks: number;
  readonly quiet: boolean;
  /** The social index's PostgreSQL URL; absent for the embedded SQLite index in the data directory. */
  readonly indexDbUrl: string | undefined;
  /** The account that creates sign-ups (initminer in dev); absent: sign-up is closed. Its WIF is `<data>/registrar.wif` outside dev. */
  readonly registrar: string | undefined;
  /** Sign-ups one address may make per hour. */
  readonly signupsPerHour: number;
}

/** `kettle api`: a read-only API process over the PostgreSQL index, forwarding the rest to the producer. */
export interface ApiConfig {
  readonly host: string;
  readonly port: number;
  /** The index's PostgreSQL URL (the producer's `--db`). */
  readonly indexDbUrl: string;
  /** The producer's JSON-RPC URL (http or https). */
  readonly producerUrl: URL;
  readonly quiet: boolean;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

const defaults = {
  host: "127.0.0.1",
  port: 8090,
  apiPort: 8091,
  blockIntervalSeconds: 3,
  chainIdHex: "0".repeat(64),
  verifyWorkers: 2,
  maximumBlockSize: 65536,
  snapshotEveryBlocks: 1200,
};

/** Flags that take a value, and the boolean flags. */
const valueFlags = new Set(["host", "port", "data", "block-interval", "chain-id", "config", "verify-workers", "max-block-size", "snapshot-every", "db", "registrar", "signups-per-hour"]);
const booleanFlags = new Set(["no-demo", "reset", "quiet"]);
const apiValueFlags = new Set(["host", "port", "db", "producer"]);
const apiBooleanFlags = new Set(["quiet"]);

export function parseFlags(args: readonly string[], accepted = { value: valueFlags, boolean: booleanFlags }): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) throw new ConfigError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split("=", 2);
    if (accepted.boolean.has(name)) flags.set(name, true);
    else if (accepted.value.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new ConfigError(`--${name} needs a value`);
      flags.set(name, value);
    } else throw new ConfigError(`unknown option --${name}`);
  }
  return flags;
}

function parseNumber(text: string | true | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (typeof text !== "string" || !Number.isFinite(n) || n < min || n > max) throw new ConfigError(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

function parseInteger(text: string | true | undefined, name: string, fallback: number, min: number, max: number): number {
  const n = parseNumber(text, name, fallback, min, max);
  if (!Number.isInteger(n)) throw new ConfigError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Builds the node configuration from `kettle dev|start` flags (and, for start, a JSON config file). */
export function createNodeConfig(command: "dev" | "start", args: readonly string[]): NodeConfig {
  let flags = parseFlags(args);
  if (command === "start") {
    const file = flags.get("config");
    if (typeof file !== "string") throw new ConfigError("kettle start needs --config FILE");
    flags = new Map([...readConfigFile(file), ...flags]);
  }
  const chainIdHex = typeof flags.get("chain-id") === "string" ? (flags.get("chain-id") as string).toLowerCase() : defaults.chainIdHex;
  if (hexToBytesOrNull(chainIdHex)?.length !== 32) throw new ConfigError("--chain-id must be 64 hex characters (32 bytes)");
  const host = typeof flags.get("host") === "string" ? (flags.get("host") as string) : defaults.host;
  const data = flags.get("data");
  return Object.freeze({
    command,
    host,
    port: parseNumber(flags.get("port"), "port", defaults.port, 0, 65535),
    dataDir: resolve(typeof data === "string" ? data : command === "dev" ? "data/dev" : "data/node"),
    blockIntervalSeconds: parseNumber(flags.get("block-interval"), "block-interval", defaults.blockIntervalSeconds, 0.05, 60),
    chainIdHex,
    demo: command === "dev" && !flags.has("no-demo"),
    reset: flags.has("reset"),
    debugApi: command === "dev",
    verifyWorkers: parseNumber(flags.get("verify-workers"), "verify-workers", defaults.verifyWorkers, 0, 16),
    maximumBlockSize: parseNumber(flags.get("max-block-size"), "max-block-size", defaults.maximumBlockSize, 65536, 256 * 1024 * 1024),
    snapshotEveryBlocks: parseInteger(flags.get("snapshot-every"), "snapshot-every", defaults.snapshotEveryBlocks, 1, 10_000_000),
    quiet: flags.has("quiet"),
    indexDbUrl: typeof flags.get("db") === "string" ? (flags.get("db") as string) : undefined,
    registrar: typeof flags.get("registrar") === "string" ? (flags.get("registrar") as string) : command === "dev" ? "initminer" : undefined,
    signupsPerHour: parseInteger(flags.get("signups-per-hour"), "signups-per-hour", command === "dev" ? 60 : 3, 0, 1_000_000),
  });
}

/** Builds `kettle api`'s configuration; the index must be PostgreSQL, the one engine several processes share. */
export function createApiConfig(args: readonly string[]): ApiConfig {
  const flags = parseFlags(args, { value: apiValueFlags, boolean: apiBooleanFlags });
  const db = flags.get("db");
  if (typeof db !== "string") throw new ConfigError("kettle api needs --db postgres://… (the producer's index)");
  if (!/^postgres(ql)?:\/\//.test(db)) {
    throw new ConfigError(`kettle api needs a postgres:// URL for --db, got "${db}": the SQLite index belongs to the one process that writes it, so only PostgreSQL can be shared by API processes`);
  }
  const producer = flags.get("producer");
  if (typeof producer !== "string") throw new ConfigError("kettle api needs --producer http://HOST:PORT (the producing node's JSON-RPC address)");
  let producerUrl: URL;
  try {
    producerUrl = new URL(producer);
  } catch {
    throw new ConfigError(`--producer must be an http:// or https:// URL, got "${producer}"`);
  }
  if (producerUrl.protocol !== "http:" && producerUrl.protocol !== "https:") throw new ConfigError(`--producer must be an http:// or https:// URL, got "${producer}"`);
  const host = flags.get("host");
  return Object.freeze({
    host: typeof host === "string" ? host : defaults.host,
    port: parseInteger(flags.get("port"), "port", defaults.apiPort, 0, 65535),
    indexDbUrl: db,
    producerUrl,
    quiet: flags.has("quiet"),
  });
}

function readConfigFile(path: string): Map<string, string | true> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new ConfigError(`${path} must hold a JSON object`);
  const flags = new Map<string, string | true>();
  for (const [key, value] of Object.entries(json)) {
    const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (!valueFlags.has(name) && !booleanFlags.has(name)) throw new ConfigError(`${path}: unknown setting "${key}"`);
    flags.set(name, value === true ? true : String(value));
  }
  return flags;
}
