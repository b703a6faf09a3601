/** The `knowledge` area (issue 9): topics, FAQ, knowledge-base articles, documents, suggestions and the public pages. */
import { createTopic, deleteTopic, listTopics, updateTopic } from '../../shared/knowledge/topics.ts';
import { createFaq, deleteFaq, listFaqs, publicFaq, updateFaq } from '../../shared/knowledge/faqs.ts';
import { faqPage } from '../../shared/knowledge/faq-page.ts';
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
  listFaqs: async ({ actor, query }) => ({ body: await listFaqs(actor, query) }),
  createFaq: async ({ actor, body }) => ({ body: await createFaq(actor, body) }),
  updateFaq: async ({ actor, params, body }) => ({ body: await updateFaq(actor, params.id, body) }),
  deleteFaq: async ({ actor, params, query }) => {
    await deleteFaq(actor, params.id, query);
    return {};
  },
  getPublicFaq: async ({ params, query }) => ({ body: await publicFaq(params.slug, query) }),
  faqPage: async ({ params, query }) => ({ page: await faqPage(params.slug, query) }),
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  // ==== end documents and suggestions ====
});
