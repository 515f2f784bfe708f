/**
 * `/@user/notifications`: bridge.account_notifications, newest first, 50 a page (`?last_id=` pages on), each
 * with its kind, the API's message linking to its post, community or account, and when; those after the
 * account's last-read mark (bridge.unread_notifications) are marked unread. `?type=` keeps one kind (the
 * API has no such filter, so it applies to the page fetched). The owner gets "Mark all as read", which the
 * notifications client script broadcasts as the `notify` custom_json hivemind reads.
 */
import { type IconName, icon } from "../components/icons.ts";
import type { NotificationEvent } from "../../api/subscriptions.ts";
import { parseChainTime, plural, timeAgo } from "../components/format.ts";
import { loadProfile, profileHeader } from "../components/profile-header.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Notifications a page shows unfiltered; a filtered page reads the API's maximum to find more of one kind. */
export const notificationsPageSize = 50;
const filteredPageSize = 100;

/** A notification as bridge.account_notifications answers it (the row shape subscriptions share). */
export type BridgeNotification = NotificationEvent;

/** The filter tabs and the API's `type` values each keeps (Steemit's names; Hive calls set_label set_title). */
export const notificationFilters = {
  all: { label: "All", types: null },
  replies: { label: "Replies", types: ["reply", "reply_comment"] },
  mentions: { label: "Mentions", types: ["mention"] },
  follows: { label: "Follows", types: ["follow"] },
  upvotes: { label: "Upvotes", types: ["vote"] },
  reblogs: { label: "Reblogs", types: ["reblog"] },
  community: {
    label: "Community",
    types: ["new_community", "subscribe", "set_role", "set_props", "set_label", "set_title", "mute_post", "unmute_post", "pin_post", "unpin_post", "flag_post", "error"],
  },
} as const satisfies Record<string, { label: string; types: readonly string[] | null }>;
export type NotificationFilter = keyof typeof notificationFilters;

const icons: Readonly<Record<string, IconName>> = {
  reply: "reply", reply_comment: "reply", mention: "mention", follow: "person", vote: "up", reblog: "reblog", subscribe: "community", new_community: "community",
  set_role: "shield", set_props: "gear", set_label: "shield", set_title: "shield", mute_post: "mute", unmute_post: "mute", pin_post: "pin", unpin_post: "pin", flag_post: "flag", error: "warning",
};

function filterOf(value: string | null): NotificationFilter {
  return value !== null && Object.hasOwn(notificationFilters, value) ? (value as NotificationFilter) : "all";
}

function keeps(filter: NotificationFilter, type: string): boolean {
  const types: readonly string[] | null = notificationFilters[filter].types;
  return types === null || types.includes(type);
}

function filterTabs(account: string, active: NotificationFilter): Html {
  return html`<nav class="tabs tabs-small" aria-label="Kinds of notification">${Object.entries(notificationFilters).map(([key, filter]) =>
    html`<a href="/@${account}/notifications${key === "all" ? "" : `?type=${key}`}"${key === active ? html` aria-current="page"` : ""}>${filter.label}</a>`)}</nav>`;
}

function notificationItem(context: PageContext, item: BridgeNotification, unread: boolean): Html {
  const source = /^@([a-z][a-z0-9.-]{2,15})\b/.exec(item.msg)?.[1] ?? null;
  const text = item.url === null ? html`${item.msg}` : html`<a href="/${item.url}">${item.msg}</a>`;
  return html`<li class="notification${unread ? " unread" : ""}" data-notification-id="${item.id}"${unread ? html` data-unread` : ""}>
  <span class="notification-icon" aria-hidden="true">${icon(icons[item.type] ?? "dot")}</span>
  ${source === null ? "" : html`<img class="avatar avatar-small" src="/u/${source}/avatar/small" alt="" width="32" height="32" loading="lazy">`}
  <span class="notification-text">${text}${unread ? html` <span class="visually-hidden" data-unread-label>(unread)</span>` : ""}</span>
  ${timeAgo(item.date, context.now)}
</li>`;
}

