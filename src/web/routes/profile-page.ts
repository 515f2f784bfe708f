/**
 * A profile, `/@user` (the blog) and `/@user/<tab>` for blog, posts, comments, replies, payout and feed
 * (condenser's routes): the profile header, then a page of bridge.get_account_posts as post cards (comments
 * and replies too: their cards read "RE: <title>" and open the comment's page), paged by keyset. A brand-new
 * account arriving from sign-up (`?welcome=1`) is told what to do next.
 */
import type { BridgePost } from "../bridge-post.ts";
import { nextPageLink, postList } from "../components/post-list.ts";
import { type BridgeProfile, loadProfile, profileHeader, profileTitle } from "../components/profile-header.ts";
import { type Html, html } from "../html.ts";
import { PageNotFound, type PageContext, type PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Posts a profile tab shows per page (Steemit's 20). */
export const profilePageSize = 20;

/** The post tabs of a profile, as bridge.get_account_posts' sorts. */
export const accountPostSorts = ["blog", "posts", "comments", "replies", "payout", "feed"] as const;
export type AccountPostSort = (typeof accountPostSorts)[number];

function isAccountPostSort(value: string): value is AccountPostSort {
  return (accountPostSorts as readonly string[]).includes(value);
}

/** The heading above the list (visually hidden: the tab already says it), and the page title's prefix. */
function headingOf(sort: AccountPostSort, profile: BridgeProfile): string {
  const name = profileTitle(profile);
  switch (sort) {
    case "blog": return `Blog of ${name}`;
    case "posts": return `Posts by ${name}`;
    case "comments": return `Comments by ${name}`;
    case "replies": return `Replies to ${name}`;
    case "payout": return `Pending payouts of ${name}`;
    case "feed": return `Feed of ${name}`;
  }
}

function emptyMessage(context: PageContext, sort: AccountPostSort, account: string): Html | string {
  const own = context.observer === account;
  switch (sort) {
    case "blog":
      return own ? html`You have not posted yet. <a href="/submit.html">Write your first post</a>.` : `@${account} has not posted or reblogged anything yet.`;
    case "posts":
      return own ? html`You have not written a post yet. <a href="/submit.html">Write one</a>.` : `@${account} has not written a post yet.`;
    case "comments":
      return own ? "You have not commented yet. Replies you write to posts show here." : `@${account} has not commented yet.`;
    case "replies":
      return own ? "Nobody has replied to your posts or comments yet." : `Nobody has replied to @${account} yet.`;
    case "payout":
      return own ? "None of your posts or comments is earning a payout right now." : `@${account} has nothing earning a payout right now.`;
    case "feed":
      return own
        ? html`Your feed shows what the people you follow post and reblog. <a href="/trending">Find authors to follow</a>.`
        : `@${account}'s feed is empty: it shows the last month's posts and reblogs of the accounts they follow.`;
  }
}

/** What a brand-new account sees once, right after signing up. */
function welcomePanel(account: string): Html {
  return html`<section class="panel" aria-labelledby="welcome-heading">
  <h2 id="welcome-heading">Welcome, @${account}!</h2>
  <p>Your account is on the chain. A few things to do next:</p>
  <ol>
    <li><a href="/submit.html">Write your first post</a> — introduce yourself; readers' upvotes pay you for it.</li>
    <li><a href="/communities">Find communities</a> to read and post in, and follow authors you like.</li>
    <li><a href="/@${account}/settings">Add a picture and a few words about you</a> to your profile.</li>
    <li>Keep your master password safe, offline. Every key of your account is derived from it, and nobody — not even this site — can recover it for you.</li>
  </ol>
  <p><a href="/welcome">How this network works</a> · <a href="/faq.html">Questions newcomers ask</a></p>
</section>`;
}

async function loadPosts(context: PageContext, sort: AccountPostSort, account: string): Promise<BridgePost[]> {
  const startAuthor = context.url.searchParams.get("start_author");
  const startPermlink = context.url.searchParams.get("start_permlink");
  const start = startAuthor && startPermlink ? { start_author: startAuthor, start_permlink: startPermlink } : {};
  return context.api.call<BridgePost[]>("bridge.get_account_posts", { sort, account, observer: context.observer ?? undefined, limit: profilePageSize, ...start }).catch((error) => {
    if (!(error instanceof WebApiError)) throw error;
    // An unknown account: the profile's own lookup says so, with its hint.
    if (error.isNotFound) return [];
    throw new PageNotFound(`That page of @${account}'s ${sort} does not exist`, html`<p><a href="/@${account}${sort === "blog" ? "" : `/${sort}`}">Start from the first page</a>.</p>`);
  });
}

/**
 * The blog leaves out the account's own posts in communities unless it reblogged them (hivemind's rule),
 * so an empty first page of a blog would read "has not posted" about an author who posts only in
 * communities: show their posts instead, saying so.
 */
async function blogFallback(context: PageContext, tab: AccountPostSort, account: string, posts: BridgePost[]): Promise<Html | null> {
  if (tab !== "blog" || posts.length > 0 || context.url.searchParams.has("start_author")) return null;
  const ownPosts = await loadPosts(context, "posts", account);
  if (ownPosts.length === 0) return null;
  return html`<p class="hint">The blog shows posts outside communities and reblogs; @${account} has none yet. Their posts in communities:</p>
  ${postList(context, ownPosts, "")}
  ${nextPageLink(`/@${account}/posts`, ownPosts, profilePageSize)}`;
}

/** Serves a profile's post tabs. `params`: [account, tab?]. */
export async function profilePage(context: PageContext): Promise<PageResult> {
  const account = context.params[0];
  const tab = context.params[1] || "blog";
  if (!isAccountPostSort(tab)) throw new PageNotFound(`A profile has no "${tab}" tab`);
  const [profile, posts] = await Promise.all([loadProfile(context, account), loadPosts(context, tab, account)]);
  const fallback = await blogFallback(context, tab, account, posts);
  const path = tab === "blog" ? `/@${account}` : `/@${account}/${tab}`;
  const heading = headingOf(tab, profile);
  const welcome = context.url.searchParams.get("welcome") === "1" && (context.observer === null || context.observer === account);
  const main = html`${welcome ? welcomePanel(account) : ""}
${profileHeader(context, profile, tab)}
<section aria-labelledby="list-heading">
  <h2 id="list-heading" class="visually-hidden">${heading}</h2>
  ${fallback ?? html`${postList(context, posts, emptyMessage(context, tab, account))}
  ${nextPageLink(path, posts, profilePageSize)}`}
</section>`;
  const about = profile.metadata.profile.about?.trim();
  return {
    title: tab === "blog" ? profileTitle(profile) : heading,
    description: about || `${heading}: posts, comments and rewards on this network.`,
    image: `/u/${account}/avatar/large`,
    canonicalPath: path,
    type: "profile",
    main,
    noindex: welcome || context.url.searchParams.has("start_author"),
  };
}
