/** The bridge post object's fields the pages read (api/social/post-objects.ts builds it). */
import { isCommunityName } from "../index/rules/communities.ts";
import type { PayoutPost } from "./components/payout.ts";

export interface BridgeVote {
  readonly voter: string;
  readonly rshares: number | string;
}

export interface BridgePost extends PayoutPost {
  readonly post_id: number;
  readonly author: string;
  readonly permlink: string;
  readonly category: string;
  readonly title: string;
  readonly body: string;
  readonly json_metadata: Record<string, unknown> | null;
  readonly created: string;
  readonly updated: string;
  readonly depth: number;
  readonly children: number;
  readonly net_rshares: number | string;
  readonly payout: number;
  readonly replies: readonly string[];
  readonly reblogs?: number;
  readonly active_votes: readonly BridgeVote[];
  readonly author_reputation: number;
  readonly stats?: { readonly hide?: boolean; readonly gray?: boolean; readonly total_votes?: number; readonly flag_weight?: number; readonly is_pinned?: boolean; readonly muted_reasons?: readonly number[] };
  readonly url: string;
  readonly blacklists?: readonly string[];
  readonly community?: string;
  readonly community_title?: string;
  readonly author_role?: string;
  readonly author_title?: string;
  readonly parent_author?: string;
  readonly parent_permlink?: string;
  readonly reblogged_by?: readonly string[];
}

/** The post's tags: json_metadata.tags (strings only, at most 10), with the category first. */
export function tagsOf(post: BridgePost): string[] {
  const raw = post.json_metadata?.tags;
  const tags = Array.isArray(raw) ? raw.filter((t): t is string => typeof t === "string" && /^[a-z0-9-]{1,64}$/.test(t)) : [];
  const all = post.category && !tags.includes(post.category) ? [post.category, ...tags] : tags;
  // A community's name is where the post lives (shown as "in <community>"), not a topic.
  return [...new Set(all)].filter((tag) => !isCommunityName(tag)).slice(0, 10);
}

/** The post page's path: /<category>/@author/permlink. */
export function postPath(post: { readonly category: string; readonly author: string; readonly permlink: string }): string {
  return `/${encodeURIComponent(post.category)}/@${post.author}/${encodeURIComponent(post.permlink)}`;
}

/** Whether the post carries the nsfw tag (Steemit's only NSFW signal). */
export function isNsfw(post: BridgePost): boolean {
  return tagsOf(post).includes("nsfw");
}
