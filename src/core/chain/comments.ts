/** Looking up posts and replies. */
import { ChainError } from "../errors.ts";
import { type ChainState, type Comment, commentKey } from "./state.ts";

export function getCommentOrThrow(state: ChainState, author: string, permlink: string): Comment {
  const comment = state.comments.get(commentKey(author, permlink));
  if (comment === undefined) throw new ChainError("comment_not_found", `@${author}/${permlink} does not exist`);
  return comment;
}
