/**
 * Community rules as hivemind (Hive) enforces them at index time: names and types, roles, who may do
 * what to whom, and why a post is muted. Everything here is pure; the projector reads the current state
 * (roles, subscription, post flags) and asks these functions for the verdict.
 *
 * Refusal strings are Hive's wording (openhive-network/hivemind `hive/db/sql_scripts/community.sql`), because
 * they are shown to the actor verbatim as the payload of an `error` notification. Where Steemit's wording
 * differs it is noted beside the rule.
 */
import { assert } from "../../stdx/assert.ts";

/** `hive-` then the type digit (1–3) then 4–6 more digits: `hive-10000` … `hive-3999999`. */
const communityNamePattern = /^hive-[1-3]\d{4,6}$/;

export const communityTypes = { topic: 1, journal: 2, council: 3 } as const;
export type CommunityType = (typeof communityTypes)[keyof typeof communityTypes];

/** True for names that register a community when the account is created. */
export function isCommunityName(name: string): boolean {
  return typeof name === "string" && communityNamePattern.test(name);
}

/** The type a community starts with, read from the digit after `hive-` (admins may change it later). */
export function communityTypeOf(name: string): CommunityType {
  assert(isCommunityName(name), `${name} is not a community name`);
  return Number(name[5]) as CommunityType;
}

export function isCommunityType(value: unknown): value is CommunityType {
  return value === 1 || value === 2 || value === 3;
}

export const roles = { owner: 8, admin: 6, mod: 4, member: 2, guest: 0, muted: -2 } as const;
export type RoleName = keyof typeof roles;
export type RoleId = (typeof roles)[RoleName];

/** Role id → name; an account with no row in the roles table is a guest (0). */
export const roleNames: Readonly<Record<RoleId, RoleName>> = { 8: "owner", 6: "admin", 4: "mod", 2: "member", 0: "guest", [-2]: "muted" };

export function isRoleName(value: unknown): value is RoleName {
  return typeof value === "string" && Object.hasOwn(roles, value);
}

/** Accounts holding mod or above (owner and admins included) a Hive community may have. Steemit has no cap. */
export const moderatorsPerCommunityMax = 100;

/**
 * May `actor` (holding `actorRole`) give `target` (holding `targetCurrentRole`) the role `newRole`?
 * Null when allowed, else Hive's reason. `modCount` is the number of accounts *other than the target*
 * holding mod or above. An actor may lower their own role (the outrank checks are skipped for self)
 * but never raise it, and nobody can change the owner, the owner included.
 * Steemit: no owner or cap checks, and says "cant modify higher-role user".
 */
export function checkSetRole(actorRole: number, targetCurrentRole: number, newRole: number, opts: { actor: string; target: string; modCount: number }): null | string {
  if (actorRole < roles.mod) return "only mods and up can alter roles";
  if (actorRole <= newRole) return "cannot promote to or above own rank";
  if (targetCurrentRole === roles.owner) return "cant modify owner role";
  if (opts.actor !== opts.target) {
    if (targetCurrentRole >= actorRole) return "cant modify a user with a higher role";
    if (targetCurrentRole === newRole) return "role would not change";
  }
  if (newRole >= roles.mod && opts.modCount >= moderatorsPerCommunityMax) return "moderator limit exceeded";
  return null;
}

export type PostActionName = "mutePost" | "unmutePost" | "pinPost" | "unpinPost" | "flagPost" | "setUserTitle" | "updateProps";

export interface PostState {
  muted: boolean;
  pinned: boolean;
  parentMuted: boolean;
  /** The actor already has a `flag_post` notification for this post in this community. */
  flaggedByActor: boolean;
}

/** The lowest role each action needs, and Hive's refusal below it (flagging only excludes the muted). */
const actorRoleRules: Readonly<Record<PostActionName, { minimum: number; reason: string }>> = {
  mutePost: { minimum: roles.mod, reason: "only mods and above can mute posts" },
  unmutePost: { minimum: roles.mod, reason: "only mods and above can unmute posts" },
  pinPost: { minimum: roles.mod, reason: "only mods and above can pin posts" },
  unpinPost: { minimum: roles.mod, reason: "only mods and above can unpin posts" },
  flagPost: { minimum: roles.guest, reason: "muted users cannot flag posts" },
  setUserTitle: { minimum: roles.mod, reason: "only mods can set user titles" },
  updateProps: { minimum: roles.admin, reason: "only admins can update props" },
};

/** The role half of `checkPostAction`; Hive checks it before looking the post up. */
export function checkActorRole(action: PostActionName, actorRole: number): null | string {
  const rule = actorRoleRules[action];
  return actorRole < rule.minimum ? rule.reason : null;
}

/**
 * The post-state half of `checkPostAction`, checked after the post was found in the community.
 * Steemit checks state before role and says "post is already not muted" / "post is already not pinned".
 */
