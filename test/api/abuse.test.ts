/** Abuse guards a user would notice: no posing as others, no floods, no smuggled headers. */
import { describe, expect, it } from 'vitest';
import { allMail, mailTo, waitForMail } from '../support/mail.ts';
import { apiClient } from '../support/api.ts';
import { newCustomer, newTenant, PASSWORD } from '../support/tenants.ts';

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

describe('invisible and direction-changing characters', () => {
  const fieldCodes = (r: { json: { errors?: { path: string; code?: string }[] } }) => (r.json.errors ?? []).map((e) => [e.path, e.code]);

  it.each([
    ['a C1 control', 'Invoice\u0085paid'],
    ['a line separator', 'Invoice\u2028Bcc: all'],
    ['a paragraph separator', 'Invoice\u2029paid'],
    ['a right-to-left override', 'Invoice \u202Efdp.exe'],
    ['a left-to-right embedding', 'Invoice \u202Apaid'],
    ['a first-strong isolate', 'Invoice \u2068paid\u2069'],
    ['a zero-width space', 'Inv\u200Boice'],
    ['a zero-width joiner', 'Inv\u200Doice'],
    ['a word joiner', 'Inv\u2060oice'],
    ['a byte-order mark', 'Inv\uFEFFoice'],
  ])('a subject with %s is refused with the field and a stable code, and nothing is stored', async (_what, subject) => {
    const t = await newTenant('invis');
    const r = await t.admin.post('/api/v1/tickets', { subject, description: 'x' });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('validation_failed');
    expect(fieldCodes(r)).toEqual([['subject', 'forbidden_characters']]);
    expect((await t.admin.get('/api/v1/tickets?view=all')).json.items).toHaveLength(0);
  });

  it('names, companies, titles and categories refuse them too', async () => {
    const t = await newTenant('invnames');
    const reg = await apiClient()
      .anonymous()
      .post(`/api/v1/portals/${t.slug}/register`, { name: 'Mallory\u202E', email: 'm@m.example', password: PASSWORD, company: 'Evil\u200BCorp' });
    expect(reg.status).toBe(400);
    expect(fieldCodes(reg).sort()).toEqual([
      ['company', 'forbidden_characters'],
      ['name', 'forbidden_characters'],
    ]);
    const settings = await t.admin.patch('/api/v1/tenant', { name: 'Org\u2066', branding: { title: 'Support\u0090' } });
    expect(fieldCodes(settings).sort()).toEqual([
      ['branding.title', 'forbidden_characters'],
      ['name', 'forbidden_characters'],
    ]);
    const cat = await t.admin.post('/api/v1/tickets', { subject: 'Category', description: 'x', category: 'Bil\uFEFFling' });
    expect(fieldCodes(cat)).toEqual([['category', 'forbidden_characters']]);
  });

  it('a description keeps its lines and emoji but refuses bidi overrides and C1 controls', async () => {
    const t = await newTenant('invbody');
    const ok = await t.admin.post('/api/v1/tickets', { subject: 'Lines', description: 'first line\nsecond line 👩‍💻' });
    expect(ok.status).toBe(201);
    expect(ok.json.ticket.description).toBe('first line\nsecond line 👩‍💻');
    const bidi = await t.admin.post('/api/v1/tickets', { subject: 'Bidi', description: 'open \u202Etxt.exe' });
    expect(fieldCodes(bidi)).toEqual([['description', 'forbidden_characters']]);
    const c1 = await t.admin.post('/api/v1/tickets/1/messages', { body: 'reply\u009b31m' });
    expect(fieldCodes(c1)).toEqual([['body', 'forbidden_characters']]);
    expect((await t.admin.get('/api/v1/tickets/1')).json.messages).toHaveLength(0);
  });
});

describe('nobody floods a mailbox through the account forms', () => {
  const mailsTo = async (email: string, subject: RegExp) => (await mailTo(email)).filter((m) => subject.test(m.subject));

  it('registering a confirmed address over and over mails its owner two notes an hour; every answer is the same', async () => {
    const t = await newTenant('mailflood');
    const owner = await newCustomer(t, 'Olga Owner');
    const answers = [];
    for (let i = 0; i < 8; i++) {
      const r = await apiClient()
        .anonymous()
        .post(`/api/v1/portals/${t.slug}/register`, { name: `Spam ${i}`, email: owner.email, password: PASSWORD });
      answers.push([r.status, r.json]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual([202, { status: 'accepted' }]);
    expect(await mailsTo(owner.email, /already have an account/i)).toHaveLength(2);
  });

  it('an address gets at most five account mails an hour, whatever mix of registration and reset asks for them', async () => {
    const t = await newTenant('mailmix');
    const owner = await newCustomer(t, 'Mia Mailbox'); // 1: the confirmation link
    for (let i = 0; i < 3; i++) await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/register`, { name: 'X', email: owner.email, password: PASSWORD });
    const resets = [];
    for (let i = 0; i < 4; i++) resets.push((await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/password-reset`, { email: owner.email })).status);
    expect(resets).toEqual([202, 202, 202, 202]);
    // 1 confirmation + 2 notes + 2 resets; the rest were dropped silently
    expect(await mailsTo(owner.email, /confirm/i)).toHaveLength(1);
    expect(await mailsTo(owner.email, /already have an account/i)).toHaveLength(2);
    expect(await mailsTo(owner.email, /reset/i)).toHaveLength(2);
    // another address of the same tenant is not affected
    const other = await newCustomer(t, 'Otto Other');
    await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/password-reset`, { email: other.email });
    expect(await mailsTo(other.email, /reset/i)).toHaveLength(1);
  });

  it('an unconfirmed address gets at most five confirmation links an hour', async () => {
    const t = await newTenant('mailpend');
    for (let i = 0; i < 7; i++)
      expect(
        (await apiClient().anonymous().post(`/api/v1/portals/${t.slug}/register`, { name: 'P', email: 'pending@p.example', password: PASSWORD })).status,
      ).toBe(202);
    expect((await mailTo('pending@p.example')).filter((m) => m.subject.includes(`Org ${t.slug}`))).toHaveLength(5);
  });
});
