/**
 * Business errors: a stable code the API and the web rely on. Mapping a code to an HTTP
 * status happens in one place (`functions/http/_lib/problem.ts`), never here.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'email_not_verified'
  | 'forbidden'
  | 'origin_mismatch'
  | 'not_found'
  | 'method_not_allowed'
  | 'slug_taken'
  | 'email_taken'
  | 'conflict'
  | 'invalid_token'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_attempts'
  | 'sign_in_link_sent'
  | 'internal';

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** An expected failure with a stable code and a human-readable detail. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  constructor(code: ErrorCode, detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.errors = errors;
  }
}

/** The one "not found" used for missing objects and for objects the caller may not see. */
export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}
