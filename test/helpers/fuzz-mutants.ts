// Turns a base transaction into one mutant of a given mode: mutated JSON in a broadcast request, re-signed JSON, mutated request text, or mutated bytes.
import { formatLegacyTransaction, parseLegacyTransaction } from "../../src/api/format/transaction-json.ts";
import { encodeTransaction, type SignedTransaction } from "../../src/core/protocol/transaction.ts";
import { bytesEqual } from "../../src/stdx/bytes.ts";
import type { BaseSpec } from "./fuzz-base-transactions.ts";
import { signWith } from "./test-chain.ts";
import { mutateBytes, mutateText, mutateTransactionJson, type Random, randomInt } from "./transaction-mutations.ts";

export type FuzzMode = "legacy_json" | "appbase_json" | "resigned_json" | "bytes" | "request_text";

/** A base transaction signed once, in every form the mutations start from. */
export interface Base extends BaseSpec {
  readonly signed: SignedTransaction;
  readonly unsignedBytes: Uint8Array;
  readonly signedBytes: Uint8Array;
  readonly legacy: Record<string, unknown>;
  readonly appbase: Record<string, unknown>;
}

export interface Mutant {
  readonly mode: FuzzMode;
  readonly base: Base;
  readonly mutations: string[];
  /** JSON modes: the request text. Bytes mode: the mutated bytes. */
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

/** What mutants are made from besides their base. */
export interface MutantSources {
  readonly random: Random;
  readonly chainId: Uint8Array;
  /** Operations of every base (and unsupported ones) as legacy and appbase JSON, for the "extra operation" mutation. */
  readonly legacyDonors: readonly unknown[];
  readonly appbaseDonors: readonly unknown[];
}

export const addressPrefix = { addressPrefix: "STM" };
/** Below the 65,280-byte limit with room for the JSON-to-binary growth of assets and numbers. */
const requestBytesSentMax = 64_000;
const resignAttemptsMax = 20;
/** Names and permlinks that exist on the fuzz chain (and a few that do not), for the substitution mutation. */
const vocabulary: readonly string[] = [
  "alice", "bob", "carol", "initminer", "null", "temp", "steem.dao", "fuzz-one", "fuzz-two", "nobody-here", "",
  "fuzz-post", "re-fuzz-post", "fuzz-reply", "fuzz", "no-such-post", "follow", "{}", "[]", "0.001 STEEM", "0.001 SBD", "0.000001 VESTS",
];

/**
 * One to three mutations of the base in the mode's form; null when the request would exceed the transaction
 * size limit (such transactions are never answered; see the oversized-transaction bug).
 */
export function createMutant(sources: MutantSources, mode: FuzzMode, base: Base, id: number): Mutant | null {
  const { random } = sources;
  const mutations: string[] = [];
  if (mode === "bytes") {
    let bytes = base.signedBytes;
    for (let i = 1 + randomInt(random, 3); i > 0; i--) {
      const result = mutateBytes(random, bytes);
      bytes = result.bytes;
      mutations.push(result.mutation);
    }
    return { mode, base, mutations, bytes };
  }
  const json = structuredClone(mode === "appbase_json" ? base.appbase : base.legacy) as Record<string, never>;
  const donors = mode === "appbase_json" ? sources.appbaseDonors : sources.legacyDonors;
  let tx: unknown = json;
  if (mode === "resigned_json") tx = createResignedTransaction(sources, base, mutations);
  else for (let i = mode === "request_text" ? 0 : 1 + randomInt(random, 3); i > 0; i--) mutations.push(mutateTransactionJson(random, json, { donors, vocabulary, longStrings: true }));
  let text = JSON.stringify(createBroadcastRequest(mode, tx, id));
  if (mode === "request_text") {
    const result = mutateText(random, text);
    text = result.text;
    mutations.push(result.mutation);
  }
  return Buffer.byteLength(text) > requestBytesSentMax ? null : { mode, base, mutations, text };
}

/**
 * One mutation that still parses and changes the transaction's bytes, signed again by the base's signers so
 * that it reaches the chain's rules and can apply. Mutants that no longer parse are what the other JSON modes send.
 */
function createResignedTransaction(sources: MutantSources, base: Base, mutations: string[]): unknown {
  for (let attempt = 0; attempt < resignAttemptsMax; attempt++) {
    const json = structuredClone(base.legacy) as Record<string, never>;
    const mutation = mutateTransactionJson(sources.random, json, { donors: sources.legacyDonors, vocabulary, longStrings: false });
    let parsed: SignedTransaction;
    try {
      parsed = parseLegacyTransaction(json, addressPrefix);
    } catch {
      continue;
    }
    if (bytesEqual(encodeTransaction(parsed), base.unsignedBytes)) continue;
    mutations.push(mutation, "re-signed");
    return formatLegacyTransaction(signWith(parsed, sources.chainId, base.secrets), addressPrefix);
  }
  mutations.push("no parseable mutation found");
  return base.legacy;
}

function createBroadcastRequest(mode: FuzzMode, tx: unknown, id: number): unknown {
  if (mode === "appbase_json") return { jsonrpc: "2.0", id, method: "network_broadcast_api.broadcast_transaction", params: { trx: tx } };
  return { jsonrpc: "2.0", id, method: "condenser_api.broadcast_transaction", params: [tx] };
}
