/**
 * The demo tenant `npm start` seeds into an empty data folder: every feature that exists shows
 * in it, and its people can sign in. Seeded here into the shared test stack (the slug `demo` is
 * used by no other suite).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../infra/local/seed.ts';
import { apiClient, type UserClient } from '../support/api.ts';
import { mailTo, waitForMail } from '../support/mail.ts';

const PASSWORD = 'demo-password-for-the-spec';
let demo: Awaited<ReturnType<typeof seedDemo>>;
let agent: UserClient;
beforeAll(async () => {
  demo = await seedDemo({ password: PASSWORD });
  agent = apiClient().as('demo-agent');
  const r = await agent.post('/api/v1/portals/demo/login', { email: 'agent@demo.example', password: PASSWORD });
  expect(r.status, r.text).toBe(200);
});

describe('the demo tenant', () => {
  it('lists a login for every role, each of which signs in', async () => {
    expect(demo.portalPath).toBe('/demo/');
    expect(demo.logins.map((l) => l.role).sort()).toEqual(['admin', 'agent', 'coordinator', 'customer', 'customer']);
    for (const { email } of demo.logins) {
      const r = await apiClient().anonymous().post('/api/v1/portals/demo/login', { email, password: PASSWORD });
      expect(r.status, email).toBe(200);
    }
  });

  it('has tickets in several states, one of them closed by its own customer', async () => {
    const list = await agent.get('/api/v1/tickets', { query: { view: 'all' } });
    const statuses = new Set((list.json.items as { status: string }[]).map((t) => t.status));
    for (const s of ['new', 'open', 'waiting', 'solved']) expect(statuses, s).toContain(s);
    const closed = await agent.get('/api/v1/tickets/5');
    expect(closed.json.ticket.status).toBe('solved');
    expect(closed.json.history).toContainEqual(expect.objectContaining({ type: 'status', actorName: 'Bob Customer', to: 'solved' }));
  });

  it('acknowledged every request and mailed support’s answers, each customer in their language', async () => {
    await waitForMail('anna@kunde-a.example', { subject: '[#1]' });
    const bob = await waitForMail('bob@customer-b.example', { subject: '[#2]' });
    expect(bob.body.text).toMatch(/received|answered/);
    const anna = await mailTo('anna@kunde-a.example');
    expect(anna.every((m) => /erhalten|geantwortet/.test(m.body.text ?? ''))).toBe(true);
  });

  it('gives the coordinator and the agent notifications under the bell (produced by the stream after the seed)', async () => {
    const klara = apiClient().as('demo-coordinator');
    expect((await klara.post('/api/v1/portals/demo/login', { email: 'coordinator@demo.example', password: PASSWORD })).status).toBe(200);
    const kinds = async (who: UserClient) => new Set(((await who.get('/api/v1/notifications')).json.items as { kind: string }[]).map((n) => n.kind));
    await expect.poll(() => kinds(agent), { timeout: 20_000, interval: 100 }).toContain('mentioned');
    await expect
      .poll(async () => [...(await kinds(klara))].sort(), { timeout: 20_000, interval: 100 })
      .toEqual(expect.arrayContaining(['customer_replied', 'mentioned']));
    expect((await agent.get('/api/v1/notifications')).json.unread).toBeGreaterThan(0);
    expect((await klara.get('/api/v1/notifications')).json.unread).toBeGreaterThan(1);
  });
});
