/**
 * Every side effect of a committed write, in one list: "on this change, do that". The stream
 * consumer is the only caller; the request path only writes. An effect must be safe to run
 * again for the same change (it runs at least once; `run.ts` makes a completed one run once).
 */
import { acknowledgeNewTicket } from '../tickets/acknowledge.ts';
import { notifyRequesterOfAnswer } from '../tickets/notify.ts';
import { notifyStaff, uncountExpiredNotification } from '../notifications/produce.ts';
import { startTicketTimers } from '../workflow/start.ts';
import { recordSlaClocks } from '../sla/record-clocks.ts';
import { retargetNextPage, retargetOnRuleChange } from '../sla/retarget.ts';
import { finishMerge, notifyRequesterOfMerge } from '../merge/effects.ts';
import { indexSuggestion } from '../knowledge/suggestions.ts';
import { removeDroppedKnowledgeFiles } from '../knowledge/file-cleanup.ts';
import type { Change } from './change.ts';

export interface Effect {
  /** Stable name: part of the idempotency key, so renaming one re-runs it for redelivered changes. */
  name: string;
  /** Item kinds whose changes it may act on (the AWS event source mapping filters on these). */
  kinds: readonly string[];
  applies(change: Change): boolean;
  run(change: Change): Promise<void>;
}

/** The registry. Order matters only for reading: effects of one change run independently. */
export const EFFECTS: readonly Effect[] = [
  startTicketTimers,
  acknowledgeNewTicket,
  notifyRequesterOfAnswer,
  notifyStaff,
  uncountExpiredNotification,
  recordSlaClocks,
  retargetOnRuleChange,
  retargetNextPage,
  finishMerge,
  notifyRequesterOfMerge,
  indexSuggestion,
  removeDroppedKnowledgeFiles,
];

/** Every item kind some effect acts on: changes of other items never reach the consumer in AWS. */
export const EFFECT_KINDS: readonly string[] = [...new Set(EFFECTS.flatMap((e) => e.kinds))].sort();

/** The effects a change calls for. */
export function effectsOf(change: Change, registry: readonly Effect[] = EFFECTS): Effect[] {
  // A message or event a merge moved into another ticket is old news there: no mail, no notification (issue 8).
  if (change.type === 'insert' && change.new?.mergedFrom !== undefined) return [];
  return registry.filter((e) => e.kinds.includes(change.kind) && e.applies(change));
}
