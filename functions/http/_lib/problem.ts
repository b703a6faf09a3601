/** The one place that turns error codes into HTTP statuses and problem+json bodies. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorCode, FieldError } from '../../../shared/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  invalid_token: 400,
  password_required: 400,
  registration_mismatch: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  email_not_verified: 403,
  forbidden: 403,
  origin_mismatch: 403,
  not_found: 404,
  method_not_allowed: 405,
  slug_taken: 409,
  email_taken: 409,
  conflict: 409,
  last_admin: 409,
  action_not_allowed: 409,
  already_taken: 409,
  open_sub_tickets: 409,
  team_has_tickets: 409,
  locked: 409,
  ticket_changed: 409,
  builtin_calendar: 409,
  limit_reached: 409,
  attachment_not_found: 400,
  attachment_not_uploaded: 409,
  attachment_too_large: 413,
  merge_into_self: 400,
  merge_target_merged: 409,
  merge_target_closed: 409,
  merge_split_ticket: 409,
  merge_different_requester: 409,
  ticket_merged: 409,
  own_review: 403,
  ticket_not_solved: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  sign_in_link_sent: 429,
  internal: 500,
};

const TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** An `application/problem+json` response (RFC 9457) carrying a stable `code`. */
export function problem(
  code: ErrorCode,
  detail: string,
  requestId: string,
  errors?: FieldError[],
  params?: Record<string, unknown>,
): APIGatewayProxyStructuredResultV2 {
  const status = STATUS[code];
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify({ type: `urn:helpdesk:problem:${code}`, title: TITLE[status] ?? 'Error', status, code, detail, errors, params, instance: requestId }),
  };
}
