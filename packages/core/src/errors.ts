/**
 * Stable error codes. The server answers with them in problem+json (`code`), the console
 * translates them; never rename one, only add.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  account_locked: 423,
  account_disabled: 403,
  password_change_required: 403,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  duplicate: 409,
  payload_too_large: 413,
  unprocessable: 422,
  weak_password: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
