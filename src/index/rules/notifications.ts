/**
 * Notification types, scores and the text `bridge.account_notifications` returns for them.
 *
 * Reproduces steemit/hivemind `hive/indexer/notify.py` (types), `hive/indexer/cached_post.py` `_notifs`
 * (reply, mention and vote rules), `hive/indexer/accounts.py` `default_score`, `hive/indexer/community.py`
 * `_notify` and `hive/server/hive_api/notify.py` (`msg`, `url`), and alongside them openhive-network/
 * hivemind `hive/indexer/notify_type.py`, `hive/db/sql_scripts/notifications_view.sql` (vote score),
 * `postgrest/utilities/notifications.sql` and `postgrest/bridge_api/bridge_api_account_notifications.sql`.
 *
 * Where the forks differ, and what we chose:
 * - type 4 is `set_label` on Steemit and `set_title` on Hive: `notifyTypes` uses Steemit's name;
 *   `notificationTypeName(4, "hive")` gives Hive's.
 * - `msg` wording and the community `url` (`trending/<name>` vs `c/<name>`) differ: both are here,
 *   selected by `style`, Steemit's by default since its wording also reads right in a community's own
 *   notification list ("@a set @b mod" rather than "set your role to mod").
 * - vote score: Steemit truncates the vote's value to whole thousandths of a dollar before counting
 *   digits; Hive rounds, and divides the payout by the post's absolute rather than net rshares. We follow
 *   Steemit (net rshares, truncation), in exact integers where Steemit used doubles; the results differ
 *   only for values within a thousandth of a power of ten, or posts with downvotes (Hive's share is
 *   smaller there).
 * - social notification score: Steemit scores by the source account's rank, Hive by its reputation
 *   (`notificationScoreOfReputation` in reputation-display.ts). Both are here; the caller picks.
 * - mentions: Steemit notifies none of them when a post mentions too many accounts for the author's score
 *   and lowers each score by 2 per extra mention; Hive has no cap. We keep Steemit's cap, as spam control.
 */
import { assert } from "../../stdx/assert.ts";
import { formatHundredthsHalfEven } from "./reputation-display.ts";

/** The notification types with hivemind's ids (17 in both forks; Hive calls 4 `set_title`). */
export const notifyTypes = {
  new_community: 1,
  set_role: 2,
  set_props: 3,
  set_label: 4,
  mute_post: 5,
  unmute_post: 6,
  pin_post: 7,
  unpin_post: 8,
  flag_post: 9,
  error: 10,
  subscribe: 11,
  reply: 12,
  reply_comment: 13,
  reblog: 14,
  follow: 15,
  mention: 16,
  vote: 17,
} as const;
export type NotifyTypeName = keyof typeof notifyTypes;
export type NotifyTypeId = (typeof notifyTypes)[NotifyTypeName];

/** Id → name, the reverse of `notifyTypes`. */
export const notifyTypeNames: Readonly<Record<NotifyTypeId, NotifyTypeName>> = Object.freeze(
  Object.fromEntries(Object.entries(notifyTypes).map(([name, id]) => [id, name])) as Record<NotifyTypeId, NotifyTypeName>,
);

export function isNotifyTypeName(value: unknown): value is NotifyTypeName {
  return typeof value === "string" && Object.hasOwn(notifyTypes, value);
}

export function isNotifyTypeId(value: unknown): value is NotifyTypeId {
  return typeof value === "number" && Object.hasOwn(notifyTypeNames, value);
}

/** Whose wording `msg`, `url` and `type` follow. */
export type NotificationStyle = "steemit" | "hive";

/** The `type` string of a notification as each fork returns it. */
export function notificationTypeName(id: NotifyTypeId, style: NotificationStyle = "steemit"): string {
  return style === "hive" && id === notifyTypes.set_label ? "set_title" : notifyTypeNames[id];
}

// -------------------------------------------------------------------------------------------------- scores

/** Score of community notifications (and of any written without one, Steemit `Notify.DEFAULT_SCORE`). */
export const notificationScoreDefault = 35;
/** Score of a community notification aimed at an account that is not subscribed to the community. */
export const notificationScoreUnsubscribed = 15;
/** The score `account_notifications` and `unread_notifications` filter on when none is given. */
export const notificationMinScoreDefault = 25;

/**
 * Score of a community notification (steemit/hivemind `community.py` `_notify`, same on Hive): 35, or 15
 * when it targets an account (a role or title change) that is not subscribed to the community.
 */
export function communityNotificationScore(targetIsSubscribed: boolean): number {
  return targetIsSubscribed ? notificationScoreDefault : notificationScoreUnsubscribed;
}

