/**
 * A post's replies as a tree (bridge.get_discussion): sorted by trending (payout, then votes), votes or new
 * (`?sort=`), each collapsible (`<details>`, so it works by keyboard and without JavaScript), low-rated ones
 * collapsed behind a notice, and threads deeper than the page shows continued on the reply's own page.
 */
import { type Html, html, trustedHtml } from "../html.ts";
import { type BridgePost, postPath } from "../bridge-post.ts";
import type { PageContext } from "../page.ts";
import { parseChainTime, plural, timeAgo } from "./format.ts";
import { payoutDropdown } from "./payout.ts";
import { authorLine, voteButtons, votersDropdown } from "./post-parts.ts";

export const replySorts = { trending: "Trending", votes: "Votes", new: "New" } as const;
export type ReplySort = keyof typeof replySorts;

/** Levels of replies shown under a post before "continue this thread". */
export const replyDepthShownMax = 8;

function netRshares(post: BridgePost): bigint {
  try {
    return BigInt(post.net_rshares);
  } catch {
    return 0n;
  }
}

function compareBy(sort: ReplySort): (a: BridgePost, b: BridgePost) => number {
  const byVotes = (a: BridgePost, b: BridgePost) => {
    const d = netRshares(b) - netRshares(a);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  };
  const byNew = (a: BridgePost, b: BridgePost) => parseChainTime(b.created) - parseChainTime(a.created);
  if (sort === "new") return byNew;
  if (sort === "votes") return (a, b) => byVotes(a, b) || byNew(a, b);
  return (a, b) => b.payout - a.payout || byVotes(a, b) || byNew(a, b);
}

/**
 * Replies (at any depth shown) one page of a discussion shows at most. A thread of hundreds of replies is
 * shown in pages of top-level replies with their subtrees ("More replies"): rendered whole it was over
 * 400 kB of HTML and 6–8 ms of a server's time (bench:web).
 */
export const repliesPerPageMax = 100;

export interface ReplyTreeInput {
  readonly discussion: Readonly<Record<string, BridgePost>>;
  readonly rootKey: string;
  readonly sort: ReplySort;
  /** Which page of top-level replies (1 first; past the last: the last). */
  readonly page?: number;
}

function replyItem(context: PageContext, input: ReplyTreeInput, post: BridgePost, level: number): Html {
  const lowRated = post.stats?.gray === true || netRshares(post) < 0n;
  const key = `${post.author}/${post.permlink}`;
  const children = childrenOf(input, post);
  const edited = parseChainTime(post.updated) > parseChainTime(post.created);
  const body = context.site.texts.body(post).html;
  return html`<li class="reply${lowRated ? " low-rated" : ""}" id="@${key}" data-post="${key}" data-depth="${post.depth}">
<p class="reply-head">${authorLine(post)} · <a class="reply-time" href="${postPath(post)}">${timeAgo(post.created, context.now)}</a>${edited ? html` <span class="edited">(edited)</span>` : ""}</p>
<details class="reply-fold"${lowRated ? "" : html` open`}>
  <summary><span class="fold-open">[–]<span class="visually-hidden"> Collapse the reply by @${post.author}</span></span><span class="fold-closed">[+] ${lowRated ? "Hidden due to low ratings — show it" : `Show the reply${post.children > 0 ? " and its thread" : ""}`}</span></summary>
  <div class="reply-body markdown">${trustedHtml(body)}</div>
  <div class="reply-footer">
    ${voteButtons(post, context.observer)}
    ${payoutDropdown(post, context.economics, context.now)}
    ${votersDropdown(post)}
    <button type="button" class="link-button" data-action="reply" data-author="${post.author}" data-permlink="${post.permlink}">Reply</button>
    <span class="owner-actions" data-owner="${post.author}" hidden><button type="button" class="link-button" data-action="edit" data-author="${post.author}" data-permlink="${post.permlink}">Edit</button>${
      post.children === 0 && !netRsharesPositive(post) && post.is_paidout !== true ? html` <button type="button" class="link-button" data-action="delete" data-author="${post.author}" data-permlink="${post.permlink}">Delete</button>` : ""}</span>
  </div>
  ${children.length === 0 ? "" : level >= replyDepthShownMax
    ? html`<p class="continue-thread"><a href="${postPath(post)}">Continue this thread → (${post.children} more)</a></p>`
    : html`<ol class="replies" role="list">${children.map((child) => replyItem(context, input, child, level + 1))}</ol>`}
</details>
</li>`;
}

export function netRsharesPositive(post: BridgePost): boolean {
  return netRshares(post) > 0n;
}

function childrenOf(input: ReplyTreeInput, post: BridgePost): BridgePost[] {
  return post.replies.map((key) => input.discussion[key]).filter((p): p is BridgePost => p !== undefined).sort(compareBy(input.sort));
}

/** How many replies the tree shows for `post` and its subtree from `level` down (order does not matter here). */
function shownCount(input: ReplyTreeInput, post: BridgePost, level: number): number {
  if (level >= replyDepthShownMax) return 1;
  let count = 1;
  for (const key of post.replies) {
    const child = input.discussion[key];
    if (child !== undefined) count += shownCount(input, child, level + 1);
  }
  return count;
}

/** The top-level replies in pages of at most `repliesPerPageMax` shown replies (a bigger subtree has a page of its own). */
function replyPages(input: ReplyTreeInput, children: readonly BridgePost[]): { posts: BridgePost[]; replies: number }[] {
  const pages: { posts: BridgePost[]; replies: number }[] = [];
  for (const child of children) {
    const count = shownCount(input, child, 1);
    const last = pages[pages.length - 1];
    if (last !== undefined && last.replies + count <= repliesPerPageMax) {
      last.posts.push(child);
      last.replies += count;
    } else {
      pages.push({ posts: [child], replies: count });
    }
  }
  return pages;
}

function replyPager(context: PageContext, input: ReplyTreeInput, page: number, pages: readonly { replies: number }[]): Html {
  if (pages.length <= 1) return html``;
  const link = (n: number) => `${context.url.pathname}?sort=${input.sort}&page=${n}#comments`;
  const later = pages.slice(page).reduce((sum, p) => sum + p.replies, 0);
  return html`<nav class="pager" aria-label="Pages of replies">${page > 1 ? html`<a class="button button-quiet" rel="prev" href="${link(page - 1)}">← Earlier replies</a> ` : ""}${
    page < pages.length ? html`<a class="button button-quiet" rel="next" href="${link(page + 1)}">More replies → (${plural(later, "more reply", "more replies")})</a>` : ""}</nav>`;
}

/** The replies under the root (or under the reply whose page this is), one page of them. */
export function replyTree(context: PageContext, input: ReplyTreeInput): Html {
  const root = input.discussion[input.rootKey];
  if (root === undefined) return html``;
  const children = childrenOf(input, root);
  if (children.length === 0) return html`<p class="empty-state">No replies yet.${context.observer === null ? "" : " Be the first to reply."}</p>`;
  const pages = replyPages(input, children);
  const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pages.length);
  return html`<ol class="replies replies-top" role="list">${pages[page - 1].posts.map((child) => replyItem(context, input, child, 1))}</ol>
  ${replyPager(context, input, page, pages)}`;
}
