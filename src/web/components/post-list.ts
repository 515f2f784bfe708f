/**
 * A list of post cards (trending, blogs, feeds, community pages). Gray posts are dimmed; posts Steemit would
 * hide for low reputation or heavy downvotes sit behind "Show N low value posts"; nsfw-tagged posts show as
 * a stub the reader can open (the client script applies the reader's own NSFW preference).
 */
import { icon } from "./icons.ts";
import { type Html, html } from "../html.ts";
import { type BridgePost, isNsfw, postPath } from "../bridge-post.ts";
import type { PageContext } from "../page.ts";
import { parseChainTime, plural, relativeTime, timeAgo } from "./format.ts";
import { payoutDropdown, payoutDropdownStamp } from "./payout.ts";
import { authorLine, categoryLink, observerVote, voteButtons, votersDropdown } from "./post-parts.ts";

/** Pixels wide a card's thumbnail is shown at. */
export const cardImageWidth = 256;

function thumbnail(context: PageContext, post: BridgePost, image: string | null): Html {
  if (image === null) return html``;
  return html`<a class="card-thumb" href="${postPath(post)}" tabindex="-1" aria-hidden="true"><img src="${context.site.proxifyImage(image, cardImageWidth)}" alt="" loading="lazy" width="128" height="96"></a>`;
}

/**
 * One post's card, kept with the post's value (fragment-cache.ts) while what else it shows stays the same:
 * its relative times, the chain's figures in the payout popover, the reader's own vote. A trending page is
 * twenty cards, and rendering them was most of its cost (bench:web).
 */
export function postCard(context: PageContext, post: BridgePost): Html {
  const own = observerVote(post, context.observer);
  const created = parseChainTime(post.created);
  const stamp = `${Number.isFinite(created) ? relativeTime(created, context.now) : ""}|${payoutDropdownStamp(post, context.economics, context.now)}|${own === undefined ? "" : own.rshares}`;
  return context.site.fragments.card(post, stamp, () => renderPostCard(context, post));
}

function renderPostCard(context: PageContext, post: BridgePost): Html {
  const card = context.site.texts.card(post);
  const gray = post.stats?.gray === true;
  const pinned = post.stats?.is_pinned === true;
  const nsfw = isNsfw(post);
  const classes = ["post-card", gray ? "gray" : "", nsfw ? "nsfw" : "", pinned ? "pinned" : ""].filter(Boolean).join(" ");
  const reblogged = post.reblogged_by !== undefined && post.reblogged_by.length > 0
    ? html`<p class="card-reblogged">↻ Reblogged by ${post.reblogged_by.map((name, i) => html`${i > 0 ? ", " : ""}<a href="/@${name}">@${name}</a>`)}</p>` : "";
  const content = html`${thumbnail(context, post, card.image)}
  <div class="card-body">
    <h2 class="card-title"><a href="${postPath(post)}">${post.title || "(untitled)"}</a></h2>
    <p class="card-summary">${card.summary}</p>
  </div>`;
  return html`<article class="${classes}" data-post="${post.author}/${post.permlink}"${nsfw ? html` data-nsfw` : ""}>
  ${reblogged}
  <p class="card-meta">${pinned ? html`<span class="pin-badge">Pinned</span> ` : ""}${authorLine(post)} ${categoryLink(post)} · ${timeAgo(post.created, context.now)}</p>
  ${nsfw ? html`<details class="nsfw-gate"><summary><span class="nsfw-badge">nsfw</span> This post is tagged NSFW — reveal it, or change your display preferences in settings.</summary>${content}</details>` : content}
  <div class="card-footer">
    ${voteButtons(post, context.observer)}
    ${payoutDropdown(post, context.economics, context.now)}
    ${votersDropdown(post)}
    <a class="replies-count" href="${postPath(post)}#comments" title="Replies">${icon("reply")} ${plural(post.children, "reply", "replies")}</a>
    ${post.reblogs ? html`<span class="reblogs-count" title="Reblogs">↻ ${post.reblogs}</span>` : ""}
  </div>
</article>`;
}

/** The cards of a page of posts, with hidden ones at the end behind a toggle. */
export function postList(context: PageContext, posts: readonly BridgePost[], emptyMessage: Html | string): Html {
  if (posts.length === 0) return html`<div class="empty-state"><p>${emptyMessage}</p></div>`;
  const shown = posts.filter((p) => p.stats?.hide !== true);
  const hidden = posts.filter((p) => p.stats?.hide === true);
  return html`<div class="post-list">
  ${shown.map((post) => postCard(context, post))}
  ${hidden.length > 0 ? html`<details class="low-value"><summary>Show ${plural(hidden.length, "low value post")}</summary>${hidden.map((post) => postCard(context, post))}</details>` : ""}
</div>`;
}

/** "Next page" link continuing after the last post (keyset paging, as the API pages). */
export function nextPageLink(basePath: string, posts: readonly BridgePost[], pageSize: number, extra: Record<string, string> = {}): Html {
  if (posts.length < pageSize) return html``;
  const last = posts[posts.length - 1];
  const query = new URLSearchParams({ ...extra, start_author: last.author, start_permlink: last.permlink });
  return html`<nav class="pager" aria-label="Pages"><a class="button button-quiet" rel="next" href="${basePath}?${query.toString()}">Next page →</a></nav>`;
}
