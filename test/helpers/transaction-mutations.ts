// Seeded mutations of signed transactions for the fuzzer: at the JSON level, in the serialized bytes, and in the raw request text.
import { operationNames } from "../../src/core/protocol/operation-schemas.ts";

/** A PRNG returning floats in [0, 1), as `createPrng` makes. */
export type Random = () => number;

export function randomInt(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

/** One place in a JSON tree: the container and the key (or index) of the value there. */
interface Slot {
  readonly parent: Container;
  readonly key: string | number;
}

function getSlots(root: Json, out: Slot[] = []): Slot[] {
  if (Array.isArray(root)) root.forEach((item, index) => {
    out.push({ parent: root, key: index });
    getSlots(item, out);
  });
  else if (root !== null && typeof root === "object") for (const key of Object.keys(root)) {
    out.push({ parent: root, key });
    getSlots(root[key], out);
  }
  return out;
}

function read(slot: Slot): Json {
  return (slot.parent as Record<string | number, Json>)[slot.key];
}

function write(slot: Slot, value: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
}

/** Values of every JSON type, with the awkward ones a parser must survive. */
const typeSamples: readonly Json[] = [
  null, true, false, 0, 1, -1, 1.5, 1e308, "", "0", "true", "null", "NaN", [], [null], {}, { type: "vote", value: {} }, ["vote", {}],
];

const extremeNumbers: readonly Json[] = [
  0, -0, 1, -1, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536, 2147483647, 2147483648, -2147483648, 4294967295, 4294967296,
  2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 64, 1e21, 1e-7, 0.5, -0.5, "4294967296", "-1", "18446744073709551615", "18446744073709551616",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "00000000000000000000000000000001", "1e3", "0x10", " 1", "+1",
];

const unicodeSamples: readonly string[] = [
  "é", "\u0000", "\u0001", "\ud800", "\udfff", "\ud83d\ude00", "\ufffd", "\uffff", "\u202e", "\u200b", "\u0301", "а", "ℌ", "\n", "\t", "\\", "\"",
  "ß", "İ", "\u2028", "日本語", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
];

/** Large enough to cross every text limit (title 255, memo 2047, custom_json 8192) but not the transaction size. */
const longStringLengths: readonly number[] = [255, 256, 2047, 2048, 8192, 8193, 16_384, 60_000];

const assetStrings: readonly string[] = [
  "1 STEEM", "1.0 STEEM", "1.0000 STEEM", "-1.000 STEEM", "-0.000 STEEM", "0.000 STEEM", "0.001 STEEM", "1.000 steem", "1.000 VESTS", "1.000000 VESTS",
  "1.000 SBD", "1.000000 SBD", "1.000 HIVE", "1.000 HBD", "1.000 TESTS", "1.000 STEEMX", "1.000  STEEM", " 1.000 STEEM", "1.000 STEEM ", "1.000STEEM",
  "1e3 STEEM", "0x10 STEEM", "9223372036854775.807 STEEM", "9223372036854775.808 STEEM", "-9223372036854775.808 STEEM", "99999999999999999999999999999.999 STEEM",
  ".001 STEEM", "1. STEEM", "1,000 STEEM", "١.٠٠٠ STEEM", "1.000 STEEM\u0000", "", "STEEM", "1.000",
];

const appbaseAssetEdits: readonly ((asset: { [key: string]: Json }) => void)[] = [
  (a) => { a.amount = "-1"; },
  (a) => { a.amount = "9223372036854775808"; },
  (a) => { a.amount = 1.5; },
  (a) => { a.amount = 2 ** 53; },
  (a) => { a.precision = 6; },
  (a) => { a.precision = "3"; },
  (a) => { a.nai = "@@000000037"; },
  (a) => { a.nai = "@@000000013"; },
  (a) => { a.nai = "@@000000022"; },
  (a) => { delete a.nai; },
  (a) => { a.amount = ""; },
];

const extraOperationNames: readonly string[] = [
  "frobnicate", "VOTE", "vote_operation", "Vote", "producer_reward", "author_reward", "fill_order", "update_proposal", "recurrent_transfer", "", " vote",
];

function mutateString(random: Random, text: string): string {
  const at = randomInt(random, text.length + 1);
  switch (randomInt(random, 8)) {
    case 0: return text.slice(0, at) + String.fromCharCode(32 + randomInt(random, 95)) + text.slice(at + 1);
    case 1: return text.slice(0, at) + text.slice(at + 1);
    case 2: return `${text}-`;
    case 3: return text.toUpperCase();
    case 4: return `${text.slice(0, at)}.${text.slice(at)}`;
    case 5: return "";
    case 6: return text + text;
    default: return text.slice(0, at);
  }
}

function mutateSignatures(random: Random, json: { [key: string]: Json }): void {
  const signatures = Array.isArray(json.signatures) ? json.signatures : [];
  const first = typeof signatures[0] === "string" ? signatures[0] : "";
  const flipped = (text: string) => {
    const at = randomInt(random, Math.max(1, text.length));
    const digit = "0123456789abcdef"[randomInt(random, 16)];
    return text.slice(0, at) + digit + text.slice(at + 1);
  };
  const choices: (() => Json)[] = [
    () => [],
    () => [first, first],
    () => [flipped(first)],
    () => [first.toUpperCase()],
    () => [first.slice(0, -2)],
    () => [`${first}00`],
    () => [...signatures, Array.from({ length: 130 }, () => "0123456789abcdef"[randomInt(random, 16)]).join("")],
    () => [`${(26 + randomInt(random, 10)).toString(16).padStart(2, "0")}${first.slice(2)}`],
    () => ["zz".repeat(65)],
    () => first,
    () => [first.slice(0, 66) + "0".repeat(64)],
  ];
  json.signatures = pick(random, choices)();
}

/** What the JSON mutations draw on besides the transaction itself. */
export interface JsonMutationOptions {
  /** Operations from other transactions, in the same JSON style, for the "extra operation" mutation. */
  readonly donors: readonly unknown[];
  /** Strings that mean something on the chain (account names, permlinks) to put in place of others. */
  readonly vocabulary: readonly string[];
  /** Whether strings may grow to 60,000 characters (else at most 2,048). */
  readonly longStrings: boolean;
}

/** Applies one JSON-level mutation to a transaction (legacy or appbase style) in place and returns its name. */
export function mutateTransactionJson(random: Random, tx: { [key: string]: Json }, options: JsonMutationOptions): string {
  const slots = getSlots(tx);
  const strings = slots.filter((slot) => typeof read(slot) === "string");
  const kind = randomInt(random, 15);
  switch (kind) {
    case 0: {
      const slot = pick(random, slots);
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return `delete ${String(slot.key)}`;
    }
    case 1: {
      const slot = pick(random, slots);
      write(slot, structuredClone(pick(random, typeSamples)));
      return `swap type of ${String(slot.key)}`;
    }
    case 2: {
      const numbers = slots.filter((slot) => typeof read(slot) === "number");
      const slot = numbers.length > 0 && random() < 0.8 ? pick(random, numbers) : pick(random, slots);
      write(slot, pick(random, extremeNumbers));
      return `extreme number at ${String(slot.key)}`;
    }
    case 3: {
      if (strings.length === 0) return "no string";
      const slot = pick(random, strings);
      const text = read(slot) as string;
      const sample = pick(random, unicodeSamples);
      const at = randomInt(random, text.length + 1);
      write(slot, random() < 0.3 ? sample : text.slice(0, at) + sample + text.slice(at));
      return `unicode in ${String(slot.key)}`;
    }
    case 4: {
      if (strings.length === 0) return "no string";
      const slot = pick(random, strings);
      const lengths = options.longStrings ? longStringLengths : longStringLengths.filter((n) => n <= 2048);
      const length = pick(random, lengths);
      const text = (read(slot) as string) || "a";
      write(slot, text.repeat(Math.ceil(length / text.length)).slice(0, length));
      return `long ${String(slot.key)} (${length})`;
    }
    case 5: return corruptAsset(random, slots);
    case 6: return swapOperationName(random, tx);
    case 7: {
      const operations = tx.operations;
      if (!Array.isArray(operations)) return "no operations";
      const choice = randomInt(random, 4);
      if (choice === 0) tx.operations = [];
      else if (choice === 1 && operations.length > 0) operations.push(structuredClone(operations[0]));
      else operations.splice(randomInt(random, operations.length + 1), 0, structuredClone(pick(random, options.donors as Json[])));
      return "extra operation";
    }
    case 8:
      mutateSignatures(random, tx);
      return "signatures";
    case 9: {
      if (strings.length === 0) return "no string";
      const slot = pick(random, strings);
      write(slot, mutateString(random, read(slot) as string));
      return `edit string ${String(slot.key)}`;
    }
    case 10: {
      const arrays = slots.filter((slot) => Array.isArray(read(slot)));
      if (arrays.length === 0) return "no array";
      const slot = pick(random, arrays);
      const array = read(slot) as Json[];
      const choice = randomInt(random, 4);
      if (choice === 0) array.reverse();
      else if (choice === 1 && array.length > 0) array.push(structuredClone(array[0]));
      else if (choice === 2) write(slot, []);
      else write(slot, [array]);
      return `edit array ${String(slot.key)}`;
    }
    case 11: {
      const objects: Container[] = [tx, ...slots.map(read).filter((v): v is { [key: string]: Json } => v !== null && typeof v === "object" && !Array.isArray(v))];
      const target = pick(random, objects) as { [key: string]: Json };
      const key = pick(random, ["extra", "__proto__", "constructor", "toString", "hasOwnProperty", "type", "value", "ref_block_num", ""]);
      Object.defineProperty(target, key, { value: structuredClone(pick(random, typeSamples)), enumerable: true, configurable: true, writable: true });
      return `add field ${key}`;
    }
    case 12:
    case 13: {
      if (strings.length === 0) return "no string";
      const slot = pick(random, strings);
      const word = pick(random, options.vocabulary);
      write(slot, word);
      return `${String(slot.key)} = "${word}"`;
    }
    default: {
      const field = pick(random, ["ref_block_num", "ref_block_prefix", "expiration", "extensions"]);
      const value = tx[field];
      const parsed = typeof value === "string" ? Date.parse(`${value}Z`) : Number.NaN;
      if (field === "expiration" && !Number.isNaN(parsed)) {
        const seconds = parsed / 1000 + pick(random, [-86400, -3600, -1, 1, 3599, 3601, 86400]);
        tx[field] = random() < 0.5 ? new Date(seconds * 1000).toISOString().slice(0, 19) : new Date(seconds * 1000).toISOString();
      } else if (typeof value === "number") tx[field] = value + pick(random, [-1, 1, 65536]);
      else tx[field] = pick(random, [[], [[0, {}]], [1], {}]);
      return `envelope ${field}`;
    }
  }
}

function corruptAsset(random: Random, slots: readonly Slot[]): string {
  const legacy = slots.filter((slot) => typeof read(slot) === "string" && /^-?\d+\.\d+ [A-Z]+$/.test(read(slot) as string));
  const appbase = slots.map(read).filter((value): value is { [key: string]: Json } => value !== null && typeof value === "object" && !Array.isArray(value) && "nai" in value);
  if (appbase.length > 0 && (legacy.length === 0 || random() < 0.5)) {
    pick(random, appbaseAssetEdits)(pick(random, appbase));
    return "corrupt appbase asset";
  }
  if (legacy.length === 0) return "no asset";
  const slot = pick(random, legacy);
  write(slot, pick(random, assetStrings));
  return `corrupt asset ${String(slot.key)}`;
}

function swapOperationName(random: Random, tx: { [key: string]: Json }): string {
  const operations = tx.operations;
  if (!Array.isArray(operations) || operations.length === 0) return "no operations";
  const op = pick(random, operations);
  const name = random() < 0.6 ? pick(random, operationNames) : pick(random, extraOperationNames);
  if (Array.isArray(op)) op[0] = random() < 0.2 ? operationNames.indexOf(name as never) : name;
  else if (op !== null && typeof op === "object") op.type = random() < 0.7 ? `${name}_operation` : name;
  return `operation name ${name}`;
}

/** One byte-level mutation of serialized bytes: bit flips, interesting bytes, truncation, insertion, deletion, duplication. */
export function mutateBytes(random: Random, bytes: Uint8Array): { readonly bytes: Uint8Array; readonly mutation: string } {
  const out = Uint8Array.from(bytes);
  const at = randomInt(random, bytes.length);
  switch (randomInt(random, 7)) {
    case 0: {
      const flips = 1 + randomInt(random, 4);
      for (let i = 0; i < flips; i++) out[randomInt(random, out.length)] ^= 1 << randomInt(random, 8);
      return { bytes: out, mutation: `flip ${flips} bit(s)` };
    }
    case 1:
      out[at] = pick(random, [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x20]);
      return { bytes: out, mutation: `set byte ${at}` };
    case 2: return { bytes: bytes.slice(0, at), mutation: `truncate at ${at}` };
    case 3: {
      const inserted = Uint8Array.from({ length: 1 + randomInt(random, 8) }, () => randomInt(random, 256));
      return { bytes: concat(bytes.subarray(0, at), inserted, bytes.subarray(at)), mutation: `insert ${inserted.length} at ${at}` };
    }
    case 4: {
      const length = 1 + randomInt(random, 8);
      return { bytes: concat(bytes.subarray(0, at), bytes.subarray(at + length)), mutation: `delete ${length} at ${at}` };
    }
    case 5: {
      const length = 1 + randomInt(random, 16);
      return { bytes: concat(bytes.subarray(0, at + length), bytes.subarray(at, at + length), bytes.subarray(at + length)), mutation: `duplicate ${length} at ${at}` };
    }
    default: {
      const other = randomInt(random, bytes.length);
      [out[at], out[other]] = [out[other], out[at]];
      return { bytes: out, mutation: `swap bytes ${at} and ${other}` };
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One mutation of a request's raw text: a character changed, dropped or added, or the text cut short. */
export function mutateText(random: Random, text: string): { readonly text: string; readonly mutation: string } {
  const at = randomInt(random, text.length);
  const character = pick(random, ["{", "}", "[", "]", '"', ",", ":", "\\", "0", "9", "-", "e", "a", " ", "\u0000", "é", "\ud800"]);
  switch (randomInt(random, 5)) {
    case 0: return { text: text.slice(0, at) + character + text.slice(at + 1), mutation: `replace ${at}` };
    case 1: return { text: text.slice(0, at) + text.slice(at + 1), mutation: `drop ${at}` };
    case 2: return { text: text.slice(0, at) + character + text.slice(at), mutation: `insert ${at}` };
    case 3: return { text: text.slice(0, at), mutation: `cut at ${at}` };
    default: {
      const length = 1 + randomInt(random, 12);
      return { text: text.slice(0, at + length) + text.slice(at, at + length) + text.slice(at + length), mutation: `repeat ${length} at ${at}` };
    }
  }
}
