/** The `search` area (issue 9, Q5): one search over knowledge and tickets. */
import { search } from '../../shared/search/search.ts';
import { areaHandler } from './_lib/http.ts';
// search web
import { recordDeflection } from '../../shared/deflection/deflection.ts';
import { suggestAnswers } from '../../shared/deflection/suggest.ts';
import { searchTickets } from '../../shared/deflection/ticket-search.ts';
// public knowledge reads (issue 9)
import { searchPublic } from '../../shared/knowledge/public-search.ts';

export const handler = areaHandler('search', {
  search: async ({ actor, query }) => ({ body: await search(actor, query) }),
  // search web
  suggestAnswers: async ({ actor, body }) => ({ body: await suggestAnswers(actor, body) }),
  recordDeflection: async ({ actor, body }) => ({ body: await recordDeflection(actor, body) }),
  searchTickets: async ({ actor, query }) => ({ body: await searchTickets(actor, query) }),
  // public knowledge reads (issue 9)
  searchPublic: async ({ params, query, sourceIp }) => ({ body: await searchPublic(params.slug, query, sourceIp) }),
});
