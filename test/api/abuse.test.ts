/** Abuse guards a user would notice: no posing as others, no floods, no smuggled headers. */
import { describe, expect, it } from 'vitest';
import { allMail, waitForMail } from '../support/mail.ts';
import { newCustomer, newTenant } from '../support/tenants.ts';

describe('a customer cannot pose as someone else', () => {
  it('name, email and company on their request stay their own; phone and department may be added', async () => {
    const t = await newTenant('spoof');
    const eve = await newCustomer(t, 'Eve Customer', { company: 'Eve GmbH' });
    const r = await eve.client.post('/api/v1/tickets', {
      subject: 'Your account will be closed',
      description: 'click here',
      contact: { name: 'Bob Customer', email: 'victim@elsewhere.example', company: 'Customer B Ltd', phone: '+49 1', department: 'Sales' },
    });
    expect(r.status).toBe(201);
    expect(r.json.ticket).toMatchObject({ requesterName: 'Eve Customer', company: 'Eve GmbH' });
    expect(r.json.ticket.contact).toEqual({ name: 'Eve Customer', email: eve.email, company: 'Eve GmbH', phone: '+49 1', department: 'Sales' });
    await waitForMail(eve.email, { subject: '[#1]' });
    expect((await allMail()).some((m) => m.destination.to.some((a) => a.includes('victim@elsewhere.example')))).toBe(false);
  });
});

describe('floods are cut off', () => {
  it('more than 20 messages a minute from one person are refused with 429', async () => {
    const t = await newTenant('flood');
    const c = await newCustomer(t);
    await c.client.post('/api/v1/tickets', { subject: 'Flood target', description: 'x' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await c.client.post('/api/v1/tickets/1/messages', { body: `reply ${i}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await c.client.get('/api/v1/tickets/1')).json.messages).toHaveLength(20);
  });
});

describe('text fields', () => {
  it('a subject with a smuggled line break is refused naming the field; descriptions keep their lines', async () => {
    const t = await newTenant('crlf');
    const r = await t.admin.post('/api/v1/tickets', { subject: 'Hello\r\nBcc: everyone@example.com', description: 'x' });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { path: string }) => e.path)).toEqual(['subject']);
    const ok = await t.admin.post('/api/v1/tickets', { subject: 'Two lines', description: 'first line\nsecond line' });
    expect(ok.json.ticket.description).toBe('first line\nsecond line');
    const nul = await t.admin.post('/api/v1/tickets', { subject: 'NUL', description: 'bad\u0000byte' });
    expect(nul.status).toBe(400);
  });
});