/**
 * Steemit's score for a social notification (reply, reblog, follow, mention) from the source account's
 * rank by stake (steemit/hivemind `accounts.py` `default_score`): top 200 → 70, 1,000 → 60, 6,500 → 50,
 * 25,000 → 40, 100,000 → 30, anyone else (or unranked, `null`) → 20. Rank 0 is the largest account.
 */
export function notificationScoreOfRank(rank: number | null): number {
  const effective = rank ?? 1_000_000;
  if (effective < 200) return 70;
  if (effective < 1_000) return 60;
  if (effective < 6_500) return 50;
  if (effective < 25_000) return 40;
  if (effective < 100_000) return 30;
  return 20;
}

/** Votes with fewer rshares never notify (both forks: `rshares < 10e9` is skipped). */
export const voteNotificationRsharesMin = 10_000_000_000n;

/**
 * A vote's share of the post's payout in SBD thousandths, truncated toward zero: the post's total payout
 * (paid plus pending, thousandths) times the vote's rshares over the post's net rshares; 0 when those are 0.
 * This is Steemit's `contrib = int(1000 * payout / net_rshares * rshares)` (steemit/hivemind
 * `cached_post.py` `_notifs`) in exact integers, so a vote worth exactly $0.100 is not read as $0.099.
 */
export function voteValueThousandths(postPayout: bigint, postNetRshares: bigint, voteRshares: bigint): bigint {
  if (postNetRshares === 0n) return 0n;
  return (postPayout * voteRshares) / postNetRshares;
}

/**
 * A dollar value in whole thousandths, truncated; first rounded to millionths so that the noise of a
 * double (0.1 arriving as 0.09999999999999999) cannot cost a thousandth.
 */
function thousandthsOfUsd(voteValueUsd: number): number {
  return Math.trunc(Math.round(voteValueUsd * 1_000_000) / 1000);
}

/**
 * Score of a vote notification from the vote's dollar value (steemit/hivemind `cached_post.py` `_notifs`;
 * Hive `notifications_view.sql` `calculate_notify_vote_score`): −1 (no notification) below $0.020, else
 * 25 points per digit of the value in whole thousandths of a dollar beyond the first, at most 100:
 * $0.020–0.099 → 25, $0.100–0.999 → 50, $1–9.999 → 75, $10 and up → 100. For an exact value in
 * thousandths `t` (`voteValueThousandths`), pass `Number(t) / 1000`.
 */
export function voteNotificationScore(voteValueUsd: number): number {
  const thousandths = thousandthsOfUsd(voteValueUsd);
  if (!(thousandths >= 20)) return -1;
  return Math.min(100, (String(thousandths).length - 1) * 25);
}

/** The payload stored with a vote notification: the value in whole thousandths, `$0.050` (Steemit's `"$%.3f"`). */
export function voteNotificationPayload(voteValueUsd: number): string {
  const thousandths = thousandthsOfUsd(voteValueUsd);
  assert(Number.isSafeInteger(thousandths) && thousandths >= 0, "vote value must be a non-negative number of dollars");
  return `$${Math.floor(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, "0")}`;
}

/**
 * How many accounts a post may mention and still notify them (steemit/hivemind `cached_post.py`): 5 for
 * an author scoring below 30, 10 below 60, else 25. Above the cap, none of them is notified.
 */
export function mentionsNotifiedMax(sourceScore: number): number {
  if (sourceScore < 30) return 5;
  if (sourceScore < 60) return 10;
  return 25;
}

/**
 * Score of each mention notification of a post mentioning `mentionedCount` accounts (existing accounts,
 * neither the author nor the parent author), or null when there are too many to notify (Steemit): the
 * author's score less 2 for every mention after the first, never below 0. Steemit would then write a 0
 * as 35 (`score or DEFAULT_SCORE`); we keep the 0.
 */
export function mentionNotificationScore(sourceScore: number, mentionedCount: number): number | null {
  assert(Number.isSafeInteger(mentionedCount) && mentionedCount >= 1, "a mention notification needs a mention");
  if (mentionedCount > mentionsNotifiedMax(sourceScore)) return null;
  return sourceScore - Math.min(sourceScore, 2 * (mentionedCount - 1));
}

// --------------------------------------------------------------------------------------------- msg and url

