/**
 * Parses the off-chain `custom_json` operations the social index interprets (ids `follow`, `reblog`,
 * `community`, `notify`) the way hivemind (Hive) does, without touching state.
 *
 * Two kinds of refusal, as in hivemind:
 * - `ignored`: dropped silently. Every malformed follow, reblog and notify op, and any op not signed by
 *   exactly one posting authority (community ops included).
 * - `error`: a community op that fails validation; hivemind sends the actor an `error` notification
 *   whose payload is `reason` (Hive's wording, Python key-set notation included).
 *
 * What needs state is left to the caller: account and community existence, post lookup, roles (see
 * communities.ts). The chain already refuses json over `customJsonBytesMax` or not valid JSON; the
 * checks here are kept so that the parser is total on any input.
 *
 * Where Steemit's hivemind differs we follow Hive: the `reblog` id, the list actions and bulk targets of
 * follows (Steemit reads `what` positionally: [0] == "blog" follows, [1] == "ignore" mutes), and an
 * optional, clamped setLastRead date (Steemit requires it and drops dates after the block).
 */
import { customJsonBytesMax } from "../../core/protocol/config.ts";
import { isValidAccountName } from "../../core/protocol/validation.ts";
import { utf8ByteLength } from "../../stdx/bytes.ts";
import {
  accountNotFoundReason,
  type CommunityProps,
  communityNotFoundReason,
  isCommunityName,
  isJsonObject,
  isPythonFalsy,
  isRoleName,
  parseCommunityProps,
  pythonKeySet,
  type RoleId,
  type RoleName,
  readText,
  roles,
} from "./communities.ts";

export interface SocialCustomJsonOperation {
  id: string;
  json: string;
  required_auths: readonly string[];
  required_posting_auths: readonly string[];
}

export const socialCustomJsonIds = ["follow", "reblog", "community", "notify"] as const;
export type SocialCustomJsonId = (typeof socialCustomJsonIds)[number];

/** Payloads above the chain's custom_json limit are ignored (the chain cannot include them anyway). */
export const socialJsonBytesMax = customJsonBytesMax;

/** hivemind reads un-wrapped `{follower, following, what}` payloads only below this block number. */
export const legacyUnwrappedBlockNumLimit = 6_000_000;

export interface ParseSocialCustomJsonOptions {
  /** Treat a bare object under id `follow`/`reblog` as `["follow"|"reblog", object]`. Hivemind does so below block 6,000,000. */
  acceptLegacyUnwrapped?: boolean;
}

/** `blog` and `follow` both read as "follow"; a missing or Python-falsy first entry of `what` ("", null, false…) reads as "clear". */
export type FollowWhat = "follow" | "clear" | "ignore" | "blacklist" | "unblacklist" | "follow_blacklist" | "unfollow_blacklist" | "follow_muted" | "unfollow_muted";
export type FollowResetWhat = "reset_blacklist" | "reset_following_list" | "reset_muted_list" | "reset_follow_blacklist" | "reset_follow_muted_list" | "reset_all_lists";

/**
 * A follow-plugin op. `following` holds well-formed names other than the follower, in order, without
 * repeats; the caller drops names that are not accounts. Resets empty the follower's lists and need no target.
 */
export type FollowAction =
  | { kind: "follow"; follower: string; what: FollowWhat; following: readonly string[] }
  | { kind: "follow_reset"; follower: string; what: FollowResetWhat };

/**
 * Reblog of author/permlink, or its undo (`"delete": "delete"`; any other value reblogs). The caller checks
 * that the author exists and the post is live; Steemit also refuses comments (depth > 0), Hive does not.
 */
export interface ReblogAction {
  kind: "reblog";
  account: string;
  author: string;
  permlink: string;
  delete: boolean;
}

/** `setLastRead`: notifications up to `readAt` (unix seconds, never after the block time) count as read. */
export interface NotifyAction {
  kind: "notify";
  action: "setLastRead";
  account: string;
  readAt: number;
}

interface CommunityBase {
  kind: "community";
  /** The signer. */
  actor: string;
  /** Well-formed community name; the caller checks it is registered (`communityNotFoundReason`). */
  community: string;
}

