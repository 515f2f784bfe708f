/**
 * The post page, `/<category>/@author/permlink` (`/@author/permlink` redirects there): title, author with
 * reputation and community role, "in <community> · <time>" with the exact time on hover, the rendered body,
 * tags, payout with its breakdown, votes and voters, reblog and share, the reply editor's place, the reply
 * tree with its sorts, and for readers who are not logged in the call to sign up.
 */
import { icon } from "../components/icons.ts";
import { type Html, html, trustedHtml } from "../html.ts";
import { type BridgePost, postPath, tagsOf } from "../bridge-post.ts";
import { exactTime, parseChainTime, plural, timeAgo } from "../components/format.ts";
import { payoutDropdown } from "../components/payout.ts";
import { authorLine, categoryLink, voteButtons, votersDropdown } from "../components/post-parts.ts";
import { type ReplySort, netRsharesPositive, replySorts, replyTree } from "../components/reply-tree.ts";
import { PageNotFound, type PageContext, type PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Pixels wide the post's share image is asked for. */
const shareImageWidth = 1200;

function shareMenu(context: PageContext, post: BridgePost): Html {
  const url = `${context.url.origin}${postPath(post)}`;
  const text = encodeURIComponent(post.title);
  const target = encodeURIComponent(url);
  return html`<details class="share dropdown">
  <summary>Share</summary>
  <ul class="dropdown-panel" role="list">
    <li><button type="button" class="link-button" data-action="copy-link" data-url="${url}">Copy link</button></li>
    <li><a href="https://twitter.com/intent/tweet?url=${target}&amp;text=${text}" target="_blank" rel="noopener noreferrer">X (Twitter)</a></li>
    <li><a href="https://www.facebook.com/sharer/sharer.php?u=${target}" target="_blank" rel="noopener noreferrer">Facebook</a></li>
    <li><a href="https://www.reddit.com/submit?url=${target}&amp;title=${text}" target="_blank" rel="noopener noreferrer">Reddit</a></li>
    <li><a href="https://www.linkedin.com/sharing/share-offsite/?url=${target}" target="_blank" rel="noopener noreferrer">LinkedIn</a></li>
  </ul>
</details>`;
}

function signUpCall(context: PageContext): Html {
  if (context.observer !== null) return html``;
  return html`<aside class="signup-call" aria-label="Join">
  <p>Authors get paid when people like you upvote their post.</p>
  <p>If you enjoyed what you read here, <a href="${context.site.signupOpen ? "/signup" : "/login.html"}">create your account today and start earning FREE STEEM!</a></p>
</aside>`;
}

function replySortTabs(context: PageContext, sort: ReplySort): Html {
  return html`<nav class="tabs tabs-small" aria-label="Sort replies">${Object.entries(replySorts).map(([key, label]) =>
    html`<a href="${context.url.pathname}?sort=${key}#comments"${key === sort ? html` aria-current="page"` : ""}>${label}</a>`)}</nav>`;
}

function parentNotice(post: BridgePost): Html {
  if (post.depth === 0 || post.parent_author === undefined) return html``;
  return html`<p class="parent-notice">A reply to <a href="/${post.category}/@${post.parent_author}/${post.parent_permlink}">@${post.parent_author}/${post.parent_permlink}</a> — <a href="${post.url.split("#")[0]}">view the whole discussion</a></p>`;
}

function postArticle(context: PageContext, post: BridgePost): Html {
  const rendered = context.site.texts.body(post);
  const edited = parseChainTime(post.updated) > parseChainTime(post.created);
  const muted = post.stats?.gray === true;
  const canDelete = post.children === 0 && !netRsharesPositive(post) && post.is_paidout !== true;
  return html`<article class="post${muted ? " gray" : ""}" data-post="${post.author}/${post.permlink}" data-category="${post.category}">
  ${parentNotice(post)}
  <header class="post-header">
    <h1 class="post-title">${post.depth > 0 ? post.title : post.title || "(untitled)"}</h1>
    <p class="post-meta">${authorLine(post)} ${categoryLink(post)} · ${timeAgo(post.created, context.now)}${edited ? html` <span class="edited" title="Edited ${exactTime(parseChainTime(post.updated))}">(edited)</span>` : ""}</p>
    ${post.stats?.muted_reasons !== undefined || muted ? html`<p class="notice">This post is muted or low-rated: it is shown dimmed and does not rank.</p>` : ""}
  </header>
  <div class="post-body markdown">${trustedHtml(rendered.html)}</div>
  <ul class="tags" role="list" aria-label="Tags">${tagsOf(post).map((tag) => html`<li><a class="tag" href="/trending/${tag}">${tag}</a></li>`)}</ul>
  <footer class="post-footer">
    ${voteButtons(post, context.observer)}
    ${payoutDropdown(post, context.economics, context.now)}
    ${votersDropdown(post)}
    <a class="replies-count" href="#comments">${icon("reply")} ${plural(post.children, "reply", "replies")}</a>
    ${post.depth === 0 ? html`<button type="button" class="link-button" data-action="reblog" data-author="${post.author}" data-permlink="${post.permlink}" title="Reblog to your followers">↻ Reblog${post.reblogs ? html` (${post.reblogs})` : ""}</button>` : ""}
    ${shareMenu(context, post)}
    <button type="button" class="link-button" data-action="reply" data-author="${post.author}" data-permlink="${post.permlink}">Reply</button>
    <span class="owner-actions" data-owner="${post.author}" hidden><a class="link-button" href="/submit.html?edit=${post.author}/${post.permlink}">Edit</a>${canDelete ? html` <button type="button" class="link-button" data-action="delete" data-author="${post.author}" data-permlink="${post.permlink}">Delete</button>` : ""}</span>
    ${post.community ? html`<span class="moderator-actions" data-community="${post.community}" hidden>
      <button type="button" class="link-button" data-action="pin" data-pinned="${post.stats?.is_pinned ? "true" : "false"}" data-author="${post.author}" data-permlink="${post.permlink}">${post.stats?.is_pinned ? "Unpin" : "Pin"}</button>
      <button type="button" class="link-button" data-action="mute-post" data-muted="${muted ? "true" : "false"}" data-author="${post.author}" data-permlink="${post.permlink}">${muted ? "Unmute" : "Mute"}</button></span>
    <button type="button" class="link-button" data-action="flag" data-community="${post.community}" data-author="${post.author}" data-permlink="${post.permlink}" title="Report this post to the community's moderators">Flag</button>` : ""}
  </footer>
  <div class="reply-editor-slot" data-reply-slot="${post.author}/${post.permlink}"></div>
</article>`;
}

/** Serves a post (params: [category, author, permlink]). */
export async function postPage(context: PageContext): Promise<PageResult> {
  const [category, author, permlink] = context.params;
  const sort = (context.url.searchParams.get("sort") ?? "trending") as ReplySort;
  const replySort: ReplySort = sort in replySorts ? sort : "trending";
  const discussion = await context.api.call<Record<string, BridgePost>>("bridge.get_discussion", { author, permlink, observer: context.observer ?? undefined }).catch((error) => {
    if (error instanceof WebApiError) throw new PageNotFound(`There is no post @${author}/${permlink}`);
    throw error;
  });
  const rootKey = `${author}/${permlink}`;
  const post = discussion[rootKey];
  if (post === undefined) throw new PageNotFound(`The post @${author}/${permlink} is hidden or gone`);
  if (category !== post.category) return { redirect: postPath(post), status: 301 };
  const rendered = context.site.texts.body(post);
  const card = context.site.texts.card(post);
  const main = html`${postArticle(context, post)}
${signUpCall(context)}
<section class="discussion" id="comments" aria-labelledby="replies-heading">
  <div class="discussion-head"><h2 id="replies-heading">${plural(post.children, "reply", "replies")}</h2>${replySortTabs(context, replySort)}</div>
  ${replyTree(context, { discussion, rootKey, sort: replySort, page: Number(context.url.searchParams.get("page") ?? 1) || 1 })}
</section>`;
  const image = card.image ?? rendered.images[0] ?? null;
  return {
    title: post.title || `Reply by @${post.author}`,
    description: card.summary,
    image: image === null ? null : context.site.proxifyImage(image, shareImageWidth),
    canonicalPath: postPath(post),
    type: "article",
    main,
    scripts: ["post"],
    perHead: true,
  };
}
