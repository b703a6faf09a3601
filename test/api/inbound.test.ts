/**
 * Inbound mail (issue 8, M1/M3) through the real SMTP port: a mail to a tenant's inbound address
 * becomes a ticket (a new contact for an unknown sender), a reply joins its ticket by a signed
 * token, by the Message-ID it answers, or by the subject tag when the requester sends it — a
 * stranger's tag and a forged token thread nothing; a reply to a closed ticket reopens it within
 * the grace days and opens a linked follow-up after; the same mail twice is one message; an
 * auto-responder gets no acknowledgement; one tenant's address never files into another tenant.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mailTo, waitForMail } from '../support/mail.ts';
import { newCustomer, newTenant, type TestTenant } from '../support/tenants.ts';
import { INBOUND_DOMAIN, inboundAddress, sendInbound, sendRaw } from '../support/inbound.ts';
import { tenantMailSecret } from '../../shared/db/mail.ts';
import { setTenantSuspension } from '../../shared/db/store.ts';
import { replyAddress, ticketMessageId } from '../../shared/mail/token.ts';

const unique = () => Math.random().toString(36).slice(2, 8);

interface Msg {
  id: string;
  body: string;
  channel: string;
  from?: string;
  html?: string;
  hasRaw?: boolean;
  authorRole: string;
  attachments: { id: string; name: string; inline?: boolean }[];
}

async function ticket(t: TestTenant, n: number) {
  const r = await t.admin.get(`/api/v1/tickets/${n}`);
  expect(r.status, r.text).toBe(200);
  return r.json as {
    ticket: {
      number: number;
      subject: string;
      status: string;
      stage: string;
      channel: string;
      followUpOf?: number;
      requester?: { id: string };
      contact: { email: string };
    };
    messages: Msg[];
    history: { type: string; from?: string; to?: string }[];
  };
}

/** The ticket number an SMTP answer names (`created #3`, `threaded #3`, …). */
function numberIn(response: string, result: string): number {
  const m = new RegExp(`${result} #(\\d+)`).exec(response);
  expect(m, response).not.toBeNull();
  return Number(m![1]);
}

