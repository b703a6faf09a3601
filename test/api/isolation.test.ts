/**
 * Tenant and customer isolation (T5): every route of the API, called with a second tenant's
 * session and with a second customer's session, finds nothing of the first customer's data.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../shared/http/routes.ts';
import { apiClient, type UserClient } from '../support/api.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { PNG, upload } from '../support/files.ts';

const SECRET_SUBJECT = 'Confidential merger printer issue';
const SECRET_NOTE = 'internal-note-7f3a';

let a: TestTenant;
let b: TestTenant;
let owner: Awaited<ReturnType<typeof newCustomer>>;
let neighbour: Awaited<ReturnType<typeof newCustomer>>;
let outsider: UserClient;
/** The first customer's pending upload, named like the secret (attachments, issue 8). */
let ownerUpload: string;

/** A plausible request for a route, aimed at tenant A's ticket #1 and A's portal. */
function requestFor(route: (typeof routes)[number]) {
  const path = route.path
    .replace('{number}', '1')
    .replace('{slug}', a.slug)
    .replace('{id}', owner.id)
    .replace('{attachmentId}', ownerUpload)
    .replace('{target}', 'suggestions');
  const bodies: Record<string, unknown> = {
    addTicketMessage: { body: 'hello from outside' },
    updateTicket: { status: 'solved' },
    createTicket: { subject: 'probe', description: 'probe' },
    updateTenant: { name: 'probe' },
    inviteUser: { email: 'probe@x.example', role: 'agent' },
    changeUserRole: { role: 'agent', version: 0 },
    updateMe: { language: 'de' },
    // ==== workflow core (issue 6) ====
    acceptTicket: {},
    assignTicket: { assigneeId: 'x', dueDate: '2099-01-01', note: 'probe' },
    takeTicket: {},
    acceptAssignment: {},
    handBackTicket: { reason: 'probe' },
    closeTicket: { resolution: 'solved', solution: 'probe' },
    pendTicket: { until: '2099-01-01T00:00:00Z' },
    resumeTicket: {},
    reopenTicket: {},
    // ==== end workflow core ====
    // ==== split and answers (issue 6) ====
    splitTicket: { parts: [{ subject: 'probe part', instruction: 'probe', assigneeId: owner.id, visibility: 'transparent' }] },
    answerToCoordinator: { body: 'probe answer' },
    sendOnAnswer: { messageId: 'probe' },
    sendBackAnswer: { reason: 'probe' },
    // ==== end split and answers ====
    // ==== teams and routing (issue 6) ====
    createTeam: { name: { de: 'Probe', en: 'Probe' }, memberIds: [owner.id] },
    updateTeam: { name: { de: 'Probe', en: 'Probe' }, memberIds: [owner.id], version: 1 },
    updateRouting: { rules: [{ when: { category: 'Probe' }, then: { assigneeId: owner.id } }], version: 0 },
    deleteTeam: {}, // a DELETE: its {id} (the first customer's id) is nobody's team
    // ==== end teams and routing ====
    // ==== templates (issue 6) ====
    createTemplate: { name: 'probe', kind: 'answer', language: 'en', body: 'Hello {{requester.name}}' },
    updateTemplate: { body: 'changed by a stranger', version: 1 },
    // ==== end templates ====
    // ==== notifications (issue 6) ====
    markNotificationsRead: { all: true },
    updateNotificationSettings: { mail: { status_changed: true } },
    // ==== end notifications ====
    // ==== locking (issue 6) ====
    lockTicket: { takeOver: true },
    // ==== end locking ====
    // ==== sla config (issue 7) ====
    createCalendar: { name: 'probe', timeZone: 'Europe/Berlin', alwaysOpen: true },
    updateCalendar: { name: 'changed by a stranger', version: 1 },
    createSlaPolicy: {
      name: 'probe',
      match: { priorities: ['urgent'] },
      calendarId: '24x7',
      targets: { firstResponseMinutes: 1, resolutionMinutes: 1 },
      warnAtPercent: 50,
    },
    updateSlaPolicy: { name: 'changed by a stranger', version: 1 },
    // ==== end sla config ====
    // ==== attachments (issue 8) ====
    createAttachmentUpload: { name: 'probe.txt', size: 5, contentType: 'text/plain' },
    // ==== end attachments ====
    // ==== inbound mail (issue 8) ====
    updateInboundSettings: { supportAddresses: [{ address: 'stolen@stranger.example' }], reopenGraceDays: 1, version: 0 },
    // ==== end inbound mail ====
    // ==== outbound mail (issue 8) ====
    getMailSuppression: {},
    clearMailSuppression: {},
    // ==== end outbound mail ====
    // ==== merge (issue 8) ====
    mergeTicket: { into: 2, version: 0, confirmDifferentRequester: true },
    // ==== end merge ====
    // ==== ticket topic (issue 9) ====
    setTicketTopic: { topicId: null, version: 0 },
    // ==== end ticket topic ====
    // ==== topics and faq (issue 9) ====
    createTopic: { name: { de: 'Probe', en: 'Probe' } },
    updateTopic: { name: { de: 'Fremd', en: 'Stranger' }, version: 1 },
    createFaq: { question: 'Probe?', answer: '<p>probe</p>' },
    updateFaq: { answer: '<p>changed by a stranger</p>', version: 1 },
    // ==== end topics and faq ====
    // ==== articles (issue 9) ====
    createArticle: { title: 'probe', body: '<p>probe</p>', audience: 'public' },
    updateArticle: { title: 'changed by a stranger', version: 1 },
    publishArticle: { status: 'review', version: 1 },
    // ==== end articles ====
    // ==== documents and suggestions (issue 9) ====
    createDocument: { attachmentId: 'AAAAAAAAAAAAAAAA', title: 'Stolen manual' },
    updateDocument: { title: 'Renamed elsewhere', version: 1 },
    addComment: { body: 'A comment from elsewhere' },
    toggleLike: { like: true },
    updateSuggestionSettings: { enabled: true, customersJoin: true, version: 0 },
    acceptSuggestion: { credit: true },
    // ==== end documents and suggestions ====
    // ==== search (issue 9) ====
    // (search and searchTickets are GETs: their queries are below)
    // search web
    suggestAnswers: { text: SECRET_SUBJECT },
    recordDeflection: { kind: 'faq', id: 'probe' },
    // ==== end search ====
  };
  // the searches ask for the first customer's words and the agent's note (indexed before the walk)
  const queries: Record<string, Record<string, string>> = {
    search: { q: 'Confidential merger' },
    searchTickets: { q: 'Confidential merger' },
    searchPublic: { q: 'Confidential merger' }, // public knowledge reads (issue 9): walked anonymously below
  };
  return { path, body: bodies[route.operationId] ?? {}, query: queries[route.operationId] };
}

