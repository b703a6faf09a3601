/**
 * Filling a template's placeholders (`shared/templates/fill.ts`): what an agent sees in the
 * reply box after inserting a template, in German and English, with values missing and with
 * names that are no placeholders.
 */
import { describe, expect, it } from 'vitest';
import { fill, placeholdersIn, ticketValues, unknownPlaceholders } from '../../shared/templates/fill.ts';
import { PLACEHOLDERS } from '../../shared/templates/constants.ts';

const values = ticketValues({ number: 42, subject: 'Printer jams', requesterName: 'Anna Kunde', requesterDueDate: '2026-12-24' }, 'Ben Bearbeiter', {
  origin: 'https://help.example',
  slug: 'demo',
});

describe('fill', () => {
  it('replaces every placeholder with the ticket’s and the agent’s values, the due date as Germans write it', () => {
    const body = 'Hallo {{requester.name}},\nzu #{{ticket.number}} „{{ticket.subject}}“ bis {{ticket.dueDate}}: {{portal.link}}\n{{agent.name}}';
    expect(fill(body, values, 'de')).toBe('Hallo Anna Kunde,\nzu #42 „Printer jams“ bis 24.12.2026: https://help.example/demo/tickets/42\nBen Bearbeiter');
  });

  it('writes the due date as English readers do in an English template', () => {
    expect(fill('Due {{ticket.dueDate}}', values, 'en')).toBe('Due 24 Dec 2026');
  });

  it('takes the coordinator’s due date over the requester’s wish', () => {
    const v = ticketValues({ number: 1, subject: 's', requesterName: 'r', requesterDueDate: '2026-12-24', coordinatorDueDate: '2026-12-01' }, 'a', {
      origin: 'https://x',
      slug: 'y',
    });
    expect(fill('{{ticket.dueDate}}', v, 'de')).toBe('01.12.2026');
  });

  it('allows spaces inside the braces and the same placeholder twice', () => {
    expect(fill('{{ requester.name }} / {{requester.name}}', values, 'en')).toBe('Anna Kunde / Anna Kunde');
  });

  it('leaves a placeholder without a value as typed, so the agent sees what to fill in by hand', () => {
    const v = ticketValues({ number: 7, subject: 's', requesterName: 'Bob' }, 'Ben', { origin: 'https://x', slug: 'y' });
    expect(fill('Bob, by {{ticket.dueDate}}.', v, 'en')).toBe('Bob, by {{ticket.dueDate}}.');
    expect(fill('{{agent.name}}', { 'agent.name': '  ' }, 'en')).toBe('{{agent.name}}');
    expect(fill('{{ticket.number}}', {}, 'de')).toBe('{{ticket.number}}');
  });

  it('leaves unknown names visible and untouched', () => {
    expect(fill('Dear {{customer.name}}, {{requester.name}}', values, 'en')).toBe('Dear {{customer.name}}, Anna Kunde');
  });

  it('does not read a value as a placeholder again (no second round)', () => {
    expect(fill('{{ticket.subject}}', { 'ticket.subject': '{{agent.name}}', 'agent.name': 'Ben' }, 'en')).toBe('{{agent.name}}');
  });

  it('leaves text without placeholders, single braces and a due date that is no calendar day as they are', () => {
    expect(fill('No {placeholders} here { {x} }', values, 'de')).toBe('No {placeholders} here { {x} }');
    expect(fill('{{ticket.dueDate}}', { 'ticket.dueDate': 'soon' }, 'de')).toBe('soon');
  });
});

describe('placeholders of a body', () => {
  it('lists each name once, in order, known or not; the unknown ones separately', () => {
    const body = '{{agent.name}} {{ foo }} {{agent.name}} {{ticket.colour}}';
    expect(placeholdersIn(body)).toEqual(['agent.name', 'foo', 'ticket.colour']);
    expect(unknownPlaceholders(body)).toEqual(['foo', 'ticket.colour']);
  });

  it('knows exactly the six placeholders of the feature', () => {
    expect(unknownPlaceholders(PLACEHOLDERS.map((p) => `{{${p}}}`).join(' '))).toEqual([]);
    expect(PLACEHOLDERS).toHaveLength(6);
  });
});
