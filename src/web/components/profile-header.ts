/**
 * The header every profile page shares (`/@user`, its post tabs, followers, following, communities,
 * notifications): cover and avatar from the image service, display name, reputation, about, location,
 * website, join date, counts, follow and mute buttons for other readers, and the profile's tabs.
 */
import { type Html, html, safeUrl } from "../html.ts";
import { PageNotFound, type PageContext } from "../page.ts";
import { WebApiError } from "../web-api.ts";
import { formatReputation, parseChainTime, plural } from "./format.ts";

/** The profile fields pages read (bridge.get_profile; api/social/account-queries.ts builds it). */
export interface BridgeProfile {
  readonly name: string;
  readonly created: string;
  readonly active: string;
  readonly post_count: number;
  readonly reputation: number;
  readonly stats: { readonly following: number; readonly followers: number };
  readonly metadata: { readonly profile: Partial<Readonly<Record<"name" | "about" | "location" | "website" | "profile_image" | "cover_image", string>>> };
  /** Whether the observer follows or mutes the account; only when an observer was given. */
  readonly context?: { readonly followed: boolean; readonly muted: boolean };
}

/** The profile's sections, each a tab. */
export type ProfileTab =
  | "blog" | "posts" | "comments" | "replies" | "payout" | "feed" | "communities" | "followers" | "following" | "muted" | "wallet" | "notifications" | "settings";

interface TabLink {
  readonly tab: ProfileTab;
  readonly label: string;
  readonly path: string;
  readonly ownOnly?: boolean;
}

const tabLinks: readonly TabLink[] = [
  { tab: "blog", label: "Blog", path: "" },
  { tab: "posts", label: "Posts", path: "/posts" },
  { tab: "comments", label: "Comments", path: "/comments" },
  { tab: "replies", label: "Replies", path: "/replies" },
  { tab: "payout", label: "Payouts", path: "/payout" },
  { tab: "feed", label: "Feed", path: "/feed" },
  { tab: "communities", label: "Communities", path: "/communities" },
  { tab: "followers", label: "Followers", path: "/followers" },
  { tab: "following", label: "Following", path: "/following" },
  { tab: "wallet", label: "Wallet", path: "/wallet" },
  { tab: "notifications", label: "Notifications", path: "/notifications", ownOnly: true },
  { tab: "settings", label: "Settings", path: "/settings", ownOnly: true },
];

const unknownAccountHint = html`<p>Account names are 3 to 16 lowercase letters, digits, dots and dashes. Check the spelling, or look for the account's posts with the search below.</p>`;

/** The profile of `account` with the observer's follow state; a helpful 404 when there is no such account. */
export async function loadProfile(context: PageContext, account: string): Promise<BridgeProfile> {
  const profile = await context.api.call<BridgeProfile | null>("bridge.get_profile", { account, observer: context.observer ?? undefined }).catch((error) => {
    if (error instanceof WebApiError) return null;
    throw error;
  });
  if (profile === null) throw new PageNotFound(`There is no account @${account}`, unknownAccountHint);
  return profile;
}

/** The name a profile shows: its display name, else `@name`. */
export function displayNameOf(profile: BridgeProfile): string {
  return profile.metadata.profile.name?.trim() || `@${profile.name}`;
}

/** "Alice (@alice)" for titles, or "@alice" when there is no display name. */
export function profileTitle(profile: BridgeProfile): string {
  const shown = displayNameOf(profile);
  return shown === `@${profile.name}` ? shown : `${shown} (@${profile.name})`;
}

function joinedText(created: string): string {
  const seconds = parseChainTime(created);
  if (!Number.isFinite(seconds)) return "";
  const date = new Date(seconds * 1000);
  return `Joined ${date.toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" })}`;
}

/** The profile's website as a link, only when it is an http(s) URL. */
function websiteLink(website: string | undefined): Html {
  const url = (website ?? "").trim();
  if (!/^https?:\/\/[^\s]+$/i.test(url) || safeUrl(url) === "#") return html``;
  const shown = url.replace(/^https?:\/\//i, "").replace(/\/$/, "");
  return html`<span><span aria-hidden="true">🔗</span> <a href="${url}" rel="nofollow noopener ugc" target="_blank">${shown}</a></span>`;
}

/** Follow and mute buttons for another reader (the app script signs them; Follow sends a logged-out reader to log in). */
function relationButtons(context: PageContext, profile: BridgeProfile): Html {
  if (context.observer === profile.name) {
    return html`<a class="button button-quiet" href="/@${profile.name}/settings">Edit profile</a>`;
  }
  const followed = profile.context?.followed === true;
  const muted = profile.context?.muted === true;
  const follow = html`<button type="button" class="button" data-action="follow" data-account="${profile.name}" data-state="${followed ? "follow" : "none"}">${followed ? "Unfollow" : "Follow"}</button>`;
  // Muting is a logged-in reader's choice about their own view; a logged-out reader is offered Follow alone.
  if (context.observer === null) return follow;
  return html`${follow}
    <button type="button" class="button button-quiet" data-action="mute" data-account="${profile.name}" data-state="${muted ? "mute" : "none"}">${muted ? "Unmute" : "Mute"}</button>`;
}

/** The profile's tabs; the owner's own sections appear only to the owner. */
export function profileTabs(context: PageContext, account: string, active: ProfileTab): Html {
  const own = context.observer === account;
  const shown = tabLinks.filter((link) => own || link.ownOnly !== true);
  return html`<nav class="tabs" aria-label="Profile sections">${shown.map((link) =>
    html`<a href="/@${account}${link.path}"${link.tab === active ? html` aria-current="page"` : ""}>${link.label}</a>`)}</nav>`;
}

/** The header and tabs of `profile`'s pages, with `active` marked. */
export function profileHeader(context: PageContext, profile: BridgeProfile, active: ProfileTab): Html {
  const about = profile.metadata.profile;
  const shownName = displayNameOf(profile);
  const location = about.location?.trim() ?? "";
  return html`<header class="profile-header" aria-labelledby="profile-name">
  <div class="profile-cover"><img src="/u/${profile.name}/cover" alt="" width="1200" height="140"></div>
  <div class="profile-info">
    <img class="avatar avatar-large" src="/u/${profile.name}/avatar/large" alt="" width="96" height="96">
    <h1 id="profile-name">${shownName} <span class="reputation" title="Reputation">(${formatReputation(profile.reputation)})</span></h1>
    ${shownName === `@${profile.name}` ? "" : html`<p class="profile-handle">@${profile.name}</p>`}
    ${about.about ? html`<p class="profile-about">${about.about}</p>` : ""}
    <p class="profile-facts">
      ${location === "" ? "" : html`<span><span aria-hidden="true">📍</span> ${location}</span>`}
      ${websiteLink(about.website)}
      <span>${joinedText(profile.created)}</span>
      <span>${plural(profile.post_count, "post")}</span>
      <a href="/@${profile.name}/followers">${plural(profile.stats.followers, "follower")}</a>
      <a href="/@${profile.name}/following">${profile.stats.following.toLocaleString("en-US")} following</a>
    </p>
    <p class="profile-actions">${relationButtons(context, profile)}
      <a class="button button-quiet" href="/@${profile.name}/wallet">Wallet</a></p>
  </div>
</header>
${profileTabs(context, profile.name, active)}`;
}
