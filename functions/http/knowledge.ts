/** The `knowledge` area (issue 9): topics, FAQ, knowledge-base articles, documents, suggestions and the public pages. */
import { createTopic, deleteTopic, listTopics, updateTopic } from '../../shared/knowledge/topics.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('knowledge', {
  // ==== topics and faq (issue 9) ====
  listTopics: async ({ actor, query }) => ({ body: await listTopics(actor, query) }),
  createTopic: async ({ actor, body }) => ({ body: await createTopic(actor, body) }),
  updateTopic: async ({ actor, params, body }) => ({ body: await updateTopic(actor, params.id, body) }),
  deleteTopic: async ({ actor, params, query }) => {
    await deleteTopic(actor, params.id, query);
    return {};
  },
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  // ==== end documents and suggestions ====
});
