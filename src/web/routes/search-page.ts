/**
 * `/search?q=…`: full-text search over posts (search-api.find_text: titles and bodies of top-level posts),
 * by relevance or newest first, 20 a page by keyset; a query that is an account name (`alice`, `@alice`)
 * also shows that account. Without a query, or with no results, the page explains the query language.
 */
import type { BridgePost } from "../bridge-post.ts";
import { nextPageLink, postList } from "../components/post-list.ts";
import { type BridgeProfile, displayNameOf } from "../components/profile-header.ts";
import { formatReputation } from "../components/format.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Results per page. */
export const searchPageSize = 20;
/** The API's longest pattern. */
export const searchQueryLengthMax = 500;

const searchSorts = { relevance: "Best match", created: "Newest" } as const;
type SearchSort = keyof typeof searchSorts;

const tips = html`<section class="panel" aria-labelledby="tips-heading">
  <h2 id="tips-heading">Search tips</h2>
  <ul>
    <li>Every word must appear: <code>aleppo ceasefire</code>.</li>
    <li>Put a phrase in quotes to find it as written: <code>"battle for aleppo"</code>.</li>
    <li>Leave out posts with a word: <code>syria -football</code>. <code>+word</code> insists on a word.</li>
    <li>Look only in titles or bodies: <code>title:aleppo</code>, <code>body:"humanitarian corridor"</code>.</li>
    <li>Find an account by its name: <code>@alice</code>.</li>
  </ul>
  <p>Search covers posts, not replies. Browse <a href="/tags">tags</a> and <a href="/communities">communities</a> too.</p>
</section>`;

function searchForm(q: string, sort: SearchSort): Html {
  return html`<form class="form" action="/search" method="get" role="search">
  <div><label for="search-query">Search posts</label>
    <div class="form-row"><input id="search-query" name="q" type="search" value="${q}" maxlength="${searchQueryLengthMax}" placeholder="Words, &quot;a phrase&quot;, -exclude, title:word">
    ${sort === "relevance" ? "" : html`<input type="hidden" name="sort" value="${sort}">`}
    <button class="button" type="submit">Search</button></div></div>
</form>`;
}

function sortTabs(q: string, active: SearchSort): Html {
  return html`<nav class="tabs tabs-small" aria-label="Order results">${(Object.keys(searchSorts) as SearchSort[]).map((sort) =>
    html`<a href="/search?${new URLSearchParams(sort === "relevance" ? { q } : { q, sort }).toString()}"${sort === active ? html` aria-current="page"` : ""}>${searchSorts[sort]}</a>`)}</nav>`;
}

/** The account a query names, if it is one: `alice` or `@alice`. */
async function accountMatch(context: PageContext, q: string): Promise<BridgeProfile | null> {
  const name = /^@?([a-z][a-z0-9.-]{2,15})$/.exec(q)?.[1];
  if (name === undefined) return null;
  return context.api.call<BridgeProfile | null>("bridge.get_profile", { account: name }).catch((error) => {
    if (error instanceof WebApiError) return null;
    throw error;
  });
}

function accountCard(profile: BridgeProfile): Html {
  const about = profile.metadata.profile.about?.trim();
  return html`<section class="panel" aria-label="Account">
  <p class="card-meta"><img class="avatar avatar-small" src="/u/${profile.name}/avatar/small" alt="" width="32" height="32">
    <a class="author-name" href="/@${profile.name}">${displayNameOf(profile)}</a> @${profile.name} <span class="reputation" title="Reputation">(${formatReputation(profile.reputation)})</span></p>
  ${about ? html`<p class="card-summary">${about}</p>` : ""}
</section>`;
}

type SearchOutcome = { posts: BridgePost[]; error: null } | { posts: []; error: string };

async function findPosts(context: PageContext, q: string, sort: SearchSort): Promise<SearchOutcome> {
  const startAuthor = context.url.searchParams.get("start_author");
  const startPermlink = context.url.searchParams.get("start_permlink");
  const start = startAuthor && startPermlink ? { start_author: startAuthor, start_permlink: startPermlink } : {};
  try {
    const posts = await context.api.call<BridgePost[]>("search-api.find_text", { pattern: q, sort, limit: searchPageSize, observer: context.observer ?? undefined, ...start });
    return { posts, error: null };
  } catch (error) {
    // A query the language cannot run (only exclusions, too long) or a stale page: say so on the page.
    if (error instanceof WebApiError) return { posts: [], error: error.body.message };
    throw error;
  }
}

/** Serves the search. */
export async function searchPage(context: PageContext): Promise<PageResult> {
  const q = (context.url.searchParams.get("q") ?? "").trim().slice(0, searchQueryLengthMax);
  const sortParam = context.url.searchParams.get("sort") ?? "relevance";
  const sort: SearchSort = Object.hasOwn(searchSorts, sortParam) ? (sortParam as SearchSort) : "relevance";
  if (q === "") {
    return {
      title: "Search",
      description: "Search the posts of this network by words, phrases, titles and authors.",
      canonicalPath: "/search",
      main: html`<h1 class="list-heading">Search</h1>${searchForm(q, sort)}${tips}`,
    };
  }
  const [outcome, account] = await Promise.all([findPosts(context, q, sort), accountMatch(context, q)]);
  const empty = outcome.error !== null ? html`This search could not run: ${outcome.error}.` : html`No post matches “${q}”. The tips below may help.`;
  const main = html`<h1 class="list-heading">Results for “${q}”</h1>
${searchForm(q, sort)}
${account === null ? "" : accountCard(account)}
<section aria-label="Posts found">
  ${sortTabs(q, sort)}
  ${postList(context, outcome.posts, empty)}
  ${nextPageLink("/search", outcome.posts, searchPageSize, sort === "relevance" ? { q } : { q, sort })}
</section>
${outcome.posts.length === 0 ? tips : ""}`;
  return {
    title: `Search: ${q}`,
    description: `Posts matching “${q}”.`,
    canonicalPath: "/search",
    main,
    noindex: true,
  };
}
