/** comment_options: payout settings and beneficiaries, which may only become less generous, and mostly only before votes. */
import { getAccountOrThrow } from "../chain/accounts.ts";
import { getCommentOrThrow } from "../chain/comments.ts";
import { commentKey } from "../chain/state.ts";
import { ensure } from "../errors.ts";
import { beneficiariesMax, percent100 } from "../protocol/config.ts";
import { validateAccountName, validateNonNegative, validatePermlinkSize, validateSymbol } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const commentOptions: OperationHandler<"comment_options"> = {
  validate(op) {
    validateAccountName(op.author, "author");
    validatePermlinkSize(op.permlink, "permlink");
    validateSymbol(op.max_accepted_payout, ["SBD"], "max_accepted_payout");
    validateNonNegative(op.max_accepted_payout, "max_accepted_payout");
    ensure(op.percent_steem_dollars <= percent100, "percent_out_of_range", "percent_steem_dollars must be at most 10000 (100%)");
    ensure(op.extensions.length <= 1, "beneficiaries_invalid", "comment_options may carry one beneficiaries extension");
    for (const extension of op.extensions) {
      const list = extension.value.beneficiaries;
      ensure(list.length > 0, "beneficiaries_invalid", "the beneficiaries list must not be empty");
      ensure(list.length <= beneficiariesMax, "beneficiaries_invalid", () => `at most ${beneficiariesMax} beneficiaries are allowed`);
      let sum = 0;
      for (let i = 0; i < list.length; i++) {
        validateAccountName(list[i].account, "beneficiary account");
        ensure(list[i].weight <= percent100, "beneficiaries_invalid", "a beneficiary weight must be at most 10000 (100%)");
        sum += list[i].weight;
        ensure(i === 0 || list[i - 1].account < list[i].account, "beneficiaries_invalid", "beneficiaries must be sorted by account name, without repeats");
      }
      ensure(sum <= percent100, "beneficiaries_invalid", () => `beneficiary weights sum to ${sum}; the limit is 10000 (100%)`);
    }
  },
  collectAuthorities(op, into) {
    into.posting.add(op.author);
  },
  apply({ state }, op) {
    const key = commentKey(op.author, op.permlink);
    const record = getCommentOrThrow(state, op.author, op.permlink);
    ensure(record.allow_curation_rewards || !op.allow_curation_rewards, "comment_options_refused", "allow_curation_rewards cannot be turned back on");
    ensure(record.allow_votes || !op.allow_votes, "comment_options_refused", "allow_votes cannot be turned back on");
    ensure(op.max_accepted_payout.amount <= record.max_accepted_payout, "comment_options_refused", "max_accepted_payout can only decrease");
    ensure(op.percent_steem_dollars <= record.percent_steem_dollars, "comment_options_refused", "percent_steem_dollars can only decrease");
    const restricting = !op.allow_votes || !op.allow_curation_rewards || op.max_accepted_payout.amount < record.max_accepted_payout
      || op.percent_steem_dollars < record.percent_steem_dollars;
    ensure(!restricting || record.abs_rshares === 0n, "comment_options_refused", "payout options cannot change after the post has votes");
    let beneficiaries = record.beneficiaries;
    if (op.extensions.length > 0) {
      ensure(record.beneficiaries.length === 0, "comment_options_refused", "beneficiaries can be set only once");
      ensure(record.abs_rshares === 0n, "comment_options_refused", "beneficiaries cannot be set after the post has votes");
      beneficiaries = op.extensions[0].value.beneficiaries;
      for (const b of beneficiaries) getAccountOrThrow(state, b.account);
    }
    state.comments.set(key, {
      ...record,
      max_accepted_payout: op.max_accepted_payout.amount,
      percent_steem_dollars: op.percent_steem_dollars,
      allow_votes: op.allow_votes,
      allow_curation_rewards: op.allow_curation_rewards,
      beneficiaries,
    });
  },
};
