/**
 * `/rewards`: where the pending rewards are (bridge.get_payout_stats) — each community, and each author's
 * posts outside communities, with its pending payout, posts and authors, largest first — and in a few
 * sentences how rewards work on this chain.
 */
import { cashoutWindowSeconds, contentRewardPercent, percent100 } from "../../core/protocol/config.ts";
import { formatDollars } from "../components/format.ts";
import { type Html, html } from "../html.ts";
import type { PageContext, PageResult } from "../page.ts";

/** Rows the page shows (the API's maximum). */
export const payoutStatsShownMax = 250;

/** `[community or "@author", title, payout, posts, authors or null]` (api/social/community-queries.ts). */
type PayoutStatsItem = readonly [string, string, number, number, number | null];

interface PayoutStats {
  readonly items: readonly PayoutStatsItem[];
  readonly total: number;
  readonly blogs: number;
}

function statsRow([name, title, payout, posts, authors]: PayoutStatsItem): Html {
  const isAuthor = name.startsWith("@");
  const link = isAuthor ? html`<a href="/${name}">${name}</a> <span class="hint">blog</span>` : html`<a href="/trending/${name}">${title || name}</a>`;
  return html`<tr>
  <th scope="row">${link}</th>
  <td class="number">${formatDollars(payout)}</td>
  <td class="number">${posts.toLocaleString("en-US")}</td>
  <td class="number">${authors === null ? "—" : authors.toLocaleString("en-US")}</td>
</tr>`;
}

function explanation(context: PageContext): Html {
  const days = Math.round(cashoutWindowSeconds / 86400);
  const curators = Math.round(context.economics.curationShare * 100);
  return html`<section class="panel" aria-labelledby="how-heading">
  <h2 id="how-heading">How rewards work</h2>
  <ul>
    <li>New STEEM is created with every block; ${contentRewardPercent / (percent100 / 100)}% of it goes to a reward pool for posts and comments.</li>
    <li>Upvotes decide how the pool is shared: each vote is worth more the more Steem Power the voter holds and the more voting power they have left.</li>
    <li>A post or comment pays out ${days} days after it was published. Until then its reward is <em>pending</em> and moves with every vote.</li>
    <li>At payout, ${100 - curators}% goes to the author and ${curators}% to the curators who upvoted it, earlier and larger votes earning more. By default the author's part is paid half in Steem Power and half in SBD (in STEEM instead, while the chain limits how much SBD it prints).</li>
    <li>A payout under $0.02 is not paid. Downvotes reduce a post's reward and return it to the pool.</li>
  </ul>
  <p><a href="/faq.html">More questions and answers</a></p>
</section>`;
}

/** Serves the payout stats. */
export async function rewardsPage(context: PageContext): Promise<PageResult> {
  const stats = await context.api.call<PayoutStats>("bridge.get_payout_stats", { limit: payoutStatsShownMax });
  const communities = stats.total - stats.blogs;
  const main = html`<section aria-labelledby="rewards-heading">
  <h1 id="rewards-heading" class="list-heading">Rewards</h1>
  <p class="community-stats"><span><strong>${formatDollars(stats.total)}</strong> pending in all</span>
    <span><strong>${formatDollars(communities)}</strong> in communities</span>
    <span><strong>${formatDollars(stats.blogs)}</strong> on blogs outside communities</span></p>
  <h2>Pending payouts by community and author</h2>
  ${stats.items.length === 0 ? html`<div class="empty-state"><p>Nothing is pending right now: no post of the last ${Math.round(cashoutWindowSeconds / 86400)} days has been upvoted. <a href="/created">Find new posts to upvote</a>.</p></div>`
    : html`<div class="table-scroll"><table class="data-table">
    <caption class="visually-hidden">Pending payouts by community, and by author for posts outside communities</caption>
    <thead><tr><th scope="col">Community or blog</th><th scope="col" class="number">Pending payout</th><th scope="col" class="number">Posts</th><th scope="col" class="number">Authors</th></tr></thead>
    <tbody>${stats.items.map(statsRow)}</tbody>
  </table></div>`}
</section>
${explanation(context)}`;
  return {
    title: "Rewards",
    description: "Where this network's pending rewards are going: communities and authors by pending payout, and how rewards work.",
    canonicalPath: "/rewards",
    main,
  };
}
