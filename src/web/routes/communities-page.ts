/**
 * Communities: the directory, `/communities` (bridge.list_communities: a search box `?q=`, sorts by rank,
 * subscribers and age, 50 a page by `?last=`, each with its stats and a subscribe button for the reader),
 * and an account's subscriptions, `/@user/communities` (bridge.list_all_subscriptions, with role and title).
 */
import { type BridgeCommunity, subscribeButton } from "../components/community-sidebar.ts";
import { plural } from "../components/format.ts";
import { loadProfile, profileHeader, profileTitle } from "../components/profile-header.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Communities the directory shows per page. */
export const communitiesPageSize = 50;

/** The directory's sorts (bridge.list_communities' `sort`) and their tab labels. */
export const communitySorts = { rank: "Trending", subs: "Most subscribers", new: "Newest" } as const;
type CommunitySort = keyof typeof communitySorts;

/** A list_communities entry: the community object with its admins (`sum_pending` is whole dollars, as hivemind gives it). */
interface ListedCommunity extends BridgeCommunity {
  readonly admins?: readonly string[];
}

function directoryQuery(q: string, sort: CommunitySort, last?: string): string {
  const query = new URLSearchParams();
  if (q !== "") query.set("q", q);
  if (sort !== "rank") query.set("sort", sort);
  if (last !== undefined) query.set("last", last);
  const text = query.toString();
  return text === "" ? "/communities" : `/communities?${text}`;
}

function sortTabs(q: string, active: CommunitySort): Html {
  return html`<nav class="tabs" aria-label="Sort communities">${(Object.keys(communitySorts) as CommunitySort[]).map((sort) =>
    html`<a href="${directoryQuery(q, sort)}"${sort === active ? html` aria-current="page"` : ""}>${communitySorts[sort]}</a>`)}</nav>`;
}

function searchForm(q: string, sort: CommunitySort): Html {
  return html`<form class="form" action="/communities" method="get" role="search">
  <div><label for="community-search">Search communities</label>
    <div class="form-row"><input id="community-search" name="q" type="search" value="${q}" maxlength="100" placeholder="Name, title or topic">
    ${sort === "rank" ? "" : html`<input type="hidden" name="sort" value="${sort}">`}
    <button class="button" type="submit">Search</button></div></div>
</form>`;
}

function communityItem(community: ListedCommunity): Html {
  const admins = community.admins ?? [];
  return html`<li>
  <div class="community-summary">
    <h2 class="card-title"><a href="/trending/${community.name}">${community.title || community.name}</a>${community.is_nsfw ? html` <span class="nsfw-badge">nsfw</span>` : ""}</h2>
    ${community.about ? html`<p class="card-summary">${community.about}</p>` : ""}
    <p class="community-stats"><span>${plural(community.subscribers, "subscriber")}</span>
      <span>$${community.sum_pending.toLocaleString("en-US")} pending rewards</span>
      <span>${plural(community.num_authors, "active poster")}</span>
      ${admins.length === 0 ? "" : html`<span>Admins: ${admins.map((name, i) => html`${i > 0 ? ", " : ""}<a href="/@${name}">@${name}</a>`)}</span>`}</p>
  </div>
  ${subscribeButton(community)}
</li>`;
}

/** Serves the directory. */
export async function communitiesPage(context: PageContext): Promise<PageResult> {
  const q = (context.url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const sortParam = context.url.searchParams.get("sort") ?? "rank";
  const sort: CommunitySort = Object.hasOwn(communitySorts, sortParam) ? (sortParam as CommunitySort) : "rank";
  const last = context.url.searchParams.get("last") ?? "";
  const communities = await context.api.call<ListedCommunity[]>("bridge.list_communities", {
    sort, limit: communitiesPageSize, observer: context.observer ?? undefined, ...(q === "" ? {} : { query: q }), ...(last === "" ? {} : { last }),
  }).catch((error) => {
    // A stale or mistyped `last` is not worth an error page: start from the top.
    if (error instanceof WebApiError) return null;
    throw error;
  });
  const list = communities ?? [];
  const empty = q !== "" ? html`No community matches “${q}”. <a href="/communities">See them all</a>.` : "No communities yet.";
  const next = list.length === communitiesPageSize ? list[list.length - 1].name : null;
  const main = html`<section aria-labelledby="communities-heading">
  <h1 id="communities-heading" class="list-heading">Communities</h1>
  <p class="hint">Communities gather posts on one subject, with their own rules and moderators. Subscribe to see their posts in <a href="/trending/my">your communities' list</a>.</p>
  ${searchForm(q, sort)}
  ${sortTabs(q, sort)}
  ${communities === null ? html`<div class="empty-state"><p>That page of the list is gone. <a href="${directoryQuery(q, sort)}">Start from the top</a>.</p></div>`
    : list.length === 0 ? html`<div class="empty-state"><p>${empty}</p></div>`
    : html`<ul class="community-list" role="list">${list.map(communityItem)}</ul>`}
  ${next === null ? "" : html`<nav class="pager" aria-label="Pages"><a class="button button-quiet" rel="next" href="${directoryQuery(q, sort, next)}">Next page →</a></nav>`}
</section>`;
  return {
    title: q === "" ? "Communities" : `Communities matching “${q}”`,
    description: "Browse and search the communities of this network: their subjects, subscribers, pending rewards and active posters.",
    canonicalPath: "/communities",
    main,
    noindex: q !== "" || last !== "",
  };
}

/** `[name, title, role, role_title]` (bridge.list_all_subscriptions). */
type Subscription = readonly [string, string, string, string];

function subscriptionItem(context: PageContext, account: string, [name, title, role, roleTitle]: Subscription): Html {
  // The reader's own list: each entry can be left from here (subscribeButton reads only name and context).
  const leave = context.observer === account ? subscribeButton({ name, context: { subscribed: true } } as BridgeCommunity) : "";
  return html`<li>
  <div class="community-summary">
    <h3 class="card-title"><a href="/trending/${name}">${title || name}</a></h3>
    <p class="community-stats">${role !== "guest" ? html`<span class="role-badge">${role}</span>` : html`<span>Subscriber</span>`}${roleTitle ? html` <span class="author-title">${roleTitle}</span>` : ""}</p>
  </div>
  ${leave}
</li>`;
}

/** Serves an account's subscriptions. `params`: [account]. */
export async function accountCommunitiesPage(context: PageContext): Promise<PageResult> {
  const account = context.params[0];
  const [profile, subscriptions] = await Promise.all([
    loadProfile(context, account),
    context.api.call<Subscription[]>("bridge.list_all_subscriptions", { account }).catch((error) => {
      // An unknown account fails here too; the profile's own lookup reports it with a hint.
      if (error instanceof WebApiError) return [];
      throw error;
    }),
  ]);
  const own = context.observer === account;
  const heading = own ? "Your communities" : `Communities of ${profileTitle(profile)}`;
  const empty = own ? html`You have not joined any community yet. <a href="/communities">Find communities</a>.` : html`@${account} has not joined any community yet.`;
  const main = html`${profileHeader(context, profile, "communities")}
<section aria-labelledby="list-heading">
  <h2 id="list-heading" class="list-heading">${heading}</h2>
  ${subscriptions.length === 0 ? html`<div class="empty-state"><p>${empty}</p></div>`
    : html`<ul class="community-list" role="list">${subscriptions.map((entry) => subscriptionItem(context, account, entry))}</ul>`}
</section>`;
  return {
    title: heading,
    description: `The communities @${account} subscribes to, with their roles and titles.`,
    canonicalPath: `/@${account}/communities`,
    type: "profile",
    main,
  };
}
