/**
 * The state as plain data (for snapshots) and a hash over its canonical form, which proves that a
 * replay rebuilt exactly the live state.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8Encode } from "../../stdx/bytes.ts";
import { type ChainState, type GlobalProperties, createEmptyState } from "./state.ts";

/** Bumped whenever the shape of StateData changes; an older snapshot is ignored and the log replayed instead. */
export const stateDataVersion = 2;

export interface StateData {
  readonly version: number;
  readonly props: GlobalProperties;
  readonly accounts: readonly (readonly [string, unknown])[];
  readonly comments: readonly (readonly [string, unknown])[];
  readonly votes: readonly (readonly [string, unknown])[];
  readonly delegations: readonly (readonly [string, unknown])[];
  readonly recentTransactions: readonly (readonly [string, number])[];
  readonly blockIds: Uint8Array;
}

const tableNames = ["accounts", "comments", "votes", "delegations", "recentTransactions"] as const;

export function exportState(state: ChainState): StateData {
  return {
    version: stateDataVersion,
    props: state.props.value,
    accounts: [...state.accounts.entries()],
    comments: [...state.comments.entries()],
    votes: [...state.votes.entries()],
    delegations: [...state.delegations.entries()],
    recentTransactions: [...state.recentTransactions.entries()],
    blockIds: state.blockIds,
  };
}

/** Rebuilds state from snapshot data; null when the data has another version than this code writes. */
export function importState(data: StateData): ChainState | null {
  if (data?.version !== stateDataVersion) return null;
  const state = createEmptyState(data.props);
  for (const name of tableNames) (state[name] as { load(e: unknown): void }).load(data[name]);
  state.blockIds.set(data.blockIds);
  return state;
}

/** sha256 over every table in key order and every record with its fields in name order. */
export function getStateHash(state: ChainState): string {
  const hash = sha256.create();
  hash.update(utf8Encode(canonicalText(state.props.value)));
  for (const name of tableNames) {
    const table = state[name] as { entries(): IterableIterator<[string, unknown]> };
    const entries = [...table.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    hash.update(utf8Encode(`\n${name}:${entries.length}`));
    for (const [key, value] of entries) hash.update(utf8Encode(`\n${key}=${canonicalText(value)}`));
  }
  hash.update(state.blockIds);
  return bytesToHex(hash.digest());
}

/** JSON with sorted keys, bigints as `123n` and bytes as hex: one text per value, whatever the insertion order. */
export function canonicalText(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return `"0x${bytesToHex(value)}"`;
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
