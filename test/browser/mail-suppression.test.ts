/**
 * A customer whose mail is suppressed (issue 8: our mail to them bounced hard, or they reported
 * it as spam) learns it in the portal, on their requests and on a request's page, and switches
 * mail back on themselves; in German on a 375 px phone and in English on a 1280 px desktop.
 * Another customer of the same tenant, whose mail flows, sees no notice.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { suppressUserMail } from '../../shared/db/delivery.ts';
import { newCustomer, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, overflowsSideways, seen, shot, signedInPage, text, useBrowser, type User } from './browser.ts';

const SHOTS = 'test-results/browser-mail-suppression';

/** The texts this spec reads, copied from web/src/lib/texts/more.*.ts (a change there must show here). */
const TEXTS = {
  de: {
    title: 'Wir können Ihnen zurzeit keine E-Mails senden',
    bounced: (email: string) => `Unsere E-Mail an ${email} kam als unzustellbar zurück.`,
    button: 'E-Mails wieder senden',
    resumed: (email: string) => `Wir senden E-Mails wieder an ${email}.`,
    myRequests: 'Meine Anfragen',
  },
  en: {
    title: 'We cannot send you email at the moment',
    bounced: (email: string) => `Our email to ${email} came back as undeliverable.`,
    button: 'Send me email again',
    resumed: (email: string) => `We send email to ${email} again.`,
    myRequests: 'My requests',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('a customer whose mail bounced,', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  const as = (client: { cookies: Map<string, string> }): Promise<User> => signedInPage(browser(), v, client);

  it('sees why no mail comes, on the request and the list, and switches mail back on', { timeout: 120_000 }, async () => {
    const t = await newTenant(`suppress-${lang}`, lang);
    const [cora, nils] = await Promise.all([newCustomer(t, 'Cora Kundin', { language: lang }), newCustomer(t, 'Nils Nachbar', { language: lang })]);
    const created = await cora.client.post('/api/v1/tickets', { subject: 'Drucker', description: 'Druckt nicht' });
    expect(created.status, created.text).toBe(201);
    const n = created.json.ticket.number as number;
    await suppressUserMail(t.id, cora.id, { reason: 'hard_bounce', detail: '550 5.1.1 user unknown', at: new Date().toISOString() });

    const { page, errors } = await as(cora.client);
    await page.goto(`/${t.slug}/tickets/${n}`);
    const notice = await seen(page.getByTestId('own-mail-suppressed'));
    expect(await text(notice)).toContain(T.title);
    expect(await text(notice)).toContain(T.bounced(cora.email));
    expect(await text(notice)).toContain('550 5.1.1 user unknown');
    await shot(page, `${lang}-${width}-ticket-suppressed`, SHOTS);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowsSideways(page)).toBe(false);

    await page.goto(`/${t.slug}/`);
    await seen(page.getByTestId('own-mail-suppressed'));
    await page.getByRole('button', { name: T.button }).click();
    expect(await text(await seen(page.getByTestId('own-mail-resumed')))).toBe(T.resumed(cora.email));
    expect(await page.getByTestId('own-mail-suppressed').count()).toBe(0);
    await shot(page, `${lang}-${width}-list-resumed`, SHOTS);
    expect((await cora.client.get(`/api/v1/users/${cora.id}/mail-suppression`)).json).toEqual({ suppressed: false });
    // On the next visit nothing is left to say.
    await page.reload({ waitUntil: 'networkidle' });
    await seen(page.getByRole('heading', { name: T.myRequests }));
    expect(await page.getByTestId('own-mail-suppressed').count()).toBe(0);
    expect(errors).toEqual([]);

    // A neighbour whose mail flows sees no notice.
    const other = await as(nils.client);
    await other.page.goto(`/${t.slug}/`, { waitUntil: 'networkidle' });
    await seen(other.page.getByRole('heading', { name: T.myRequests }));
    expect(await other.page.getByTestId('own-mail-suppressed').count()).toBe(0);
  });
});
