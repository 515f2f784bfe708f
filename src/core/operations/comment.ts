/** comment: create a post or reply, or edit one (the body may be a diff-match-patch patch of the old body). */
import DiffMatchPatch from "diff-match-patch";
import { getAccountOrThrow, updateAccount } from "../chain/accounts.ts";
import { type ChainState, type Comment, commentKey } from "../chain/state.ts";
import { ChainError, ensure } from "../errors.ts";
import { cashoutWindowSeconds, commentDepthMax, commentTitleBytesMax, editIntervalSeconds, maxAcceptedPayoutDefault, percent100, replyIntervalSeconds, rootPostIntervalSeconds, timeNever } from "../protocol/config.ts";
import type { OperationBody } from "../protocol/operation-schemas.ts";
import { validateAccountName, validateJsonMetadata, validateMaxBytes, validateNewPermlink, validatePermlinkSize, validateUtf8 } from "../protocol/validation.ts";
import type { ApplyContext, OperationHandler } from "./operation-handler.ts";

type CommentOperation = OperationBody<"comment">;

export const comment: OperationHandler<"comment"> = {
  validate(op) {
    validateAccountName(op.author, "author");
    if (op.parent_author !== "") validateAccountName(op.parent_author, "parent_author");
    validatePermlinkSize(op.permlink, "permlink");
    validatePermlinkSize(op.parent_permlink, "parent_permlink");
    validateMaxBytes(op.title, commentTitleBytesMax, "title_too_long", "title");
    validateUtf8(op.body, "body");
    ensure(op.body.length > 0, "body_empty", "the body of a post or reply must not be empty");
    validateJsonMetadata(op.json_metadata, "json_metadata");
  },
  collectAuthorities(op, into) {
    into.posting.add(op.author);
  },
  apply(context, op) {
    const existing = context.state.comments.get(commentKey(op.author, op.permlink));
    if (existing === undefined) createComment(context, op);
    else editComment(context, op, existing);
  },
};

function createComment({ state, now }: ApplyContext, op: CommentOperation): void {
  const author = getAccountOrThrow(state, op.author);
  validateNewPermlink(op.permlink, "permlink");
  validateNewPermlink(op.parent_permlink, "parent_permlink");
  const isRoot = op.parent_author === "";
  let parent: Comment | undefined;
  if (isRoot) {
    ensure(now - author.last_root_post > rootPostIntervalSeconds, "posting_too_soon", () => `"${op.author}" may publish one post every 5 minutes; wait ${rootPostIntervalSeconds - (now - author.last_root_post) + 1} s`);
  } else {
    parent = state.comments.get(commentKey(op.parent_author, op.parent_permlink));
    if (parent === undefined) throw new ChainError("parent_not_found", `the parent @${op.parent_author}/${op.parent_permlink} does not exist`);
    ensure(parent.depth < commentDepthMax, "comment_depth_exceeded", () => `replies may nest at most ${commentDepthMax} deep`);
    ensure(now - author.last_post >= replyIntervalSeconds, "replying_too_soon", () => `"${op.author}" may comment once every ${replyIntervalSeconds} seconds`);
  }
  const props = state.props.value;
  state.props.value = { ...props, next_comment_id: props.next_comment_id + 1 };
  const record: Comment = {
    id: props.next_comment_id,
    author: op.author,
    permlink: op.permlink,
    category: parent === undefined ? op.parent_permlink : parent.category,
    parent_author: op.parent_author,
    parent_permlink: op.parent_permlink,
    title: op.title,
    body: op.body,
    json_metadata: op.json_metadata,
    last_update: now,
    created: now,
    active: now,
    last_payout: 0,
    depth: parent === undefined ? 0 : parent.depth + 1,
    children: 0,
    net_rshares: 0n,
    abs_rshares: 0n,
    vote_rshares: 0n,
    children_abs_rshares: 0n,
    cashout_time: now + cashoutWindowSeconds,
    max_cashout_time: timeNever,
    total_vote_weight: 0n,
    reward_weight: percent100,
    total_payout_value: 0n,
    curator_payout_value: 0n,
    author_rewards: 0n,
    net_votes: 0,
    root_author: parent === undefined ? op.author : parent.root_author,
    root_permlink: parent === undefined ? op.permlink : parent.root_permlink,
    max_accepted_payout: maxAcceptedPayoutDefault,
    percent_steem_dollars: percent100,
    allow_replies: true,
    allow_votes: true,
    allow_curation_rewards: true,
    beneficiaries: [],
  };
  state.comments.set(commentKey(op.author, op.permlink), record);
  state.schedules.cashouts.add(record.cashout_time, record.id, commentKey(op.author, op.permlink));
  updateAccount(state, author, { post_count: author.post_count + 1, last_post: now, ...(isRoot ? { last_root_post: now } : {}) });
  for (let ancestor = parent; ancestor !== undefined; ) {
    state.comments.set(commentKey(ancestor.author, ancestor.permlink), { ...ancestor, children: ancestor.children + 1, active: now });
    ancestor = ancestor.parent_author === "" ? undefined : state.comments.get(commentKey(ancestor.parent_author, ancestor.parent_permlink));
  }
}

