/** The `sla` area: business calendars and SLA policies of the tenant (issue 7). */
import {
  createCalendar,
  createSlaPolicy,
  deleteSlaPolicy,
  listCalendars,
  listGermanHolidays,
  listSlaPolicies,
  updateCalendar,
  updateSlaPolicy,
} from '../../shared/sla/config.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('sla', {
  listCalendars: async ({ actor }) => ({ body: await listCalendars(actor) }),
  createCalendar: async ({ actor, body }) => ({ body: await createCalendar(actor, body) }),
  updateCalendar: async ({ actor, params, body }) => ({ body: await updateCalendar(actor, params.id, body) }),
  listGermanHolidays: async ({ actor, query }) => ({ body: listGermanHolidays(actor, query) }),
  listSlaPolicies: async ({ actor }) => ({ body: await listSlaPolicies(actor) }),
  createSlaPolicy: async ({ actor, body }) => ({ body: await createSlaPolicy(actor, body) }),
  updateSlaPolicy: async ({ actor, params, body }) => ({ body: await updateSlaPolicy(actor, params.id, body) }),
  deleteSlaPolicy: async ({ actor, params, query }) => {
    await deleteSlaPolicy(actor, params.id, query);
    return {};
  },
});
