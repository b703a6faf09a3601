import type { Me, Ticket } from '../../types.ts';

/** Whether the caller may merge this ticket away, as the server decides it (`shared/merge/merge.ts`): coordinators, admins, its assignee; never a split ticket or a part. */
export function mayMerge(ticket: Ticket, me: Me): boolean {
  return (
    ticket.mergedInto === undefined &&
    ticket.parentNumber === undefined &&
    ticket.subTickets.length === 0 &&
    !['split', 'parts_answered'].includes(ticket.stage) &&
    (me.user.role === 'coordinator' || me.user.role === 'admin' || ticket.assignee?.id === me.user.id)
  );
}