export function checkPostState(action: PostActionName, post: PostState): null | string {
  switch (action) {
    case "mutePost":
      return post.muted ? "post is already muted" : null;
    case "unmutePost":
      if (!post.muted) return "post is not muted";
      return post.parentMuted ? "parent post is muted" : null;
    case "pinPost":
      return post.pinned ? "post is already pinned" : null;
    case "unpinPost":
      return post.pinned ? null : "post is not pinned";
    case "flagPost":
      return post.flaggedByActor ? "user already flagged this post" : null;
    default:
      return null;
  }
}

/**
 * Null when the actor may perform `action` on a post in this state, else Hive's reason. For the exact
 * order Hive uses, call `checkActorRole`, then look the post up (`postNotFoundReason`,
 * `postNotInCommunityReason`), then `checkPostState`; this function is the two checks together.
 * A successful mutePost stores muted_reasons = [MUTED_COMMUNITY_MODERATION] (replacing any other
 * reasons); unmutePost clears them all.
 */
export function checkPostAction(action: PostActionName, actorRole: number, postState?: PostState): null | string {
  const roleRefusal = checkActorRole(action, actorRole);
  if (roleRefusal !== null || postState === undefined) return roleRefusal;
  return checkPostState(action, postState);
}

export function checkSubscribe(isSubscribed: boolean): null | string {
  return isSubscribed ? "already subscribed" : null;
}

export function checkUnsubscribe(isSubscribed: boolean): null | string {
  return isSubscribed ? null : "already unsubscribed";
}

/** Refusal when the named community is malformed or not registered (Steemit: "community `x` does not exist"). */
export function communityNotFoundReason(name: string): string {
  return `Community '${name}' does not exist`;
}

/** Refusal when a named account is malformed or does not exist (Steemit's wording; Hive does not check). */
export function accountNotFoundReason(name: string): string {
  return `account \`${name}\` not found`;
}

/** Refusal when author/permlink names no live post (Hive's wording, "exists" included). */
export function postNotFoundReason(author: string, permlink: string): string {
  return `post does not exists ${author}/${permlink}`;
}

export const postNotInCommunityReason = "post does not belong to a community";

/** Hive's `muted_reasons` codes (bridge.list_muted_reasons_enum). */
export const mutedReasonsEnum = {
  MUTED_COMMUNITY_MODERATION: 0,
  MUTED_COMMUNITY_TYPE: 1,
  MUTED_PARENT: 2,
  MUTED_REPUTATION: 3,
  MUTED_ROLE_COMMUNITY: 4,
} as const;
export type MutedReason = (typeof mutedReasonsEnum)[keyof typeof mutedReasonsEnum];

/**
 * Whether the author's role lets them write here: topics take anyone not muted; journals take top-level
 * posts from members and comments from anyone not muted; councils take members only. A post that fails
 * is still indexed, but muted.
 */
export function canPost(communityType: CommunityType, role: number, isTopLevel: boolean): boolean {
  if (role <= roles.muted) return false;
  if (communityType === communityTypes.council) return role >= roles.member;
  if (communityType === communityTypes.journal && isTopLevel) return role >= roles.member;
  return true;
}

export interface PostMutedReasonsInput {
  /** The community's type when the post belongs to a registered community, else null. */
  communityType: CommunityType | null;
  /** The author's role in that community when the post is written (guest when none). */
  authorRole: number;
  isTopLevel: boolean;
  parentMuted: boolean;
}

/**
 * The reasons frozen on a new post or comment (muted when non-empty), in ascending order.
 * MUTED_COMMUNITY_TYPE and MUTED_PARENT follow Hive's `process_community_post` exactly. Hive does not
 * store MUTED_ROLE_COMMUNITY: it adds it when displaying while the author's role is muted. Kettle also
 * stores it when a muted author writes, as Steemit mutes such posts at index time, so a later unmute of the
 * author does not un-mute what they wrote while muted (the community docs' "not retroactive" rule).
 */
export function postMutedReasons(input: PostMutedReasonsInput): MutedReason[] {
  const reasons: MutedReason[] = [];
  const { communityType, authorRole, isTopLevel } = input;
  if (communityType !== null) {
    const needsMember = communityType === communityTypes.council || (communityType === communityTypes.journal && isTopLevel);
    if (needsMember && authorRole < roles.member) reasons.push(mutedReasonsEnum.MUTED_COMMUNITY_TYPE);
  }
  if (input.parentMuted) reasons.push(mutedReasonsEnum.MUTED_PARENT);
  if (communityType !== null && authorRole <= roles.muted) reasons.push(mutedReasonsEnum.MUTED_ROLE_COMMUNITY);
  return reasons;
}