/** A community op that passed hivemind's shape checks; permissions are the caller's (communities.ts). */
export type CommunityAction = CommunityBase &
  (
    | { action: "subscribe" | "unsubscribe" }
    | { action: "setRole"; account: string; role: RoleName; roleId: RoleId }
    | { action: "setUserTitle"; account: string; title: string }
    | { action: "mutePost" | "unmutePost" | "flagPost"; account: string; permlink: string; notes: string }
    | { action: "pinPost" | "unpinPost"; account: string; permlink: string }
    | { action: "updateProps"; props: CommunityProps; rawProps: Readonly<Record<string, unknown>> }
  );

export type CommunityActionName = CommunityAction["action"];
export type SocialOp = FollowAction | ReblogAction | CommunityAction | NotifyAction;

/** Stable codes for silently dropped ops, in the order they are checked. */
export const ignoredCodes = [
  "json_too_large",
  "active_authority",
  "posting_signer_count",
  "malformed_json",
  "not_a_command",
  "unknown_command",
  "missing_field",
  "invalid_what",
  "signer_mismatch",
  "invalid_following",
  "invalid_author",
  "invalid_permlink",
  "extraneous_field",
  "invalid_date",
] as const;
export type IgnoredCode = (typeof ignoredCodes)[number];

export interface SocialOpIgnored {
  kind: "ignored";
  code: IgnoredCode;
  id: SocialCustomJsonId;
}

/** A refused community op: notify `actor` with `reason`, attached to `community` once it was well-formed. */
export interface SocialOpRefusal {
  kind: "error";
  reason: string;
  actor: string;
  community?: string;
}

/** Why an op handled by the index had no effect: dropped silently, or refused with a notification. */
export type SocialOpError = SocialOpIgnored | SocialOpRefusal;

/**
 * Null when the index does not handle `op.id`; otherwise the parsed action or why it was refused.
 * `blockTime` (unix seconds) bounds setLastRead dates.
 */
export function parseSocialCustomJson(op: SocialCustomJsonOperation, blockTime: number, options: ParseSocialCustomJsonOptions = {}): SocialOp | null | SocialOpError {
  const id = op.id;
  if (!isSocialCustomJsonId(id)) return null;
  const ignore = (code: IgnoredCode): SocialOpIgnored => ({ kind: "ignored", code, id });
  if (typeof op.json === "string" && utf8ByteLength(op.json) > socialJsonBytesMax) return ignore("json_too_large");
  if (op.required_auths.length !== 0) return ignore("active_authority");
  if (op.required_posting_auths.length !== 1) return ignore("posting_signer_count");
  const signer = op.required_posting_auths[0];
  const parsed = parseJson(op.json);

  if (id === "community") return parseCommunityOp(signer, parsed.ok ? parsed.value : undefined);
  if (!parsed.ok) return ignore("malformed_json");
  let json = parsed.value;
  if (options.acceptLegacyUnwrapped && isJsonObject(json) && id !== "notify") json = [id, json];
  if (!isCommand(json)) return ignore("not_a_command");
  const [command, payload] = json;
  if (id === "notify") return command === "setLastRead" ? parseSetLastRead(signer, payload, blockTime, ignore) : ignore("unknown_command");
  // Hive reads follows only under id "follow"; reblogs under "follow" or "reblog".
  if (command === "follow" && id === "follow") return parseFollow(signer, payload, ignore);
  if (command === "reblog") return parseReblog(signer, payload, ignore);
  return ignore("unknown_command");
}

