/**
 * Promotion (Steemit's "promoted" sort): an SBD transfer to `null` whose memo names a post as
 * `@author/permlink` burns that SBD to promote it, adding to the post's `promoted` total (steemit/hivemind
 * payments.py). Transfers with any other memo, token or recipient, or naming no post, change nothing.
 */
import type { Operation } from "../core/protocol/operation-schemas.ts";
import type { ProjectionContext } from "./projector.ts";

const promotionAccount = "null";
const postMemo = /^@([a-z0-9.-]{3,16})\/([a-z0-9-]{1,256})$/;

/** Projects a transfer to `null`; false when the operation is not a transfer. */
export async function projectPromotion(context: ProjectionContext, operation: Operation): Promise<boolean> {
  if (operation.type !== "transfer") return false;
  const { to, amount, memo } = operation.value;
  if (to !== promotionAccount || amount.symbol !== "SBD") return true;
  const match = postMemo.exec(memo.trim());
  if (match === null) return true;
  await context.tx.run("UPDATE posts SET promoted = promoted + ?, changed_block = ? WHERE author = ? AND permlink = ?", [Number(amount.amount) / 1000, context.blockNum, match[1], match[2]]);
  return true;
}
