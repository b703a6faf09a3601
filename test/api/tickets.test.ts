import { beforeAll, describe, expect, it } from 'vitest';
import { waitForMail } from '../support/mail.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

type Client = Awaited<ReturnType<typeof newCustomer>>['client'];

describe('a ticket from request to answer', () => {
  let t: TestTenant;
  let anna: Awaited<ReturnType<typeof newCustomer>>;
  let agent: Client;
  let agentId: string;
  let coordinator: Client;

  beforeAll(async () => {
    t = await newTenant('flow');
    anna = await newCustomer(t, 'Anna Kunde', { phone: '+49 30 123', company: 'Kunde A GmbH', department: 'Einkauf' });
    const ben = await newStaff(t, 'agent', 'Ben Agent');
    agent = ben.client;
    agentId = ben.id;
    coordinator = (await newStaff(t, 'coordinator', 'Klara Koordinator')).client;
  });

  it('a customer submits a request with contact data and gets a short per-tenant number', async () => {
    const r = await anna.client.post('/api/v1/tickets', {
      subject: 'Printer does not print',
      description: 'Paper jam since this morning',
      priority: 'high',
      category: 'Hardware',
      requestedDueDate: '2030-12-24',
      contact: { phone: '+49 30 999' },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json.ticket).toMatchObject({
      number: 1,
      status: 'new',
      priority: 'high',
      category: 'Hardware',
      requestedDueDate: '2030-12-24',
      channel: 'portal',
      contact: { name: 'Anna Kunde', email: anna.email, phone: '+49 30 999', company: 'Kunde A GmbH', department: 'Einkauf' },
    });
    const second = await anna.client.post('/api/v1/tickets', { subject: 'Second one', description: 'x' });
    expect(second.json.ticket.number).toBe(2);
  });

  it('another tenant counts its own tickets from #1 and sees none of these', async () => {
    const other = await newTenant('flow-other');
    expect((await other.admin.get('/api/v1/tickets')).json.items).toEqual([]);
    const r = await other.admin.post('/api/v1/tickets', { subject: 'Other tenant', description: 'x' });
    expect(r.json.ticket.number).toBe(1);
    expect((await other.admin.get('/api/v1/tickets')).json.items.map((x: { subject: string }) => x.subject)).toEqual(['Other tenant']);
  });

  it('the requester gets an acknowledgement mail from the ticket workflow', async () => {
    const mail = await waitForMail(anna.email, { subject: '[#1]' });
    expect(mail.body.text).toContain('Printer does not print');
  });

  it('the agent finds it under new requests, most urgent first', async () => {
    const list = await agent.get('/api/v1/tickets', { query: { view: 'new' } });
    expect(list.status).toBe(200);
    expect(list.json.items.map((x: { number: number }) => x.number)).toEqual([1, 2]);
    expect(list.json.items[0]).toMatchObject({ subject: 'Printer does not print', requesterName: 'Anna Kunde', company: 'Kunde A GmbH' });
  });

  it('the coordinator accepts it and assigns it to the agent, who accepts; before that the agent may not answer it', async () => {
    const early = await agent.post('/api/v1/tickets/1/messages', { body: 'Too early', internal: false });
    expect(early.status).toBe(403);
    expect((await coordinator.post('/api/v1/tickets/1/accept', {})).status).toBe(200);
    expect((await coordinator.post('/api/v1/tickets/1/assign', { assigneeId: agentId })).status).toBe(200);
    const r = await agent.post('/api/v1/tickets/1/accept-assignment', {});
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ stage: 'in_progress', assignee: { id: agentId, name: 'Ben Agent' } });
  });

  it('a public answer reaches the customer, an internal note never does, and the ticket waits for the customer', async () => {
    expect((await agent.post('/api/v1/tickets/1/messages', { body: 'Please check the tray', internal: false })).status).toBe(201);
    expect((await agent.post('/api/v1/tickets/1/messages', { body: 'Customer had this last year', internal: true })).status).toBe(201);
    const seen = await anna.client.get('/api/v1/tickets/1');
    expect(seen.json.ticket.status).toBe('waiting');
    expect(seen.json.messages.map((m: { body: string }) => m.body)).toEqual(['Please check the tray']);
    expect(JSON.stringify(seen.json)).not.toContain('last year');
    expect(seen.json.history.map((h: { type: string }) => h.type)).not.toContain('note');
    const staffView = await agent.get('/api/v1/tickets/1');
    expect(staffView.json.messages.map((m: { internal: boolean }) => m.internal)).toEqual([false, true]);
    expect((await agent.get('/api/v1/tickets', { query: { view: 'support_waiting' } })).json.items.map((x: { number: number }) => x.number)).toEqual([1]);
  });

  it('the customer answers back and the ticket is the customer’s turn no more', async () => {
    expect((await anna.client.post('/api/v1/tickets/1/messages', { body: 'Tray is fine' })).status).toBe(201);
    const list = await agent.get('/api/v1/tickets', { query: { view: 'customer_waiting' } });
    expect(list.json.items.map((x: { number: number }) => x.number)).toEqual([1]);
  });

  it('a customer cannot write an internal note or set a status other than closing (test/api/customer-close.test.ts)', async () => {
    const r = await anna.client.post('/api/v1/tickets/1/messages', { body: 'sneaky', internal: true });
    expect(r.status).toBe(403);
    expect((await anna.client.patch('/api/v1/tickets/1', { status: 'waiting' })).status).toBe(403);
  });

  it('the agent solves it; a customer reply reopens it', async () => {
    const r = await agent.patch('/api/v1/tickets/1', { status: 'solved', priority: 'urgent' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.ticket).toMatchObject({ status: 'solved', priority: 'urgent' });
    await anna.client.post('/api/v1/tickets/1/messages', { body: 'It broke again' });
    expect((await anna.client.get('/api/v1/tickets/1')).json.ticket.status).toBe('open');
  });

  it('every step is in the history with actor and timestamp (K12)', async () => {
    const h = (await agent.get('/api/v1/tickets/1')).json.history as { type: string; actorName: string; at: string; from?: string; to?: string }[];
    expect(h.map((e) => `${e.type}:${e.actorName}`)).toEqual([
      'created:Anna Kunde',
      'acknowledged:System',
      'accepted:Klara Koordinator',
      'assigned:Klara Koordinator',
      'accepted:Ben Agent',
      'message:Ben Agent',
      'status:Ben Agent',
      'note:Ben Agent',
      'message:Anna Kunde',
      'status:Anna Kunde',
      'status:Ben Agent',
      'priority:Ben Agent',
      'closed:Ben Agent',
      'message:Anna Kunde',
      'status:Anna Kunde',
      'reopened:Anna Kunde',
    ]);
    expect(h.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(h.filter((e) => e.type === 'status').map((e) => `${e.from}>${e.to}`)).toEqual(['new>waiting', 'waiting>open', 'open>solved', 'solved>open']);
  });

  it('customers filter their own list by number, status and text and sort by any column', async () => {
    const all = await anna.client.get('/api/v1/tickets');
    expect(all.json.items.map((x: { number: number }) => x.number)).toEqual([2, 1]);
    expect((await anna.client.get('/api/v1/tickets', { query: { number: 2 } })).json.items).toHaveLength(1);
    expect((await anna.client.get('/api/v1/tickets', { query: { status: 'open' } })).json.items.map((x: { number: number }) => x.number)).toEqual([1]);
    expect((await anna.client.get('/api/v1/tickets', { query: { q: 'printer' } })).json.items.map((x: { number: number }) => x.number)).toEqual([1]);
    expect(
      (await anna.client.get('/api/v1/tickets', { query: { sort: 'subject', order: 'asc' } })).json.items.map((x: { subject: string }) => x.subject),
    ).toEqual(['Printer does not print', 'Second one']);
  });
});

describe('long lists come in pages', () => {
  it('staff page through all tickets in priority-then-age order, customers through their own, newest first', async () => {
    const t = await newTenant('pages');
    const cust = await newCustomer(t, 'Paula Pages');
    const agent = (await newStaff(t, 'agent')).client;
    const priorities = ['low', 'urgent', 'normal', 'high', 'urgent', 'low', 'normal'];
    for (const [i, priority] of priorities.entries()) await cust.client.post('/api/v1/tickets', { subject: `Ticket ${i + 1}`, description: 'x', priority });
    await t.admin.post('/api/v1/tickets/3/messages', { body: 'answered' }); // #3 moves to another queue (the admin coordinates)
    const all = (await agent.get('/api/v1/tickets', { query: { view: 'all' } })).json.items.map((x: { number: number }) => x.number);
    expect(all).toEqual([2, 5, 4, 3, 7, 1, 6]);

    const walk = async (client: typeof agent, query: Record<string, string | number>) => {
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const r = await client.get('/api/v1/tickets', { query: { ...query, limit: 3, cursor } });
        expect(r.status, r.text).toBe(200);
        expect(r.json.items.length).toBeLessThanOrEqual(3);
        seen.push(...r.json.items.map((x: { number: number }) => x.number));
        cursor = r.json.nextCursor;
        if (!cursor) return seen;
      }
      throw new Error('no end');
    };
    expect(await walk(agent, { view: 'all' })).toEqual(all);
    expect(await walk(cust.client, {})).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('a made-up cursor is a 400 naming the cursor', async () => {
    const t = await newTenant('badcursor');
    const r = await t.admin.get('/api/v1/tickets', { query: { cursor: 'garbage!' } });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });
});

describe('tickets on a customer’s behalf', () => {
  it('an agent opens a phone ticket for an existing contact, who then sees it as theirs', async () => {
    const t = await newTenant('phone');
    const bob = await newCustomer(t, 'Bob Caller', { company: 'B Ltd' });
    const agent = (await newStaff(t, 'agent')).client;
    const picker = await agent.get('/api/v1/users', { query: { role: 'customer', q: 'bob' } });
    expect(picker.json.items.map((u: { email: string }) => u.email)).toEqual([bob.email]);
    const r = await agent.post('/api/v1/tickets', {
      subject: 'Called about VPN',
      description: 'VPN drops',
      requesterId: picker.json.items[0].id,
      channel: 'phone',
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json.ticket).toMatchObject({ channel: 'phone', requesterName: 'Bob Caller', company: 'B Ltd', createdByName: 'Sam Staff' });
    expect((await bob.client.get('/api/v1/tickets')).json.items.map((x: { subject: string }) => x.subject)).toEqual(['Called about VPN']);
  });

  it('a customer cannot open a ticket in someone else’s name', async () => {
    const t = await newTenant('impersonate');
    const a = await newCustomer(t, 'Alice');
    const b = await newCustomer(t, 'Bert');
    const r = await a.client.post('/api/v1/tickets', { subject: 'As Bert', description: 'x', requesterId: b.id });
    expect(r.status).toBe(403);
    expect((await b.client.get('/api/v1/tickets')).json.items).toEqual([]);
  });

  it('the contact picker is for staff only', async () => {
    const t = await newTenant('picker');
    const a = await newCustomer(t, 'Alice');
    expect((await a.client.get('/api/v1/users')).status).toBe(403);
  });
});

describe('the requested due date', () => {
  /** The calendar day `days` from now in a time zone, as YYYY-MM-DD. */
  const dayIn = (timeZone: string, days = 0) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));

  it('a day in the past is refused naming the field; nothing is stored', async () => {
    const t = await newTenant('duepast');
    const c = await newCustomer(t);
    const r = await c.client.post('/api/v1/tickets', { subject: 'Yesterday please', description: 'x', requestedDueDate: dayIn('Europe/Berlin', -1) });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('validation_failed');
    expect(r.json.errors).toEqual([expect.objectContaining({ path: 'requestedDueDate', code: 'date_in_past' })]);
    expect((await c.client.get('/api/v1/tickets')).json.items).toEqual([]);
  });

  it("today in the tenant's time zone is allowed even where it is already tomorrow in UTC", async () => {
    const t = await newTenant('duetz');
    const c = await newCustomer(t);
    // UTC+14: its today is UTC's tomorrow for ten hours of every day, and never UTC's yesterday.
    await t.admin.patch('/api/v1/tenant', { timeZone: 'Pacific/Kiritimati' });
    const today = await c.client.post('/api/v1/tickets', { subject: 'Today please', description: 'x', requestedDueDate: dayIn('Pacific/Kiritimati') });
    expect(today.status, today.text).toBe(201);
    expect(today.json.ticket.requestedDueDate).toBe(dayIn('Pacific/Kiritimati'));
    // UTC−11: its yesterday is in the past, although it may be UTC's "today minus one" only.
    await t.admin.patch('/api/v1/tenant', { timeZone: 'Pacific/Pago_Pago' });
    const late = await c.client.post('/api/v1/tickets', { subject: 'Yesterday there', description: 'x', requestedDueDate: dayIn('Pacific/Pago_Pago', -1) });
    expect(late.status).toBe(400);
    expect(late.json.errors[0].code).toBe('date_in_past');
  });
});
