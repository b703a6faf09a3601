/**
 * Answer to the coordinator: the assignee's answer waits for review, the coordinator sends it
 * on to the requester (as written or edited) or back with a reason; until then the requester
 * neither sees nor gets it. The ticket starts `in_progress` with its assignee through
 * `putInStage` (assigning is the workflow core's).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { mailTo } from '../support/mail.ts';
import { putInStage } from '../support/stages.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let t: TestTenant;
let other: TestTenant;
let coordinator: UserClient;
let agent: Awaited<ReturnType<typeof newStaff>>;
let colleague: UserClient;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;
let n: number;

const DRAFT = 'I think the toner is empty, please replace it';

beforeAll(async () => {
  t = await newTenant('review');
  other = await newTenant('review-other');
  coordinator = (await newStaff(t, 'coordinator', 'Cleo Coordinator')).client;
  agent = await newStaff(t, 'agent', 'Anton Agent');
  colleague = (await newStaff(t, 'agent', 'Carl Colleague')).client;
  cora = await newCustomer(t, 'Cora Customer');
  nils = await newCustomer(t, 'Nils Neighbour');
  n = (await cora.client.post('/api/v1/tickets', { subject: 'Faint print', description: 'Pages come out pale' })).json.ticket.number;
  await putInStage(t.id, n, { stage: 'in_progress', assigneeId: agent.id, assigneeName: 'Anton Agent' });
});

describe('answer to the coordinator', () => {
  let draftId: string;

  it('the assignee answers to the coordinator: the ticket waits in review, the requester sees nothing of it', async () => {
    const r = await agent.client.post(`/api/v1/tickets/${n}/answer-to-coordinator`, { body: DRAFT });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ body: DRAFT, toCoordinator: true, authorName: 'Anton Agent' });
    draftId = r.json.id;
    const staff = (await coordinator.get(`/api/v1/tickets/${n}`)).json;
    expect(staff.ticket.stage).toBe('review');
    expect(staff.ticket.actions).toEqual(expect.arrayContaining(['send_on', 'send_back']));
    expect(staff.history).toContainEqual(expect.objectContaining({ type: 'answered_to_coordinator', actorName: 'Anton Agent' }));
    const seen = await cora.client.get(`/api/v1/tickets/${n}`);
    expect(seen.text).not.toContain(DRAFT);
    expect(seen.json.history.map((e: { type: string }) => e.type)).not.toContain('answered_to_coordinator');
  });

  it('only the coordinator sends on or back; not an agent, a customer, another tenant', async () => {
    expect((await colleague.post(`/api/v1/tickets/${n}/send-on`, { messageId: draftId })).status).toBe(403);
    expect((await agent.client.post(`/api/v1/tickets/${n}/send-back`, { reason: 'no' })).status).toBe(403);
    expect((await cora.client.post(`/api/v1/tickets/${n}/send-on`, { messageId: draftId })).status).toBe(403);
    expect((await nils.client.post(`/api/v1/tickets/${n}/send-on`, { messageId: draftId })).status).toBe(403);
    expect((await other.admin.post(`/api/v1/tickets/${n}/send-on`, { messageId: draftId })).status).toBe(404);
    expect((await coordinator.post(`/api/v1/tickets/${n}/send-on`, { messageId: 'not-an-answer' })).status).toBe(400);
  });

  it('the coordinator sends it back with a reason: the assignee works on, the reason is an internal note', async () => {
    const r = await coordinator.post(`/api/v1/tickets/${n}/send-back`, { reason: 'Please check the drum too' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket.stage).toBe('in_progress');
    expect(r.json.messages).toContainEqual(expect.objectContaining({ body: 'Please check the drum too', internal: true }));
    expect(r.json.history).toContainEqual(expect.objectContaining({ type: 'sent_back', actorName: 'Cleo Coordinator' }));
    expect((await cora.client.get(`/api/v1/tickets/${n}`)).text).not.toContain('check the drum');
    // a sent-back answer cannot be sent on any more
    expect((await coordinator.post(`/api/v1/tickets/${n}/send-on`, { messageId: draftId })).status).toBe(409);
  });

  it('the reviewed answer, edited by the coordinator, reaches the requester by page and by mail', async () => {
    const second = await agent.client.post(`/api/v1/tickets/${n}/answer-to-coordinator`, { body: `${DRAFT}; drum checked` });
    expect(second.status).toBe(201);
    const edited = 'We replace the toner and the drum tomorrow morning.';
    const r = await coordinator.post(`/api/v1/tickets/${n}/send-on`, { messageId: second.json.id, body: edited });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ stage: 'in_progress', status: 'waiting' });
    expect(r.json.history).toContainEqual(expect.objectContaining({ type: 'sent_on', to: 'edited' }));
    const seen = await cora.client.get(`/api/v1/tickets/${n}`);
    expect(seen.json.messages.map((m: { body: string }) => m.body)).toEqual([edited]);
    expect(seen.text).not.toContain(DRAFT);
    // the answer mail follows from the stream: poll the inbox until it is there
    await expect.poll(async () => (await mailTo(cora.email)).some((m) => (m.body.text ?? '').includes(edited)), { timeout: 15_000 }).toBe(true);
    // no mail ever carried the drafts
    expect((await mailTo(cora.email)).map((m) => `${m.body.text ?? ''}${m.body.html ?? ''}`).join('\n')).not.toContain(DRAFT);
  });

  it('a stale version is refused', async () => {
    const v = (await coordinator.get(`/api/v1/tickets/${n}`)).json.ticket.version;
    await coordinator.patch(`/api/v1/tickets/${n}`, { priority: 'high' });
    const r = await agent.client.post(`/api/v1/tickets/${n}/answer-to-coordinator`, { body: 'late', version: v });
    expect(r.status).toBe(409);
  });
});

describe('a part of a split ticket answered to the coordinator', () => {
  it('sent on, the reviewed answer becomes the part’s answer on the parent, never the requester’s', async () => {
    const parent = (await cora.client.post('/api/v1/tickets', { subject: 'Two things', description: 'x' })).json.ticket.number;
    await putInStage(t.id, parent, { stage: 'clarifying' });
    const split = await coordinator.post(`/api/v1/tickets/${parent}/split`, {
      parts: [{ subject: 'Look it up', instruction: 'Find the contract', assigneeId: agent.id, visibility: 'hidden' }],
    });
    const [part] = split.json.numbers;
    await putInStage(t.id, part, { stage: 'in_progress' });
    const draft = await agent.client.post(`/api/v1/tickets/${part}/answer-to-coordinator`, { body: 'Contract 17, clause 3' });
    expect(draft.status, draft.text).toBe(201);
    const r = await coordinator.post(`/api/v1/tickets/${part}/send-on`, { messageId: draft.json.id });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ stage: 'closed', solution: 'Contract 17, clause 3' });
    const p = (await coordinator.get(`/api/v1/tickets/${parent}`)).json;
    expect(p.ticket.stage).toBe('parts_answered');
    expect(p.partialAnswers).toMatchObject([{ body: 'Contract 17, clause 3', partOf: part }]);
    expect((await cora.client.get(`/api/v1/tickets/${parent}`)).text).not.toContain('Contract 17');
  });
});
