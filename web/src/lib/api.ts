/**
 * The one way the web app talks to the API: same origin, cookie session, JSON in and out.
 * Failures become `ApiError`s carrying the problem+json fields.
 */
import { t, type Key } from './i18n.ts';
import { lang } from './state.svelte.ts';
import type { FieldError } from '#shared/errors.ts';

/** A problem with one field, as the API reports it. */
export type FieldProblem = FieldError;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  /** What a client needs to word the problem itself (who took a ticket, until when it is locked): the texts' plain values. */
  readonly params: Record<string, string | number>;
  /** The same as sent, structured values included (e.g. the changes a `ticket_changed` lists). */
  readonly rawParams: Record<string, unknown>;

  constructor(status: number, body: { title?: string; detail?: string; code?: string; errors?: FieldProblem[]; params?: Record<string, unknown> }) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code;
    this.title = body.title ?? `HTTP ${status}`;
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.params = Object.fromEntries(
      Object.entries(body.params && typeof body.params === 'object' ? body.params : {}).filter(
        (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
      ),
    );
    this.rawParams = body.params && typeof body.params === 'object' ? body.params : {};
  }
}

type Fetch = typeof fetch;

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** SvelteKit's `fetch` inside load functions. */
  fetch?: Fetch;
  /**
   * Let a 401 reach the caller (sign-in, `me`). Otherwise a 401 means the session is gone:
   * the browser goes to the sign-in page of the current portal.
   */
  allow401?: boolean;
  /** Cancels the request (a newer one replaced it): the promise then rejects with the abort reason, not a network error. */
  signal?: AbortSignal;
}

/** The slug of the portal the browser is in, from the address bar. */
export function currentSlug(): string | null {
  const first = globalThis.location?.pathname.split('/')[1] ?? '';
  return first && first !== 'signup' && first !== '_app' ? decodeURIComponent(first) : null;
}

function toSignIn(): void {
  const slug = currentSlug();
  if (!slug) {
    location.assign('/');
    return;
  }
  const here = location.pathname + location.search;
  const home = `/${encodeURIComponent(slug)}/`;
  location.assign(here === home ? home : `${home}?next=${encodeURIComponent(here)}`);
}

export async function api<T = unknown>(path: string, opts: ApiOptions = {}): Promise<T> {
  const f = opts.fetch ?? fetch;
  // The UI's language, not the browser's: names the server keeps per language (teams) come in it.
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': lang() };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await f(`/api/v1${path}`, { method: opts.method ?? 'GET', headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? e;
    throw new ApiError(0, { title: t('error.network'), code: 'network' });
  }
  const type = res.headers.get('content-type') ?? '';
  const text = res.status === 204 ? '' : await res.text();
  let data: unknown = undefined;
  if (text && type.includes('json')) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.allow401) {
      toSignIn();
      // the page is being replaced; let nothing render an error meanwhile
      return new Promise<T>(() => {});
    }
    const problem = (data && typeof data === 'object' ? data : {}) as ConstructorParameters<typeof ApiError>[1];
    if (!problem.title) problem.title = res.status >= 500 || res.status === 0 ? t('error.network') : t('error.generic');
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

const TRANSLATED_CODES = new Set([
  'invalid_credentials',
  'too_many_attempts',
  'email_not_verified',
  'slug_taken',
  'email_taken',
  'invalid_token',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  'ticket_changed',
  'last_admin',
  'payload_too_large',
  'validation_failed',
  'unauthenticated',
  'origin_mismatch',
  'sign_in_link_sent',
  'registration_mismatch',
  // workflow (issue 6)
  'already_taken',
  'open_sub_tickets',
  'team_has_tickets',
  'action_not_allowed',
  'locked',
  // sla admin (issue 7)
  'builtin_calendar',
  'limit_reached',
  // attachments (issue 8)
  'attachment_not_found',
  'attachment_not_uploaded',
  'attachment_too_large',
  // duplicates (issue 8)
  'merge_into_self',
  'merge_target_merged',
  'merge_target_closed',
  'merge_split_ticket',
  'merge_different_requester',
  'ticket_merged',
  // knowledge-base articles (issue 9)
  'own_review',
  'ticket_not_solved',
]);

/** A field problem in the user's language, from its code and parameters (never from the server's English text). */
export function fieldMessage(p: FieldProblem): string {
  const { minimum, maximum, format } = p.params ?? {};
  switch (p.code) {
    case 'slug_taken':
    case 'email_taken':
      return t('field.taken');
    case 'too_small':
      return minimum === undefined || minimum <= 1 ? t('field.required') : t('field.tooShort', { min: minimum });
    case 'too_big':
      return maximum === undefined ? t('field.invalid') : t('field.tooLong', { max: maximum });
    case 'invalid_type':
      return t('field.required');
    case 'invalid_format':
      return format === 'email' ? t('field.email') : format === 'date' || format === 'datetime' ? t('field.date') : t('field.invalid');
    case 'unknown_placeholder':
      return t('field.unknown_placeholder', { placeholder: `{{${p.params?.name ?? ''}}}` });
    case 'forbidden_characters':
    case 'logo_url':
    case 'date_in_past':
    case 'password_required':
    case 'registration_mismatch':
    case 'team_name_taken':
    case 'not_staff':
    case 'unknown_team':
    case 'no_condition':
    case 'unknown_calendar': // sla admin (issue 7), to unknown_time_zone
    case 'reassign_needs_team':
    case 'empty_interval':
    case 'overlapping_intervals':
    case 'no_business_hours':
    case 'unknown_time_zone':
    case 'too_many_attachments': // attachments (issue 8)
    case 'address_taken': // inbound mail (issue 8)
    case 'own_domain':
    case 'duplicate':
    case 'unknown_topic': // topics and faq (issue 9)
    case 'topic_name_taken':
    case 'unknown_article': // knowledge-base articles (issue 9)
      return t(`field.${p.code}`);
    default:
      return t('field.invalid');
  }
}

/** A message for the error box: known codes translated, else the server's detail or title. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code && TRANSLATED_CODES.has(e.code)) return t(`error.${e.code}` as Key, e.params);
    if (e.status === 0) return t('error.network');
    return e.detail ?? e.title;
  }
  if (e instanceof Error) return e.message;
  return t('error.generic');
}

/** Field errors by input path (`email`, `contact.phone`). */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) {
    for (const p of e.errors) {
      const key = String(p.path ?? '')
        .replace(/^\/?body[./]/, '')
        .replaceAll('/', '.')
        .replace(/^\./, '');
      if (!(key in out)) out[key] = fieldMessage(p);
    }
  }
  return out;
}

/** Drops empty strings and empty objects, so optional fields are left out rather than sent blank. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === '' || v === undefined || v === null) continue;
    if (typeof v === 'string') {
      if (v.trim()) out[k] = v;
      continue;
    }
    if (typeof v === 'object' && !Array.isArray(v)) {
      const inner = compact(v as Record<string, unknown>);
      if (Object.keys(inner).length) out[k] = inner;
      continue;
    }
    out[k] = v;
  }
  return out as Partial<T>;
}
