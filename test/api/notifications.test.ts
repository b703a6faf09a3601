/**
 * Staff notifications (N1) as the bell and the inbox show them: every kind reaches the right
 * people and never the one who acted, a change handled twice notifies once, marking read keeps
 * the count right, and each kind is mailed per the recipient's choice, in their language.
 * Workflow operations owned by other parts (assign, take, split answers) are written here as
 * their events through the store (`saveTicketChange`); customer replies, notes and status
 * changes go through the API. The stack's own stream consumer produces the notifications.
 *
 * Waiting: a positive expectation polls the inbox (bounded). An absence is asserted only after a
 * later change of the same ticket has notified a watcher: the consumer handles the changes of one
 * ticket in order, so everything before that later change has been handled too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../shared/config.ts';
import { db } from '../../shared/db/client.ts';
import { TeamEntity } from '../../shared/db/entities/teams.ts';
import { on } from '../../shared/db/entities/tenant.ts';
import type { EventItem } from '../../shared/db/items.ts';
import { getTicket, getTicketPartition, saveTicketChange } from '../../shared/db/store.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { notifyStaff } from '../../shared/notifications/produce.ts';
import type { EventType } from '../../shared/tickets/constants.ts';
import type { UserClient } from '../support/api.ts';
import { linkIn, mailTo, waitForMail } from '../support/mail.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

type Staff = Awaited<ReturnType<typeof newStaff>>;
interface Note {
  id: string;
  kind: string;
  ticketNumber: number;
  subject: string;
  actorName: string;
  at: string;
  read: boolean;
}

let a: TestTenant;
let b: TestTenant;
let cleo: Staff; // coordinator, reads German
let cora: Staff; // second coordinator
let alex: Staff; // agent
let berta: Staff; // agent
let wanda: Staff; // agent who only watches (the sentinel's recipient)
let bob: Staff; // agent of the other tenant
let customer: Awaited<ReturnType<typeof newCustomer>>;
const TEAM = 'team-hardware';

beforeAll(async () => {
  a = await newTenant('notify-a');
  b = await newTenant('notify-b');
  [cleo, cora, alex, berta, wanda, bob] = await Promise.all([
    newStaff(a, 'coordinator', 'Cleo Coordinator'),
    newStaff(a, 'coordinator', 'Cora Second'),
    newStaff(a, 'agent', 'Alex Agent'),
    newStaff(a, 'agent', 'Berta Builder'),
    newStaff(a, 'agent', 'Wanda Watcher'),
    newStaff(b, 'agent', 'Bob Other'),
  ]);
  expect((await cleo.client.patch('/api/v1/me', { language: 'de' })).status).toBe(200);
  customer = await newCustomer(a, 'Carla Customer');
  await TeamEntity.create({
    tenantId: a.id,
    teamId: TEAM,
    name: { de: 'Hardware', en: 'Hardware' },
    memberIds: [alex.id, berta.id, cleo.id],
    createdAt: nowIso(),
    version: 1,
  }).go(on(a.id));
});

/** A new ticket of the customer, as they open it in the portal. */
async function newTicket(subject = 'Printer jams'): Promise<number> {
  const r = await customer.client.post('/api/v1/tickets', { subject, description: 'Paper everywhere' });
  expect(r.status, r.text).toBe(201);
  return r.json.ticket.number as number;
}

/** What another part's operation writes: the changed ticket with its event, through the store. */
async function event(number: number, by: Staff & { name: string }, type: EventType, change: Record<string, unknown> = {}, to?: string): Promise<EventItem> {
  const ticket = (await getTicket(a.id, number))!;
  const at = nowIso();
  const e: EventItem = { kind: 'event', id: newId(), type, actorId: by.id, actorName: by.name, at, ...(to ? { to } : {}) };
  await saveTicketChange(a.id, { ...ticket, ...change, updatedAt: at }, ticket.version ?? 0, [e]);
  return e;
}

const named = <S extends Staff>(s: S, name: string) => ({ ...s, name });

async function inbox(who: { client: UserClient }): Promise<{ items: Note[]; unread: number; nextCursor?: string }> {
  const r = await who.client.get('/api/v1/notifications');
  expect(r.status, r.text).toBe(200);
  return r.json;
}

