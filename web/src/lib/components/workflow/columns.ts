/** The workflow's columns of the ticket table (stage, assignee or team, due dates) and how they sort. */
import { STAGES, type SortField, type Stage } from '#shared/tickets/constants.ts';
import type { WorkSummary } from '../../workflow.ts';

export type WorkColumn = 'stage' | 'with' | 'due';

/** The columns of a work list, in order (the creation time gives way to the workflow's columns). */
export function workColumns(showRequester: boolean): (SortField | WorkColumn)[] {
  return ['number', 'subject', ...(showRequester ? (['requester'] as const) : []), 'stage', 'with', 'due', 'status', 'priority', 'updatedAt'];
}

const STAGE_RANK = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>;

/** The requester's wished date (older servers call it `requestedDueDate`). */
export const requesterDue = (x: WorkSummary): string | undefined => x.requesterDueDate ?? x.requestedDueDate;

/** A row's sort value in a workflow column: the stage's place in the workflow, the name it is with, the earliest due date (none last). */
export function workValue(x: WorkSummary, c: SortField | WorkColumn): string | number {
  switch (c) {
    case 'stage':
      return x.stage ? STAGE_RANK[x.stage] : -1;
    case 'with':
      return (x.assignee?.name ?? x.team?.name ?? '').toLocaleLowerCase();
    case 'due':
      return [x.coordinatorDueDate, requesterDue(x)].filter(Boolean).sort()[0] ?? '9999';
    default:
      return '';
  }
}
