/**
 * Pieces a post shows in a list and on its page: the author with reputation and community role/title, the
 * "in <community>" link, the vote buttons (worked by the client script; without it they lead to log in) and
 * the voters dropdown (the 20 largest votes by |rshares|, "+"/"−", and how many more).
 */
import { type Html, html } from "../html.ts";
import type { BridgePost } from "../bridge-post.ts";
import { formatReputation, plural } from "./format.ts";

/** Voters a post's voter dropdown names; Steemit's too. */
export const votersShownMax = 20;

/** "@alice (63)" with the community role and title when there are any. */
export function authorLine(post: Pick<BridgePost, "author" | "author_reputation" | "author_role" | "author_title">): Html {
  const role = post.author_role !== undefined && post.author_role !== "guest" ? post.author_role : null;
  return html`<span class="author"><a class="author-name" href="/@${post.author}" rel="author">@${post.author}</a> <span class="reputation" title="Reputation">(${formatReputation(post.author_reputation)})</span>${
    role !== null ? html` <span class="role-badge">${role}</span>` : ""}${post.author_title ? html` <span class="author-title">${post.author_title}</span>` : ""}</span>`;
}

/** "in <community title>" or "in #tag", linking to the list the post belongs to. */
export function categoryLink(post: Pick<BridgePost, "category" | "community" | "community_title">): Html {
  if (post.community !== undefined && post.community !== "") {
    return html`<span class="category">in <a href="/trending/${post.community}">${post.community_title || post.community}</a></span>`;
  }
  return html`<span class="category">in <a href="/trending/${post.category}">#${post.category}</a></span>`;
}

function rsharesOf(vote: { rshares: number | string }): bigint {
  try {
    return BigInt(vote.rshares);
  } catch {
    return 0n;
  }
}

/** The voters dropdown: the largest votes first. */
export function votersDropdown(post: Pick<BridgePost, "active_votes" | "stats">): Html {
  // Each vote's rshares are read once (as a bigint: they may exceed 2^53), not at every comparison of the sort.
  const votes = post.active_votes.map((vote) => ({ voter: vote.voter, rshares: rsharesOf(vote) })).filter((v) => v.rshares !== 0n);
  const total = post.stats?.total_votes ?? votes.length;
  if (total === 0) return html`<span class="voters-count">${plural(0, "vote")}</span>`;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  votes.sort((a, b) => {
    const d = abs(b.rshares) - abs(a.rshares);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  });
  const shown = votes.slice(0, votersShownMax);
  const more = total - shown.length;
  return html`<details class="voters dropdown">
  <summary>${plural(total, "vote")}</summary>
  <ul class="dropdown-panel" role="list">
    ${shown.map((v) => html`<li><span class="vote-sign">${v.rshares < 0n ? "−" : "+"}</span> <a href="/@${v.voter}">${v.voter}</a></li>`)}
    ${more > 0 ? html`<li class="more">…and ${plural(more, "more vote")}</li>` : ""}
  </ul>
</details>`;
}

/** The up and down vote buttons of a post or comment; `observerVote` marks the reader's own vote. */
type BridgeVote = BridgePost["active_votes"][number];

/** Each shared (frozen) post's votes by voter, made at the first look-up. */
const votesByVoter = new WeakMap<object, ReadonlyMap<string, BridgeVote>>();

/**
 * The observer's vote among the post's, if any. A popular post has thousands of votes and its card is
 * checked for the reader's vote on every page a logged-in reader asks for (a scan of them all was an eighth
 * of a trending page's cost in bench:web), so a shared post's votes are indexed by voter once.
 */
export function observerVote(post: Pick<BridgePost, "active_votes">, observer: string | null): BridgeVote | undefined {
  if (observer === null) return undefined;
  if (!Object.isFrozen(post)) return post.active_votes.find((vote) => vote.voter === observer);
  let byVoter = votesByVoter.get(post);
  if (byVoter === undefined) {
    byVoter = new Map(post.active_votes.map((vote) => [vote.voter, vote]));
    votesByVoter.set(post, byVoter);
  }
  return byVoter.get(observer);
}

export function voteButtons(post: Pick<BridgePost, "author" | "permlink" | "is_paidout" | "active_votes">, observer: string | null): Html {
  const own = observerVote(post, observer);
  const direction = own === undefined ? "" : rsharesOf(own) > 0n ? "up" : rsharesOf(own) < 0n ? "down" : "";
  const closed = post.is_paidout === true;
  return html`<span class="vote-buttons" data-vote data-author="${post.author}" data-permlink="${post.permlink}" data-voted="${direction}">
  <button type="button" class="vote-button vote-up" data-direction="up" aria-pressed="${direction === "up" ? "true" : "false"}" aria-label="Upvote" title="${closed ? "Voting closed: this post has been paid out" : "Upvote"}"${closed ? html` disabled` : ""}>▲</button>
  <button type="button" class="vote-button vote-down" data-direction="down" aria-pressed="${direction === "down" ? "true" : "false"}" aria-label="Downvote" title="${closed ? "Voting closed: this post has been paid out" : "Downvote"}"${closed ? html` disabled` : ""}>▼</button>
</span>`;
}

