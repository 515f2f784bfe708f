/** account_update and account_update2: new authorities, memo key and profile metadata. */
import { getAccountOrThrow, updateAccount } from "../chain/accounts.ts";
import type { Account, ChainState } from "../chain/state.ts";
import { ensure } from "../errors.ts";
import type { Authority } from "../protocol/authority.ts";
import { ownerUpdateLimitSeconds } from "../protocol/config.ts";
import { validateAccountName, validateAuthority, validateJsonMetadata } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

interface AuthorityChanges {
  readonly account: string;
  readonly owner?: Authority;
  readonly active?: Authority;
  readonly posting?: Authority;
}

function validateAuthorityChanges(op: AuthorityChanges): void {
  validateAccountName(op.account, "account");
  if (op.owner !== undefined) validateAuthority(op.owner, "owner");
  if (op.active !== undefined) validateAuthority(op.active, "active");
  if (op.posting !== undefined) validateAuthority(op.posting, "posting");
}

function applyAuthorityChanges(state: ChainState, op: AuthorityChanges, now: number): Partial<Account> {
  const account = getAccountOrThrow(state, op.account);
  for (const authority of [op.owner, op.active, op.posting]) {
    if (authority === undefined) continue;
    for (const [name] of authority.account_auths) getAccountOrThrow(state, name);
  }
  const patch: { -readonly [K in keyof Account]?: Account[K] } = { last_account_update: now };
  if (op.owner !== undefined) {
    ensure(now - account.last_owner_update >= ownerUpdateLimitSeconds, "owner_update_too_soon", () => `the owner authority of "${op.account}" can change once an hour; last changed ${now - account.last_owner_update} s ago`);
    patch.owner = op.owner;
    patch.last_owner_update = now;
  }
  if (op.active !== undefined) patch.active = op.active;
  if (op.posting !== undefined) patch.posting = op.posting;
  return patch;
}

export const accountUpdate: OperationHandler<"account_update"> = {
  validate(op) {
    validateAuthorityChanges(op);
    validateJsonMetadata(op.json_metadata, "json_metadata");
  },
  collectAuthorities(op, into) {
    (op.owner !== undefined ? into.owner : into.active).add(op.account);
  },
  apply({ state, now }, op) {
    const patch = applyAuthorityChanges(state, op, now);
    const account = getAccountOrThrow(state, op.account);
    updateAccount(state, account, { ...patch, memo_key: op.memo_key, ...(op.json_metadata.length > 0 ? { json_metadata: op.json_metadata } : {}) });
  },
};

export const accountUpdate2: OperationHandler<"account_update2"> = {
  validate(op) {
    validateAuthorityChanges(op);
    validateJsonMetadata(op.json_metadata, "json_metadata");
    validateJsonMetadata(op.posting_json_metadata, "posting_json_metadata");
  },
  collectAuthorities(op, into) {
    if (op.owner !== undefined) into.owner.add(op.account);
    else if (op.active !== undefined || op.posting !== undefined || op.memo_key !== undefined || op.json_metadata.length > 0) into.active.add(op.account);
    else into.posting.add(op.account);
  },
  apply({ state, now }, op) {
    const patch = applyAuthorityChanges(state, op, now);
    const account = getAccountOrThrow(state, op.account);
    updateAccount(state, account, {
      ...patch,
      ...(op.memo_key !== undefined ? { memo_key: op.memo_key } : {}),
      ...(op.json_metadata.length > 0 ? { json_metadata: op.json_metadata } : {}),
      ...(op.posting_json_metadata.length > 0 ? { posting_json_metadata: op.posting_json_metadata } : {}),
    });
  },
};
