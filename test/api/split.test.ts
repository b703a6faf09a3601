/**
 * Split and merge (K7, K9) through the API: the coordinator fans a request out into parts for
 * two agents, each part's answer comes back to the parent as a partial answer for staff, the
 * parent waits for the summary when every part is answered, a second round appends parts, and
 * the requester never learns of hidden parts, instructions or partial answers.
 *
 * Accepting a ticket and accepting an assignment belong to the workflow core; these specs put
 * tickets into the stage they start from with `putInStage` (test/support/stages.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { putInStage, putTeam } from '../support/stages.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let t: TestTenant;
let other: TestTenant;
let coordinator: UserClient;
let agentA: Awaited<ReturnType<typeof newStaff>>;
let agentB: Awaited<ReturnType<typeof newStaff>>;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;

const HIDDEN_SUBJECT = 'Check the licence contract';
const HIDDEN_INSTRUCTION = 'Look up clause 7 in the framework contract';
const TRANSPARENT_SUBJECT = 'Order the replacement drum';
const ANSWER_A = 'Clause 7 covers the drum: no cost for the customer';
const ANSWER_B = 'The drum is ordered and arrives on Thursday';

/** A new request of Cora's, accepted by the coordinator (stage `clarifying`). */
async function acceptedRequest(subject = 'Printer prints streaks'): Promise<number> {
  const r = await cora.client.post('/api/v1/tickets', { subject, description: 'Grey streaks on every page' });
  expect(r.status, r.text).toBe(201);
  await putInStage(t.id, r.json.ticket.number, { stage: 'clarifying' });
  return r.json.ticket.number;
}

const part = (over: Record<string, unknown> = {}) => ({
  subject: TRANSPARENT_SUBJECT,
  instruction: 'Order one drum for the HL-2040',
  assigneeId: agentB.id,
  visibility: 'transparent',
  ...over,
});

beforeAll(async () => {
  t = await newTenant('split');
  other = await newTenant('split-other');
  coordinator = (await newStaff(t, 'coordinator', 'Cleo Coordinator')).client;
  agentA = await newStaff(t, 'agent', 'Anton Agent');
  agentB = await newStaff(t, 'agent', 'Berta Agent');
  cora = await newCustomer(t, 'Cora Customer');
  nils = await newCustomer(t, 'Nils Neighbour');
});

