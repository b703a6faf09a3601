/**
 * Templates (K13) through the real UI, in German on a 375 px phone and in English on a
 * 1280 px desktop: an agent opens the templates page from the header, is told by name about a
 * placeholder that does not exist, sees the preview filled with sample values, saves the
 * template, and inserts it at the cursor of a ticket's reply box, where the placeholders carry
 * the requester's name and the ticket's number; the answer sent reaches the requester so.
 * A save over a colleague’s newer change is refused with the conflict shown; both pages, filled,
 * pass axe-core’s WCAG 2.1 AA rules.
 *
 * Needs the web build (`npm run build:web`) and Debian's Chromium (/usr/lib/chromium/chromium).
 */
import { expect, it } from 'vitest';
import { newCustomer, newStaff, newTenant } from '../support/tenants.ts';
import { axeViolations, fieldError, forEachViewport, navTo, poll, seen, shot, signedInPage, useBrowser } from './browser.ts';
import { TEXTS as COMMON } from './texts.ts';

const SHOTS = 'test-results/browser-templates';

/** The texts this spec reads, copied from web/src/lib/texts/ (a change there must show here). */
const TEXTS = {
  de: {
    templates: 'Vorlagen',
    name: 'Name',
    kind: 'Art',
    answer: 'Antwort',
    body: 'Text',
    create: 'Vorlage anlegen',
    created: (n: string) => `Vorlage „${n}“ angelegt.`,
    unknown: '{{requester.nme}} ist kein Platzhalter. Erlaubt sind die unten genannten.',
    pick: 'Vorlage einfügen',
    insert: 'Einfügen',
    templateName: 'Eingangsbestätigung',
    body1: 'Hallo {{requester.nme}},\nIhr Ticket #{{ticket.number}} ist bei uns.\n{{agent.name}}',
    body2: 'Hallo {{requester.name}},\nIhr Ticket #{{ticket.number}} ist bei uns.\n{{agent.name}}',
    preview: 'Hallo Anna Beispiel,\nIhr Ticket #1234 ist bei uns.\nBen Bearbeiter',
    filled: (n: number) => `Hallo Greta Requester,\nIhr Ticket #${n} ist bei uns.\nArne Agent`,
    closing: '\n\nViele Grüße',
    editOf: (n: string) => `${n} bearbeiten`,
    save: 'Speichern',
    conflict: 'Jemand hat dies inzwischen geändert. Bitte neu laden und erneut versuchen.',
  },
  en: {
    templates: 'Templates',
    name: 'Name',
    kind: 'Kind',
    answer: 'Answer',
    body: 'Text',
    create: 'Create template',
    created: (n: string) => `Template “${n}” created.`,
    unknown: '{{requester.nme}} is not a placeholder. Use those listed below.',
    pick: 'Insert a template',
    insert: 'Insert',
    templateName: 'We have your ticket',
    body1: 'Hello {{requester.nme}},\nyour ticket #{{ticket.number}} is with us.\n{{agent.name}}',
    body2: 'Hello {{requester.name}},\nyour ticket #{{ticket.number}} is with us.\n{{agent.name}}',
    preview: 'Hello Anna Example,\nyour ticket #1234 is with us.\nBen Agent',
    filled: (n: number) => `Hello Greta Requester,\nyour ticket #${n} is with us.\nArne Agent`,
    closing: '\n\nKind regards',
    editOf: (n: string) => `Edit ${n}`,
    save: 'Save',
    conflict: 'Someone changed this meanwhile. Please reload and try again.',
  },
} as const;

const browser = useBrowser(SHOTS);