function isSocialCustomJsonId(id: string): id is SocialCustomJsonId {
  return (socialCustomJsonIds as readonly string[]).includes(id);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isCommand(json: unknown): json is [string, Record<string, unknown>] {
  return Array.isArray(json) && json.length === 2 && typeof json[0] === "string" && isJsonObject(json[1]);
}

function hasKeys(payload: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((key) => Object.hasOwn(payload, key));
}

const followWhats: Readonly<Record<string, FollowWhat | FollowResetWhat>> = {
  "": "clear",
  blog: "follow",
  follow: "follow",
  ignore: "ignore",
  blacklist: "blacklist",
  unblacklist: "unblacklist",
  follow_blacklist: "follow_blacklist",
  unfollow_blacklist: "unfollow_blacklist",
  follow_muted: "follow_muted",
  unfollow_muted: "unfollow_muted",
  reset_blacklist: "reset_blacklist",
  reset_following_list: "reset_following_list",
  reset_muted_list: "reset_muted_list",
  reset_follow_blacklist: "reset_follow_blacklist",
  reset_follow_muted_list: "reset_follow_muted_list",
  reset_all_lists: "reset_all_lists",
};

function parseFollow(signer: string, payload: Record<string, unknown>, ignore: (code: IgnoredCode) => SocialOpIgnored): FollowAction | SocialOpIgnored {
  if (!hasKeys(payload, ["follower", "following", "what"])) return ignore("missing_field");
  if (!Array.isArray(payload.what)) return ignore("invalid_what");
  // Only the first entry counts; a falsy one (in Python's sense: absent, null, false, 0, "", [], {}) clears.
  const first: unknown = payload.what[0];
  const word = first === undefined || isPythonFalsy(first) ? "" : first;
  if (typeof word !== "string" || !Object.hasOwn(followWhats, word)) return ignore("invalid_what");
  const what = followWhats[word];
  const follower = payload.follower;
  if (typeof follower !== "string" || follower === "" || follower !== signer) return ignore("signer_mismatch");
  if (what.startsWith("reset_")) return { kind: "follow_reset", follower, what: what as FollowResetWhat };

  const named = typeof payload.following === "string" ? [payload.following] : payload.following;
  if (!Array.isArray(named)) return ignore("invalid_following");
  const following = [...new Set(named.filter((name): name is string => typeof name === "string" && name !== follower && isValidAccountName(name)))];
  if (following.length === 0) return ignore("invalid_following");
  return { kind: "follow", follower, what: what as FollowWhat, following };
}

function parseReblog(signer: string, payload: Record<string, unknown>, ignore: (code: IgnoredCode) => SocialOpIgnored): ReblogAction | SocialOpIgnored {
  if (!hasKeys(payload, ["account", "author", "permlink"])) return ignore("missing_field");
  const { account, author, permlink } = payload;
  if (account !== signer) return ignore("signer_mismatch");
  if (typeof author !== "string" || !isValidAccountName(author)) return ignore("invalid_author");
  if (typeof permlink !== "string" || permlink === "") return ignore("invalid_permlink");
  return { kind: "reblog", account: signer, author, permlink, delete: payload.delete === "delete" };
}

const lastReadPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Hive (Python indexer): `date` optional (block time when absent), `YYYY-MM-DDTHH:MM:SS`, clamped to the block time. */
function parseSetLastRead(signer: string, payload: Record<string, unknown>, blockTime: number, ignore: (code: IgnoredCode) => SocialOpIgnored): NotifyAction | SocialOpIgnored {
  if (Object.keys(payload).some((key) => key !== "date")) return ignore("extraneous_field");
  const date = payload.date;
  if (date === undefined || date === null) return { kind: "notify", action: "setLastRead", account: signer, readAt: blockTime };
  const seconds = typeof date === "string" ? parseUtcSeconds(date) : null;
  if (seconds === null) return ignore("invalid_date");
  return { kind: "notify", action: "setLastRead", account: signer, readAt: Math.min(seconds, blockTime) };
}

/** Seconds since the epoch for a real UTC calendar time `YYYY-MM-DDTHH:MM:SS`, else null. */
function parseUtcSeconds(text: string): number | null {
  const match = lastReadPattern.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil), in integers. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) - ((y >= 0 ? y : y - 399) % 400);
  const yearOfEra = y - era;
  const dayOfYear = ((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return (era / 400) * 146_097 + dayOfEra - 719_468;
}

/** The keys each community action requires (and the only ones it accepts), in hivemind's order. */
const communitySchema: Readonly<Record<CommunityActionName, readonly string[]>> = {
  updateProps: ["community", "props"],
  setRole: ["community", "account", "role"],
  setUserTitle: ["community", "account", "title"],
  mutePost: ["community", "account", "permlink", "notes"],
  unmutePost: ["community", "account", "permlink", "notes"],
  pinPost: ["community", "account", "permlink"],
  unpinPost: ["community", "account", "permlink"],
  flagPost: ["community", "account", "permlink", "notes"],
  subscribe: ["community"],
  unsubscribe: ["community"],
};

/** hivemind's CommunityOp.validate: shape, keys, then each field in schema order. `json` is undefined when unparsable. */
function parseCommunityOp(actor: string, json: unknown): CommunityAction | SocialOpRefusal {
  const refuse = (reason: string, community?: string): SocialOpRefusal => (community === undefined ? { kind: "error", reason, actor } : { kind: "error", reason, actor, community });
  if (!Array.isArray(json)) return refuse("op json must be list");
  if (json.length !== 2) return refuse("op json must have 2 elements");
  if (typeof json[0] !== "string") return refuse("op json[0] must be string");
  if (!isJsonObject(json[1])) return refuse("op json[1] must be dict");
  const action = json[0];
  if (!Object.hasOwn(communitySchema, action)) return refuse("invalid action");
  const payload = json[1];
  const schema = communitySchema[action as CommunityActionName];
  const missing = schema.filter((key) => !Object.hasOwn(payload, key));
  if (missing.length > 0) return refuse(`missing keys: ${pythonKeySet(missing)}`);
  const extra = Object.keys(payload).filter((key) => !schema.includes(key));
  if (extra.length > 0) return refuse(`extraneous keys: ${pythonKeySet(extra)}`);

  const community = readText(payload, "community", 16, false);
  if (typeof community !== "string") return refuse(community.reason);
  if (!isCommunityName(community)) return refuse(communityNotFoundReason(community));
  const base: CommunityBase = { kind: "community", actor, community };
  const fields = readCommunityFields(payload, schema);
  if ("reason" in fields) return refuse(fields.reason, community);
  const { account = "", permlink = "", notes = "", title = "" } = fields;
  switch (action as CommunityActionName) {
    case "subscribe":
    case "unsubscribe":
      return { ...base, action: action as "subscribe" | "unsubscribe" };
    case "setRole":
      return { ...base, action: "setRole", account, role: fields.role!, roleId: roles[fields.role!] };
    case "setUserTitle":
      return { ...base, action: "setUserTitle", account, title };
    case "mutePost":
    case "unmutePost":
    case "flagPost":
      return { ...base, action: action as "mutePost" | "unmutePost" | "flagPost", account, permlink, notes };
    case "pinPost":
    case "unpinPost":
      return { ...base, action: action as "pinPost" | "unpinPost", account, permlink };
    case "updateProps":
      return { ...base, action: "updateProps", props: fields.props!, rawProps: payload.props as Record<string, unknown> };
  }
}

interface CommunityFields {
  account?: string;
  permlink?: string;
  role?: RoleName;
  notes?: string;
  title?: string;
  props?: CommunityProps;
}

/** Reads the fields after `community` in hivemind's order: account, permlink, role, notes, title, props. */
function readCommunityFields(payload: Record<string, unknown>, schema: readonly string[]): CommunityFields | { reason: string } {
  const fields: CommunityFields = {};
  if (schema.includes("account")) {
    const account = readText(payload, "account", 16, false);
    if (typeof account !== "string") return account;
    if (!isValidAccountName(account)) return { reason: accountNotFoundReason(account) };
    fields.account = account;
  }
  if (schema.includes("permlink")) {
    const permlink = readText(payload, "permlink", 256, false);
    if (typeof permlink !== "string") return permlink;
    fields.permlink = permlink;
  }
  if (schema.includes("role")) {
    const role = readText(payload, "role", 16, false);
    if (typeof role !== "string") return role;
    if (!isRoleName(role)) return { reason: "invalid role" };
    fields.role = role;
  }
  if (schema.includes("notes")) {
    const notes = readText(payload, "notes", 120, false);
    if (typeof notes !== "string") return notes;
    fields.notes = notes;
  }
  if (schema.includes("title")) {
    const title = readText(payload, "title", 32, true);
    if (typeof title !== "string") return title;
    fields.title = title;
  }
  if (schema.includes("props")) {
    const props = parseCommunityProps(payload);
    if ("reason" in props) return props;
    fields.props = props;
  }
  return fields;
}