describe('splitting a request into parts', () => {
  let parent: number;
  let hidden: number;
  let transparent: number;

  beforeAll(async () => {
    parent = await acceptedRequest();
  });

  it('the coordinator splits into a hidden part for one agent and a transparent one for another; both are tickets of their own', async () => {
    const r = await coordinator.post(`/api/v1/tickets/${parent}/split`, {
      parts: [part({ subject: HIDDEN_SUBJECT, instruction: HIDDEN_INSTRUCTION, assigneeId: agentA.id, visibility: 'hidden', dueDate: '2030-01-15' }), part()],
    });
    expect(r.status, r.text).toBe(201);
    [hidden, transparent] = r.json.numbers;
    expect(r.json.numbers).toEqual([parent + 1, parent + 2]);

    const sub = (await coordinator.get(`/api/v1/tickets/${hidden}`)).json;
    expect(sub.ticket).toMatchObject({
      subject: HIDDEN_SUBJECT,
      parentNumber: parent,
      visibility: 'hidden',
      stage: 'assigned',
      assignee: { id: agentA.id, name: 'Anton Agent' },
      instruction: HIDDEN_INSTRUCTION,
      coordinatorDueDate: '2030-01-15',
      requesterName: 'Cora Customer',
      contact: { email: cora.email },
    });
    expect(sub.history.map((e: { type: string }) => e.type)).toContain('assigned');

    const p = (await coordinator.get(`/api/v1/tickets/${parent}`)).json;
    expect(p.ticket.stage).toBe('split');
    expect(p.ticket.subTickets).toMatchObject([
      { number: hidden, subject: HIDDEN_SUBJECT, stage: 'assigned', visibility: 'hidden', assignee: { name: 'Anton Agent' }, coordinatorDueDate: '2030-01-15' },
      { number: transparent, subject: TRANSPARENT_SUBJECT, stage: 'assigned', visibility: 'transparent', assignee: { name: 'Berta Agent' } },
    ]);
    expect(p.history).toContainEqual(expect.objectContaining({ type: 'split', actorName: 'Cleo Coordinator', to: `${hidden},${transparent}` }));
  });

  it('the parent page shows each part’s live stage and assignee', async () => {
    await putInStage(t.id, transparent, { stage: 'in_progress' }); // Berta accepted her part
    const p = (await coordinator.get(`/api/v1/tickets/${parent}`)).json;
    expect(p.ticket.subTickets.find((s: { number: number }) => s.number === transparent).stage).toBe('in_progress');
  });

  it('the requester sees the transparent part and its state on the request, never the hidden part, an instruction or a part as a ticket', async () => {
    const r = await cora.client.get(`/api/v1/tickets/${parent}`);
    expect(r.status).toBe(200);
    expect(r.json.ticket.subTickets).toEqual([
      { number: transparent, subject: TRANSPARENT_SUBJECT, stage: 'in_progress', visibility: 'transparent', assignee: expect.anything() },
    ]);
    for (const secret of [HIDDEN_SUBJECT, HIDDEN_INSTRUCTION, 'Order one drum', `#${hidden}`]) expect(r.text).not.toContain(secret);
    expect(r.json.partialAnswers).toBeUndefined();
    expect(r.json.history.map((e: { type: string }) => e.type)).not.toContain('split');
    expect((await cora.client.get(`/api/v1/tickets/${hidden}`)).status).toBe(404);
    expect((await cora.client.get(`/api/v1/tickets/${transparent}`)).status).toBe(404);
    const list = await cora.client.get('/api/v1/tickets');
    expect(list.json.items.map((i: { number: number }) => i.number)).toEqual([parent]);
    expect((await cora.client.get('/api/v1/tickets', { query: { number: hidden } })).json.items).toEqual([]);
    expect((await cora.client.post(`/api/v1/tickets/${hidden}/messages`, { body: 'hello?' })).status).toBe(404);
  });

  it('another customer and another tenant find nothing of it', async () => {
    for (const n of [parent, hidden, transparent]) expect((await nils.client.get(`/api/v1/tickets/${n}`)).status).toBe(404);
    for (const n of [parent, hidden, transparent]) expect((await other.admin.get(`/api/v1/tickets/${n}`)).status).toBe(404);
    expect((await other.admin.post(`/api/v1/tickets/${parent}/split`, { parts: [part()] })).status).toBe(404);
  });

  it('a part answered by its assignee becomes a partial answer on the parent for staff, and the part closes with it as solution', async () => {
    await putInStage(t.id, hidden, { stage: 'in_progress' }); // Anton accepted his part
    const r = await agentA.client.post(`/api/v1/tickets/${hidden}/messages`, { body: ANSWER_A });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ body: ANSWER_A, partOf: hidden });

    const sub = (await agentA.client.get(`/api/v1/tickets/${hidden}`)).json;
    expect(sub.ticket).toMatchObject({ stage: 'closed', status: 'solved', resolution: 'solved', solution: ANSWER_A });

    const p = (await coordinator.get(`/api/v1/tickets/${parent}`)).json;
    expect(p.partialAnswers).toMatchObject([{ body: ANSWER_A, partOf: hidden, authorName: 'Anton Agent' }]);
    expect(p.messages.map((m: { body: string }) => m.body)).not.toContain(ANSWER_A);
    expect(p.ticket.subTickets[0]).toMatchObject({ number: hidden, stage: 'closed', answeredAt: expect.any(String) });
    expect(p.ticket.stage).toBe('split'); // one part is still open
    expect(p.history).toContainEqual(expect.objectContaining({ type: 'part_answered', from: String(hidden), actorName: 'Anton Agent' }));

    const seen = await cora.client.get(`/api/v1/tickets/${parent}`);
    expect(seen.text).not.toContain(ANSWER_A);
    expect(seen.json.messages).toEqual([]);
  });

  it('someone who is not the part’s assignee cannot answer it', async () => {
    const r = await agentA.client.post(`/api/v1/tickets/${transparent}/messages`, { body: 'let me' });
    expect(r.status).toBe(403);
  });

  it('when the last part is answered the parent waits for the coordinator’s summary (parts answered)', async () => {
    const r = await agentB.client.post(`/api/v1/tickets/${transparent}/messages`, { body: ANSWER_B });
    expect(r.status, r.text).toBe(201);
    const p = (await coordinator.get(`/api/v1/tickets/${parent}`)).json;
    expect(p.ticket.stage).toBe('parts_answered');
    expect(p.ticket.subTickets.every((s: { answeredAt?: string }) => s.answeredAt)).toBe(true);
    expect(p.partialAnswers.map((m: { body: string }) => m.body)).toEqual([ANSWER_A, ANSWER_B]);
    expect(p.history).toContainEqual(expect.objectContaining({ type: 'parts_answered', to: 'parts_answered' }));
    // the requester sees the transparent part done, and still nothing of the answers
    const seen = await cora.client.get(`/api/v1/tickets/${parent}`);
    expect(seen.json.ticket.subTickets).toMatchObject([{ number: transparent, stage: 'closed' }]);
    for (const secret of [ANSWER_A, ANSWER_B, HIDDEN_SUBJECT]) expect(seen.text).not.toContain(secret);
  });

  it('a second round splits again: the new part is appended and the parent waits again', async () => {
    const r = await coordinator.post(`/api/v1/tickets/${parent}/split`, { parts: [part({ subject: 'Install the drum', assigneeId: agentA.id })] });
    expect(r.status, r.text).toBe(201);
    const p = (await coordinator.get(`/api/v1/tickets/${parent}`)).json;
    expect(p.ticket.stage).toBe('split');
    expect(p.ticket.subTickets.map((s: { number: number }) => s.number)).toEqual([hidden, transparent, r.json.numbers[0]]);
  });

  it('the coordinator’s summary is a normal answer the requester reads', async () => {
    const summary = `Summary: ${ANSWER_B}; no cost for you.`;
    const r = await coordinator.post(`/api/v1/tickets/${parent}/messages`, { body: summary });
    expect(r.status, r.text).toBe(201);
    const seen = (await cora.client.get(`/api/v1/tickets/${parent}`)).json;
    expect(seen.messages.map((m: { body: string }) => m.body)).toEqual([summary]);
  });

  it('what the requester’s own replies and closing return carries nothing internal either', async () => {
    const reply = await cora.client.post(`/api/v1/tickets/${parent}/messages`, { body: 'Thank you!' });
    expect(reply.status).toBe(201);
    const closed = await cora.client.patch(`/api/v1/tickets/${parent}`, { status: 'solved' });
    expect(closed.status, closed.text).toBe(200);
    for (const r of [reply, closed])
      for (const secret of [HIDDEN_SUBJECT, HIDDEN_INSTRUCTION, ANSWER_A, 'Order one drum']) expect(r.text).not.toContain(secret);
    expect(closed.json.partialAnswers).toBeUndefined();
  });

  it('a part cannot be split further, and a changed ticket refuses a split made on an old version', async () => {
    expect((await coordinator.post(`/api/v1/tickets/${hidden}/split`, { parts: [part()] })).status).toBe(409);
    const n = await acceptedRequest('Version check');
    const seen = (await coordinator.get(`/api/v1/tickets/${n}`)).json.ticket.version;
    await coordinator.patch(`/api/v1/tickets/${n}`, { priority: 'high' });
    const r = await coordinator.post(`/api/v1/tickets/${n}/split`, { parts: [part()], version: seen });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('conflict');
    expect((await coordinator.get(`/api/v1/tickets/${n}`)).json.ticket.stage).toBe('clarifying');
  });
});