/** The inbox once it holds `n` notifications about ticket `number` (polled, bounded). */
async function waitFor(who: { client: UserClient }, number: number, n = 1): Promise<Note[]> {
  for (let i = 0; i < 150; i++) {
    const items = (await inbox(who)).items.filter((x) => x.ticketNumber === number);
    if (items.length >= n) return items;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${n} notifications about #${number}`);
}

let sentinels = 0;
/**
 * Every change of ticket `number` so far has been handled: a later note mentioning Wanda reached
 * her (its notification's id ends with the note's id). Admin and Cora take turns writing it, to
 * stay well inside the per-user message limit.
 */
async function settled(number: number): Promise<void> {
  const scribe = sentinels++ % 2 === 0 ? a.admin : cora.client;
  const r = await scribe.post(`/api/v1/tickets/${number}/messages`, { body: '@Wanda Watcher fyi', internal: true });
  expect(r.status, r.text).toBe(201);
  for (let i = 0; i < 150; i++) {
    if ((await inbox(wanda)).items.some((x) => x.id.endsWith(`.${r.json.id}`))) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`the note on #${number} did not reach Wanda`);
}

const about = async (who: { client: UserClient }, number: number) =>
  (await inbox(who)).items.filter((x) => x.ticketNumber === number && x.kind !== 'mentioned');
const kinds = async (who: { client: UserClient }, number: number) => (await about(who, number)).map((x) => x.kind);

describe('who is notified of what', () => {
  it('assigned to a person: that person, with who did it; not the coordinator who assigned', async () => {
    const n = await newTicket('Monitor flickers');
    await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: alex.id, assigneeName: 'Alex Agent', stage: 'assigned' }, `user:${alex.id}`);
    const [got] = await waitFor(alex, n);
    expect(got).toMatchObject({ kind: 'assigned', ticketNumber: n, subject: 'Monitor flickers', actorName: 'Cleo Coordinator', read: false });
    await settled(n);
    expect(await kinds(cleo, n)).toEqual([]);
    expect(await kinds(berta, n)).toEqual([]);
  });

  it('assigned to a team: every member but the one who assigned; taken: the other members', async () => {
    const n = await newTicket('Laptop dead');
    await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { teamId: TEAM, stage: 'assigned' }, `team:${TEAM}`);
    await waitFor(alex, n);
    await waitFor(berta, n);
    await event(n, named(alex, 'Alex Agent'), 'taken', { assigneeId: alex.id, assigneeName: 'Alex Agent', stage: 'in_progress' });
    await waitFor(berta, n, 2);
    await settled(n);
    expect(await kinds(alex, n)).toEqual(['assigned']);
    expect(await kinds(berta, n)).toEqual(['taken_from_team', 'assigned']);
    expect(await kinds(cleo, n)).toEqual(['taken_from_team']); // a member, but not for her own assignment
    expect(await kinds(cora, n)).toEqual([]);
    expect((await about(berta, n))[0]!.actorName).toBe('Alex Agent');
  });

  it('a part answered, all parts answered: the parent’s assignee; without one, every coordinator', async () => {
    const held = await newTicket('Office move');
    await event(held, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: alex.id, assigneeName: 'Alex Agent' }, `user:${alex.id}`);
    await event(held, named(berta, 'Berta Builder'), 'part_answered', {}, undefined);
    await event(held, named(berta, 'Berta Builder'), 'parts_answered');
    await waitFor(alex, held, 3);
    expect(await kinds(alex, held)).toEqual(['parts_answered', 'part_answered', 'assigned']);

    const open = await newTicket('New hire setup');
    await event(open, named(berta, 'Berta Builder'), 'parts_answered');
    await waitFor(cleo, open);
    await waitFor(cora, open);
    await settled(held);
    await settled(open);
    expect(await kinds(berta, open)).toEqual([]);
    expect(await kinds(cleo, held)).toEqual([]);
    expect(await kinds(alex, open)).toEqual([]);
  });

  it('a customer’s reply: the assignee; else the team; else the coordinators — and no separate status notice', async () => {
    const assigned = await newTicket('VPN slow');
    await event(assigned, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: alex.id, assigneeName: 'Alex Agent' }, `user:${alex.id}`);
    const team = await newTicket('Scanner');
    await event(team, named(cleo, 'Cleo Coordinator'), 'assigned', { teamId: TEAM }, `team:${TEAM}`);
    const nobody = await newTicket('Coffee machine');
    for (const n of [assigned, team, nobody]) {
      const r = await customer.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Any news?' });
      expect(r.status, r.text).toBe(201);
    }
    await waitFor(alex, assigned, 2);
    await waitFor(cora, nobody);
    for (const n of [assigned, team, nobody]) await settled(n);
    expect(await kinds(alex, assigned)).toEqual(['customer_replied', 'assigned']);
    expect(await kinds(berta, assigned)).toEqual([]);
    expect(await kinds(alex, team)).toEqual(['customer_replied', 'assigned']);
    expect(await kinds(berta, team)).toEqual(['customer_replied', 'assigned']);
    expect(await kinds(cleo, team)).toEqual(['customer_replied']); // a member; she assigned, the customer replied
    expect(await kinds(cora, team)).toEqual([]);
    expect(await kinds(cleo, nobody)).toEqual(['customer_replied']);
    expect(await kinds(cora, nobody)).toEqual(['customer_replied']);
    expect((await about(cora, nobody))[0]!.actorName).toBe('Carla Customer');
  });

  it('a status change: the assignee, unless they made it themselves', async () => {
    const n = await newTicket('Password expired');
    await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: alex.id, assigneeName: 'Alex Agent' }, `user:${alex.id}`);
    expect((await cleo.client.patch(`/api/v1/tickets/${n}`, { status: 'waiting' })).status).toBe(200);
    await waitFor(alex, n, 2);
    expect((await alex.client.patch(`/api/v1/tickets/${n}`, { status: 'solved' })).status).toBe(200);
    await event(n, named(berta, 'Berta Builder'), 'reopened', { status: 'open', stage: 'in_progress' });
    await waitFor(alex, n, 3);
    await settled(n);
    expect(await kinds(alex, n)).toEqual(['status_changed', 'status_changed', 'assigned']);
    expect((await about(alex, n)).map((x) => x.actorName)).toEqual(['Berta Builder', 'Cleo Coordinator', 'Cleo Coordinator']);
    expect(await kinds(cleo, n)).toEqual([]);
  });

  it('@mentions in an internal note: the people named by full or first name, once each; an ambiguous or own name nobody', async () => {
    const sam1 = await newStaff(a, 'agent', 'Sam One');
    const sam2 = await newStaff(a, 'agent', 'Sam Two');
    const n = await newTicket('Badge reader');
    const note = '@Alex Agent please look, @berta too (@Alex again). @Sam? Mail me at cleo@x.example. @Cleo Coordinator noted.';
    expect((await cleo.client.post(`/api/v1/tickets/${n}/messages`, { body: note, internal: true })).status).toBe(201);
    const [forAlex] = await waitFor(alex, n);
    expect(forAlex).toMatchObject({ kind: 'mentioned', actorName: 'Cleo Coordinator' });
    await waitFor(berta, n);
    await settled(n);
    expect((await inbox(alex)).items.filter((x) => x.ticketNumber === n)).toHaveLength(1);
    expect((await inbox(cleo)).items.filter((x) => x.ticketNumber === n)).toEqual([]);
    expect((await inbox(sam1)).items).toEqual([]);
    expect((await inbox(sam2)).items).toEqual([]);
    // a public answer with an @ mentions nobody: only notes do
    expect((await cleo.client.post(`/api/v1/tickets/${n}/messages`, { body: '@Berta Builder will come', internal: false })).status).toBe(201);
    await settled(n);
    expect((await inbox(berta)).items.filter((x) => x.ticketNumber === n)).toHaveLength(1);
  });
});

