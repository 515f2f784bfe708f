/** delete_comment: remove a post or reply that has no replies, no positive rshares and is not paid out. */
import { getCommentOrThrow } from "../chain/comments.ts";
import { type ChainState, commentKey } from "../chain/state.ts";
import { ensure } from "../errors.ts";
import { timeNever } from "../protocol/config.ts";
import { validateAccountName, validatePermlinkSize } from "../protocol/validation.ts";
import { getParentChain } from "./comment.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const deleteComment: OperationHandler<"delete_comment"> = {
  validate(op) {
    validateAccountName(op.author, "author");
    validatePermlinkSize(op.permlink, "permlink");
  },
  collectAuthorities(op, into) {
    into.posting.add(op.author);
  },
  apply({ state }, op) {
    const key = commentKey(op.author, op.permlink);
    const record = getCommentOrThrow(state, op.author, op.permlink);
    ensure(record.children === 0, "comment_delete_refused", "a post or reply with replies cannot be deleted");
    ensure(record.cashout_time !== timeNever, "comment_delete_refused", "a post or reply that has been paid out cannot be deleted");
    ensure(record.net_rshares <= 0n, "comment_delete_refused", "a post or reply with positive votes (net rshares) cannot be deleted");
    removeVotes(state, record.author, record.permlink);
    for (const ancestor of getParentChain(state, record)) {
      state.comments.set(commentKey(ancestor.author, ancestor.permlink), { ...ancestor, children: ancestor.children - 1 });
    }
    state.comments.delete(key);
  },
};

/** Newest first, so undoing a failed transaction re-adds them in their original order. */
function removeVotes(state: ChainState, author: string, permlink: string): void {
  for (const vote of state.votes.ofComment(author, permlink).reverse()) state.votes.delete(author, permlink, vote.voter);
}
