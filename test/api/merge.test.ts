/**
 * Duplicates (issue 8, K16) through the API: the same requester asking the same thing twice is
 * suggested to staff as a possible duplicate; merging moves the duplicate's request, messages
 * and history into the other ticket in their order, closes it as duplicate pointing there, and
 * tells the requester once. Refused: into itself, into a merged or closed ticket, split tickets
 * and parts, another requester's ticket without confirmation, a stale version, customers, staff
 * who do not work the ticket. The duplicate's SLA clocks stop. A second tenant's tickets of the
 * same numbers are never touched. (A crash half-way through the move: test/integration/merge-resume.test.ts.)
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserClient } from '../support/api.ts';
import { mailTo, parsedMail, type SentMail } from '../support/mail.ts';
import { putInStage } from '../support/stages.ts';
import { putPolicy } from '../support/sla.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';
import { getTicket as getTicketItem } from '../../shared/db/store.ts';
import { notifyRequesterOfMerge } from '../../shared/merge/effects.ts';

let t: TestTenant;
let other: TestTenant;
let coordinator: Awaited<ReturnType<typeof newStaff>>;
let agent: Awaited<ReturnType<typeof newStaff>>;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let nils: Awaited<ReturnType<typeof newCustomer>>;

beforeAll(async () => {
  t = await newTenant('merge');
  other = await newTenant('merge-other');
  coordinator = await newStaff(t, 'coordinator', 'Cleo Coordinator');
  agent = await newStaff(t, 'agent', 'Anton Agent');
  cora = await newCustomer(t, 'Cora Customer');
  nils = await newCustomer(t, 'Nils Neighbour');
});

async function open(who: UserClient, subject: string, description = 'Grey streaks on every page'): Promise<number> {
  const r = await who.post('/api/v1/tickets', { subject, description });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number;
}

async function say(who: UserClient, n: number, body: string, extra: Record<string, unknown> = {}) {
  const r = await who.post(`/api/v1/tickets/${n}/messages`, { body, ...extra });
  expect(r.status, r.text).toBe(201);
}

const versionOf = async (n: number) => (await coordinator.client.get(`/api/v1/tickets/${n}`)).json.ticket.version as number;
const merge = async (who: UserClient, n: number, into: number, extra: Record<string, unknown> = {}) =>
  who.post(`/api/v1/tickets/${n}/merge`, { into, version: await versionOf(n), ...extra });

/** Mails to `address` about a merge (the acknowledgement and answers share the subject), waiting until `count` arrived. */
async function mergeMails(address: string, count = 1): Promise<SentMail[]> {
  const about = (m: SentMail) => /merged|duplicate|zusammengeführt|Duplikat/.test(m.body.text ?? '');
  for (let i = 0; i < 300; i++) {
    const found = (await mailTo(address)).filter(about);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${count} merge mails to ${address}`);
}

describe('the same requester asking twice', () => {
  let first: number;
  let second: number;

  beforeAll(async () => {
    first = await open(cora.client, 'Printer prints streaks');
    await say(cora.client, first, 'It is the HL-2040 on floor 2');
    await say(coordinator.client, first, 'Please send a test page', { status: 'waiting' });
    second = await open(cora.client, 'Printer prints streaks!', 'Still grey streaks, please help');
    await say(coordinator.client, second, 'Internal: same as the other one?', { internal: true });
    await say(coordinator.client, second, 'Which printer is it?');
    await say(cora.client, second, 'Now it also jams');
    // the duplicate was acknowledged before anyone merges it (a merge first means no acknowledgement at all)
    await vi.waitFor(
      async () =>
        expect((await coordinator.client.get(`/api/v1/tickets/${second}`)).json.history.map((e: { type: string }) => e.type)).toContain('acknowledged'),
      { timeout: 30_000, interval: 100 },
    );
  });

  it('is suggested to staff as a possible duplicate, on both tickets; the customer sees no suggestion', async () => {
    const s = (await coordinator.client.get(`/api/v1/tickets/${second}`)).json.ticket;
    expect(s.duplicateCandidates).toEqual([{ number: first, subject: 'Printer prints streaks', createdAt: expect.any(String) }]);
    const f = (await coordinator.client.get(`/api/v1/tickets/${first}`)).json.ticket;
    expect(f.duplicateCandidates.map((c: { number: number }) => c.number)).toEqual([second]);
    expect((await cora.client.get(`/api/v1/tickets/${second}`)).json.ticket.duplicateCandidates).toBeUndefined();
  });

  it('a stale version is refused (409) and changes nothing', async () => {
    const r = await coordinator.client.post(`/api/v1/tickets/${second}/merge`, { into: first, version: (await versionOf(second)) - 1 });
    expect(r.status, r.text).toBe(409);
    expect(r.json.code).toBe('conflict');
    expect((await coordinator.client.get(`/api/v1/tickets/${second}`)).json.ticket.mergedInto).toBeUndefined();
  });

  it('a customer cannot merge, nor an agent who does not work the ticket', async () => {
    expect((await merge(cora.client, second, first)).status).toBe(403);
    const r = await merge(agent.client, second, first);
    expect(r.status, r.text).toBe(403);
    expect(r.json.code).toBe('forbidden');
  });

  it('merging moves request, messages and history to the target in their order; the duplicate is closed and points there', async () => {
    const before = (await coordinator.client.get(`/api/v1/tickets/${second}`)).json;
    const r = await merge(coordinator.client, second, first);
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket.number).toBe(first);

    const target = (await coordinator.client.get(`/api/v1/tickets/${first}`)).json;
    expect(target.messages.map((m: { body: string; mergedFrom?: number }) => [m.body, m.mergedFrom])).toEqual([
      ['It is the HL-2040 on floor 2', undefined],
      ['Please send a test page', undefined],
      ['Still grey streaks, please help', second], // the duplicate's request text
      ['Internal: same as the other one?', second],
      ['Which printer is it?', second],
      ['Now it also jams', second],
    ]);
    const createdAts = target.messages.map((m: { createdAt: string }) => m.createdAt);
    expect([...createdAts].sort()).toEqual(createdAts);
    // the duplicate's history came along, marked; the target records where it came from
    const stored = (e: { type: string }) => !['created', 'routed', 'acknowledged', 'message', 'note'].includes(e.type); // the rest is read off ticket and messages
    const moved = target.history.filter((e: { mergedFrom?: number }) => e.mergedFrom === second);
    expect(moved.map((e: { type: string }) => e.type)).toContain('status'); // answered: new → waiting; replied: waiting → open
    expect(moved.map((e: { id: string }) => e.id)).toEqual(before.history.filter(stored).map((e: { id: string }) => e.id));
    expect(target.history.find((e: { type: string }) => e.type === 'merged_from')).toMatchObject({ from: String(second), actorName: 'Cleo Coordinator' });

    const source = (await coordinator.client.get(`/api/v1/tickets/${second}`)).json;
    expect(source.ticket).toMatchObject({ mergedInto: first, stage: 'closed', status: 'solved', resolution: 'duplicate', actions: [] });
    expect(source.messages).toEqual([]);
    expect(source.history.map((e: { type: string }) => e.type)).toContain('merged_into');
    // its own requester follows the pointer
    expect((await cora.client.get(`/api/v1/tickets/${second}`)).json.ticket).toMatchObject({ mergedInto: first, resolution: 'duplicate' });
    const mine = (await cora.client.get(`/api/v1/tickets/${first}`)).json.messages.map((m: { body: string }) => m.body);
    expect(mine).toContain('Now it also jams');
    expect(mine).not.toContain('Internal: same as the other one?'); // a note stays staff-only after the move
  });

  it('the duplicate takes no more answers or changes: the conversation goes on in the target', async () => {
    const reply = await cora.client.post(`/api/v1/tickets/${second}/messages`, { body: 'hello?' });
    expect(reply.status).toBe(409);
    expect(reply.json.code).toBe('ticket_merged');
    const reopen = await coordinator.client.patch(`/api/v1/tickets/${second}`, { status: 'open' });
    expect(reopen.json.code).toBe('ticket_merged');
  });

  it('the requester is told once, with the target; a redelivered change sends no second mail', async () => {
    const [mail] = await mergeMails(cora.email);
    expect(mail!.subject).toBe(`[#${second}] Printer prints streaks!`);
    expect(mail!.body.text).toContain(`#${first}`);
    expect(mail!.body.text).toContain(`/${t.slug}/tickets/${first}`);
    // In the same conversation as the duplicate's acknowledgement: both name its thread root first.
    const ack = (await mailTo(cora.email)).find((m) => m.subject === mail!.subject && /received|erhalten/.test(m.body.text ?? ''))!;
    const rootOf = async (m: SentMail) => [(await parsedMail(m)).references ?? []].flat()[0];
    expect(await rootOf(mail!)).toBe(await rootOf(ack));
    expect((await parsedMail(mail!)).inReplyTo).toBeDefined();
    // the notice is recorded after the mail went out
    let stored = await getTicketItem(t.id, second);
    for (let i = 0; i < 300 && !stored?.mergeNoticeAt; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await getTicketItem(t.id, second);
    }
    for (const id of ['redelivered-1', 'redelivered-2'])
      await notifyRequesterOfMerge.run({ id, type: 'modify', tenantId: t.id, kind: 'ticket', old: { ...stored, mergedInto: undefined }, new: { ...stored } });
    expect(await mergeMails(cora.email)).toHaveLength(1);
    // the moved answer is history on the target, not news: it was mailed once, when it was given
    expect((await mailTo(cora.email)).filter((m) => m.body.text?.includes('Which printer is it?'))).toHaveLength(1);
  });

  it('is refused into itself, into the merged ticket, and into a closed one', async () => {
    const third = await open(cora.client, 'Printer prints streaks again');
    const self = await merge(coordinator.client, third, third);
    expect([self.status, self.json.code]).toEqual([400, 'merge_into_self']);
    const intoMerged = await merge(coordinator.client, third, second);
    expect([intoMerged.status, intoMerged.json.code, intoMerged.json.params]).toEqual([409, 'merge_target_merged', { number: second, into: first }]);
    const closed = await open(cora.client, 'Old question');
    await putInStage(t.id, closed, { stage: 'closed', status: 'solved', resolution: 'solved' });
    const intoClosed = await merge(coordinator.client, third, closed);
    expect([intoClosed.status, intoClosed.json.code]).toEqual([409, 'merge_target_closed']);
    // the merged one cannot go elsewhere either
    const again = await merge(coordinator.client, second, third);
    expect([again.status, again.json.code]).toEqual([409, 'ticket_merged']);
  });
});

