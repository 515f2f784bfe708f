/**
 * Every rejection the image service gives, as stable snake_case codes with the HTTP status each one
 * answers with. The list only ever grows; clients (condenser-style editors) show `info` to the person.
 */
export const imageErrorStatuses = {
  // the request itself
  not_multipart: 400,
  invalid_multipart: 400,
  missing_file: 400,
  invalid_signature: 400,
  invalid_image: 400,
  invalid_proxy_url: 400,
  invalid_proxy_options: 400,
  invalid_account_name: 400,
  request_timeout: 408,
  length_required: 411,
  payload_too_large: 413,
  unsupported_image_type: 415,
  // who may upload
  missing_authority: 401,
  account_blacklisted: 403,
  reputation_too_low: 403,
  forbidden_address: 403,
  no_such_account: 404,
  rate_limited: 429,
  // what is served
  not_found: 404,
  upstream_error: 502,
  busy: 503,
  shutting_down: 503,
  internal_error: 500,
} as const satisfies Record<string, number>;

export type ImageErrorCode = keyof typeof imageErrorStatuses;

/** A rejection with a stable code, a message a person can act on, and its HTTP status. */
export class ImageError extends Error {
  readonly code: ImageErrorCode;
  readonly status: number;
  /** Seconds until trying again makes sense (rate limits, a full queue); sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ImageErrorCode, message: string, options: { status?: number; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "ImageError";
    this.code = code;
    this.status = options.status ?? imageErrorStatuses[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isImageError(error: unknown): error is ImageError {
  return error instanceof ImageError;
}

/** Any thrown value as an ImageError; anything unexpected becomes `internal_error` without leaking details. */
export function toImageError(error: unknown): ImageError {
  if (isImageError(error)) return error;
  return new ImageError("internal_error", "the image service failed to handle this request");
}
