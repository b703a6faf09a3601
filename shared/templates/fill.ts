/**
 * Filling a template's placeholders (K13): pure and zod-free, so the web app imports it
 * (`#shared/templates/fill.ts`) and the server checks bodies with the same rules.
 *
 * A placeholder is `{{name}}` (spaces inside the braces allowed). Known names are replaced by
 * their value; an unknown name, or a known one without a value (a ticket without a due date),
 * stays as typed, so whoever inserts the text sees at once what still needs their hand.
 */
import { PLACEHOLDERS, type Placeholder } from './constants.ts';

type Language = 'de' | 'en';

/** The values of the placeholders; a missing one leaves its placeholder visible. */
export type PlaceholderValues = Partial<Record<Placeholder, string | number | undefined>>;

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** Whether a name is one of our placeholders. */
export const isPlaceholder = (name: string): name is Placeholder => KNOWN.has(name);

/** Every placeholder name a body uses, in order of first use, known or not. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(PATTERN)].map((m) => m[1]!))];
}

/** The names a body uses that are not placeholders (what saving refuses). */
export const unknownPlaceholders = (body: string): string[] => placeholdersIn(body).filter((n) => !isPlaceholder(n));

/** A calendar day (YYYY-MM-DD) as readers of `language` write it: 24.12.2026 / 24 Dec 2026. */
export function formatDay(day: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** The body with every known placeholder that has a value replaced; the due date in the template's language. */
export function fill(body: string, values: PlaceholderValues, language: Language): string {
  return body.replace(PATTERN, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    const v = values[name];
    if (v === undefined || v === null || String(v).trim() === '') return whole;
    return name === 'ticket.dueDate' ? formatDay(String(v), language) : String(v);
  });
}

/** What a ticket page knows, as placeholder values. */
export interface TicketFacts {
  number: number;
  subject: string;
  requesterName: string;
  /** The coordinator's due date (wins when set) and the requester's wished one, YYYY-MM-DD. */
  coordinatorDueDate?: string;
  requesterDueDate?: string;
}

/**
 * The values for one ticket and agent: the due date is the coordinator's if set, else the
 * requester's; the portal link is the requester's page of the ticket (`origin` without a slash).
 */
export function ticketValues(t: TicketFacts, agentName: string, portal: { origin: string; slug: string }): PlaceholderValues {
  return {
    'requester.name': t.requesterName,
    'ticket.number': t.number,
    'ticket.subject': t.subject,
    'ticket.dueDate': t.coordinatorDueDate || t.requesterDueDate,
    'agent.name': agentName,
    'portal.link': `${portal.origin}/${encodeURIComponent(portal.slug)}/tickets/${t.number}`,
  };
}