describe('what a split may name', () => {
  let n: number;
  beforeAll(async () => {
    n = await acceptedRequest('Validation');
  });

  it.each([
    ['no parts', () => [], 'parts'],
    ['eleven parts', () => Array.from({ length: 11 }, () => part()), 'parts'],
    ['a part with neither person nor team', () => [part({ assigneeId: undefined })], 'parts.0.assigneeId'],
    ['a part with a bad visibility', () => [part({ visibility: 'secret' })], 'parts.0.visibility'],
    ['a part without instruction', () => [part({ instruction: '' })], 'parts.0.instruction'],
  ])('%s → 400 naming the field', async (_what, parts, path) => {
    const r = await coordinator.post(`/api/v1/tickets/${n}/split`, { parts: parts() });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { path: string }) => e.path.replace(/^\/?body[./]/, '').replaceAll('/', '.'))).toContain(path);
  });

  it('a customer, a staff member of another tenant or an unknown team is no assignee', async () => {
    const foreign = await newStaff(other, 'agent', 'Fritz Foreign');
    const r = await coordinator.post(`/api/v1/tickets/${n}/split`, {
      parts: [part({ assigneeId: cora.id }), part({ assigneeId: foreign.id }), part({ assigneeId: undefined, teamId: 'no-such-team' })],
    });
    expect(r.status).toBe(400);
    expect(r.json.errors).toMatchObject([
      { path: 'parts.0.assigneeId', code: 'unknown_assignee' },
      { path: 'parts.1.assigneeId', code: 'unknown_assignee' },
      { path: 'parts.2.teamId', code: 'unknown_team' },
    ]);
    expect((await coordinator.get(`/api/v1/tickets/${n}`)).json.ticket.stage).toBe('clarifying');
  });

  it('a part for a team waits in that team', async () => {
    const team = await putTeam(t.id, 'Hardware', [agentA.id, agentB.id]);
    const r = await coordinator.post(`/api/v1/tickets/${n}/split`, { parts: [part({ assigneeId: undefined, teamId: team })] });
    expect(r.status, r.text).toBe(201);
    const sub = (await agentA.client.get(`/api/v1/tickets/${r.json.numbers[0]}`)).json.ticket;
    expect(sub).toMatchObject({ stage: 'assigned', team: { id: team, name: 'Hardware' } });
    expect(sub.assignee).toBeUndefined();
  });

  it('an agent who is not the assignee may not split, nor may a customer', async () => {
    const m = await acceptedRequest('Not yours');
    expect((await agentA.client.post(`/api/v1/tickets/${m}/split`, { parts: [part()] })).status).toBe(403);
    expect((await cora.client.post(`/api/v1/tickets/${m}/split`, { parts: [part()] })).status).toBe(403);
  });

  it('the assignee working a ticket may split it', async () => {
    const m = await acceptedRequest('Mine to split');
    await putInStage(t.id, m, { stage: 'in_progress', assigneeId: agentA.id, assigneeName: 'Anton Agent' });
    expect((await agentA.client.post(`/api/v1/tickets/${m}/split`, { parts: [part()] })).status).toBe(201);
  });
});