function editComment({ state, now }: ApplyContext, op: CommentOperation, existing: Comment): void {
  const author = getAccountOrThrow(state, op.author);
  ensure(op.parent_author === existing.parent_author && op.parent_permlink === existing.parent_permlink, "comment_parent_mismatch", "an edit cannot change the parent of a post or reply");
  ensure(now - author.last_post_edit >= editIntervalSeconds, "editing_too_soon", () => `"${op.author}" may edit once every ${editIntervalSeconds} seconds`);
  state.comments.set(commentKey(op.author, op.permlink), {
    ...existing,
    title: op.title.length > 0 ? op.title : existing.title,
    json_metadata: op.json_metadata.length > 0 ? op.json_metadata : existing.json_metadata,
    body: applyBodyEdit(existing.body, op.body),
    last_update: now,
    active: now,
  });
  updateAccount(state, author, { last_post_edit: now });
}

const dmp = new DiffMatchPatch();
// diff-match-patch stops diffing after Diff_Timeout seconds of wall-clock time, which would make an edit's
// result depend on machine load; with 0 it runs to completion, so replay always rebuilds the same body.
dmp.Diff_Timeout = 0;

/**
 * A patch that does not match where it says is located by fuzzy search (bitap) and then diffed against
 * the text found there; with no diff timeout (above) both grow with the lengths involved, and a 60 KB
 * patch of low-entropy text against a 60 KB body took 8 s — one transaction stalling the producer. So each
 * edit gets a budget of work, counted from the lengths (never from time, so every node decides the same):
 * a bitap search costs pattern × text, a diff (after its common prefix and suffix are trimmed) the product
 * of the two lengths. An edit that exceeds the budget is refused. Patches made from the body they edit,
 * as editors make them, match where they say and spend nothing.
 */
export const patchWorkBudget = 20_000_000;
let workLeft = 0;

function spendPatchWork(cost: number): void {
  workLeft -= cost;
  if (workLeft < 0) {
    throw new ChainError("patch_too_costly", "the body patch does not match the current body closely enough to apply cheaply; send the whole new body instead of a patch");
  }
}

const matchBitap = dmp.match_bitap_.bind(dmp);
dmp.match_bitap_ = (text: string, pattern: string, loc: number) => {
  spendPatchWork(pattern.length * (text.length + pattern.length));
  return matchBitap(text, pattern, loc);
};
/** diff_compute_ runs after diff_main trims the common prefix and suffix (missing from the type declarations). */
type DiffCompute = (text1: string, text2: string, checklines: boolean, deadline: number) => DiffMatchPatch.Diff[];
const internals = dmp as unknown as { diff_compute_: DiffCompute };
const diffCompute = internals.diff_compute_.bind(dmp);
internals.diff_compute_ = (text1, text2, checklines, deadline) => {
  spendPatchWork(text1.length * text2.length);
  return diffCompute(text1, text2, checklines, deadline);
};

/** steemd's rule: a body that parses as a non-empty patch is applied to the old body; anything else replaces it. */
export function applyBodyEdit(oldBody: string, newBody: string): string {
  if (!newBody.startsWith("@@ ")) return newBody;
  let patches: ReturnType<typeof dmp.patch_fromText>;
  try {
    patches = dmp.patch_fromText(newBody);
  } catch {
    return newBody;
  }
  if (patches.length === 0) return newBody;
  workLeft = patchWorkBudget;
  try {
    return dmp.patch_apply(patches, oldBody)[0];
  } catch (error) {
    if (error instanceof ChainError) throw error;
    return newBody;
  }
}

export function getParentChain(state: ChainState, record: Comment): Comment[] {
  const chain: Comment[] = [];
  let current = record.parent_author === "" ? undefined : state.comments.get(commentKey(record.parent_author, record.parent_permlink));
  while (current !== undefined) {
    chain.push(current);
    current = current.parent_author === "" ? undefined : state.comments.get(commentKey(current.parent_author, current.parent_permlink));
  }
  return chain;
}
