/** The `search` area (issue 9, Q5): one search over knowledge and tickets. */
import { search } from '../../shared/search/search.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('search', {
  search: async ({ actor, query }) => ({ body: await search(actor, query) }),
});
