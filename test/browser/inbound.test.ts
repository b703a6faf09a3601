/**
 * Inbound mail in the real UI (issue 8), in German on a 375 px phone and in English on a 1280 px
 * desktop: a mail sent through the SMTP port shows in the agent's ticket with its sender, the
 * quoted history folded until asked for, the tracking pixel not loaded until asked for, the
 * inline screenshot shown from its attachment, and a download of the original for staff only;
 * the requester sees the same mail without that download. The admin sees the inbound address
 * and routes an own support address to a team. No page has an accessibility violation.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newTenant } from '../support/tenants.ts';
import { inboundAddress, sendInbound } from '../support/inbound.ts';
import { PASSWORD } from '../support/tenants.ts';
import { apiClient } from '../support/api.ts';
import { linkIn, waitForMail } from '../support/mail.ts';
import { axeViolations, forEachViewport, overflowsSideways, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-inbound';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    from: (f: string) => `Von ${f}`,
    showQuote: 'Zitierten Text anzeigen',
    hideQuote: 'Zitierten Text ausblenden',
    showImages: 'Externe Bilder anzeigen',
    original: 'Original-Mail herunterladen',
    inboundAddress: 'Ihre Eingangsadresse',
    supportAddresses: 'Support-Adressen',
    addAddress: 'Adresse hinzufügen',
    address: 'Adresse',
    team: 'Team',
    save: 'Einstellungen speichern',
    saved: 'Einstellungen für eingehende Mail gespeichert.',
  },
  en: {
    from: (f: string) => `From ${f}`,
    showQuote: 'Show quoted text',
    hideQuote: 'Hide quoted text',
    showImages: 'Show remote images',
    original: 'Download original mail',
    inboundAddress: 'Your inbound address',
    supportAddresses: 'Support addresses',
    addAddress: 'Add address',
    address: 'Address',
    team: 'Team',
    save: 'Save inbound settings',
    saved: 'Inbound settings saved.',
  },
} as const;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const browser = useBrowser(SHOTS);

forEachViewport('inbound mail', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it(
    'the agent reads a mail with folded quote, blocked pixel and inline screenshot; the requester reads it too; the admin routes a support address',
    { timeout: 120_000 },
    async () => {
      const t = await newTenant(`inbound-ui-${lang}`, lang);
      const sender = `mira.${lang}.${Date.now()}@customer.example`;
      const sent = await sendInbound({
        from: `Mira Mail <${sender}>`,
        to: inboundAddress(t),
        subject: 'Scanner druckt leer',
        html:
          '<p>Der Scanner liefert nur leere Seiten.</p><p><img src="cid:scan@customer.example" alt="Screenshot"></p>' +
          '<img src="https://tracker.example/pixel.gif" alt="" width="1" height="1">' +
          '<blockquote>Am Montag schrieb der Support: Bitte senden Sie einen Screenshot.</blockquote>',
        attachments: [{ filename: 'scan.png', content: PNG, cid: 'scan@customer.example', contentType: 'image/png' }],
      });
      const n = Number(/created #(\d+)/.exec(sent.response)![1]);
      const team = await t.admin.post('/api/v1/teams', { name: { de: 'Technik', en: 'Engineering' } });
      expect(team.status, team.text).toBe(201);

      const agent = await signedInPage(browser(), v, t.admin);
      const p = agent.page;
      await p.goto(`/${t.slug}/agent/tickets/${n}`);
      const mail = await seen(p.getByTestId('mail-body'));
      await seen(mail.getByText(T.from(`Mira Mail <${sender}>`)));
      await seen(mail.getByText('Der Scanner liefert nur leere Seiten.'));
      // The quote is folded, the pixel has no address to load, the screenshot comes from its attachment.
      const quote = mail.getByText('Bitte senden Sie einen Screenshot.');
      expect(await quote.isVisible()).toBe(false);
      expect(await mail.locator('img[data-remote-src]').getAttribute('src')).toBeNull();
      await poll(async () => (await mail.locator('img[data-attachment-id]').getAttribute('src')) ?? '').toMatch(/^http/);
      expect(await axeViolations(p)).toEqual([]);
      await shot(p, `agent-mail-${lang}-${width}`, SHOTS);
      await mail.getByRole('button', { name: T.showQuote }).click();
      await seen(quote);
      await seen(mail.getByRole('button', { name: T.hideQuote }));
      await mail.getByRole('button', { name: T.showImages }).click();
      expect(await mail.locator('img[data-remote-src]').getAttribute('src')).toBe('https://tracker.example/pixel.gif');
      await seen(mail.getByRole('button', { name: T.original }));
      expect(await overflowsSideways(p)).toBe(false);

      // The requester (the new contact) registers with the address the mail came from and sees the same mail, without the original.
      const customer = apiClient().as(`customer-${sender}`);
      expect((await customer.post(`/api/v1/portals/${t.slug}/register`, { name: 'Mira Mail', email: sender, password: PASSWORD })).status).toBe(202);
      const verify = await waitForMail(sender, { subject: /confirm|bestätigen/i });
      const token = linkIn(verify, `/${t.slug}/verify`).searchParams.get('token');
      expect((await customer.post('/api/v1/auth/verify-email', { token, password: PASSWORD })).status).toBe(200);
      const portal = await signedInPage(browser(), v, customer);
      await portal.page.goto(`/${t.slug}/tickets/${n}`);
      const theirs = await seen(portal.page.getByTestId('mail-body'));
      await seen(theirs.getByText('Der Scanner liefert nur leere Seiten.'));
      expect(await theirs.getByRole('button', { name: T.original }).count()).toBe(0);
      expect(await axeViolations(portal.page)).toEqual([]);
      await shot(portal.page, `portal-mail-${lang}-${width}`, SHOTS);

      // The admin: the inbound address, and an own support address routed to the team.
      await p.goto(`/${t.slug}/admin/mail`);
      const address = await seen(p.getByRole('region', { name: T.inboundAddress }));
      await seen(address.getByText(inboundAddress(t)));
      const support = p.getByRole('region', { name: T.supportAddresses });
      await support.getByRole('button', { name: T.addAddress }).click();
      await support.getByLabel(T.address, { exact: true }).fill(`help-${lang}@${t.slug}.example`);
      await support.getByLabel(T.team, { exact: true }).selectOption({ label: lang === 'de' ? 'Technik' : 'Engineering' });
      await support.getByRole('button', { name: T.save }).click();
      await seen(support.getByRole('status').filter({ hasText: T.saved }));
      expect((await t.admin.get('/api/v1/tenant/inbound')).json.supportAddresses).toEqual([
        { address: `help-${lang}@${t.slug}.example`, teamId: team.json.id },
      ]);
      expect(await axeViolations(p)).toEqual([]);
      expect(await overflowsSideways(p)).toBe(false);
      await shot(p, `admin-mail-${lang}-${width}`, SHOTS);
      expect(agent.errors).toEqual([]);
      expect(portal.errors).toEqual([]);
    },
  );
});
