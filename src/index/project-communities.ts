/**
 * Communities in the index (hivemind's rules): registration of `hive-NNNNNN` accounts, the `community`
 * custom_json ops with their role checks and `error` notifications, and which community a new post
 * joins (and whether it is muted there).
 */
import type { CommunityAction, SocialOpRefusal } from "./rules/custom-json.ts";
import type { ProjectionContext } from "./projector.ts";

/** Registers `account` as a community if its name makes it one (called for every new account). */
export async function registerCommunityAccount(_context: ProjectionContext, _account: string): Promise<void> {}

/** Applies a parsed community op, or records the refusal of one (an `error` notification to the actor). */
export async function projectCommunityOperation(_context: ProjectionContext, _op: CommunityAction | SocialOpRefusal): Promise<void> {}

export interface NewPostInCommunity {
  readonly author: string;
  /** The root post's category (parent_permlink of the root). */
  readonly category: string;
  readonly depth: number;
  /** The parent's community and muted state (comments inherit them); null/false for a top-level post. */
  readonly parentCommunity: string | null;
  readonly parentIsMuted: boolean;
}

export interface PostCommunityState {
  readonly community: string | null;
  readonly isMuted: boolean;
  /** `encodeMutedReasons` of the reasons it is muted for. */
  readonly mutedReasons: number;
}

/** The community a new post belongs to and whether it starts muted there. */
export async function communityOfNewPost(_context: ProjectionContext, post: NewPostInCommunity): Promise<PostCommunityState> {
  return { community: post.depth === 0 ? null : post.parentCommunity, isMuted: post.parentIsMuted, mutedReasons: 0 };
}
