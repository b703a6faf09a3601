/**
 * Attachments (issue 8, K17) through the real UI, in German on a 375 px phone and in English on
 * a 1280 px desktop: a customer pastes a screenshot into the description of a new request (the
 * clipboard holds an image, as after a screen capture), sees it upload, sends the request, and
 * the agent sees the screenshot as a thumbnail on the ticket, loaded from the files bucket.
 * Both pages, with the files on them, pass axe-core's WCAG 2.1 AA rules and break no CSP rule.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { PDF, PNG } from '../support/files.ts';
import { axeViolations, forEachViewport, overflowsSideways, poll, seen, shot, signedInPage, useBrowser, type User } from './browser.ts';

const SHOTS = 'test-results/browser-attachments';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    subject: 'Betreff',
    description: 'Beschreibung',
    send: 'Anfrage senden',
    attachments: 'Anhänge',
    ready: 'bereit',
    addFiles: 'Dateien hinzufügen',
    publicAnswer: 'Öffentliche Antwort',
    sendAnswer: 'Antwort senden',
    remove: (n: string) => `${n} entfernen`,
  },
  en: {
    subject: 'Subject',
    description: 'Description',
    send: 'Send request',
    attachments: 'Attachments',
    ready: 'ready',
    addFiles: 'Add files',
    publicAnswer: 'Public answer',
    sendAnswer: 'Send answer',
    remove: (n: string) => `Remove ${n}`,
  },
} as const;

const browser = useBrowser(SHOTS);

/** Paste an image into the focused field, as the clipboard delivers a screen capture (an unnamed PNG). */
async function pasteScreenshot(u: User, selector: string): Promise<void> {
  await u.page.locator(selector).evaluate(
    (el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [...PNG],
  );
}

forEachViewport('attachments', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  it('a pasted screenshot goes with the new request, and the agent sees it as a thumbnail', { timeout: 90_000 }, async () => {
    const t = await newTenant(`att-${lang}`, lang);
    const customer = await newCustomer(t, 'Paula Paste');
    expect((await customer.client.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const agent = await newStaff(t, 'agent', 'Arne Agent');
    expect((await agent.client.patch('/api/v1/me', { language: lang })).status).toBe(200);
    const cspViolations: string[] = [];

    const c = await signedInPage(browser(), v, customer.client);
    c.page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
    await c.page.goto(`/${t.slug}/new`);
    await (await seen(c.page.getByLabel(T.subject, { exact: true }))).fill('Printer shows E-42');
    const description = c.page.getByLabel(T.description, { exact: true });
    await description.fill('The display shows this:');
    await description.focus();
    await pasteScreenshot(c, '#description');
    const upload = c.page.getByTestId('upload');
    await poll(() => upload.getAttribute('data-state')).toBe('done');
    await expect(upload.innerText()).resolves.toContain(T.ready);
    expect(await upload.innerText()).toMatch(/screenshot-\d{8}-\d{6}\.png/);
    // the picker is reachable by keyboard and labelled
    await expect(c.page.getByRole('group', { name: T.attachments }).count()).resolves.toBe(1);
    await expect(c.page.getByLabel(T.addFiles).count()).resolves.toBe(1);
    expect(await axeViolations(c.page)).toEqual([]);
    await shot(c.page, `${lang}-${width}-new-request`, SHOTS);
    await c.page.getByRole('button', { name: T.send }).click();
    await c.page.waitForURL(/\/tickets\/\d+$/);
    const number = Number(c.page.url().split('/').pop());

    // the customer sees their own screenshot on the request
    const own = c.page.getByTestId('thumbnail');
    await seen(own);
    await poll(() => own.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);

    const a = await signedInPage(browser(), v, agent.client);
    a.page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
    await a.page.goto(`/${t.slug}/agent/tickets/${number}`);
    const thumb = a.page.getByTestId('thumbnail');
    await seen(thumb);
    expect(await thumb.getAttribute('alt')).toMatch(/^screenshot-\d{8}-\d{6}\.png$/);
    // the image really came from the files bucket (a broken image has no natural width)
    await poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    expect(await axeViolations(a.page)).toEqual([]);
    expect(await overflowsSideways(a.page)).toBe(false);
    await shot(a.page, `${lang}-${width}-agent-thumbnail`, SHOTS);

    // The coordinator (here the admin) answers with a PDF picked by file chooser; a file picked by mistake is removed first.
    const coord = await signedInPage(browser(), v, t.admin);
    coord.page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));
    await coord.page.goto(`/${t.slug}/agent/tickets/${number}`);
    await (await seen(coord.page.getByRole('radio', { name: T.publicAnswer }))).check();
    await coord.page.locator('#reply-body').fill('Please follow the attached guide.');
    await coord.page.locator('#reply-files').setInputFiles([
      { name: 'wrong.txt', mimeType: 'text/plain', buffer: Buffer.from('not this one') },
      { name: 'guide.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) },
    ]);
    await poll(() => coord.page.locator('[data-testid=upload][data-state=done]').count()).toBe(2);
    await coord.page.getByRole('button', { name: T.remove('wrong.txt') }).click();
    await poll(() => coord.page.getByTestId('upload').count()).toBe(1);
    await coord.page.getByRole('button', { name: T.sendAnswer }).click();
    await poll(() => coord.page.getByTestId('upload').count()).toBe(0);

    // The customer sees the PDF as a download with name and size, and not the removed file.
    await c.page.reload();
    const downloads = c.page.getByTestId('download');
    await seen(downloads.first());
    expect((await downloads.allInnerTexts()).map((s) => s.replace(/\s+/g, ' '))).toEqual([`guide.pdf (${PDF.byteLength} B)`]);
    expect(await axeViolations(c.page)).toEqual([]);
    await shot(c.page, `${lang}-${width}-customer-download`, SHOTS);
    expect(cspViolations).toEqual([]);
    expect([...c.errors, ...a.errors, ...coord.errors]).toEqual([]);
  });
});