beforeAll(async () => {
  a = await newTenant('iso-a');
  b = await newTenant('iso-b');
  owner = await newCustomer(a, 'Olga Owner');
  neighbour = await newCustomer(a, 'Nils Neighbour');
  const r = await owner.client.post('/api/v1/tickets', { subject: SECRET_SUBJECT, description: 'only Olga and staff may see this' });
  expect(r.json.ticket.number).toBe(1);
  const agent = await newStaff(a, 'agent');
  await agent.client.post('/api/v1/tickets/1/messages', { body: SECRET_NOTE, internal: true });
  ownerUpload = await upload(owner.client, `${SECRET_SUBJECT}.png`, PNG);
  outsider = b.admin;
  // the walk's searches mean something only once the secret is in A's search index
  await vi.waitFor(
    async () => {
      expect((await owner.client.get('/api/v1/search', { query: { q: 'Confidential merger' } })).text).toContain(SECRET_SUBJECT);
      expect((await agent.client.get('/api/v1/search', { query: { q: SECRET_NOTE } })).text).toContain(SECRET_SUBJECT);
    },
    { timeout: 30_000, interval: 200 },
  );
  // tenant B has its own ticket #1, which must not be confused with A's
  await b.admin.post('/api/v1/tickets', { subject: 'B’s own first ticket', description: 'b' });
});

