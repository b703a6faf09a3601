/**
 * How the workspace words and asks for service levels (issue 7, sla-ticket-web): the business
 * time on a badge or clock in German and English ("noch 2 Std. 15 Min.", "15 min overdue"), and
 * the list addresses: the at-risk/breached filter and the "due first" order go to the API as
 * `sla=` and `sort=slaDueAt`, and changing one keeps the tab and the overview's other filters.
 */
import { describe, expect, it } from 'vitest';
import de from '../../web/src/lib/texts/more.de.ts';
import en from '../../web/src/lib/texts/more.en.ts';
import { remaining, span, type Say } from '../../web/src/lib/components/sla/ticket/time.ts';
import { dueByItself, keepSla, slaListOf, slaQuery, withSla } from '../../web/src/lib/components/sla/ticket/list.ts';

const sayIn =
  (texts: Record<string, string>): Say =>
  (key, params) =>
    Object.entries(params).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), texts[key]!);

describe('business time as people read it', () => {
  it('German: left and overdue, in hours and minutes', () => {
    const say = sayIn(de);
    expect(remaining(135, say)).toBe('noch 2 Std. 15 Min.');
    expect(remaining(-15, say)).toBe('15 Min. überfällig');
    expect(remaining(120, say)).toBe('noch 2 Std.');
    expect(remaining(-61, say)).toBe('1 Std. 1 Min. überfällig');
  });

  it('English: left and overdue; due this very minute is not yet late', () => {
    const say = sayIn(en);
    expect(remaining(135, say)).toBe('2 h 15 min left');
    expect(remaining(-15, say)).toBe('15 min overdue');
    expect(remaining(0, say)).toBe('0 min left');
    expect(span(3 * 24 * 60, say)).toBe('72 h');
  });

  it('a span of 100 hours or more is "more than 99 h": its target date says the rest', () => {
    expect(remaining(99 * 60 + 59, sayIn(en))).toBe('99 h 59 min left');
    expect(remaining(100 * 60, sayIn(en))).toBe('more than 99 h left');
    expect(remaining(640539 * 60, sayIn(de))).toBe('noch mehr als 99 Std.');
    expect(remaining(-200 * 60, sayIn(de))).toBe('mehr als 99 Std. überfällig');
  });
});

describe('the list addresses', () => {
  const page = (q: string) => new URL(`https://x.example/acme/agent?${q}`);

  it('a plain list asks the API as before', () => {
    expect(withSla('/tickets?view=all', page('tab=all'))).toBe('/tickets?view=all');
  });

  it('"breached" and "due first" become the API’s sla filter and slaDueAt order, beside the list’s own query', () => {
    const path = withSla('/tickets?view=all&limit=50', page('tab=all&limit=50&sla=breached&order=due'));
    const q = new URL(path, 'https://x.example').searchParams;
    expect(Object.fromEntries(q)).toEqual({ view: 'all', limit: '50', sla: 'breached', sort: 'slaDueAt', order: 'asc' });
  });

  it('a workflow list (its index ordered due first) is not sorted again by the page: the order holds across its pages', () => {
    expect(dueByItself('/tickets?view=mine')).toBe(true);
    expect(dueByItself('/tickets?view=to_accept')).toBe(true);
    expect(dueByItself('/tickets?view=all&teamId=t1')).toBe(true);
    expect(dueByItself('/tickets?view=all&scope=current')).toBe(true);
    expect(dueByItself('/tickets?view=all')).toBe(false);
    expect(dueByItself('/tickets?view=customer_waiting')).toBe(false);
    expect(withSla('/tickets?view=mine', page('tab=mine&order=due&sla=at_risk'))).toBe('/tickets?view=mine&sla=at_risk');
  });

  it('applying the overview’s other filters keeps "breached" and "due first"', () => {
    const here = page('tab=all&sla=breached&order=due');
    expect(Object.fromEntries(new URLSearchParams(keepSla('tab=all&team=t1', here)))).toEqual({ tab: 'all', team: 't1', sla: 'breached', order: 'due' });
    expect(keepSla('tab=all&scope=both', page('tab=all'))).toBe('tab=all&scope=both');
  });

  it('an unknown filter in the address is ignored, not sent', () => {
    expect(slaListOf(page('sla=late&order=up'))).toEqual({ sla: undefined, due: false });
    expect(withSla('/tickets?view=mine', page('sla=late'))).toBe('/tickets?view=mine');
  });

  it('choosing a filter or the order keeps the tab and the other filters; "all" removes the filter', () => {
    const here = page('tab=all&team=t1&stage=assigned&sla=at_risk');
    expect(Object.fromEntries(new URLSearchParams(slaQuery(here, { sla: 'breached' })))).toEqual({
      tab: 'all',
      team: 't1',
      stage: 'assigned',
      sla: 'breached',
    });
    expect(Object.fromEntries(new URLSearchParams(slaQuery(here, { sla: null })))).toEqual({ tab: 'all', team: 't1', stage: 'assigned' });
    expect(Object.fromEntries(new URLSearchParams(slaQuery(here, { due: true })))).toEqual({
      tab: 'all',
      team: 't1',
      stage: 'assigned',
      sla: 'at_risk',
      order: 'due',
    });
  });
});
