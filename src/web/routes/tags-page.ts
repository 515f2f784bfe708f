/**
 * `/tags`: the trending tags (condenser_api.get_trending_tags) — each category with its pending posts,
 * comments and payouts, largest payout first — linking to the tag's list; 100 a page by `?start=`.
 * Communities are categories too, shown by their titles.
 */
import { isCommunityName } from "../../index/rules/communities.ts";
import { assetAmount, formatDollars } from "../components/format.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Tags a page shows. */
export const tagsPageSize = 100;

/** A get_trending_tags entry (api/social/post-ranked.ts). */
interface TrendingTag {
  readonly name: string;
  readonly comments: number;
  readonly top_posts: number;
  readonly total_payouts: string;
}

function tagRow(tag: TrendingTag, titles: ReadonlyMap<string, string>): Html {
  const title = titles.get(tag.name);
  return html`<tr>
  <th scope="row"><a href="/trending/${tag.name}">${title === undefined ? `#${tag.name}` : title}</a>${title === undefined ? "" : html` <span class="hint">community</span>`}</th>
  <td class="number">${tag.top_posts.toLocaleString("en-US")}</td>
  <td class="number">${tag.comments.toLocaleString("en-US")}</td>
  <td class="number">${formatDollars(assetAmount(tag.total_payouts))}</td>
</tr>`;
}

/** Titles of the communities among `names` (categories of community posts are community names). */
async function communityTitles(context: PageContext, names: readonly string[]): Promise<Map<string, string>> {
  const communities = await Promise.all(names.filter(isCommunityName).map((name) =>
    context.api.call<{ name: string; title: string }>("bridge.get_community", { name }).catch((error) => {
      if (error instanceof WebApiError) return null;
      throw error;
    })));
  return new Map(communities.filter((c) => c !== null).map((c) => [c.name, c.title || c.name]));
}

/** Serves the tags. */
export async function tagsPage(context: PageContext): Promise<PageResult> {
  const startParam = context.url.searchParams.get("start") ?? "";
  const start = /^[a-z0-9-]{1,64}$/.test(startParam) ? startParam : "";
  const tags = await context.api.call<TrendingTag[]>("condenser_api.get_trending_tags", [start, tagsPageSize + 1]).catch((error) => {
    if (error instanceof WebApiError) return [];
    throw error;
  });
  const shown = tags.slice(0, tagsPageSize);
  const next = tags.length > tagsPageSize ? tags[tagsPageSize].name : null;
  const titles = await communityTitles(context, shown.map((tag) => tag.name));
  const main = html`<section aria-labelledby="tags-heading">
  <h1 id="tags-heading" class="list-heading">Trending tags</h1>
  <p class="hint">Every post has a category: its first tag, or its community. These are the categories of posts still earning rewards, largest pending payout first.</p>
  ${shown.length === 0 ? html`<div class="empty-state"><p>No post is earning rewards right now. <a href="/created">See the newest posts</a>.</p></div>` : html`<div class="table-scroll"><table class="data-table">
    <caption class="visually-hidden">Categories of pending posts by payout</caption>
    <thead><tr><th scope="col">Tag</th><th scope="col" class="number">Posts</th><th scope="col" class="number">Comments</th><th scope="col" class="number">Pending payouts</th></tr></thead>
    <tbody>${shown.map((tag) => tagRow(tag, titles))}</tbody>
  </table></div>`}
  ${start === "" && next === null ? "" : html`<nav class="pager" aria-label="Pages">${start === "" ? "" : html`<a class="button button-quiet" href="/tags">← First page</a>`}
    ${next === null ? "" : html`<a class="button button-quiet" rel="next" href="/tags?start=${next}">Next page →</a>`}</nav>`}
</section>`;
  return {
    title: "Trending tags",
    description: "The tags and communities whose posts are earning the most rewards on this network right now.",
    canonicalPath: "/tags",
    main,
    noindex: start !== "",
  };
}