describe('inbound mail', () => {
  let t: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    [t, other] = await Promise.all([newTenant('inbound'), newTenant('inbound-other')]);
  });

  it('a mail from an unknown sender opens a ticket for a new contact, who gets an acknowledgement', async () => {
    const from = `nina.${unique()}@stranger.example`;
    const sent = await sendInbound({
      from: `Nina Neu <${from}>`,
      to: inboundAddress(t),
      subject: 'Drucker streikt',
      text: 'Seit heute früh kein Druck.\n\n-- \nNina Neu\nEinkauf',
    });
    const n = numberIn(sent.response, 'created');
    const d = await ticket(t, n);
    expect(d.ticket).toMatchObject({ subject: 'Drucker streikt', channel: 'email', status: 'new', contact: { email: from } });
    expect(d.messages).toHaveLength(1);
    expect(d.messages[0]).toMatchObject({
      channel: 'email',
      from: `Nina Neu <${from}>`,
      body: 'Seit heute früh kein Druck.',
      hasRaw: true,
      authorRole: 'customer',
    });
    // The signature is kept, marked for folding.
    expect(d.messages[0]!.html).toContain('data-signature');
    const contacts = await t.admin.get('/api/v1/users', { query: { q: from } });
    expect(contacts.status).toBe(200);
    await waitForMail(from, { subject: `[#${n}]` });
  });

  it('a mail from a known customer becomes a ticket the customer sees in the portal', async () => {
    const cora = await newCustomer(t, 'Cora Mail');
    const sent = await sendInbound({ from: cora.email, to: inboundAddress(t), subject: 'VPN down', text: 'No VPN since the update.' });
    const n = numberIn(sent.response, 'created');
    const mine = await cora.client.get(`/api/v1/tickets/${n}`);
    expect(mine.status).toBe(200);
    expect(mine.json.ticket.subject).toBe('VPN down');
    // The original mail is for staff only.
    expect(mine.json.messages[0].hasRaw).toBeUndefined();
    const raw = await cora.client.get(`/api/v1/tickets/${n}/messages/${mine.json.messages[0].id}/raw`);
    expect(raw.status).toBe(403);
  });

  it('staff download the original mail as message/rfc822', async () => {
    const subject = `Original ${unique()}`;
    const sent = await sendInbound({ from: `orig.${unique()}@customer.example`, to: inboundAddress(t), subject, text: 'Keep me as I was.' });
    const n = numberIn(sent.response, 'created');
    const m = (await ticket(t, n)).messages[0]!;
    const r = await t.admin.get(`/api/v1/tickets/${n}/messages/${m.id}/raw`);
    expect(r.status, r.text).toBe(200);
    const file = await fetch(r.json.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('message/rfc822');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await file.text()).toContain(`Subject: ${subject}`);
    // Another tenant's admin cannot reach it.
    expect((await other.admin.get(`/api/v1/tickets/${n}/messages/${m.id}/raw`)).status).toBe(404);
  });

  describe('threading', () => {
    let requester: string;
    let n: number;
    let firstMessageId: string;

    beforeAll(async () => {
      requester = `ralf.${unique()}@customer.example`;
      const sent = await sendInbound({ from: requester, to: inboundAddress(t), subject: 'Monitor flackert', text: 'Der Monitor flackert.' });
      n = numberIn(sent.response, 'created');
      firstMessageId = sent.messageId;
    });

    it('a reply to the signed reply address joins the ticket', async () => {
      const secret = (await tenantMailSecret(t.id))!;
      const to = replyAddress(secret, { id: t.id, slug: t.slug }, n, INBOUND_DOMAIN);
      const sent = await sendInbound({ from: requester, to, subject: 'Re: something else entirely', text: 'Noch immer.' });
      expect(numberIn(sent.response, 'threaded')).toBe(n);
      expect((await ticket(t, n)).messages.map((m) => m.body)).toContain('Noch immer.');
    });

    it('a reply quoting the Message-ID of one of our mails joins the ticket', async () => {
      const secret = (await tenantMailSecret(t.id))!;
      const ours = ticketMessageId(secret, t.id, n, INBOUND_DOMAIN);
      const sent = await sendInbound({
        from: requester,
        to: inboundAddress(t),
        subject: 'Re: Ihre Anfrage',
        text: 'Per In-Reply-To.',
        inReplyTo: ours,
        references: [ours],
      });
      expect(numberIn(sent.response, 'threaded')).toBe(n);
    });

    it('a reply quoting the Message-ID of the first mail joins the ticket', async () => {
      const sent = await sendInbound({ from: requester, to: inboundAddress(t), subject: 'AW: Monitor', text: 'Per References.', references: [firstMessageId] });
      expect(numberIn(sent.response, 'threaded')).toBe(n);
    });

    it('the subject tag threads a mail from the requester', async () => {
      const sent = await sendInbound({ from: requester, to: inboundAddress(t), subject: `Re: [#${n}] Monitor`, text: 'Per Betreff.' });
      expect(numberIn(sent.response, 'threaded')).toBe(n);
    });

    it('the same tag from a stranger opens a new ticket instead', async () => {
      const stranger = `mallory.${unique()}@evil.example`;
      const sent = await sendInbound({ from: stranger, to: inboundAddress(t), subject: `Re: [#${n}] Monitor`, text: 'Let me read along.' });
      const m = numberIn(sent.response, 'created');
      expect(m).not.toBe(n);
      expect((await ticket(t, n)).messages.map((x) => x.body)).not.toContain('Let me read along.');
    });

    it('a forged reply token threads nothing', async () => {
      const stranger = `forger.${unique()}@evil.example`;
      const forged = `${t.slug}+${n}-aaaaaaaaaaaaaaaa@${INBOUND_DOMAIN}`;
      const sent = await sendInbound({ from: stranger, to: forged, subject: 'Re: Monitor', text: 'Forged token.' });
      expect(numberIn(sent.response, 'created')).not.toBe(n);
      expect((await ticket(t, n)).messages.map((x) => x.body)).not.toContain('Forged token.');
    });

    it('another tenant’s valid token sent to this tenant threads nothing there', async () => {
      const theirSecret = (await tenantMailSecret(other.id))!;
      // A token signed for the other tenant's ticket number n, but addressed to this tenant's slug.
      const to = replyAddress(theirSecret, { id: other.id, slug: t.slug }, n, INBOUND_DOMAIN);
      const sent = await sendInbound({ from: `x.${unique()}@evil.example`, to, subject: 'Re: cross', text: 'Cross-tenant token.' });
      expect(sent.response).toMatch(/created #\d+/);
      expect((await ticket(t, n)).messages.map((x) => x.body)).not.toContain('Cross-tenant token.');
    });
  });

  describe('closed tickets', () => {
    it('a reply within the grace days reopens the ticket; after them it opens a linked follow-up', async () => {
      const requester = `gina.${unique()}@customer.example`;
      const first = await sendInbound({ from: requester, to: inboundAddress(t), subject: 'Login geht nicht', text: 'Passwort vergessen?' });
      const n = numberIn(first.response, 'created');
      const close = await t.admin.patch(`/api/v1/tickets/${n}`, { status: 'solved' });
      expect(close.status, close.text).toBe(200);

      const reply = await sendInbound({ from: requester, to: inboundAddress(t), subject: `Re: [#${n}] Login geht nicht`, text: 'Geht wieder nicht.' });
      expect(numberIn(reply.response, 'reopened')).toBe(n);
      const reopened = await ticket(t, n);
      expect(reopened.ticket.status).toBe('open');
      expect(reopened.history.map((h) => h.type)).toContain('reopened_by_mail');

      // Close again, and let the grace period be over (0 days: any reply comes too late).
      expect((await t.admin.patch(`/api/v1/tickets/${n}`, { status: 'solved' })).status).toBe(200);
      const settings = await t.admin.get('/api/v1/tenant/inbound');
      const put = await t.admin.put('/api/v1/tenant/inbound', { reopenGraceDays: 0, version: settings.json.version });
      expect(put.status, put.text).toBe(200);
      try {
        const late = await sendInbound({ from: requester, to: inboundAddress(t), subject: `Re: [#${n}] Login geht nicht`, text: 'Schon wieder.' });
        const m = numberIn(late.response, 'follow_up');
        const follow = await ticket(t, m);
        expect(follow.ticket.followUpOf).toBe(n);
        expect(follow.history.map((h) => h.type)).toContain('follow_up_of');
        const old = await ticket(t, n);
        expect(old.ticket.status).toBe('solved');
        expect(old.history.find((h) => h.type === 'follow_up_of')).toMatchObject({ to: String(m) });
      } finally {
        const now = await t.admin.get('/api/v1/tenant/inbound');
        await t.admin.put('/api/v1/tenant/inbound', { reopenGraceDays: 14, version: now.json.version });
      }
    });
  });

  describe('limits and loops', () => {
    it('the same raw mail delivered twice is one ticket with one message', async () => {
      const from = `twice.${unique()}@customer.example`;
      const raw = [
        `From: ${from}`,
        `To: ${inboundAddress(t)}`,
        `Subject: Twice ${unique()}`,
        `Message-ID: <twice.${unique()}@customer.example>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Delivered twice.',
        '',
      ].join('\r\n');
      const a = await sendRaw(raw, { from, to: [inboundAddress(t)] });
      const n = numberIn(a.response, 'created');
      const b = await sendRaw(raw, { from, to: [inboundAddress(t)] });
      expect(b.response).toContain('dropped');
      expect(b.response).toContain('duplicate');
      expect((await ticket(t, n)).messages).toHaveLength(1);
    });

    it('a raw mail without a Message-ID delivered twice is still one ticket', async () => {
      const from = `noid.${unique()}@customer.example`;
      const raw = `From: ${from}\r\nTo: ${inboundAddress(t)}\r\nSubject: No id ${unique()}\r\n\r\nNo Message-ID, no Date.\r\n`;
      numberIn((await sendRaw(raw, { from, to: [inboundAddress(t)] })).response, 'created');
      expect((await sendRaw(raw, { from, to: [inboundAddress(t)] })).response).toContain('duplicate');
    });

    it('an auto-responder answering every mail gets at most one acknowledgement', async () => {
      const bot = `bot.${unique()}@autoreply.example`;
      // Its first mail is an ordinary one (no headers): a ticket and one acknowledgement.
      const first = await sendInbound({ from: bot, to: inboundAddress(t), subject: 'Hello', text: 'First.' });
      const n = numberIn(first.response, 'created');
      const ack = await waitForMail(bot, { subject: `[#${n}]` });
      // Then it answers our acknowledgement, as RFC 3834 says and as the lazy ones do (no headers, our subject).
      for (let i = 0; i < 3; i++) {
        await sendInbound({
          from: bot,
          to: inboundAddress(t),
          subject: `Auto: ${ack.subject}`,
          text: 'I am out of office.',
          headers: { 'Auto-Submitted': 'auto-replied' },
        });
        await sendInbound({
          from: bot,
          to: inboundAddress(t),
          subject: `Out of office: ${unique()}`,
          text: 'I am out of office.',
          headers: { 'X-Autoreply': 'yes' },
        });
      }
      // Give any acknowledgement the stream would send time to appear: an ordinary mail's own acknowledgement marks the point.
      const marker = `marker.${unique()}@customer.example`;
      const m = numberIn((await sendInbound({ from: marker, to: inboundAddress(t), subject: 'Marker', text: 'after' })).response, 'created');
      await waitForMail(marker, { subject: `[#${m}]` });
      expect(await mailTo(bot)).toHaveLength(1);
    });

    it('more mails into one ticket than the loop guard allows are recorded on it, not added', async () => {
      const from = `loop.${unique()}@customer.example`;
      const n = numberIn((await sendInbound({ from, to: inboundAddress(t), subject: 'Loop start', text: '0' })).response, 'created');
      const secret = (await tenantMailSecret(t.id))!;
      const to = replyAddress(secret, { id: t.id, slug: t.slug }, n, INBOUND_DOMAIN);
      const answers: string[] = [];
      for (let i = 1; i <= 11; i++) answers.push((await sendInbound({ from, to, subject: `Re: Loop ${i}`, text: `reply ${i}` })).response);
      // The first mail opened the ticket; ten replies fill the window; the eleventh is a loop.
      expect(answers.slice(0, 10).every((a) => a.includes(`threaded #${n}`))).toBe(true);
      expect(answers[10]).toContain(`dropped #${n} loop`);
      const d = await ticket(t, n);
      expect(d.messages).toHaveLength(11);
      expect(d.history.filter((h) => h.type === 'mail_dropped')).toMatchObject([{ to: 'loop' }]);
    });

    it('files beyond the attachment limit are left out, and the ticket says so', async () => {
      const attachments = Array.from({ length: 22 }, (_, i) => ({ filename: `note-${i}.txt`, content: `file ${i}` }));
      const sent = await sendInbound({
        from: `many.${unique()}@customer.example`,
        to: inboundAddress(t),
        subject: 'Many files',
        text: 'See attached.',
        attachments,
      });
      const d = await ticket(t, numberIn(sent.response, 'created'));
      expect(d.messages[0]!.attachments).toHaveLength(20);
      expect(d.history.find((h) => h.type === 'mail_dropped')).toMatchObject({ from: '2', to: 'too_large' });
    });

    it('mail from our own addresses and system senders is not answered', async () => {
      const own = await sendInbound({ from: `someone@${INBOUND_DOMAIN}`, to: inboundAddress(t), subject: 'Loop?', text: 'x' });
      expect(own.response).toContain('own_address');
      const daemon = `mailer-daemon@${unique()}.example`;
      const r = await sendInbound({ from: daemon, to: inboundAddress(t), subject: 'Something', text: 'Not a delivery report.' });
      const n = numberIn(r.response, 'created');
      const marker = `marker2.${unique()}@customer.example`;
      const m = numberIn((await sendInbound({ from: marker, to: inboundAddress(t), subject: 'Marker', text: 'after' })).response, 'created');
      await waitForMail(marker, { subject: `[#${m}]` });
      expect(await mailTo(daemon)).toEqual([]);
      expect((await ticket(t, n)).ticket.channel).toBe('email');
    });
  });

  describe('tenants', () => {
    it('a mail to one tenant’s address never reaches another tenant', async () => {
      const subject = `Only for other ${unique()}`;
      const sent = await sendInbound({ from: `o.${unique()}@customer.example`, to: inboundAddress(other), subject, text: 'x' });
      const n = numberIn(sent.response, 'created');
      const theirs = await other.admin.get(`/api/v1/tickets/${n}`);
      expect(theirs.json.ticket.subject).toBe(subject);
      const mine = await t.admin.get('/api/v1/tickets', { query: { q: subject } });
      expect(mine.json.items).toEqual([]);
    });

    it('a mail to an unknown tenant is dropped', async () => {
      const sent = await sendInbound({ from: `u.${unique()}@customer.example`, to: `nobody-${unique()}@${INBOUND_DOMAIN}`, subject: 'Hello?', text: 'x' });
      expect(sent.response).toContain('unknown_tenant');
    });

    it('a mail to a suspended tenant is dropped, not filed; lifting the suspension takes mail again', async () => {
      const gone = await newTenant('inbound-suspended');
      await setTenantSuspension(gone.id, new Date().toISOString());
      const before = (await gone.admin.get('/api/v1/tickets')).json.items.length;
      const sent = await sendInbound({ from: `s.${unique()}@customer.example`, to: inboundAddress(gone), subject: 'Anyone there?', text: 'x' });
      expect(sent.response).toContain('suspended_tenant');
      expect((await gone.admin.get('/api/v1/tickets')).json.items).toHaveLength(before);
      await setTenantSuspension(gone.id, null);
      const again = await sendInbound({ from: `s.${unique()}@customer.example`, to: inboundAddress(gone), subject: 'Back?', text: 'x' });
      expect((await ticket(gone, numberIn(again.response, 'created'))).ticket.subject).toBe('Back?');
    });

    it('a support address routes to its team, and belongs to one tenant only', async () => {
      const team = await t.admin.post('/api/v1/teams', { name: { en: `Billing ${unique()}`, de: `Buchhaltung ${unique()}` } });
      expect(team.status, team.text).toBe(201);
      const address = `billing.${unique()}@org.example`;
      const s = await t.admin.get('/api/v1/tenant/inbound');
      expect(s.json.inboundAddress).toBe(inboundAddress(t));
      const put = await t.admin.put('/api/v1/tenant/inbound', { supportAddresses: [{ address, teamId: team.json.id }], version: s.json.version });
      expect(put.status, put.text).toBe(200);
      expect(put.json.supportAddresses).toEqual([{ address, teamId: team.json.id }]);

      const theirs = await other.admin.get('/api/v1/tenant/inbound');
      const steal = await other.admin.put('/api/v1/tenant/inbound', { supportAddresses: [{ address }], version: theirs.json.version });
      expect(steal.status).toBe(409);
      expect(steal.json.errors[0]).toMatchObject({ path: 'supportAddresses.0.address', code: 'address_taken' });

      const stale = await t.admin.put('/api/v1/tenant/inbound', { reopenGraceDays: 3, version: s.json.version });
      expect(stale.status).toBe(409);

      const sent = await sendInbound({ from: `pay.${unique()}@customer.example`, to: address, subject: 'Invoice wrong', text: 'x' });
      const n = numberIn(sent.response, 'created');
      const d = await t.admin.get(`/api/v1/tickets/${n}`);
      expect(d.json.ticket.team?.id ?? d.json.ticket.teamId).toBe(team.json.id);
    });

    it('only admins read and change the inbound settings', async () => {
      const cora = await newCustomer(t, 'Cora Settings');
      expect((await cora.client.get('/api/v1/tenant/inbound')).status).toBe(403);
      expect((await cora.client.put('/api/v1/tenant/inbound', { version: 0 })).status).toBe(403);
    });
  });
});
