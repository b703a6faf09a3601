/**
 * Every visible text in English and German. The texts themselves are in `texts/`, one chunk
 * per part and language (`base`: the sign-in page, the header and the error pages; `more`:
 * the rest), loaded before a page that needs them is shown (see state.svelte.ts). `t(key)`
 * reads the current language and its texts from rune-backed state, so templates that call it
 * re-render when the language changes.
 */
import { lang, textsOf, ui } from './state.svelte.ts';
import type base from './texts/base.en.ts';
import type more from './texts/more.en.ts';
import { PRIORITIES, STATUSES } from '#shared/tickets/constants.ts';
import type { Language, Priority, Status } from './types.ts';

export type Key = keyof typeof base | keyof typeof more;

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: Key, params?: Record<string, string | number>): string {
  let s: string = textsOf(lang())?.[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** A status in the words of its reader: staff see who waits for whom, a customer sees what it means for them. */
export function statusLabel(s: Status | string, customer = false): string {
  return t(`${customer ? 'customerStatus' : 'status'}.${s}` as Key);
}
export function priorityLabel(p: Priority | string): string {
  return t(`priority.${p}` as Key);
}

export { STATUSES, PRIORITIES };
/** Options for a select, in the current language (call them in markup, so they follow it). */
export const statusOptions = () => STATUSES.map((value) => ({ value, label: statusLabel(value) }));
export const priorityOptions = () => PRIORITIES.map((value) => ({ value, label: priorityLabel(value) }));
/** Each language in its own name. */
export const LANGUAGES: readonly { value: Language; label: string }[] = [
  { value: 'de', label: 'Deutsch' },
  { value: 'en', label: 'English' },
];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(opts: Intl.DateTimeFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  const locale = lang() === 'de' ? 'de-DE' : 'en-GB';
  const key = `${locale}|${timeZone}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...opts, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, opts);
    }
    formatters.set(key, f);
  }
  return f;
}

/** Date and time of an ISO instant, in the tenant's time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter({ dateStyle: 'medium', timeStyle: 'short' }, ui.timeZone).format(d);
}

/** A calendar date (YYYY-MM-DD), shown as that date wherever the viewer is. */
export function formatDate(day: string | undefined): string {
  if (!day) return t('common.none');
  const d = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return formatter({ dateStyle: 'medium' }, 'UTC').format(d);
}
