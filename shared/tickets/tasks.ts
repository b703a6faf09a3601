/**
 * Tickets as tasks (K19): the type (incident, request, task) and a task's planning fields —
 * estimate, difficulty, progress and a responsible person besides the assignee. Any ticket may
 * carry them; the workspace shows them for tasks.
 */
import type { Actor } from '../auth/actor.ts';
import { DomainError } from '../errors.ts';
import type { EventItem, TicketItem } from '../db/items.ts';
import type { Difficulty, TicketType } from './constants.ts';
import { eventOf, staffMember } from './split.ts';

/** The task fields of a create or update body. `responsibleId: ''` (update) clears the responsible person. */
export interface TaskFieldsInput {
  type?: TicketType;
  estimateHours?: number;
  difficulty?: Difficulty;
  progress?: number;
  responsibleId?: string;
}

/** Just the task fields of a body (other fields such as `version` are not task fields); `undefined` when it names none. */
export function taskFieldsOf(input: TaskFieldsInput): TaskFieldsInput | undefined {
  const { type, estimateHours, difficulty, progress, responsibleId } = input;
  const fields = { type, estimateHours, difficulty, progress, responsibleId };
  return Object.values(fields).some((v) => v !== undefined) ? fields : undefined;
}

/** The responsible person, checked to be staff of this tenant (a field error otherwise). */
async function responsible(actor: Actor, id: string): Promise<{ responsibleId?: string; responsibleName?: string }> {
  if (id === '') return { responsibleId: undefined, responsibleName: undefined };
  const who = await staffMember(actor.tenantId, id, 'responsibleId');
  if ('path' in who) throw new DomainError('validation_failed', 'The responsible person is not a staff member', [{ ...who, code: 'unknown_responsible' }]);
  return { responsibleId: who.id, responsibleName: who.name };
}

/** The task fields a new ticket starts with (type `request` unless given). */
export async function newTaskFields(actor: Actor, input: TaskFieldsInput): Promise<Partial<TicketItem>> {
  return {
    type: input.type ?? 'request',
    estimateHours: input.estimateHours,
    difficulty: input.difficulty,
    progress: input.progress,
    ...(input.responsibleId ? await responsible(actor, input.responsibleId) : {}),
  };
}

/** Changes of the task fields: the fields to set and one history event per field that changed. */
export async function taskChanges(
  actor: Actor,
  t: TicketItem,
  input: TaskFieldsInput,
  at: string,
  seq: number,
): Promise<{ fields: Partial<TicketItem>; events: EventItem[] }> {
  const fields: Partial<TicketItem> = {};
  const events: EventItem[] = [];
  const record = (type: EventItem['type'], from: unknown, to: unknown) =>
    events.push(eventOf(actor, at, type, { from: from === undefined ? '' : String(from), to: to === undefined ? '' : String(to) }, seq + events.length));
  if (input.type !== undefined && input.type !== (t.type ?? 'request')) {
    record('type', t.type ?? 'request', input.type);
    fields.type = input.type;
  }
  for (const f of ['estimateHours', 'difficulty', 'progress'] as const) {
    if (input[f] === undefined || input[f] === t[f]) continue;
    record(f === 'estimateHours' ? 'estimate' : f, t[f], input[f]);
    (fields as Record<string, unknown>)[f] = input[f];
  }
  if (input.responsibleId !== undefined && input.responsibleId !== (t.responsibleId ?? '')) {
    const r = await responsible(actor, input.responsibleId);
    record('responsible', t.responsibleName, r.responsibleName);
    Object.assign(fields, r);
  }
  return { fields, events };
}