describe('a change handled twice', () => {
  it('notifies and mails once (the notification’s id comes from the change’s item)', async () => {
    const n = await newTicket('Keyboard sticky');
    const e = await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: alex.id }, `user:${alex.id}`);
    await waitFor(alex, n);
    await waitForMail(alex.email, { subject: `[#${n}]` });
    const stored = (await getTicketPartition(a.id, n))!.events.find((x) => x.id === e.id)!;
    const unread = (await inbox(alex)).unread;
    // The same insert delivered again (a redelivery, a replay of the stream): twice more.
    for (const id of ['redelivered-1', 'redelivered-2']) await notifyStaff.run({ id, type: 'insert', tenantId: a.id, kind: 'event', new: { ...stored } });
    expect(await kinds(alex, n)).toEqual(['assigned']);
    expect((await inbox(alex)).unread).toBe(unread);
    expect((await mailTo(alex.email)).filter((m) => m.subject.includes(`[#${n}]`))).toHaveLength(1);
  });
});

describe('reading', () => {
  it('marks some or all read; the count follows and never drops below zero; others’ ids change nothing', async () => {
    const n1 = await newTicket('Mouse');
    const n2 = await newTicket('Headset');
    const n3 = await newTicket('Webcam');
    for (const n of [n1, n2, n3]) await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { teamId: TEAM }, `team:${TEAM}`);
    await waitFor(berta, n3);
    await waitFor(alex, n3);
    const before = await inbox(berta);
    const [third, second] = before.items;
    expect([third!.ticketNumber, second!.ticketNumber]).toEqual([n3, n2]); // newest first
    const r = await berta.client.post('/api/v1/notifications/read', { ids: [third!.id, third!.id] });
    expect(r.status, r.text).toBe(200);
    expect(r.json.unread).toBe(before.unread - 1);
    // the same id again, and Alex's own copy of it (a notification of his, by its id), change nothing for Berta
    expect((await berta.client.post('/api/v1/notifications/read', { ids: [third!.id] })).json.unread).toBe(before.unread - 1);
    const after = await inbox(berta);
    expect(after.items.find((x) => x.id === third!.id)!.read).toBe(true);
    expect(after.items.find((x) => x.id === second!.id)!.read).toBe(false);
    const alexBefore = (await inbox(alex)).unread;
    expect((await alex.client.post('/api/v1/notifications/read', { ids: [third!.id] })).json.unread).toBe(alexBefore - 1); // his own copy
    const all = await berta.client.post('/api/v1/notifications/read', { all: true });
    expect(all.json.unread).toBe(0);
    expect((await inbox(berta)).items.every((x) => x.read)).toBe(true);
    expect((await berta.client.post('/api/v1/notifications/read', { all: true })).json.unread).toBe(0);
    expect((await inbox(alex)).unread).toBe(alexBefore - 1);
  });

  it('pages newest first with a cursor; a forged cursor is refused, not followed', async () => {
    const n = await newTicket('Many parts');
    await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: wanda.id }, `user:${wanda.id}`);
    for (let i = 0; i < 21; i++) await event(n, named(berta, 'Berta Builder'), 'part_answered');
    await settled(n); // 22 about this ticket, and the sentinel's mention
    const first = await inbox(wanda);
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toBeTruthy();
    const next = await wanda.client.get('/api/v1/notifications', { query: { cursor: first.nextCursor } });
    expect(next.status).toBe(200);
    const all = [...first.items, ...next.json.items] as Note[];
    expect(all.filter((x) => x.ticketNumber === n && x.kind !== 'mentioned')).toHaveLength(22);
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
    expect(all.map((x) => x.at)).toEqual(
      all
        .map((x) => x.at)
        .sort()
        .reverse(),
    );
    const bad = await wanda.client.get('/api/v1/notifications', { query: { cursor: Buffer.from('x#STATE\n').toString('base64url') } });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('validation_failed');
  });

  it('an unread notification that expires (TTL, after 90 days) leaves the count with it', async () => {
    const n = await newTicket('Old news');
    await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: berta.id }, `user:${berta.id}`);
    const [note] = await waitFor(berta, n);
    const unread = (await inbox(berta)).unread;
    // what DynamoDB's TTL does: delete the item
    await db(a.id).send(new DeleteCommand({ TableName: config.tableName, Key: { pk: `${a.id}#NOTIFY#${berta.id}`, sk: `N#${note!.id}` } }));
    for (let i = 0; i < 150 && (await inbox(berta)).unread !== unread - 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await inbox(berta)).unread).toBe(unread - 1);
  });

  it('answers `{ids}` or `{all: true}`, nothing else', async () => {
    for (const body of [{}, { all: false }, { ids: [] }, { ids: ['a b'] }, { ids: ['x'], all: true }]) {
      const r = await alex.client.post('/api/v1/notifications/read', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.code).toBe('validation_failed');
    }
  });
});

