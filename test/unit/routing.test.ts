/**
 * `routeTicket` as a specification: the first rule whose every condition holds decides where a
 * new ticket goes; texts compare case-insensitively; without a match the coordinator gets it.
 */
import { describe, expect, it } from 'vitest';
import { routeTicket, type Routable } from '../../shared/teams/routing.ts';
import type { RoutingRule } from '../../shared/teams/constants.ts';

const ticket = (t: Partial<Routable> = {}): Routable => ({ subject: 'Printer on floor 2 jams', channel: 'portal', ...t });

const hardware: RoutingRule = { id: '1', when: { category: 'Hardware' }, then: { teamId: 'hw' } };
const invoice: RoutingRule = { id: '2', when: { subjectContains: 'Rechnung' }, then: { teamId: 'acc' } };
const byMail: RoutingRule = { id: '3', when: { channel: 'email' }, then: { teamId: 'first' } };
const acme: RoutingRule = { id: '4', when: { company: 'ACME GmbH' }, then: { assigneeId: 'ben' } };
const vipPhone: RoutingRule = { id: '5', when: { company: 'VIP AG', channel: 'phone' }, then: { coordinator: true } };
const rules = [hardware, invoice, byMail, acme, vipPhone];

describe('routeTicket', () => {
  it('sends a ticket to the coordinator when no rule matches (or there are none)', () => {
    expect(routeTicket(ticket(), rules)).toEqual({ then: { coordinator: true } });
    expect(routeTicket(ticket({ category: 'Hardware' }), [])).toEqual({ then: { coordinator: true } });
  });

  it('matches the category exactly, ignoring case and surrounding spaces', () => {
    expect(routeTicket(ticket({ category: ' hardware ' }), rules)).toEqual({ ruleId: '1', then: { teamId: 'hw' } });
    expect(routeTicket(ticket({ category: 'Hardware und Software' }), rules).ruleId).toBeUndefined();
  });

  it('finds a keyword anywhere in the subject, ignoring case', () => {
    expect(routeTicket(ticket({ subject: 'Frage zur RECHNUNG 2024-17' }), rules)).toEqual({ ruleId: '2', then: { teamId: 'acc' } });
    expect(routeTicket(ticket({ subject: 'Rechnungsadresse ändern' }), rules).ruleId).toBe('2');
    expect(routeTicket(ticket({ subject: 'Recht' }), rules).ruleId).toBeUndefined();
  });

  it('matches the channel and the customer company', () => {
    expect(routeTicket(ticket({ channel: 'email' }), rules)).toEqual({ ruleId: '3', then: { teamId: 'first' } });
    expect(routeTicket(ticket({ company: 'acme gmbh' }), rules)).toEqual({ ruleId: '4', then: { assigneeId: 'ben' } });
    expect(routeTicket(ticket({ company: 'ACME' }), rules).ruleId).toBeUndefined();
  });

  it('needs every condition of a rule to hold', () => {
    expect(routeTicket(ticket({ company: 'VIP AG', channel: 'phone' }), rules)).toEqual({ ruleId: '5', then: { coordinator: true } });
    expect(routeTicket(ticket({ company: 'VIP AG', channel: 'portal' }), rules).ruleId).toBeUndefined();
  });

  it('lets the first matching rule win: order is the admin’s priority', () => {
    const t = ticket({ category: 'Hardware', channel: 'email', subject: 'Rechnung für den Drucker' });
    expect(routeTicket(t, rules).ruleId).toBe('1');
    expect(routeTicket(t, [byMail, invoice, hardware]).ruleId).toBe('3');
  });

  it('never matches a rule without conditions', () => {
    expect(routeTicket(ticket(), [{ id: '9', when: {}, then: { teamId: 'x' } }])).toEqual({ then: { coordinator: true } });
  });
});
