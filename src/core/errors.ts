/**
 * Every rejection the chain can give, as stable snake_case codes. The list only ever grows; the API maps
 * codes to JSON-RPC errors in one table. A ChainError carries a code and a message a person can act on.
 */
export const chainErrorCodes = [
  // decoding and formatting of input
  "malformed_bytes",
  "malformed_json",
  "invalid_asset",
  "invalid_public_key",
  "invalid_signature_format",
  "unknown_operation",
  "unsupported_operation",
  "invalid_field",
  // transaction envelope
  "transaction_empty",
  "transaction_too_large",
  "transaction_expired",
  "transaction_expiration_too_far",
  "tapos_mismatch",
  "duplicate_transaction",
  "duplicate_signature",
  "signature_not_canonical",
  "signature_unrecoverable",
  "mixed_posting_and_active",
  "missing_posting_authority",
  "missing_active_authority",
  "missing_owner_authority",
  "missing_other_authority",
  "irrelevant_signature",
  // operation validity
  "invalid_account_name",
  "invalid_permlink",
  "invalid_utf8",
  "invalid_json_metadata",
  "amount_not_positive",
  "amount_negative",
  "wrong_asset_symbol",
  "memo_too_long",
  "title_too_long",
  "body_empty",
  "custom_id_too_long",
  "custom_json_too_large",
  "authority_too_large",
  "authority_invalid",
  "weight_out_of_range",
  "beneficiaries_invalid",
  "percent_out_of_range",
  // state-dependent
  "account_not_found",
  "account_exists",
  "comment_not_found",
  "parent_not_found",
  "insufficient_funds",
  "account_creation_fee_mismatch",
  "no_claimed_accounts",
  "posting_too_soon",
  "replying_too_soon",
  "editing_too_soon",
  "patch_too_costly",
  "comment_parent_mismatch",
  "comment_depth_exceeded",
  "comment_delete_refused",
  "comment_options_refused",
  "votes_not_allowed",
  "voting_too_soon",
  "vote_weight_zero",
  "vote_unchanged",
  "vote_changes_exhausted",
  "voting_mana_insufficient",
  "voting_rights_declined",
  "owner_update_too_soon",
  "self_operation",
  "delegation_invalid",
  "block_size_exceeded",
  // economics
  "nothing_to_claim",
  "insufficient_reward_balance",
  "rc_insufficient",
  // node availability (not chain rules)
  "node_busy",
  "node_shutting_down",
] as const;

export type ChainErrorCode = (typeof chainErrorCodes)[number];

export class ChainError extends Error {
  override name = "ChainError";
  readonly code: ChainErrorCode;
  constructor(code: ChainErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Throws a ChainError unless the condition holds: the one-line guard every validate ladder uses. A message
 * that interpolates values is passed as a function, so the text is built only when the guard fails.
 */
export function ensure(condition: unknown, code: ChainErrorCode, message: string | (() => string)): asserts condition {
  if (!condition) throw new ChainError(code, typeof message === "string" ? message : message());
}