describe('split tickets, other requesters, assignees', () => {
  it('a split ticket or a part is refused on either side', async () => {
    const parent = await open(cora.client, 'Three printers broken');
    const plain = await open(cora.client, 'Three printers broken too');
    await putInStage(t.id, parent, { stage: 'clarifying' });
    const split = await coordinator.client.post(`/api/v1/tickets/${parent}/split`, {
      version: await versionOf(parent),
      parts: [{ subject: 'Floor 1', instruction: 'Look at it', assigneeId: agent.id, visibility: 'hidden' }],
    });
    expect(split.status, split.text).toBe(201);
    const [part] = split.json.numbers;
    for (const [from, into] of [
      [parent, plain],
      [plain, parent],
      [part, plain],
      [plain, part],
    ]) {
      const r = await merge(coordinator.client, from!, into!);
      expect([r.status, r.json.code], `#${from} into #${into}`).toEqual([409, 'merge_split_ticket']);
    }
  });

  it('another requester’s ticket needs a confirmation; its customer then sees only “closed as duplicate”', async () => {
    const coras = await open(cora.client, 'VPN drops every hour', 'Secret detail of Cora');
    const nilss = await open(nils.client, 'VPN drops every hour');
    const r = await merge(coordinator.client, nilss, coras);
    expect([r.status, r.json.code, r.json.params]).toEqual([409, 'merge_different_requester', { number: coras, requester: 'Cora Customer' }]);
    const ok = await merge(coordinator.client, nilss, coras, { confirmDifferentRequester: true });
    expect(ok.status, ok.text).toBe(200);
    const seen = (await nils.client.get(`/api/v1/tickets/${nilss}`)).json;
    expect(seen.ticket).toMatchObject({ status: 'solved', resolution: 'duplicate' });
    expect(seen.ticket.mergedInto).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('Secret detail of Cora');
    expect((await nils.client.get(`/api/v1/tickets/${coras}`)).status).toBe(404);
    const [mail] = await mergeMails(nils.email);
    expect(mail!.body.text).toContain('closed as a duplicate');
    expect(mail!.body.text).not.toMatch(new RegExp(`#${coras}\\b`));
    expect(mail!.body.text).toContain(`/${t.slug}/tickets/${nilss}`);
  });

  it('the assignee working the duplicate may merge it', async () => {
    const a = await open(cora.client, 'Monitor flickers');
    const b = await open(cora.client, 'Monitor flickers badly');
    await putInStage(t.id, b, { stage: 'in_progress', assigneeId: agent.id, assigneeName: 'Anton Agent' });
    const r = await merge(agent.client, b, a);
    expect(r.status, r.text).toBe(200);
  });
});