describe('parts answered at the same moment', () => {
  it('every answer lands on the parent: a part does not lose to its sibling', async () => {
    const n = await acceptedRequest('Six things at once');
    const parts = Array.from({ length: 6 }, (_, i) => part({ subject: `Part ${i + 1}`, assigneeId: i % 2 ? agentA.id : agentB.id }));
    const numbers: number[] = (await coordinator.post(`/api/v1/tickets/${n}/split`, { parts })).json.numbers;
    for (const s of numbers) await putInStage(t.id, s, { stage: 'in_progress' });
    const answers = await Promise.all(numbers.map((s, i) => (i % 2 ? agentA : agentB).client.post(`/api/v1/tickets/${s}/messages`, { body: `Answer ${s}` })));
    expect(answers.map((r) => r.status)).toEqual(numbers.map(() => 201));
    const p = (await coordinator.get(`/api/v1/tickets/${n}`)).json;
    expect(p.ticket.stage).toBe('parts_answered');
    expect(p.partialAnswers.map((m: { body: string }) => m.body).sort()).toEqual(numbers.map((s) => `Answer ${s}`).sort());
    expect(p.ticket.subTickets.filter((s: { answeredAt?: string }) => s.answeredAt)).toHaveLength(6);
    expect(p.history.filter((e: { type: string }) => e.type === 'parts_answered')).toHaveLength(1);
  });
});