describe.each([
  ['an admin of another tenant', () => outsider],
  ['another customer of the same tenant', () => neighbour.client],
])('%s', (_who, caller) => {
  it('cannot read, answer or change ticket #1 of the first customer', async () => {
    const c = caller();
    const isOutsider = c === outsider;
    const get = await c.get('/api/v1/tickets/1');
    if (isOutsider) expect(get.json.ticket.subject).toBe('B’s own first ticket');
    else expect(get.status).toBe(404);
    if (!isOutsider) expect((await c.post('/api/v1/tickets/1/messages', { body: 'x' })).status).toBe(404);
    const list = await c.get('/api/v1/tickets');
    expect(list.text).not.toContain(SECRET_SUBJECT);
  });
  it.each(
    routes
      .filter((r) => r.auth !== 'public')
      .sort((x, y) => Number(x.operationId === 'logout') - Number(y.operationId === 'logout'))
      .map((r) => [r.operationId, r] as const),
  )('%s finds nothing of the first customer (signing out last)', async (_op, route) => {
    const { path, body, query } = requestFor(route);
    const r = await caller().request(route.method, path, route.method === 'GET' ? undefined : body, route.method === 'GET' ? { query } : undefined);
    expect(r.status).toBeLessThan(500);
    expect(r.text).not.toContain(SECRET_SUBJECT);
    expect(r.text).not.toContain(SECRET_NOTE);
    expect(r.text).not.toContain(owner.email);
    if (caller() === outsider) expect(r.text).not.toContain(a.id);
  });
});

it('after all those probes, the first customer’s ticket is unchanged, and the customer still signed in', async () => {
  expect((await owner.client.get('/api/v1/me')).json.user).toMatchObject({ id: owner.id, role: 'customer' });
  const r = await owner.client.get('/api/v1/tickets/1');
  expect(r.json.ticket).toMatchObject({ subject: SECRET_SUBJECT, status: 'new' });
  expect(r.json.messages).toEqual([]);
  // changing one's own settings changed only one's own account
  expect((await owner.client.get('/api/v1/me')).json.user.language).not.toBe('de');
});

it('a session of tenant B never signs in to tenant A’s portal: login answers for A’s users only', async () => {
  const r = await b.admin.post(`/api/v1/portals/${a.slug}/login`, { email: b.adminEmail, password: 'a-long-test-password' });
  expect(r.status).toBe(401);
});

// ==== public knowledge reads (issue 9) ====
it('an anonymous visitor of the first tenant’s public portal finds none of the first customer’s ticket, note or files', async () => {
  expect((await a.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
  const anonymous = apiClient().anonymous();
  for (const route of routes.filter((r) => ['searchPublic', 'getPublicFile', 'getPublicDocumentFile'].includes(r.operationId))) {
    const { path, query } = requestFor(route);
    for (const q of [query, { q: SECRET_NOTE }, { q: 'Confidential merger', kinds: 'ticket' }]) {
      const r = await anonymous.request(route.method, path, undefined, { query: q });
      expect(r.status, route.operationId).toBeLessThan(500);
      expect(r.text).not.toContain(SECRET_SUBJECT);
      expect(r.text).not.toContain(SECRET_NOTE);
      expect(r.text).not.toContain(owner.email);
    }
  }
  // the first customer's upload, asked for as a public file, is not one
  expect((await anonymous.get(`/api/v1/knowledge/${a.slug}/files/${ownerUpload}`)).status).toBe(404);
  // and tenant B's portal (knowledge not public) answers as if it did not exist
  expect((await anonymous.get(`/api/v1/search/public/${b.slug}`, { query: { q: 'Confidential merger' } })).status).toBe(404);
});
// ==== end public knowledge reads ====
