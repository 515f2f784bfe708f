/**
 * The state as plain data (for snapshots) and a hash over its canonical form, which proves that a
 * replay rebuilt exactly the live state.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8Encode } from "../../stdx/bytes.ts";
import { type ChainState, type GlobalProperties, type StateSingletons, createEmptyState } from "./state.ts";

/** Bumped whenever the shape of the snapshot data changes; an older snapshot is ignored and the log replayed instead. */
export const stateDataVersion = 7;

/** What a snapshot holds besides the tables' records. */
export interface StateHead {
  readonly version: number;
  readonly props: GlobalProperties;
  readonly singletons: StateSingletons;
  readonly blockIds: Uint8Array;
}

const tableNames = [
  "accounts", "comments", "votes", "delegations", "recentTransactions", "witnessFeeds", "conversions", "savingsWithdraws",
  "withdrawRoutes", "delegationExpirations", "cashouts", "withdrawals", "conversionSchedule", "savingsSchedule", "delegationReturns",
] as const;
type TableName = (typeof tableNames)[number];

function getTable(state: ChainState, name: TableName): SectionedTable & { entries(): IterableIterator<[string, unknown]> } {
  switch (name) {
    case "cashouts": return state.schedules.cashouts;
    case "withdrawals": return state.schedules.withdrawals;
    case "conversionSchedule": return state.schedules.conversions;
    case "savingsSchedule": return state.schedules.savings;
    case "delegationReturns": return state.schedules.delegationReturns;
    default: return state[name] as SectionedTable & { entries(): IterableIterator<[string, unknown]> };
  }
}

function getSingletons(state: ChainState): StateSingletons {
  return { rewardFund: state.rewardFund.value, feed: state.feed.value, rc: state.rc.value };
}

/** A run of one table's records, in that table's own snapshot form. */
export interface StateSection {
  readonly table: TableName;
  readonly data: unknown;
}

/** Records per section: a snapshot never holds more than about this many of one table's records at once. */
export const stateSectionEntriesMax = 4096;

interface SectionedTable {
  exportSections(perSection: number): IterableIterator<unknown>;
  loadSection(data: unknown): void;
}

/**
 * The state as snapshot data, table by table in sections of at most about `stateSectionEntriesMax`
 * records — columns' slices for the tables kept in typed arrays, plain records for the others — so a
 * caller can write a snapshot of a large state without ever building all of it as one value. The state
 * must not change while the sections are read.
 */
export function exportStateSections(state: ChainState): { head: StateHead; sections: IterableIterator<StateSection> } {
  const head = { version: stateDataVersion, props: state.props.value, singletons: getSingletons(state), blockIds: state.blockIds };
  function* sections(): IterableIterator<StateSection> {
    for (const table of tableNames) {
      for (const data of getTable(state, table).exportSections(stateSectionEntriesMax)) yield { table, data };
    }
  }
  return { head, sections: sections() };
}

/** Rebuilds state from snapshot data; null when it has another version than this code writes. */
export function importStateSections(head: StateHead, sections: Iterable<StateSection>): ChainState | null {
  if (head?.version !== stateDataVersion) return null;
  const state = createEmptyState(head.props, head.singletons);
  for (const { table, data } of sections) {
    if (!tableNames.includes(table)) throw new Error(`snapshot section for unknown table ${String(table)}`);
    getTable(state, table).loadSection(data);
  }
  state.blockIds.set(head.blockIds);
  return state;
}

/** sha256 over every table in key order and every record with its fields in name order. */
export function getStateHash(state: ChainState): string {
  const hash = sha256.create();
  hash.update(utf8Encode(canonicalText(state.props.value)));
  hash.update(utf8Encode(canonicalText(getSingletons(state))));
  for (const name of tableNames) {
    const table = getTable(state, name);
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