/**
 * The reasons a bridge post object shows: the stored ones plus the two Hive derives when reading,
 * MUTED_REPUTATION (author grayed: reputation below 1) and MUTED_ROLE_COMMUNITY (author's current role
 * is muted). Ascending, without repeats.
 */
export function displayMutedReasons(stored: readonly MutedReason[], author: { isGrayed: boolean; currentRole: number }): MutedReason[] {
  const reasons = new Set<MutedReason>(stored);
  if (author.isGrayed) reasons.add(mutedReasonsEnum.MUTED_REPUTATION);
  if (author.currentRole <= roles.muted) reasons.add(mutedReasonsEnum.MUTED_ROLE_COMMUNITY);
  return [...reasons].sort((a, b) => a - b);
}

/** Reasons as the bit mask Hive stores in `hive_posts.muted_reasons` (bit n set for reason n). */
export function encodeMutedReasons(reasons: readonly MutedReason[]): number {
  let mask = 0;
  for (const reason of reasons) mask |= 1 << reason;
  return mask;
}

export function decodeMutedReasons(mask: number): MutedReason[] {
  assert(Number.isInteger(mask) && mask >= 0 && mask < 1 << 5, `muted_reasons mask ${mask} is out of range`);
  const reasons: MutedReason[] = [];
  for (let reason = 0; reason < 5; reason++) if (mask & (1 << reason)) reasons.push(reason as MutedReason);
  return reasons;
}

// ---- Payload values as hivemind reads them ----
// hivemind validates with Python asserts; these helpers give the same verdicts and messages on values
// from JSON.parse. Lengths count code points, as Python's len() does.