describe('mail', () => {
  it('defaults: assigned, parts answered, mentions and service-level warnings and breaches are mailed; the rest is in-app only', async () => {
    const r = await wanda.client.get('/api/v1/me/notification-settings');
    expect(r.status).toBe(200);
    expect(r.json.mail).toEqual({
      assigned: true,
      taken_from_team: false,
      part_answered: false,
      parts_answered: true,
      customer_replied: false,
      status_changed: false,
      mentioned: true,
      sla_warning: true,
      sla_breached: true,
    });
  });

  it('reaches a German reader in German with a link to the ticket in the workspace', async () => {
    const n = await newTicket('Drucker streikt');
    await alex.client.post(`/api/v1/tickets/${n}/messages`, { body: 'Bitte übernehmen, @Cleo', internal: true });
    const mail = await waitForMail(cleo.email, { subject: `[#${n}]` });
    expect(mail.subject).toContain('Sie wurden erwähnt');
    expect(mail.body.text).toContain('Alex Agent hat Sie in einer internen Notiz zum Ticket');
    expect(linkIn(mail, `/${a.slug}/agent/tickets/${n}`).pathname).toBe(`/${a.slug}/agent/tickets/${n}`);
    expect(linkIn(mail, `/${a.slug}/agent/settings`)).toBeTruthy();
  });

  it('follows each user’s choice: a kind switched off is not mailed (but still shown), one switched on is, in English', async () => {
    const put = await alex.client.put('/api/v1/me/notification-settings', { mail: { assigned: false, status_changed: true } });
    expect(put.status, put.text).toBe(200);
    expect(put.json.mail).toMatchObject({ assigned: false, status_changed: true, mentioned: true });
    expect((await alex.client.get('/api/v1/me/notification-settings')).json.mail).toEqual(put.json.mail);
    const n = await newTicket('Phone broken');
    await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: alex.id, assigneeName: 'Alex Agent' }, `user:${alex.id}`);
    await cleo.client.patch(`/api/v1/tickets/${n}`, { status: 'waiting' });
    const mail = await waitForMail(alex.email, { subject: `[#${n}]` });
    expect(mail.subject).toContain('Status changed');
    expect(mail.body.text).toContain('Cleo Coordinator changed the status of ticket');
    await settled(n);
    expect(await kinds(alex, n)).toEqual(['status_changed', 'assigned']);
    expect((await mailTo(alex.email)).filter((m) => m.subject.includes(`[#${n}]`))).toHaveLength(1);
    // switching back: partial changes keep the rest
    const back = await alex.client.put('/api/v1/me/notification-settings', { mail: { assigned: true } });
    expect(back.json.mail).toMatchObject({ assigned: true, status_changed: true });
  });

  it('refuses unknown kinds and non-boolean choices', async () => {
    for (const body of [{ mail: { lunch: true } }, { mail: { assigned: 'yes' } }, {}]) {
      const r = await alex.client.put('/api/v1/me/notification-settings', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.code).toBe('validation_failed');
    }
  });
});

describe('isolation', () => {
  it('the other tenant’s staff never get the first tenant’s notifications, nor can mark them', async () => {
    const n = await newTicket('Secret project laptop');
    await event(n, named(cleo, 'Cleo Coordinator'), 'assigned', { assigneeId: alex.id }, `user:${alex.id}`);
    const [mine] = await waitFor(alex, n);
    await settled(n);
    expect((await inbox(bob)).items).toEqual([]);
    expect((await inbox({ client: b.admin })).items).toEqual([]);
    expect((await bob.client.post('/api/v1/notifications/read', { ids: [mine!.id] })).json.unread).toBe(0);
    expect((await inbox(alex)).items.find((x) => x.id === mine!.id)!.read).toBe(false);
  });

  it('a customer may not use the bell or its settings (403)', async () => {
    expect((await customer.client.get('/api/v1/notifications')).status).toBe(403);
    expect((await customer.client.post('/api/v1/notifications/read', { all: true })).status).toBe(403);
    expect((await customer.client.get('/api/v1/me/notification-settings')).status).toBe(403);
    expect((await customer.client.put('/api/v1/me/notification-settings', { mail: { assigned: false } })).status).toBe(403);
  });
});
