/** custom_json: an application payload the chain stores but does not interpret (the index gives it meaning). */
import { ensure } from "../errors.ts";
import { getAccountOrThrow } from "../chain/accounts.ts";
import { authorityMembershipMax, customIdLengthMax, customJsonBytesMax } from "../protocol/config.ts";
import { isStrictlySorted, validateAccountName, validateMaxBytes, validateUtf8 } from "../protocol/validation.ts";
import type { OperationHandler } from "./operation-handler.ts";

export const customJson: OperationHandler<"custom_json"> = {
  validate(op) {
    const total = op.required_auths.length + op.required_posting_auths.length;
    ensure(total > 0, "invalid_field", "custom_json needs at least one account in required_auths or required_posting_auths");
    ensure(total <= authorityMembershipMax, "authority_too_large", () => `custom_json names ${total} accounts; the limit is ${authorityMembershipMax}`);
    for (const name of op.required_auths) validateAccountName(name, "required_auths");
    for (const name of op.required_posting_auths) validateAccountName(name, "required_posting_auths");
    ensure(isStrictlySorted(op.required_auths) && isStrictlySorted(op.required_posting_auths), "invalid_field", "required_auths and required_posting_auths must be sorted and unique");
    validateUtf8(op.id, "id");
    ensure(op.id.length <= customIdLengthMax, "custom_id_too_long", () => `custom_json id is ${op.id.length} characters; the limit is ${customIdLengthMax}`);
    validateMaxBytes(op.json, customJsonBytesMax, "custom_json_too_large", "json");
    let valid = true;
    try {
      JSON.parse(op.json);
    } catch {
      valid = false;
    }
    ensure(valid, "malformed_json", "custom_json json is not valid JSON");
  },
  collectAuthorities(op, into) {
    for (const name of op.required_auths) into.active.add(name);
    for (const name of op.required_posting_auths) into.posting.add(name);
  },
  apply({ state }, op) {
    for (const name of op.required_auths) getAccountOrThrow(state, name);
    for (const name of op.required_posting_auths) getAccountOrThrow(state, name);
  },
};
