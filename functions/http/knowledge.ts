/** The `knowledge` area (issue 9): topics, FAQ, knowledge-base articles, documents, suggestions and the public pages. */
import { createTopic, deleteTopic, listTopics, updateTopic } from '../../shared/knowledge/topics.ts';
import { createFaq, deleteFaq, listFaqs, publicFaq, updateFaq } from '../../shared/knowledge/faqs.ts';
import { faqPage } from '../../shared/knowledge/faq-page.ts';
import { articlePage } from '../../shared/knowledge/article-page.ts';
import { createArticle, createArticleFromTicket, getArticle, listArticles, publishArticle, updateArticle } from '../../shared/knowledge/articles.ts';
import { createDocument, deleteDocument, listDocuments, updateDocument } from '../../shared/knowledge/documents.ts';
import { addComment, listComments, toggleLike } from '../../shared/knowledge/feedback.ts';
import { acceptSuggestion, listSuggestions, suggestionSettings, updateSuggestionSettings } from '../../shared/knowledge/suggestions.ts';
import { searchPublic } from '../../shared/knowledge/public-search.ts';
import { publicFile } from '../../shared/knowledge/public-files.ts';
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
  articlePage: async ({ params, query }) => ({ page: await articlePage(params.slug, params.id, query) }),
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  listArticles: async ({ actor, query }) => ({ body: await listArticles(actor, query) }),
  getArticle: async ({ actor, params }) => ({ body: await getArticle(actor, params.id) }),
  createArticle: async ({ actor, body }) => ({ body: await createArticle(actor, body) }),
  updateArticle: async ({ actor, params, body }) => ({ body: await updateArticle(actor, params.id, body) }),
  publishArticle: async ({ actor, params, body }) => ({ body: await publishArticle(actor, params.id, body) }),
  createArticleFromTicket: async ({ actor, params }) => ({ body: await createArticleFromTicket(actor, params.number) }),
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  listDocuments: async ({ actor, query }) => ({ body: await listDocuments(actor, query) }),
  createDocument: async ({ actor, body }) => ({ body: await createDocument(actor, body) }),
  updateDocument: async ({ actor, params, body }) => ({ body: await updateDocument(actor, params.id, body) }),
  deleteDocument: async ({ actor, params, query }) => {
    await deleteDocument(actor, params.id, query);
    return {};
  },
  listComments: async ({ actor, params }) => ({ body: await listComments(actor, params) }),
  addComment: async ({ actor, params, body }) => ({ body: await addComment(actor, params, body) }),
  toggleLike: async ({ actor, params, body }) => ({ body: await toggleLike(actor, params, body) }),
  getSuggestionSettings: async ({ actor }) => ({ body: await suggestionSettings(actor) }),
  updateSuggestionSettings: async ({ actor, body }) => ({ body: await updateSuggestionSettings(actor, body) }),
  listSuggestions: async ({ actor }) => ({ body: await listSuggestions(actor) }),
  acceptSuggestion: async ({ actor, params, body }) => ({ body: await acceptSuggestion(actor, params.number, body) }),
  // ==== end documents and suggestions ====
  // ==== public knowledge reads (issue 9) ====
  searchPublic: async ({ params, query, sourceIp }) => ({ body: await searchPublic(params.slug, query, sourceIp) }),
  getPublicFile: async ({ params }) => ({ page: await publicFile(params.slug, params.attachmentId) }),
  // ==== end public knowledge reads ====
});
