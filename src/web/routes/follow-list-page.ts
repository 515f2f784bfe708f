/**
 * Who follows an account and whom it follows — `/@user/followers`, `/@user/following` (`/followed` is
 * condenser's old name for it) — and the accounts it muted, `/@user/lists/muted` (Hive's route; mute lists
 * are public on the chain). Names in name order, 100 a page, paged by `?start=` as condenser_api pages them.
 */
import { type BridgeProfile, loadProfile, profileHeader, profileTitle } from "../components/profile-header.ts";
import { type Html, html } from "../html.ts";
import { PageNotFound, type PageContext, type PageResult } from "../page.ts";
import { WebApiError } from "../web-api.ts";

/** Names a follow list shows per page. */
export const followListPageSize = 100;

type FollowListKind = "followers" | "following" | "muted";

interface FollowEntry {
  readonly follower: string;
  readonly following: string;
}

const accountNamePattern = /^[a-z][a-z0-9.-]{2,15}$/;

function kindOf(param: string): FollowListKind {
  if (param === "followers") return "followers";
  if (param === "following" || param === "followed") return "following";
  if (param === "muted") return "muted";
  throw new PageNotFound(`A profile has no "${param}" list`);
}

/** One page of names and the first name of the next page, if any (condenser_api's `start` is inclusive). */
async function loadNames(context: PageContext, kind: FollowListKind, account: string, start: string | null): Promise<{ names: string[]; next: string | null }> {
  const method = kind === "followers" ? "condenser_api.get_followers" : "condenser_api.get_following";
  const entries = await context.api.call<FollowEntry[]>(method, [account, start, kind === "muted" ? "ignore" : "blog", followListPageSize + 1]).catch((error) => {
    if (error instanceof WebApiError) return null;
    throw error;
  });
  // An unknown account fails here too; the profile's own lookup reports it with a hint.
  if (entries === null) return { names: [], next: null };
  const names = entries.map((entry) => (kind === "followers" ? entry.follower : entry.following));
  return { names: names.slice(0, followListPageSize), next: names.length > followListPageSize ? names[followListPageSize] : null };
}

function headingOf(kind: FollowListKind, profile: BridgeProfile): string {
  const name = profileTitle(profile);
  return kind === "followers" ? `Followers of ${name}` : kind === "following" ? `Accounts ${name} follows` : `Accounts ${name} muted`;
}

function emptyMessage(kind: FollowListKind, account: string, own: boolean): string {
  if (kind === "followers") return own ? "Nobody follows you yet. Posting and replying is how readers find you." : `@${account} has no followers yet.`;
  if (kind === "following") return own ? "You do not follow anybody yet. Follow authors to fill your feed." : `@${account} does not follow anybody yet.`;
  return own ? "You have not muted anybody." : `@${account} has not muted anybody.`;
}

function nameList(names: readonly string[]): Html {
  return html`<ul class="community-list account-list" role="list">${names.map((name) =>
    html`<li><a href="/@${name}"><img class="avatar avatar-small" src="/u/${name}/avatar/small" alt="" width="32" height="32" loading="lazy"> @${name}</a></li>`)}</ul>`;
}

function pager(path: string, start: string | null, next: string | null): Html {
  if (start === null && next === null) return html``;
  return html`<nav class="pager" aria-label="Pages">
  ${start === null ? "" : html`<a class="button button-quiet" href="${path}">← First page</a>`}
  ${next === null ? "" : html`<a class="button button-quiet" rel="next" href="${path}?start=${next}">Next page →</a>`}
</nav>`;
}

/** Serves the follow lists. `params`: [account, followers | following | followed | muted]. */
export async function followListPage(context: PageContext): Promise<PageResult> {
  const account = context.params[0];
  const kind = kindOf(context.params[1]);
  const startParam = context.url.searchParams.get("start");
  const start = startParam !== null && accountNamePattern.test(startParam) ? startParam : null;
  const [profile, page] = await Promise.all([loadProfile(context, account), loadNames(context, kind, account, start)]);
  const own = context.observer === account;
  const path = kind === "muted" ? `/@${account}/lists/muted` : `/@${account}/${kind}`;
  const heading = headingOf(kind, profile);
  const count = kind === "followers" ? profile.stats.followers : kind === "following" ? profile.stats.following : null;
  const main = html`${profileHeader(context, profile, kind)}
<section aria-labelledby="list-heading">
  <h2 id="list-heading" class="list-heading">${heading}${count === null ? "" : html` <span class="reputation">(${count.toLocaleString("en-US")})</span>`}</h2>
  ${kind === "muted" ? html`<p class="hint">Posts and replies by muted accounts are hidden from @${account}. Mute lists are public on the chain.</p>` : ""}
  ${page.names.length === 0 ? html`<div class="empty-state"><p>${emptyMessage(kind, account, own)}</p></div>` : nameList(page.names)}
  ${pager(path, start, page.next)}
  ${own && kind === "following" ? html`<p><a href="/@${account}/lists/muted">Accounts you muted</a></p>` : ""}
</section>`;
  return {
    title: heading,
    description: `${heading} on this network.`,
    canonicalPath: path,
    type: "profile",
    main,
    noindex: kind === "muted" || start !== null,
  };
}