/** A notification row as the renderer sees it; every field is optional, as the SQL joins may leave it empty. */
export interface NotificationFields {
  /** Account that caused it. */
  readonly src?: string | null;
  /** Account it is for (for `new_community`, the community). */
  readonly dst?: string | null;
  /** The post it concerns. */
  readonly author?: string | null;
  readonly permlink?: string | null;
  /** The community it concerns, and its title. */
  readonly community?: string | null;
  readonly communityTitle?: string | null;
  /** Free text: the role, the notes, the error; for a vote, `voteNotificationPayload`'s `$0.050`. */
  readonly payload?: string | null;
  /** Hive's mention text: how many accounts the post mentions. */
  readonly mentions?: number | null;
}

const steemitTemplates: Readonly<Record<NotifyTypeName, string>> = {
  new_community: "<dst> was created",
  set_role: "<src> set <dst> <payload>",
  set_props: "<src> set properties <payload>",
  set_label: "<src> label <dst> <payload>",
  mute_post: "<src> mute <post> - <payload>",
  unmute_post: "<src> unmute <post> - <payload>",
  pin_post: "<src> pin <post>",
  unpin_post: "<src> unpin <post>",
  flag_post: "<src> flag <post> - <payload>",
  subscribe: "<src> subscribed to <comm>",
  error: "error: <payload>",
  reblog: "<src> resteemed your post",
  follow: "<src> followed you",
  reply: "<src> replied to your post",
  reply_comment: "<src> replied to your comment",
  mention: "<src> mentioned you",
  vote: "<src> voted on your post",
};

const hiveTemplates: Readonly<Record<NotifyTypeName, string>> = {
  new_community: "<dst> was created",
  set_role: "<src> set your role to <payload>",
  set_props: "<src> set properties <payload>",
  set_label: "<src> set your title to <payload>",
  mute_post: "<src> muted your post - <payload>",
  unmute_post: "<src> unmuted your post - <payload>",
  pin_post: "<src> pinned your post",
  unpin_post: "<src> unpinned your post",
  flag_post: "<src> flagged a post - <payload>",
  subscribe: "<src> subscribed to <comm>",
  error: "error: <payload>",
  reblog: "<src> reblogged your post",
  follow: "<src> followed you",
  reply: "<src> replied to your post",
  reply_comment: "<src> replied to your comment",
  mention: "<src> mentioned you and <other_mentions> others",
  vote: "<src> voted on your post",
};

/**
 * The `msg` of a notification (steemit/hivemind `hive_api/notify.py` `_render_msg`; Hive
 * `notifications.sql` `get_notify_message`). Placeholders are filled in order — `<dst>`, `<src>` (each as
 * `@name`), `<post>` (`@author/permlink`), `<payload>`, `<comm>` (the community title), then Hive's
 * `<other_mentions>` — each replacing every occurrence in the text so far, so a payload that contains
 * `<comm>` gets the title, as in both forks. A missing payload reads `null` (Steemit also for an empty
 * one). A vote worth at least $0.01 gets ` ($x.xx)`, its payload rounded to cents as Python's `%.2f`.
 */
export function notificationMessage(type: NotifyTypeName, fields: NotificationFields, style: NotificationStyle = "steemit"): string {
  let message = (style === "hive" ? hiveTemplates : steemitTemplates)[type];
  let payload: string | null = fields.payload ?? null;
  if (type === "vote" && payload) {
    const amount = Number(payload.slice(1));
    payload = null;
    if (amount >= 0.01) {
      message += " (<payload>)";
      payload = `$${formatHundredthsHalfEven(amount)}`;
    }
  }
  const payloadText = style === "hive" ? (payload ?? "null") : payload || "null";
  const fills: [string, string][] = [
    ["<dst>", `@${fields.dst ?? ""}`],
    ["<src>", `@${fields.src ?? ""}`],
    ["<post>", `@${fields.author ?? ""}/${fields.permlink ?? ""}`],
    ["<payload>", payloadText],
    ["<comm>", fields.communityTitle ?? ""],
    ["<other_mentions>", String((fields.mentions ?? 1) - 1)],
  ];
  for (const [placeholder, value] of fills) message = message.replaceAll(placeholder, () => value);
  return message;
}

/**
 * The `url` of a notification (steemit/hivemind `_render_url`; Hive `bridge_api_account_notifications`):
 * the post (`@author/permlink`) if there is one, else the community (`trending/<name>` on Steemit,
 * `c/<name>` on Hive), else `@src`, else `@dst`; null when there is none of these.
 */
export function notificationUrl(fields: NotificationFields, style: NotificationStyle = "steemit"): string | null {
  if (fields.permlink) return `@${fields.author ?? ""}/${fields.permlink}`;
  if (fields.community) return `${style === "hive" ? "c/" : "trending/"}${fields.community}`;
  if (fields.src) return `@${fields.src}`;
  if (fields.dst) return `@${fields.dst}`;
  return null;
}
