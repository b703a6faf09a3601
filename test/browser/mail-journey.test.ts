/**
 * The mail channel end to end (issue 8), through the real UI, the real SMTP port and the SES
 * stand-in's store: a customer pastes a screenshot into a new request in the portal; the agent
 * sees its thumbnail and answers with a PDF; the customer receives the answer by mail, the PDF
 * attached; the customer replies to that mail (to its Reply-To address, quoting its Message-ID),
 * and the reply appears in the ticket the agent is looking at.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { PDF, PNG } from '../support/files.ts';
import { parsedMail, waitForMail } from '../support/mail.ts';
import { sendInbound } from '../support/inbound.ts';
import { putInStage } from '../support/stages.ts';
import { launchBrowser, newUser, poll, seen, shot, text, type User } from './browser.ts';

const baseUrl = inject('baseUrl');
const SHOTS = 'test-results/browser-mail-journey';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const T = { subject: 'Subject', description: 'Description', send: 'Send request', ready: 'ready', sendAnswer: 'Send answer' } as const;

let browser: Browser;
const users: User[] = [];
beforeAll(async () => {
  browser = await launchBrowser(SHOTS);
});
afterAll(async () => {
  for (const u of users) await u.context.close();
  await browser?.close();
});

it('a pasted screenshot, an answer with a PDF by mail, and the customer’s reply by mail back in the ticket', { timeout: 300_000 }, async () => {
  const t = await newTenant('journey', 'en');
  const customer = await newCustomer(t, 'Jules Journey');
  const agent = await newStaff(t, 'agent', 'Ada Answer');

  // The customer pastes a screenshot into a new request in the portal.
  const c = await newUser(browser, { width: 1280, height: 800, locale: 'en-GB', baseURL: baseUrl });
  users.push(c);
  // A loaded machine (several suites at once) may take long: bounds, not expectations of speed.
  c.context.setDefaultTimeout(60_000);
  c.context.setDefaultNavigationTimeout(60_000);
  await c.context.addCookies([...customer.client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
  await c.page.goto(`/${t.slug}/new`);
  await (await seen(c.page.getByLabel(T.subject, { exact: true }))).fill('Scanner shows E-17');
  const description = c.page.getByLabel(T.description, { exact: true });
  await description.fill('The display shows this:');
  await description.focus();
  await description.evaluate(
    (el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [...PNG],
  );
  await poll(() => c.page.getByTestId('upload').getAttribute('data-state'), 60_000).toBe('done');
  await c.page.getByRole('button', { name: T.send }).click();
  await c.page.waitForURL(/\/tickets\/\d+$/).catch(async (err: unknown) => {
    await shot(c.page, 'customer-request-not-sent', SHOTS);
    throw err;
  });
  const number = Number(c.page.url().split('/').pop());
  // Assignment is another part's operation: the ticket is put in progress with the agent, as it would leave it.
  await putInStage(t.id, number, { stage: 'in_progress', assigneeId: agent.id, assigneeName: 'Ada Answer' });

  // The agent sees the thumbnail and answers with a PDF.
  const a = await newUser(browser, { width: 1280, height: 900, locale: 'en-GB', baseURL: baseUrl });
  users.push(a);
  a.context.setDefaultTimeout(60_000);
  a.context.setDefaultNavigationTimeout(60_000);
  await a.context.addCookies([...agent.client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
  await a.page.goto(`/${t.slug}/agent/tickets/${number}`);
  const thumb = await seen(a.page.getByTestId('thumbnail'));
  await poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth), 60_000).toBe(1);
  await a.page.locator('#reply-body').fill('Please follow the attached guide to reset the scanner.');
  await a.page.locator('#reply-files').setInputFiles({ name: 'scanner-guide.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await poll(() => a.page.getByTestId('upload').last().getAttribute('data-state'), 60_000).toBe('done');
  await a.page.getByRole('button', { name: T.sendAnswer }).click();
  await seen(a.page.getByTestId('message').filter({ hasText: 'Please follow the attached guide' }));

  // The customer receives the answer by mail, with the PDF.
  const mail = await waitForMail(customer.email, { subject: `[#${number}]`, tries: 600 }).then(async function answer(m): Promise<typeof m> {
    if (m.body.text?.includes('attached guide')) return m;
    return waitForMail(customer.email, { subject: `[#${number}]`, notIn: [m], tries: 600 }).then(answer);
  });
  const parsed = await parsedMail(mail);
  expect(parsed.text).toContain('Please follow the attached guide to reset the scanner.');
  expect(parsed.attachments.map((f) => f.filename)).toEqual(['scanner-guide.pdf']);
  expect(Buffer.compare(parsed.attachments[0]!.content, Buffer.from(PDF))).toBe(0);
  const replyTo = parsed.replyTo!.value[0]!.address!;

  // The customer replies by mail, through the SMTP port, to the Reply-To address.
  await sendInbound({
    from: `Jules Journey <${customer.email}>`,
    to: replyTo,
    subject: `Re: ${parsed.subject}`,
    inReplyTo: parsed.messageId,
    references: [parsed.messageId!],
    text: 'Thanks, the guide worked: the scanner is back.\n\n> Please follow the attached guide to reset the scanner.',
  });

  // The reply appears in the ticket the agent is looking at.
  await poll(async () => {
    await a.page.reload();
    await seen(a.page.getByTestId('messages'));
    return text(a.page.getByTestId('messages'));
  }, 60_000).toContain('Thanks, the guide worked');
  await shot(a.page, 'agent-sees-mail-reply', SHOTS);
  expect([...c.errors, ...a.errors]).toEqual([]);
});