function readControls(context: PageContext, account: string, unread: number): Html {
  if (context.observer === account) {
    return html`<p class="form-row"><button type="button" class="button button-quiet" data-action="mark-read" data-account="${account}"${unread === 0 ? html` disabled` : ""}>Mark all as read</button></p>`;
  }
  return html`<p class="hint">Notifications are public on this chain, but only @${account} can mark them read.</p>`;
}

async function loadNotifications(context: PageContext, account: string, filter: NotificationFilter) {
  const lastIdText = context.url.searchParams.get("last_id") ?? "";
  const lastId = /^\d{1,15}$/.test(lastIdText) ? Number(lastIdText) : undefined;
  const limit = filter === "all" ? notificationsPageSize : filteredPageSize;
  const orNull = <T>(promise: Promise<T>) => promise.catch((error) => {
    // An unknown account fails here too; the profile's own lookup reports it with a hint.
    if (error instanceof WebApiError) return null;
    throw error;
  });
  const [items, status] = await Promise.all([
    orNull(context.api.call<BridgeNotification[]>("bridge.account_notifications", { account, limit, ...(lastId === undefined ? {} : { last_id: lastId }) })),
    orNull(context.api.call<{ lastread: string; unread: number }>("bridge.unread_notifications", { account })),
  ]);
  return { items: items ?? [], status, limit, lastId };
}

/** Serves an account's notifications. `params`: [account]. */
export async function notificationsPage(context: PageContext): Promise<PageResult> {
  const account = context.params[0];
  const filter = filterOf(context.url.searchParams.get("type"));
  const [profile, page] = await Promise.all([loadProfile(context, account), loadNotifications(context, account, filter)]);
  const lastRead = page.status === null ? Number.POSITIVE_INFINITY : parseChainTime(page.status.lastread.replace(" ", "T"));
  const shown = page.items.filter((item) => keeps(filter, item.type));
  const unread = page.status?.unread ?? 0;
  const own = context.observer === account;
  const last = page.items.at(-1);
  const more = last !== undefined && page.items.length === page.limit
    ? html`<nav class="pager" aria-label="Pages"><a class="button button-quiet" rel="next" href="/@${account}/notifications?${new URLSearchParams({ ...(filter === "all" ? {} : { type: filter }), last_id: String(last.id) }).toString()}">Older notifications →</a></nav>` : "";
  const empty = filter === "all"
    ? (page.lastId === undefined ? (own ? "No notifications yet. Replies, mentions, follows, upvotes and reblogs show up here." : `@${account} has no notifications yet.`) : "No older notifications.")
    : `No ${notificationFilters[filter].label.toLowerCase()} notifications${page.items.length === 0 ? "" : " among these"}.`;
  const heading = own ? "Your notifications" : `Notifications of @${account}`;
  const main = html`${profileHeader(context, profile, "notifications")}
<section aria-labelledby="notifications-heading" data-notifications="${account}">
  <h2 id="notifications-heading" class="list-heading">${heading}${unread > 0 ? html` <span class="reputation">(${plural(unread, "unread", "unread")})</span>` : ""}</h2>
  ${readControls(context, account, unread)}
  ${filterTabs(account, filter)}
  ${shown.length === 0 ? html`<div class="empty-state"><p>${empty}</p></div>` : html`<ul class="notifications" role="list">${shown.map((item) => notificationItem(context, item, parseChainTime(item.date) > lastRead))}</ul>`}
  ${more}
</section>`;
  return {
    title: heading,
    description: `What happened around @${account}: replies, mentions, follows, upvotes, reblogs and community news.`,
    canonicalPath: `/@${account}/notifications`,
    type: "profile",
    main,
    noindex: true,
    scripts: own ? ["notifications"] : [],
  };
}