describe('service levels', () => {
  it('the duplicate’s clocks stop when it is merged; the target’s run on', async () => {
    const s = await newTenant('merge-sla');
    await putPolicy(s.id, {
      name: 'Normal',
      match: { priorities: ['normal'] },
      escalation: [],
      targets: { firstResponseMinutes: 600, resolutionMinutes: 6000 },
    });
    const klara = await newStaff(s, 'coordinator', 'Klara Koordinator');
    const anna = await newCustomer(s, 'Anna Kunde');
    const into = await open(anna.client, 'Laptop does not start');
    const from = await open(anna.client, 'Laptop does not start!');
    const running = (n: number) =>
      klara.client.get(`/api/v1/tickets/${n}`).then((r) => r.json.ticket.sla.clocks.filter((c: { state: string }) => c.state === 'running'));
    expect(await running(from)).not.toEqual([]);
    const version = (await klara.client.get(`/api/v1/tickets/${from}`)).json.ticket.version;
    expect((await klara.client.post(`/api/v1/tickets/${from}/merge`, { into, version })).status).toBe(200);
    expect(await running(from)).toEqual([]);
    expect((await klara.client.get(`/api/v1/tickets/${from}`)).json.ticket.sla.state).toBeUndefined();
    expect(await running(into)).not.toEqual([]);
  });
});

