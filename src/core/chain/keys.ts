/** The string keys of comments, votes and delegations in the state tables. */
import { flatten } from "../../stdx/bytes.ts";

export function commentKey(author: string, permlink: string): string {
  return flatten(`${author}/${permlink}`);
}

export function voteKey(author: string, permlink: string, voter: string): string {
  return flatten(`${author}/${permlink}/${voter}`);
}

export function delegationKey(delegator: string, delegatee: string): string {
  return flatten(`${delegator}/${delegatee}`);
}
