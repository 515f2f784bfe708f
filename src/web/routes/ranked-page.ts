/**
 * Ranked lists — `/`, `/<sort>` and `/<sort>/<tag or community or my>` (condenser's routes): the sort tabs,
 * the page of posts (bridge.get_ranked_posts, 20 a page, keyset paging by `start_author`/`start_permlink`)
 * and a side column: the community's (about, rules, team, stats), or trending communities and tags.
 */
import { isCommunityName } from "../../index/rules/communities.ts";
import { type Html, encodedHtml, html } from "../html.ts";
import type { BridgePost } from "../bridge-post.ts";
import { type BridgeCommunity, communitySidebar } from "../components/community-sidebar.ts";
import { nextPageLink, postList } from "../components/post-list.ts";
import { PageNotFound, type PageContext, type PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Sorts the site links to, with their tab labels. */
export const rankedSorts = { trending: "Trending", hot: "Hot", created: "New", payout: "Payouts", payout_comments: "Payout comments", promoted: "Promoted", muted: "Muted" } as const;
export type RankedSort = keyof typeof rankedSorts;

/** Posts a list page shows. */
export const rankedPageSize = 20;

const tabSorts: readonly RankedSort[] = ["trending", "hot", "created", "payout", "muted"];

function sortTabs(sort: RankedSort, tag: string): Html {
  const suffix = tag === "" ? "" : `/${tag}`;
  return html`<nav class="tabs" aria-label="Sort posts">${tabSorts.map((s) => html`<a href="/${s}${suffix}"${s === sort ? html` aria-current="page"` : ""}>${rankedSorts[s]}</a>`)}</nav>`;
}

/** The side column of lists other than a community's: the same for every reader, so kept for the head. */
function globalSidebar(context: PageContext): Promise<Html> {
  return context.site.fragments.perHead("global-sidebar", context.now, () => renderGlobalSidebar(context).then(encodedHtml));
}

async function renderGlobalSidebar(context: PageContext): Promise<Html> {
  const [communities, topics] = await Promise.all([
    context.api.call<BridgeCommunity[]>("bridge.list_communities", { limit: 10, sort: "rank" }),
    context.api.call<[string, string][]>("bridge.get_trending_topics", { limit: 12 }),
  ]);
  return html`<aside class="sidebar" aria-label="Communities and tags">
  <section class="sidebar-section"><h3>Trending communities</h3>
    ${communities.length === 0 ? html`<p>No communities yet.</p>` : html`<ul role="list">${communities.map((c) => html`<li><a href="/trending/${c.name}">${c.title}</a></li>`)}</ul>`}
    <p><a href="/communities">All communities →</a></p></section>
  <section class="sidebar-section"><h3>Trending topics</h3>
    <ul role="list" class="topic-list">${topics.map(([name, title]) => html`<li><a href="/trending/${name}">${title}</a></li>`)}</ul>
    <p><a href="/tags">All tags →</a></p></section>
</aside>`;
}

function headingOf(sort: RankedSort, tag: string, community: BridgeCommunity | null): string {
  const label = rankedSorts[sort];
  if (community !== null) return `${label}: ${community.title}`;
  if (tag === "my") return `${label}: my communities`;
  return tag === "" ? `${label} posts` : `${label}: #${tag}`;
}

/** Serves the ranked lists. `params`: [sort?, tag?]. */
export async function rankedPage(context: PageContext): Promise<PageResult> {
  const sort = (context.params[0] || "trending") as RankedSort;
  if (!(sort in rankedSorts)) throw new PageNotFound(`There is no "${sort}" list`);
  const tag = (context.params[1] ?? "").toLowerCase();
  if (tag === "my" && context.observer === null) return { redirect: `/login.html?next=${encodeURIComponent(context.url.pathname)}`, status: 302 };
  const isCommunity = isCommunityName(tag);
  const start = { start_author: context.url.searchParams.get("start_author") ?? undefined, start_permlink: context.url.searchParams.get("start_permlink") ?? undefined };
  const [posts, community, sidebar] = await Promise.all([
    context.api.call<BridgePost[]>("bridge.get_ranked_posts", { sort, tag, observer: context.observer ?? undefined, limit: rankedPageSize, ...(start.start_author ? start : {}) }),
    isCommunity ? context.api.call<BridgeCommunity>("bridge.get_community", { name: tag, observer: context.observer ?? undefined }) : Promise.resolve(null),
    isCommunity ? Promise.resolve(null) : globalSidebar(context),
  ]).catch((error) => {
    if (error instanceof WebApiError) throw new PageNotFound(isCommunity ? `There is no community ${tag}` : `Nothing found for ${tag}`);
    throw error;
  });
  const heading = headingOf(sort, tag, community);
  const path = `/${sort}${tag === "" ? "" : `/${tag}`}`;
  const empty = community !== null ? html`No posts here yet. <a href="/submit.html?category=${tag}">Write the first one</a>.`
    : tag === "my" ? html`Posts from the communities you subscribe to show here. <a href="/communities">Find communities</a>.`
    : "No posts here yet.";
  const main = html`<div class="columns">
  <section class="column-main" aria-labelledby="list-heading">
    ${community !== null ? html`<header class="community-header"><h1 id="list-heading">${community.title}</h1>${community.about ? html`<p>${community.about}</p>` : ""}</header>` : html`<h1 id="list-heading" class="list-heading">${heading}</h1>`}
    ${sortTabs(sort, tag)}
    ${postList(context, posts, empty)}
    ${nextPageLink(path, posts, rankedPageSize)}
  </section>
  ${community !== null ? communitySidebar(community, context.observer) : sidebar}
</div>`;
  return {
    title: context.url.pathname === "/" ? "" : heading,
    description: community?.about || `${heading} on this network: posts whose authors are paid by readers' upvotes.`,
    canonicalPath: context.url.pathname === "/" ? "/" : path,
    main,
    wide: true,
    noindex: sort === "muted",
    perHead: true,
  };
}