/** A JSON object (Python dict): not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Python's truthiness test on a JSON value: null, false, 0, "", [] and {} are falsy. */
export function isPythonFalsy(value: unknown): boolean {
  if (value === null || value === false || value === 0 || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/** Keys as Python prints a set of strings, `{'a', 'b'}` (Python's order varies by run; ours is the given one). */
export function pythonKeySet(keys: readonly string[]): string {
  return `{${keys.map((key) => `'${key}'`).join(", ")}}`;
}

/** The code points Python's str.strip() removes (str.isspace); JavaScript's trim() differs on a few. */
const pythonWhitespace: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

function hasPythonPadding(text: string): boolean {
  return text !== "" && (pythonWhitespace.has(text.codePointAt(0)!) || pythonWhitespace.has(text.charCodeAt(text.length - 1)));
}

/**
 * hivemind's read_key_str for a key known to be present: a string, non-blank unless allowed, without
 * leading or trailing whitespace, at most `lengthMax` code points.
 */
export function readText(record: Record<string, unknown>, key: string, lengthMax: number, allowBlank: boolean): string | { reason: string } {
  const value = record[key];
  if (typeof value !== "string") return { reason: `key \`${key}\` was not str` };
  if (!allowBlank && value === "") return { reason: `key \`${key}\` was blank` };
  if (hasPythonPadding(value)) return { reason: `invalid padding: ${key}` };
  if (codePointLength(value) > lengthMax) return { reason: `exceeds max len: ${key}` };
  return value;
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** ISO 639-1 codes a community may declare as `lang`, as hivemind lists them (183 codes: `bh` in, `sh` out). */
export const communityLanguages: ReadonlySet<string> = new Set(
  [
    "aa ab ae af ak am an ar as av ay az",
    "ba be bg bh bi bm bn bo br bs",
    "ca ce ch co cr cs cu cv cy",
    "da de dv dz",
    "ee el en eo es et eu",
    "fa ff fi fj fo fr fy",
    "ga gd gl gn gu gv",
    "ha he hi ho hr ht hu hy hz",
    "ia id ie ig ii ik io is it iu",
    "ja jv",
    "ka kg ki kj kk kl km kn ko kr ks ku kv kw ky",
    "la lb lg li ln lo lt lu lv",
    "mg mh mi mk ml mn mr ms mt my",
    "na nb nd ne ng nl nn no nr nv ny",
    "oc oj om or os",
    "pa pi pl ps pt",
    "qu",
    "rm rn ro ru rw",
    "sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw",
    "ta te tg th ti tk tl tn to tr ts tt tw ty",
    "ug uk ur uz",
    "ve vi vo",
    "wa wo",
    "xh",
    "yi yo",
    "za zh",
  ]
    .join(" ")
    .split(" "),
);

/** Community settings as updateProps sets them; wire names, as stored and served by bridge.get_community. */
export interface CommunityProps {
  title?: string;
  about?: string;
  lang?: string;
  is_nsfw?: boolean;
  description?: string;
  flag_text?: string;
  /** Stored as JSON text; only avatar_url and cover_url are checked. */
  settings?: Readonly<Record<string, unknown>>;
  type_id?: CommunityType;
}

const communityPropKeys = ["title", "about", "lang", "is_nsfw", "description", "flag_text", "settings", "type_id"];
export const communityTitleLengthMin = 3;
export const communityTitleLengthMax = 20;
export const communityAboutLengthMax = 120;
export const communityDescriptionLengthMax = 1000;
export const communityFlagTextLengthMax = 1000;
/** Settings URLs must be shorter than this many code points. */
export const communitySettingsUrlLengthLimit = 1024;

/** hivemind's read_key_dict: present, truthy in Python's sense, and an object. */
function readObject(record: Record<string, unknown>, key: string): { object: Record<string, unknown> } | { reason: string } {
  if (!Object.hasOwn(record, key)) return { reason: `key \`${key}\` not found` };
  const value = record[key];
  if (isPythonFalsy(value)) return { reason: `key \`${key}\` was blank` };
  if (!isJsonObject(value)) return { reason: `key \`${key}\` not a dict` };
  return { object: value };
}

/**
 * hivemind's checks on updateProps' `props`, in its order (title, about, lang, is_nsfw, description,
 * flag_text, settings, type_id); every key optional. The refusal for a settings URL that is not http(s)
 * is ours: hivemind's assert there has no message (an empty payload).
 */
export function parseCommunityProps(payload: Record<string, unknown>): CommunityProps | { reason: string } {
  const read = readObject(payload, "props");
  if ("reason" in read) return read;
  const props = read.object;
  const extra = Object.keys(props).filter((key) => !communityPropKeys.includes(key));
  if (extra.length > 0) return { reason: `extraneous keys: ${pythonKeySet(extra)}` };
  const out: CommunityProps = {};
  const refusal = propSteps.reduce<string | null>((found, step) => found ?? step(props, out), null);
  return refusal === null ? out : { reason: refusal };
}

type PropStep = (props: Record<string, unknown>, out: CommunityProps) => string | null;

function textProp(key: "about" | "description" | "flag_text", lengthMax: number): PropStep {
  return (props, out) => {
    if (!Object.hasOwn(props, key)) return null;
    const text = readText(props, key, lengthMax, true);
    if (typeof text !== "string") return text.reason;
    out[key] = text;
    return null;
  };
}

const propSteps: readonly PropStep[] = [
  (props, out) => {
    if (!Object.hasOwn(props, "title")) return null;
    const title = readText(props, "title", communityTitleLengthMax, false);
    if (typeof title !== "string") return title.reason;
    if (codePointLength(title) < communityTitleLengthMin) return "title too short";
    if (title[0] === "@" || title[0] === "#") return "invalid title prefix";
    out.title = title;
    return null;
  },
  textProp("about", communityAboutLengthMax),
  (props, out) => {
    if (!Object.hasOwn(props, "lang")) return null;
    const lang = readText(props, "lang", 2, false);
    if (typeof lang !== "string") return lang.reason;
    if (!communityLanguages.has(lang)) return "invalid lang: lang";
    out.lang = lang;
    return null;
  },
  (props, out) => {
    if (!Object.hasOwn(props, "is_nsfw")) return null;
    if (typeof props.is_nsfw !== "boolean") return "must be bool: is_nsfw";
    out.is_nsfw = props.is_nsfw;
    return null;
  },
  textProp("description", communityDescriptionLengthMax),
  textProp("flag_text", communityFlagTextLengthMax),
  (props, out) => {
    if (!Object.hasOwn(props, "settings")) return null;
    const settings = readObject(props, "settings");
    if ("reason" in settings) return settings.reason;
    for (const key of ["avatar_url", "cover_url"]) {
      const refusal = Object.hasOwn(settings.object, key) ? checkSettingsUrl(settings.object[key], key) : null;
      if (refusal !== null) return refusal;
    }
    out.settings = settings.object;
    return null;
  },
  (props, out) => {
    if (!Object.hasOwn(props, "type_id")) return null;
    // Python would also take `true` as 1 here (bool is an int); JSON `1.0` reads as 1 in JavaScript.
    if (typeof props.type_id !== "number" || !Number.isInteger(props.type_id)) return "must be int: type_id";
    if (!isCommunityType(props.type_id)) return "invalid community type";
    out.type_id = props.type_id;
    return null;
  },
];

/** A settings URL may be blank (Python-falsy); otherwise an http:// or https:// string under 1024 code points. */
function checkSettingsUrl(url: unknown, key: string): string | null {
  if (isPythonFalsy(url)) return null;
  if (typeof url !== "string") return "url was not string";
  if (codePointLength(url) >= communitySettingsUrlLengthLimit) return `url must be shorter than ${communitySettingsUrlLengthLimit} characters`;
  if (!url.startsWith("http://") && !url.startsWith("https://")) return `invalid url protocol: ${key}`;
  return null;
}
