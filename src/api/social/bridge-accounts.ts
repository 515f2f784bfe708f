/**
 * bridge profiles, follow lists and relationships (named params), and follow_api's named-param entries.
 *
 * `get_profile` of an account that does not exist is null, as on Steemit (Hive raises); `get_profiles`
 * (Hive only) raises, naming the missing accounts, as Hive does.
 */
import type { IndexDatabase } from "../../index/db/database.ts";
import { mutedReasonsEnum } from "../../index/rules/communities.ts";
import { normalizeProfile } from "../../index/rules/post-text.ts";
import type { IndexMethodHandler } from "../methods/method-table.ts";
import { invalidParams } from "../rpc/rpc-error.ts";
import { booleanParam, namedParams, notFound } from "./account-params.ts";
import { bytewise, followStates, loadProfiles, observerParam, relationshipBetween, requireAccount } from "./account-queries.ts";
import { followApiMethods } from "./condenser-follows.ts";
import { accountParam, indexOf, limitParam, optionalAccountParam, textParam } from "./params.ts";

/** Hive's cap on `get_profiles`. */
export const profilesPerCallMax = 1000;
/** Kettle's cap on one page of `get_follow_list` (Hive returns whole lists; `start`/`limit` are ours). */
export const followListPageMax = 1000;

async function getProfile(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.get_profile", ["account", "observer"]);
  const account = accountParam(p.account, "account");
  const observer = await observerParam(db, p.observer);
  const [profile] = await loadProfiles(db, [account], observer);
  return profile ?? null;
}

async function getProfiles(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.get_profiles", ["accounts", "observer"]);
  if (!Array.isArray(p.accounts) || p.accounts.length === 0 || p.accounts.length > profilesPerCallMax) {
    throw invalidParams(`accounts must be an array of 1 to ${profilesPerCallMax} account names`);
  }
  const names = [...new Set(p.accounts.map((name, i) => accountParam(name, `accounts[${i}]`)))];
  const observer = await observerParam(db, p.observer);
  const profiles = await loadProfiles(db, names, observer);
  if (profiles.length < names.length) {
    const found = new Set(profiles.map((profile) => profile.name));
    throw notFound(`accounts not found: ${names.filter((name) => !found.has(name)).map((name) => `\`${name}\``).join(", ")}`);
  }
  return profiles;
}

/** Does the observer follow anybody's blacklist (Hive: follow_blacklist, not follow_muted)? */
async function doesUserFollowAnyLists(db: IndexDatabase, params: unknown): Promise<boolean> {
  const p = namedParams(params, "bridge.does_user_follow_any_lists", ["observer"]);
  const observer = accountParam(p.observer, "observer");
  await requireAccount(db, observer);
  const row = await db.get("SELECT 1 AS found FROM follows WHERE follower = ? AND follow_blacklists <> 0 LIMIT 1", [observer]);
  return row !== undefined;
}

const followListTypes = ["blacklisted", "follow_blacklist", "muted", "follow_muted"] as const;
type FollowListType = (typeof followListTypes)[number];

/** The follows row condition selecting each list. */
const followListConditions: Readonly<Record<FollowListType, string>> = {
  blacklisted: "f.blacklisted <> 0",
  follow_blacklist: "f.follow_blacklists <> 0",
  muted: `f.state = ${followStates.mute}`,
  follow_muted: "f.follow_muted <> 0",
};

/**
 * The observer's blacklist, mute list, or the accounts whose lists it follows, in name order. Only for
 * followed lists do the descriptions come from each list owner's profile (Hive leaves them blank for the
 * observer's own lists).
 */
async function getFollowList(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.get_follow_list", ["observer", "follow_type", "start", "limit"]);
  const observer = accountParam(p.observer, "observer");
  const type = (p.follow_type === undefined || p.follow_type === null ? "blacklisted" : textParam(p.follow_type, "follow_type", 32, followListTypes)) as FollowListType;
  const start = optionalAccountParam(p.start, "start");
  const limit = limitParam(p.limit, followListPageMax, followListPageMax);
  await requireAccount(db, observer);
  const withDescriptions = type === "follow_blacklist" || type === "follow_muted";
  const rows = await db.all<{ name: string; json_metadata: string | null; posting_json_metadata: string | null }>(
    `SELECT f.following AS name, ${withDescriptions ? "a.json_metadata, a.posting_json_metadata" : "NULL AS json_metadata, NULL AS posting_json_metadata"}
       FROM follows f ${withDescriptions ? "JOIN accounts a ON a.name = f.following" : ""}
      WHERE f.follower = ? AND ${followListConditions[type]} ${start === null ? "" : `AND ${bytewise(db, "f.following")} > ?`}
      ORDER BY ${bytewise(db, "f.following")} LIMIT ?`,
    [observer, ...(start === null ? [] : [start]), limit],
  );
  return rows.map((row) => {
    const profile = withDescriptions ? normalizeProfile(row.json_metadata ?? "", row.posting_json_metadata ?? "") : null;
    return { name: row.name, blacklist_description: profile?.blacklist_description ?? "", muted_list_description: profile?.muted_list_description ?? "" };
  });
}

/** What account1 does about account2. `debug` is accepted and, as on Hive's current server, adds nothing. */
async function getRelationshipBetweenAccounts(db: IndexDatabase, params: unknown) {
  const p = namedParams(params, "bridge.get_relationship_between_accounts", ["account1", "account2", "observer", "debug"]);
  const account1 = accountParam(p.account1, "account1");
  const account2 = accountParam(p.account2, "account2");
  booleanParam(p.debug, "debug", false);
  await requireAccount(db, account1);
  await requireAccount(db, account2);
  await observerParam(db, p.observer);
  return relationshipBetween(db, account1, account2);
}

export const bridgeAccountMethods: Record<string, IndexMethodHandler> = {
  "bridge.get_profile": (context, params) => getProfile(indexOf(context), params),
  "bridge.get_profiles": (context, params) => getProfiles(indexOf(context), params),
  "bridge.does_user_follow_any_lists": (context, params) => doesUserFollowAnyLists(indexOf(context), params),
  "bridge.get_follow_list": (context, params) => getFollowList(indexOf(context), params),
  "bridge.get_relationship_between_accounts": (context, params) => getRelationshipBetweenAccounts(indexOf(context), params),
  "bridge.list_muted_reasons_enum": (_context, params) => {
    namedParams(params, "bridge.list_muted_reasons_enum", []);
    return { ...mutedReasonsEnum };
  },
  // methods.ts merges this table into the appbase methods; follow_api's named forms belong there too.
  ...followApiMethods,
};
