/**
 * The one error class of the browser library for everything that goes wrong before or around a broadcast
 * (the node's own refusals are `RpcCallError`s, see rpc.ts). Pages switch on `code`; `message` is written
 * for a person and may be shown as it is.
 */

/** Stable codes, only ever added to. */
export const clientErrorCodes = [
  "not_logged_in",
  "no_such_account",
  "wrong_key",
  "wrong_password",
  "key_cannot_sign",
  "key_not_given",
  "invalid_operation",
  "invalid_account_name",
  "keychain_missing",
  "keychain_refused",
  "unexpected_answer",
  "http_error",
  "upload_refused",
  "signup_refused",
] as const;

export type ClientErrorCode = (typeof clientErrorCodes)[number];

/** An expected failure in the browser library, with a stable code and a message a person can act on. */
export class ClientError extends Error {
  override name = "ClientError";
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** What the other side said, when the error relays an answer (the image service's or the sign-up endpoint's). */
    readonly data: unknown = null,
  ) {
    super(message);
  }
}