describe('a second tenant', () => {
  it('merges only its own tickets of the same numbers; ours cannot reach its tickets', async () => {
    // ours: #1 and #2 are Cora's first two tickets; theirs get the same numbers and more
    const ours = await Promise.all([1, 2].map(async (n) => (await coordinator.client.get(`/api/v1/tickets/${n}`)).json));
    const theirs: number[] = [];
    for (let i = 0; i < 3; i++) theirs.push(await open(other.admin, `Their ticket ${i}`));
    expect(theirs.slice(0, 2)).toEqual([1, 2]);
    const r = await other.admin.post('/api/v1/tickets/2/merge', { into: 1, version: 0 });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket.subject).toBe('Their ticket 0');
    expect(r.text).not.toContain('Printer prints streaks');
    for (const [i, n] of [1, 2].entries()) {
      const now = (await coordinator.client.get(`/api/v1/tickets/${n}`)).json;
      expect(now.ticket.version).toBe(ours[i].ticket.version);
      expect(now.messages).toEqual(ours[i].messages);
    }
    // our #3 is ours: merging into it reaches nothing of theirs
    const reach = await coordinator.client.get('/api/v1/tickets/3');
    expect(reach.json.ticket.subject).not.toContain('Their ticket');
    expect((await other.admin.get('/api/v1/tickets/2')).json.ticket).toMatchObject({ mergedInto: 1, subject: 'Their ticket 1' });
  });
});