forEachViewport('templates', (v) => {
  const { lang, width } = v;
  const T = TEXTS[lang];
  const C = COMMON[lang];

  it('an agent keeps an answer template and inserts it into the reply box, filled for this ticket', { timeout: 90_000 }, async () => {
    const t = await newTenant(`tmpl-${lang}`, lang);
    const customer = await newCustomer(t, 'Greta Requester');
    const ticket = await customer.client.post('/api/v1/tickets', { subject: 'Printer jams', description: 'Every second page.' });
    expect(ticket.status, ticket.text).toBe(201);
    const number = ticket.json.ticket.number as number;
    const agent = await newStaff(t, 'agent', 'Arne Agent');
    expect((await agent.client.patch('/api/v1/me', { language: lang })).status).toBe(200);
    // the coordinator's part (here the admin's): accept, assign to the agent, who accepts it and may answer
    expect((await t.admin.post(`/api/v1/tickets/${number}/accept`, {})).status).toBe(200);
    expect((await t.admin.post(`/api/v1/tickets/${number}/assign`, { assigneeId: agent.id })).status).toBe(200);
    expect((await agent.client.post(`/api/v1/tickets/${number}/accept-assignment`, {})).status).toBe(200);

    const u = await signedInPage(browser(), v, agent.client);
    const p = u.page;
    try {
      await p.goto(`/${t.slug}/agent`);
      await seen(p.getByTestId('ticket-row').first());
      await navTo(p, C, T.templates);
      await seen(p.getByRole('heading', { level: 1, name: T.templates }));

      // a misspelt placeholder is named under the text and nothing is stored
      await p.getByLabel(T.name, { exact: true }).fill(T.templateName);
      await p.getByLabel(T.kind, { exact: true }).selectOption({ label: T.answer });
      const body = p.getByLabel(T.body, { exact: true });
      await body.fill(T.body1);
      await p.getByRole('button', { name: T.create }).click();
      await poll(() => fieldError(body)).toBe(T.unknown);
      expect((await agent.client.get('/api/v1/templates')).json.items).toEqual([]);

      // corrected: the preview shows sample values, then it is kept
      await body.fill(T.body2);
      await poll(() => p.getByTestId('template-preview').innerText()).toBe(T.preview);
      await p.getByRole('button', { name: T.create }).click();
      await seen(p.getByRole('status').filter({ hasText: T.created(T.templateName) }));
      await seen(p.getByTestId('template-row').filter({ hasText: T.templateName }));
      await shot(p, `templates-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);

      // a colleague (here: the API) saves first: this page's save is refused, nothing is overwritten
      await p.getByRole('button', { name: T.editOf(T.templateName) }).click();
      await p.getByLabel(T.name, { exact: true }).fill('Overwritten');
      const [kept] = (await agent.client.get('/api/v1/templates')).json.items;
      expect((await agent.client.patch(`/api/v1/templates/${kept.id}`, { name: T.templateName, version: kept.version })).status).toBe(200);
      await p.getByRole('button', { name: T.save, exact: true }).click();
      await seen(p.getByRole('alert').filter({ hasText: T.conflict }));
      expect((await agent.client.get('/api/v1/templates')).json.items).toEqual([expect.objectContaining({ name: T.templateName, version: 2 })]);

      // on the ticket: inserted where the cursor is (before the closing already typed)
      await p.goto(`/${t.slug}/agent/tickets/${number}`);
      const reply = p.getByRole('textbox', { name: C.publicAnswer, exact: true });
      await reply.fill(T.closing);
      await reply.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
      await p.getByLabel(T.pick, { exact: true }).selectOption({ label: `${T.templateName} · ${T.answer}` });
      await p.getByRole('button', { name: T.insert, exact: true }).click();
      await poll(() => reply.inputValue()).toBe(T.filled(number) + T.closing);
      await shot(p, `reply-${lang}-${width}`, SHOTS);
      expect(await axeViolations(p)).toEqual([]);

      // sent, the requester reads it exactly so
      await p.getByRole('button', { name: C.sendAnswer }).click();
      await poll(async () => (await customer.client.get(`/api/v1/tickets/${number}`)).json.messages.map((m: { body: string }) => m.body)).toEqual([
        T.filled(number) + T.closing,
      ]);
      expect(u.errors).toEqual([]);
    } catch (err) {
      await shot(p, `templates-${lang}-${width}-failure`, SHOTS);
      throw err;
    }
  });
});
