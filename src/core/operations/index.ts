/** The table of operations the chain applies; every other operation id is refused as unsupported. */
import { ChainError } from "../errors.ts";
import type { Operation, OperationName } from "../protocol/operation-schemas.ts";
import { accountCreate, accountCreateWithDelegation, claimAccount, createClaimedAccount } from "./account-create.ts";
import { accountUpdate, accountUpdate2 } from "./account-update.ts";
import { claimRewardBalance } from "./claim-reward-balance.ts";
import { comment } from "./comment.ts";
import { commentOptions } from "./comment-options.ts";
import { customJson } from "./custom-json.ts";
import { deleteComment } from "./delete-comment.ts";
import { delegateVestingShares } from "./delegate-vesting-shares.ts";
import type { OperationHandler } from "./operation-handler.ts";
import { cancelTransferFromSavings } from "./cancel-transfer-from-savings.ts";
import { convert } from "./convert.ts";
import { feedPublish } from "./feed-publish.ts";
import { transfer } from "./transfer.ts";
import { transferFromSavings } from "./transfer-from-savings.ts";
import { transferToSavings } from "./transfer-to-savings.ts";
import { transferToVesting } from "./transfer-to-vesting.ts";
import { vote } from "./vote.ts";
import { setWithdrawVestingRoute } from "./set-withdraw-vesting-route.ts";
import { withdrawVesting } from "./withdraw-vesting.ts";

export const operationHandlers: { readonly [N in OperationName]?: OperationHandler<N> } = {
  vote,
  comment,
  transfer,
  transfer_to_vesting: transferToVesting,
  account_create: accountCreate,
  account_update: accountUpdate,
  custom_json: customJson,
  delete_comment: deleteComment,
  comment_options: commentOptions,
  claim_account: claimAccount,
  create_claimed_account: createClaimedAccount,
  account_create_with_delegation: accountCreateWithDelegation,
  account_update2: accountUpdate2,
  claim_reward_balance: claimRewardBalance,
  withdraw_vesting: withdrawVesting,
  set_withdraw_vesting_route: setWithdrawVestingRoute,
  delegate_vesting_shares: delegateVestingShares,
  feed_publish: feedPublish,
  convert,
  transfer_to_savings: transferToSavings,
  transfer_from_savings: transferFromSavings,
  cancel_transfer_from_savings: cancelTransferFromSavings,
};

/** The handler of an operation, or an `unsupported_operation` error naming it. */
export function getOperationHandler(op: Operation): OperationHandler<OperationName> {
  const handler = operationHandlers[op.type] as OperationHandler<OperationName> | undefined;
  if (handler === undefined) throw new ChainError("unsupported_operation", `operation "${op.type}" is not supported by this chain`);
  return handler;
}
