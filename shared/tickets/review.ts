/**
 * Answer to the coordinator (issue 6 §6): the assignee's answer goes to the coordinator first
 * (stage `review`); the coordinator sends it on to the requester, as written or edited, or
 * sends it back with a reason. Until sent on, the answer is internal (never mailed, never
 * shown to the requester).
 */
import { messageChannelOf, type Actor } from '../auth/actor.ts';
import { DomainError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { getTicketPartition } from '../db/store.ts';
import { commitTicketChange } from './commit.ts';
import type { EventItem, MessageItem, TicketItem } from '../db/items.ts';
import { AnswerToCoordinatorInput, SendBackInput, SendOnInput } from './split-schemas.ts';
import { callerOf, loadForChange, requireMove } from './split-guard.ts';
import { eventOf, recordPartAnswer } from './split.ts';
import { messageView, stageOf } from './view.ts';
import type { Message, Status } from './schemas.ts';

const messageBy = (actor: Actor, number: number, at: string, body: string, extra: Partial<MessageItem>): MessageItem => ({
  kind: 'message',
  id: newId(),
  number,
  body,
  internal: true,
  authorId: actor.userId,
  authorName: actor.name,
  authorRole: actor.role,
  createdAt: at,
  channel: messageChannelOf(actor),
  ...extra,
});

/** The assignee answers to the coordinator instead of the requester: the ticket waits in `review`. */
export async function answerToCoordinator(actor: Actor, number: number, raw: AnswerToCoordinatorInput): Promise<Message> {
  const input = AnswerToCoordinatorInput.parse(raw);
  const t = await loadForChange(actor, number, input.version);
  requireMove(t, await callerOf(actor), 'answer_to_coordinator');
  const at = nowIso();
  const message = messageBy(actor, number, at, input.body, { toCoordinator: true });
  const event = eventOf(actor, at, 'answered_to_coordinator', { from: stageOf(t), to: 'review' }, 1);
  await commitTicketChange(actor.tenantId, t, { ...t, stage: 'review', updatedAt: at }, [message, event]);
  return messageView(message);
}

/** The answer under review: the newest answer to the coordinator, or the one named. */
function reviewed(messages: MessageItem[], id: string): MessageItem {
  const m = messages.find((x) => x.id === id && x.toCoordinator);
  if (!m)
    throw new DomainError('validation_failed', 'No answer to the coordinator with this id', [
      { path: 'messageId', message: 'unknown answer', code: 'unknown_answer' },
    ]);
  return m;
}

/**
 * The coordinator sends the reviewed answer on (optionally edited): it goes out as a public
 * answer (so the requester's answer mail follows from the stream) and the assignee works on
 * (`in_progress`). On a part of a split ticket it becomes the part's answer on the parent instead.
 */
export async function sendOnAnswer(actor: Actor, number: number, raw: SendOnInput): Promise<void> {
  const input = SendOnInput.parse(raw);
  const p = await getTicketPartition(actor.tenantId, number);
  const t = await loadForChange(actor, number, input.version);
  requireMove(t, await callerOf(actor), 'send_on');
  const original = reviewed(p?.messages ?? [], input.messageId);
  const body = input.body ?? original.body;
  const at = nowIso();
  if (t.parentNumber !== undefined) {
    // A part's answer is never the requester's: it goes to the parent, closing the part.
    await recordPartAnswer(actor, { ...t, stage: 'in_progress' }, body);
    return;
  }
  const answer = messageBy(actor, number, at, body, { internal: false });
  const to: Status = t.status === 'new' || t.status === 'open' ? 'waiting' : t.status;
  const events: EventItem[] = [
    eventOf(actor, at, 'sent_on', { from: original.id, to: input.body !== undefined && input.body !== original.body ? 'edited' : 'as_written' }, 1),
  ];
  if (to !== t.status) events.push(eventOf(actor, at, 'status', { from: t.status, to }, 2));
  const next: TicketItem = { ...t, stage: 'in_progress', status: to, updatedAt: at };
  await commitTicketChange(actor.tenantId, t, next, [answer, ...events]);
}

/** The coordinator sends the reviewed answer back to the assignee, with the reason as an internal note. */
export async function sendBackAnswer(actor: Actor, number: number, raw: SendBackInput): Promise<void> {
  const input = SendBackInput.parse(raw);
  const t = await loadForChange(actor, number, input.version);
  requireMove(t, await callerOf(actor), 'send_back');
  const at = nowIso();
  const note = messageBy(actor, number, at, input.reason, {});
  const event = eventOf(actor, at, 'sent_back', { from: 'review', to: 'in_progress' }, 1);
  await commitTicketChange(actor.tenantId, t, { ...t, stage: 'in_progress', updatedAt: at }, [note, event]);
}
