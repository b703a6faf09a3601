/**
 * The coordinator's split-and-merge journey in the browser, in German on a 375 px phone and in
 * English on a 1280 px desktop, with coordinator, two agents and the customer each in their own
 * browser context: the coordinator splits a request into a hidden part for one agent and a
 * transparent part for another; each agent answers their part; the parent shows the partial
 * answers and then "all parts answered"; the coordinator writes the summary quoting both; the
 * customer reads the summary and sees the transparent part, never the hidden one.
 *
 * Accepting the request and the agents accepting their parts are the workflow core's steps:
 * this spec puts the tickets into those stages with `putInStage` (test/support/stages.ts).
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { putInStage } from '../support/stages.ts';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, forEachViewport, overflowsSideways, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';

const SHOTS = 'test-results/browser-split';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    splitOpen: 'In Teilaufgaben aufteilen…',
    partSubject: 'Betreff des Teils',
    instruction: 'Anweisung für die Bearbeitung',
    person: 'Person',
    hidden: 'Verdeckt (interne Klärung)',
    transparent: 'Transparent (der Anfragende sieht ihn)',
    splitSubmit: 'Ticket aufteilen',
    splitDone: (a: number, b: number) => `Aufgeteilt in die Teile #${a}, #${b}.`,
    parent: (n: number) => `Dies ist ein Teil von Ticket #${n}.`,
    sendAnswer: 'Antwort senden',
    partialAnswers: 'Teilantworten',
    quote: 'In der Antwort zitieren',
    allAnswered: 'Alle Teile sind beantwortet',
    done: 'erledigt',
    partsCustomer: 'Teile Ihrer Anfrage',
  },
  en: {
    splitOpen: 'Split into parts…',
    partSubject: 'Subject of the part',
    instruction: 'Instruction for the assignee',
    person: 'Person',
    hidden: 'Hidden (internal clarification)',
    transparent: 'Transparent (the requester sees it)',
    splitSubmit: 'Split the ticket',
    splitDone: (a: number, b: number) => `Split into parts #${a}, #${b}.`,
    parent: (n: number) => `This is a part of ticket #${n}.`,
    sendAnswer: 'Send answer',
    partialAnswers: 'Partial answers',
    quote: 'Quote in the answer',
    allAnswered: 'All parts are answered',
    done: 'done',
    partsCustomer: 'Parts of your request',
  },
} as const;

const HIDDEN = { subject: 'Check the service contract', instruction: 'Is the drum covered by clause 7?', answer: 'Clause 7 covers the drum.' };
const VISIBLE = { subject: 'Order a replacement drum', instruction: 'Order one drum for the HL-2040', answer: 'The drum arrives on Thursday.' };

const browser = useBrowser(SHOTS);

forEachViewport('split and merge', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];

  const as = async (client: { cookies: Map<string, string> }): Promise<Page> => (await signedInPage(browser(), v, client)).page;

  it(
    'the coordinator splits, two agents answer their parts, the coordinator merges; the customer sees the summary and only the transparent part',
    { timeout: 180_000 },
    async () => {
      const t = await newTenant(`split-${lang}`, lang);
      const coordinator = await newStaff(t, 'coordinator', 'Clara Koordinatorin');
      const anton = await newStaff(t, 'agent', 'Anton Agent');
      const berta = await newStaff(t, 'agent', 'Berta Agent');
      const cora = await newCustomer(t, 'Cora Kundin');
      const n: number = (await cora.client.post('/api/v1/tickets', { subject: 'Printer prints streaks', description: 'Grey streaks on every page' })).json
        .ticket.number;
      await putInStage(t.id, n, { stage: 'clarifying' }); // accepted by the coordinator

      const c = await as(coordinator.client);
      let page: Page = c;
      try {
        // the coordinator splits into a hidden part for Anton and a transparent one for Berta
        await c.goto(`/${t.slug}/agent/tickets/${n}`);
        await c.getByRole('button', { name: T.splitOpen }).click();
        const [one, two] = [c.getByTestId('split-part').nth(0), c.getByTestId('split-part').nth(1)];
        await one.getByLabel(T.partSubject).fill(HIDDEN.subject);
        await one.getByLabel(T.instruction).fill(HIDDEN.instruction);
        await one.getByLabel(T.person, { exact: true }).selectOption({ label: 'Anton Agent' });
        await one.getByLabel(T.hidden).check();
        await two.getByLabel(T.partSubject).fill(VISIBLE.subject);
        await two.getByLabel(T.instruction).fill(VISIBLE.instruction);
        await two.getByLabel(T.person, { exact: true }).selectOption({ label: 'Berta Agent' });
        await two.getByLabel(T.transparent).check();
        expect(await overflowsSideways(c)).toBe(false);
        expect(await axeViolations(c)).toEqual([]);
        await c.getByRole('button', { name: T.splitSubmit }).click();
        await seen(c.getByTestId('split-done').filter({ hasText: T.splitDone(n + 1, n + 2) }));
        const [hidden, visible] = [n + 1, n + 2];
        await poll(() => c.getByTestId('part').count()).toBe(2);
        await putInStage(t.id, hidden, { stage: 'in_progress' }); // Anton accepted his part
        await putInStage(t.id, visible, { stage: 'in_progress' }); // Berta accepted hers

        // Anton answers his part: it links back to the request, and his answer goes to the coordinator's ticket
        const a = await as(anton.client);
        page = a;
        await a.goto(`/${t.slug}/agent/tickets/${hidden}`);
        await seen(a.getByTestId('parent-link').filter({ hasText: T.parent(n) }));
        await a.locator('#reply-body').fill(HIDDEN.answer);
        await a.getByRole('button', { name: T.sendAnswer }).click();
        await seen(a.getByTestId('message').filter({ hasText: HIDDEN.answer }));

        // the request shows Anton's partial answer to the coordinator, and Berta's part still open
        page = c;
        await c.reload();
        const partial = await seen(c.getByRole('region', { name: T.partialAnswers }));
        await seen(partial.getByTestId('partial-answer').filter({ hasText: HIDDEN.answer }));
        expect(await c.getByTestId('all-parts-answered').count()).toBe(0);

        // Berta answers hers
        const b = await as(berta.client);
        page = b;
        await b.goto(`/${t.slug}/agent/tickets/${visible}`);
        await b.locator('#reply-body').fill(VISIBLE.answer);
        await b.getByRole('button', { name: T.sendAnswer }).click();
        await seen(b.getByTestId('message').filter({ hasText: VISIBLE.answer }));

        // every part answered: the coordinator quotes both partial answers into one summary
        page = c;
        await c.reload();
        await seen(c.getByTestId('all-parts-answered').filter({ hasText: T.allAnswered }));
        await poll(() => c.locator('[data-testid="part"][data-stage="closed"]').count()).toBe(2);
        expect(await axeViolations(c)).toEqual([]);
        await c.locator(`[data-testid="partial-answer"][data-part="${hidden}"]`).getByRole('button', { name: T.quote }).click();
        await c.locator(`[data-testid="partial-answer"][data-part="${visible}"]`).getByRole('button', { name: T.quote }).click();
        const reply = c.locator('#reply-body');
        expect(await reply.inputValue()).toContain(`> ${HIDDEN.answer}`);
        expect(await reply.inputValue()).toContain(`> ${VISIBLE.answer}`);
        await reply.fill(`${await reply.inputValue()}\nIn short: no cost for you, the drum arrives on Thursday.`);
        expect(await overflowsSideways(c)).toBe(false);
        await c.getByRole('button', { name: T.sendAnswer }).click();
        await seen(c.getByTestId('message').filter({ hasText: 'In short: no cost for you' }));

        // the customer reads the summary and sees the transparent part done, nothing of the hidden one
        const k = await as(cora.client);
        page = k;
        await k.goto(`/${t.slug}/tickets/${n}`);
        await seen(k.getByTestId('message').filter({ hasText: 'In short: no cost for you' }));
        const parts = await seen(k.getByRole('region', { name: T.partsCustomer }));
        await seen(parts.getByTestId('part').filter({ hasText: VISIBLE.subject }).filter({ hasText: T.done }));
        expect(await parts.getByTestId('part').count()).toBe(1);
        const everything = await k.locator('body').innerText();
        for (const secret of [HIDDEN.subject, HIDDEN.instruction, VISIBLE.instruction]) expect(everything).not.toContain(secret);
        expect(await overflowsSideways(k)).toBe(false);
        expect(await axeViolations(k)).toEqual([]);
        await shot(k, `split-${lang}-${width}-customer`, SHOTS);
        await shot(c, `split-${lang}-${width}-coordinator`, SHOTS);
        for (const u of v.users) expect(u.errors).toEqual([]);
      } catch (err) {
        await shot(page, `split-${lang}-${width}-failure`, SHOTS);
        throw err;
      }
    },
  );
});
