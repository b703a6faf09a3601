/** What the admin's calendar and SLA policy pages read from the API. */
import type { Holiday } from '#shared/sla/constants.ts';
import type { Calendar, SlaPolicy } from '#shared/sla/schemas.ts';
import { api } from '#lib/api.ts';

/** Every calendar of the tenant, the built-in 24/7 first. */
export async function loadCalendars(): Promise<Calendar[]> {
  return (await api<{ items: Calendar[] }>('/calendars')).items;
}

/** The tenant's SLA policies in matching order. */
export async function loadPolicies(): Promise<SlaPolicy[]> {
  return (await api<{ items: SlaPolicy[] }>('/sla-policies')).items;
}

/** The public holidays of a German federal state in one year (`listGermanHolidays`). */
export async function loadGermanHolidays(state: string, year: number): Promise<Holiday[]> {
  return (await api<{ items: Holiday[] }>(`/calendars/holidays?state=${encodeURIComponent(state)}&from=${year}&to=${year}`)).items;
}
