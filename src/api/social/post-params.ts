/**
 * Params of the post methods with hivemind's defaults and caps, checked before anything is read: a bad
 * value is an `invalid_params` error naming it. Names that must exist (accounts, start posts) are looked
 * up here too, with Hive's wording when they do not.
 */
import type { SqlRunner } from "../../index/db/database.ts";
import { mutedReasonsEnum } from "../../index/rules/communities.ts";
import { named } from "../methods/method-table.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { accountParam, optionalAccountParam, optionalPermlinkParam } from "./params.ts";

/** Posts per call: hivemind's default and cap. */
export const postsPerCallDefault = 20;
export const postsPerCallMax = 100;

/** The named params of `method`, refusing any it does not take (hivemind's Python refused them too). */
export function namedParams(params: unknown, method: string, allowed: readonly string[]): Record<string, unknown> {
  const values = named(params, method);
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) throw invalidParams(`${method} does not take a param named ${JSON.stringify(key).slice(0, 40)}`);
  }
  return values;
}

/** A required choice among `allowed`. */
export function choiceParam<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw invalidParams(`${what} must be one of ${allowed.join(", ")}, got ${preview(value)}`);
  }
  return value as T;
}

/** Longest tag accepted in a query (tags are stored cut to 32 code points; community names are longer than tags never). */
const tagParamLengthMax = 64;

/** An optional tag: lower-case letters, digits, `-` and `_` (hivemind `valid_tag`); missing, null and "" give "". */
export function tagParam(value: unknown, what = "tag"): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value !== "string" || value.length > tagParamLengthMax || !/^[a-z0-9_-]+$/.test(value)) {
    throw invalidParams(`${what} must be at most ${tagParamLengthMax} characters of a-z, 0-9, - and _, got ${preview(value)}`);
  }
  return value;
}

/** `truncate_body`: how many code points of each body to keep, 0 (the default) for all. */
export function truncateBodyParam(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidParams(`truncate_body must be a whole number of characters (0 keeps the whole body), got ${preview(value)}`);
  }
  return value;
}

/** Hive's `muted_reasons_filter`: reason codes (bridge.list_muted_reasons_enum) as a bit mask; 0 filters nothing. */
export function mutedReasonsFilterParam(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const codes = Object.values(mutedReasonsEnum) as number[];
  if (!Array.isArray(value) || value.length > codes.length * 4 || !value.every((code) => codes.includes(code))) {
    throw invalidParams(`muted_reasons_filter must be an array of muted reason codes (${codes.join(", ")}), got ${preview(value)}`);
  }
  let mask = 0;
  for (const code of value as number[]) mask |= 1 << code;
  return mask;
}

/** An account that must exist in the index. */
export async function existingAccountParam(db: SqlRunner, value: unknown, what: string): Promise<string> {
  const name = accountParam(value, what);
  await requireAccount(db, name, what);
  return name;
}

/** An optional account (e.g. `observer`) that must exist when given. */
export async function optionalExistingAccountParam(db: SqlRunner, value: unknown, what: string): Promise<string | null> {
  const name = optionalAccountParam(value, what);
  if (name !== null) await requireAccount(db, name, what);
  return name;
}

async function requireAccount(db: SqlRunner, name: string, what: string): Promise<void> {
  const row = await db.get("SELECT id FROM accounts WHERE name = ?", [name]);
  if (row === undefined) throw invalidParams(`${what}: account ${name} does not exist`);
}

/** The post a page starts after: none when both are empty; both must be given otherwise, and the post must exist. */
export interface StartPost {
  readonly id: number;
  readonly author: string;
  readonly permlink: string;
}

export async function startPostParam(db: SqlRunner, authorValue: unknown, permlinkValue: unknown): Promise<StartPost | null> {
  const author = optionalAccountParam(authorValue, "start_author");
  const permlink = optionalPermlinkParam(permlinkValue, "start_permlink");
  if (permlink === null) return null;
  if (author === null) throw invalidParams("start_author is required with start_permlink");
  return { id: await postIdOf(db, author, permlink), author, permlink };
}

/** The id of post @author/permlink, or an error in Hive's words when there is none (deleted posts are gone). */
export async function postIdOf(db: SqlRunner, author: string, permlink: string): Promise<number> {
  const row = await db.get<{ id: number }>("SELECT id FROM posts WHERE author = ? AND permlink = ?", [author, permlink]);
  if (row === undefined) throw invalidParams(`Post ${author}/${permlink} does not exist`);
  return row.id;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
