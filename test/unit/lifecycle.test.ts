/**
 * The lifecycle table (`shared/tickets/lifecycle.ts`) as a specification: for every stage and
 * every kind of caller, exactly the actions they may take. A change to the table shows up here
 * as a changed row, to be read and agreed to. The API refuses what is not listed
 * (test/api/workflow.test.ts); the web shows exactly these buttons.
 */
import { describe, expect, it } from 'vitest';
import { allowedActions, backStage, moveFor, type LifecycleCaller, type LifecycleTicket } from '../../shared/tickets/lifecycle.ts';
import { STAGES, type Stage } from '../../shared/tickets/constants.ts';

/** The callers, each with the ticket as it relates to them. */
const CALLERS: Record<string, { ticket: Partial<LifecycleTicket>; caller: LifecycleCaller }> = {
  // a coordinator (or admin) of the tenant, the ticket assigned to someone else
  coordinator: { ticket: { assigneeId: 'someone' }, caller: { userId: 'klara', role: 'coordinator', teamIds: [] } },
  // the person the ticket is assigned to
  assignee: { ticket: { assigneeId: 'ben' }, caller: { userId: 'ben', role: 'agent', teamIds: [] } },
  // a member of the team whose queue the ticket waits in, nobody has taken it
  member: { ticket: { teamId: 'hardware' }, caller: { userId: 'ben', role: 'agent', teamIds: ['hardware'] } },
  // any other agent
  agent: { ticket: { assigneeId: 'someone' }, caller: { userId: 'ben', role: 'agent', teamIds: ['hardware'] } },
  // the customer who asked
  requester: { ticket: {}, caller: { userId: 'anna', role: 'customer', teamIds: [] } },
};

// prettier-ignore
const TABLE: [Stage, keyof typeof CALLERS, string][] = [
    ['new',            'coordinator', 'accept assign answer note close lock edit'],
    ['new',            'assignee',    'note close lock edit'],
    ['new',            'member',      'note lock edit'],
    ['new',            'agent',       'note lock edit'],
    ['new',            'requester',   'answer close'],
    ['clarifying',     'coordinator', 'assign split answer note close pend lock edit'],
    ['clarifying',     'assignee',    'split note close pend lock edit'],
    ['clarifying',     'member',      'note lock edit'],
    ['clarifying',     'agent',       'note lock edit'],
    ['clarifying',     'requester',   'answer close'],
    ['assigned',       'coordinator', 'assign note close pend lock edit'],
    ['assigned',       'assignee',    'accept_assignment hand_back note close pend lock edit'],
    ['assigned',       'member',      'take hand_back note lock edit'],
    ['assigned',       'agent',       'note lock edit'],
    ['assigned',       'requester',   'answer close'],
    ['in_progress',    'coordinator', 'assign split answer note close pend lock edit'],
    ['in_progress',    'assignee',    'hand_back split answer note answer_to_coordinator close pend lock edit'],
    ['in_progress',    'member',      'hand_back note lock edit'],
    ['in_progress',    'agent',       'note lock edit'],
    ['in_progress',    'requester',   'answer close'],
    ['split',          'coordinator', 'answer note close lock edit'],
    ['split',          'assignee',    'note close lock edit'],
    ['split',          'member',      'note lock edit'],
    ['split',          'agent',       'note lock edit'],
    ['split',          'requester',   'answer close'],
    ['parts_answered', 'coordinator', 'assign split answer note close lock edit'],
    ['parts_answered', 'assignee',    'split note close lock edit'],
    ['parts_answered', 'member',      'note lock edit'],
    ['parts_answered', 'agent',       'note lock edit'],
    ['parts_answered', 'requester',   'answer close'],
    ['review',         'coordinator', 'assign answer note send_on send_back close lock edit'],
    ['review',         'assignee',    'note close lock edit'],
    ['review',         'member',      'note lock edit'],
    ['review',         'agent',       'note lock edit'],
    ['review',         'requester',   'answer close'],
    ['pending',        'coordinator', 'note close resume lock edit'],
    ['pending',        'assignee',    'note close resume lock edit'],
    ['pending',        'member',      'note lock edit'],
    ['pending',        'agent',       'note lock edit'],
    ['pending',        'requester',   'answer close'],
    ['closed',         'coordinator', 'note reopen'],
    ['closed',         'assignee',    'note reopen'],
    ['closed',         'member',      'note'],
    ['closed',         'agent',       'note'],
    ['closed',         'requester',   'answer'],
];

describe('the lifecycle table: who may do what at which stage', () => {
  it.each(TABLE)('%s, %s: %s', (stage, who, actions) => {
    const { ticket, caller } = CALLERS[who]!;
    expect(allowedActions({ stage, requesterId: 'anna', ...ticket }, caller).join(' ')).toBe(actions);
  });

  it('covers every stage for every caller', () => {
    expect(TABLE).toHaveLength(STAGES.length * Object.keys(CALLERS).length);
  });

  it('another customer may do nothing with a ticket, at any stage', () => {
    for (const stage of STAGES) expect(allowedActions({ stage, requesterId: 'anna' }, { userId: 'bob', role: 'customer', teamIds: [] })).toEqual([]);
  });

  it('a team member may take a team ticket only while nobody has: once taken, it is the assignee’s', () => {
    const member = CALLERS.member!.caller;
    expect(moveFor({ stage: 'assigned', teamId: 'hardware' }, member, 'take')).toBeDefined();
    expect(moveFor({ stage: 'assigned', teamId: 'hardware', assigneeId: 'kim' }, member, 'take')).toBeUndefined();
    expect(moveFor({ stage: 'assigned', teamId: 'network' }, member, 'take')).toBeUndefined();
  });

  it('splitting is for top-level tickets; a requester closes only top-level ones', () => {
    const coordinator = CALLERS.coordinator!.caller;
    expect(moveFor({ stage: 'in_progress', parentNumber: 7 }, coordinator, 'split')).toBeUndefined();
    expect(moveFor({ stage: 'in_progress', requesterId: 'anna', parentNumber: 7 }, CALLERS.requester!.caller, 'close')).toBeUndefined();
  });

  it('a pending ticket resumes where it was parked; a closed one reopens with its assignee, else at the coordinator', () => {
    expect(backStage({ stage: 'pending', resumeStage: 'clarifying' })).toBe('clarifying');
    expect(backStage({ stage: 'closed', assigneeId: 'ben' })).toBe('in_progress');
    expect(backStage({ stage: 'closed', teamId: 'hardware' })).toBe('new');
  });
});
