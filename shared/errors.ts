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
  | 'last_admin'
  | 'invalid_token'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_attempts'
  | 'sign_in_link_sent'
  | 'password_required'
  | 'registration_mismatch'
  // workflow core (issue 6)
  | 'action_not_allowed'
  | 'already_taken'
  | 'open_sub_tickets'
  | 'locked'
  | 'ticket_changed'
  | 'team_has_tickets'
  // service levels (issue 7)
  | 'builtin_calendar'
  | 'limit_reached'
  // attachments (issue 8)
  | 'attachment_not_found'
  | 'attachment_not_uploaded'
  | 'attachment_too_large'
  // duplicates (issue 8)
  | 'merge_into_self'
  | 'merge_target_merged'
  | 'merge_target_closed'
  | 'merge_split_ticket'
  | 'merge_different_requester'
  | 'ticket_merged'
  // knowledge-base articles (issue 9)
  | 'own_review'
  | 'ticket_not_solved'
  | 'internal';

/** What a client needs to word a field problem itself: the limit, format or values concerned. */
export interface FieldErrorParams {
  minimum?: number;
  maximum?: number;
  /** `email`, `date`, `url`, … */
  format?: string;
  /** The expected type (`string`, `number`, …). */
  expected?: string;
  /** The allowed values of a choice. */
  values?: string[];
  /** The name concerned (e.g. the unknown placeholder of a template). */
  name?: string;
}

/**
 * One field's problem. `code` (zod's issue code, or a business code such as `email_taken`)
 * with `params` is the contract: clients translate from those. `message` is English, for
 * people reading the raw response.
 */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
  params?: FieldErrorParams;
}

/** The parts of a zod issue this module reads (kept structural, so the web never needs zod). */
interface ValidationIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
  expected?: unknown;
  values?: unknown;
  /** A refinement names its own stable code here (e.g. `forbidden_characters`). */
  params?: { code?: unknown };
}

/** zod's issues as field errors: path, code and the parameters a client needs to word them. */
export function fieldErrorsOf(issues: readonly ValidationIssue[]): FieldError[] {
  return issues.map((i) => {
    const params: FieldErrorParams = {};
    if (typeof i.minimum === 'number' || typeof i.minimum === 'bigint') params.minimum = Number(i.minimum);
    if (typeof i.maximum === 'number' || typeof i.maximum === 'bigint') params.maximum = Number(i.maximum);
    if (typeof i.format === 'string') params.format = i.format;
    if (typeof i.expected === 'string') params.expected = i.expected;
    if (Array.isArray(i.values)) params.values = i.values.map(String);
    const code = i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : i.code;
    const error: FieldError = { path: i.path.map(String).join('.'), message: i.message, code };
    if (Object.keys(params).length > 0) error.params = params;
    return error;
  });
}

/** An expected failure with a stable code and a human-readable detail. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  /** What a client needs to word the problem itself (e.g. `by`: who took the ticket first). */
  readonly params?: Record<string, unknown>;
  constructor(code: ErrorCode, detail: string, errors?: FieldError[], params?: Record<string, unknown>) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.errors = errors;
    this.params = params;
  }
}

/** The one "not found" used for missing objects and for objects the caller may not see. */
export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}
