/** Tickets: capture (K1, K2), numbering (K3), correspondence (K9), status, lists (V1, V2). */
import { DomainError, notFound } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import {
  getTicket as getTicketItem,
  getTicketPartition,
  getUser,
  nextTicketNumber,
  ticketsInStatus,
  ticketsOfRequester,
  ticketPositions,
} from '../db/store.ts';
import { listTeamItemsWithDeleted } from '../db/teams.ts'; // deleted teams still name their tickets (issue 6)
import { decodeCursor, encodeCursor, mergePages, type Positions, type QueuePage } from './pages.ts';
import type { EventItem, MessageItem, TeamItem, TicketItem } from '../db/items.ts';
import { isStaff, messageChannelOf, type Actor } from '../auth/actor.ts';
import { enforceLimits } from '../limits.ts';
import { tenantOf } from '../tenancy/tenants.ts';
import { buildHistory } from './history.ts';
import { routeNewTicket } from '../teams/routing.ts';
import { teamIdsIn } from '../teams/membership.ts';
import { customerMaySee, messageView, stageOf, summaryView, ticketView, type Viewer } from './view.ts';
import { isWorkList, inWorkList, workPage } from './views.ts';
import { assertAllowed, reopened } from './moves.ts';
import { assertMayAnswer } from './locking.ts';
import { sortTickets } from './sorting.ts';
import { isPartOfAnother, recordPartAnswer, withLiveParts } from './split.ts';
import { newTaskFields, taskChanges, taskFieldsOf } from './tasks.ts';
import { commitNewTicket, commitTicketChange } from './commit.ts';
import { attachingUploads, resolveUploads } from '../attachments/attachments.ts';
import { requireTopic, resolveTopics } from '../knowledge/topics.ts';
import { mergeViewOf } from '../merge/view.ts';
import { dueFirstPage, withBadge } from './sla-lists.ts';
import { loadSlaConfig } from '../db/sla.ts';
import { ticketSlaOf, type SlaConfig } from '../sla/engine.ts';
import { CUSTOMER_CLOSE_STATUS, STATUSES } from './constants.ts';
import {
  AddMessageInput,
  CLOSED_STATUSES,
  CreateTicketInput,
  ListTicketsQuery,
  UpdateTicketInput,
  type Message,
  type Status,
  type TicketDetail,
  type TicketSummary,
} from './schemas.ts';

const VIEW_STATUSES: Record<string, readonly Status[]> = {
  new: ['new'],
  customer_waiting: ['open'],
  support_waiting: ['waiting'],
  closed: CLOSED_STATUSES,
  all: STATUSES,
};

/** The status tabs that are work lists: a ticket parked until a date is off them (in "pending" instead). */
const WORK_STATUS_VIEWS = new Set(['new', 'customer_waiting', 'support_waiting']);
const parkedOff = (view: string | undefined, t: TicketItem) => !!view && WORK_STATUS_VIEWS.has(view) && stageOf(t) === 'pending';

/** The caller with their teams, as a ticket view needs them (`teamsRead`: a read of them already under way). */
export async function viewerOf(actor: Actor, teamsRead?: Promise<TeamItem[]>): Promise<Viewer> {
  if (!isStaff(actor)) return { actor, teamIds: [], teams: [] };
  const teams = await (teamsRead ?? listTeamItemsWithDeleted(actor.tenantId));
  return { actor, teams, teamIds: teamIdsIn(teams, actor.userId), language: actor.language };
}

/** What getTicket and every workflow operation return: the ticket, messages and history the caller may see. */
export async function detail(
  actor: Actor,
  p: { ticket: TicketItem; messages: MessageItem[]; events: EventItem[] },
  /** The tenant's SLA configuration when the caller has just read it (a write did), else read here for staff. */
  config?: SlaConfig,
): Promise<TicketDetail> {
  const forCustomer = !isStaff(actor);
  // A parent's parts answered into it are its partial answers (staff only), apart from its correspondence.
  const partial = (m: MessageItem) => m.partOf !== undefined && m.partOf !== p.ticket.number;
  const teams = forCustomer ? undefined : listTeamItemsWithDeleted(actor.tenantId);
  const [ticket, viewer, sla, topic] = await Promise.all([
    withLiveParts(actor.tenantId, p.ticket),
    viewerOf(actor, teams),
    // Staff see the clocks (issue 7), computed now from the ticket's facts and the tenant's SLA configuration.
    forCustomer ? undefined : (config ?? loadSlaConfig(actor.tenantId, teams)),
    // The topic it is filed under, by name (issue 9; a deleted one marked): one more read, for the few tickets with one.
    p.ticket.topicId ? resolveTopics(actor.tenantId, [p.ticket.topicId]).then((m) => m.get(p.ticket.topicId!)) : undefined,
  ]);
  return {
    ticket: { ...ticketView(ticket, viewer), sla: sla && ticketSlaOf(p.ticket, sla, Date.now()), topic },
    messages: p.messages.filter((m) => (forCustomer ? customerMaySee(m) : !partial(m))).map((m) => messageView(m, forCustomer)),
    history: buildHistory(p.ticket, p.messages, p.events, forCustomer),
    partialAnswers: forCustomer ? undefined : p.messages.filter(partial).map((m) => messageView(m)),
  };
}

/** Today's calendar day (YYYY-MM-DD) in a time zone: a due date is a day where the tenant works. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Open a ticket: a customer for themselves, staff for an existing contact (e.g. after a call). */
export async function createTicket(actor: Actor, raw: CreateTicketInput): Promise<TicketDetail> {
  const input = CreateTicketInput.parse(raw);
  const staff = isStaff(actor);
  const taskInput = taskFieldsOf({ ...input, type: input.type === 'task' ? 'task' : undefined }); // a customer may say incident or request
  if (!staff && ((input.requesterId && input.requesterId !== actor.userId) || input.channel || taskInput)) {
    throw new DomainError('forbidden', 'Customers open tickets only for themselves');
  }
  if (input.requestedDueDate && input.requestedDueDate < todayIn((await tenantOf(actor)).timeZone)) {
    throw new DomainError('validation_failed', 'The requested due date is in the past', [
      { path: 'requestedDueDate', message: 'must be today or later', code: 'date_in_past' },
    ]);
  }
  const requester = await getUser(actor.tenantId, input.requesterId ?? actor.userId);
  if (!requester) throw new DomainError('validation_failed', 'No such contact', [{ path: 'requesterId', message: 'unknown contact' }]);
  // Staff record what the caller said on the phone; a customer may only add how to reach them.
  // Name, email and company stay those of the account, so nobody can pose as someone else.
  const overrides = Object.fromEntries(
    Object.entries(input.contact ?? {}).filter(([k, v]) => v !== undefined && v !== '' && (staff || k === 'phone' || k === 'department')),
  );
  const contact = {
    name: requester.name,
    email: requester.email,
    phone: requester.phone,
    company: requester.company,
    department: requester.department,
    ...overrides,
  };
  if (!staff) await enforceLimits(actor.tenantId, [['newRequest', actor.userId]]);
  // Uploads are checked before the ticket exists (the ticket number only goes into the write).
  if (input.topicId) await requireTopic(actor.tenantId, input.topicId);
  const uploads = await resolveUploads(actor, input.attachmentIds);
  const number = await nextTicketNumber(actor.tenantId);
  const at = nowIso();
  const ticket: TicketItem = {
    kind: 'ticket',
    number,
    subject: input.subject,
    description: input.description,
    status: 'new',
    priority: input.priority,
    category: input.category || undefined,
    requestedDueDate: input.requestedDueDate,
    requesterId: requester.userId,
    requesterName: contact.name,
    company: contact.company,
    contact,
    // A task without a customer is internal work: its staff creator is the requester of record, it came in through no outside channel.
    channel: input.channel ?? (staff ? (input.type === 'task' && !input.requesterId ? 'api' : 'phone') : 'portal'),
    createdBy: actor.userId,
    createdByName: actor.name,
    createdAt: at,
    updatedAt: at,
    stage: 'new',
    type: 'request',
    ...(input.topicId ? { topicId: input.topicId } : {}),
    ...(await newTaskFields(actor, input)),
  };
  // Routing (K5): the first matching rule sends it to a team's queue or a person; its event is written with it.
  Object.assign(ticket, await routeNewTicket(actor.tenantId, ticket));
  // Only the write: its acknowledgement and timers follow from the table's stream (shared/effects).
  // One read of the SLA configuration serves the clocks' start and the staff's view of them.
  const config = await loadSlaConfig(actor.tenantId);
  const stored = await commitNewTicket(actor.tenantId, ticket, config);
  if (uploads.refs.length === 0) return await detail(actor, { ticket: stored, messages: [], events: [] }, config);
  // The request's files: a message of the requester listing them, written with the attaching of each (issue 8).
  const files: MessageItem = { ...newMessage(actor, number, '', false, at), attachments: uploads.refs };
  const done = await attachingUploads(actor, uploads, () =>
    commitTicketChange(actor.tenantId, stored, stored, [files], config, uploads.updates(number, files.id)),
  );
  return await detail(actor, { ticket: done.ticket, messages: [files], events: [] }, config);
}

const DEFAULT_PAGE = 100;

/** One page of the caller's own requests, newest first. */
async function ownPage(actor: Actor, limit: number, prev: Positions): Promise<{ items: TicketItem[]; next: Positions | undefined }> {
  if (prev.mine === null) return { items: [], next: undefined };
  const items = await ticketsOfRequester(actor.tenantId, actor.userId, { before: prev.mine, limit });
  const last = items[items.length - 1];
  return { items, next: items.length === limit && last ? { mine: ticketPositions(actor.tenantId, last).requester } : undefined };
}

/** One page of a work list made of several status queues, most urgent then oldest first. */
async function queuePage(actor: Actor, statuses: readonly Status[], limit: number, prev: Positions) {
  const pages: QueuePage<TicketItem>[] = await Promise.all(
    statuses
      .filter((s) => prev[s] !== null)
      .map(async (s) => {
        const items = await ticketsInStatus(actor.tenantId, s, { after: prev[s] ?? undefined, limit });
        return { key: s, entries: items.map((item) => ({ sk: ticketPositions(actor.tenantId, item).queue, item })), more: items.length === limit };
      }),
  );
  const done: Positions = Object.fromEntries(statuses.filter((s) => prev[s] === null).map((s) => [s, null]));
  const page = mergePages(pages, limit, prev);
  return { items: page.items, next: page.next && { ...done, ...page.next } };
}

/**
 * A page of the tickets the caller may see: customers their own, staff any work list. Text
 * filters apply to the page (it may come back shorter; `nextCursor` goes on); `sort` orders it.
 * Staff summaries carry the SLA badge (the tenant's SLA configuration is read once per request).
 * `sort=slaDueAt` orders the whole list: a work list is in that order by its index, a status
 * view is read due first (`dueFirstPage`). `sla=at_risk|breached` keeps the page's tickets in
 * that state, like the text filter (a page may come back short or empty while `nextCursor` goes
 * on); on a due-first list the breached tickets come first, so the first pages hold them.
 */
export async function listTickets(actor: Actor, raw: ListTicketsQuery): Promise<{ items: TicketSummary[]; nextCursor?: string }> {
  const q = ListTicketsQuery.parse(raw);
  const limit = q.limit ?? DEFAULT_PAGE;
  const prev = decodeCursor(q.cursor);
  const own = !isStaff(actor);
  // Staff summaries carry the badge: the SLA configuration is read beside the caller's teams.
  const teams = own ? undefined : listTeamItemsWithDeleted(actor.tenantId);
  const [viewer, config] = await Promise.all([viewerOf(actor, teams), own ? undefined : loadSlaConfig(actor.tenantId, teams)]);
  const work = !own && isWorkList(q);
  let page: { items: TicketItem[]; next: Positions | undefined };
  if (q.number) {
    // A number names one ticket: read it directly instead of walking work lists.
    const t = await getTicketItem(actor.tenantId, q.number);
    const inList =
      t && (own ? maySee(actor, t) : work ? inWorkList(t, q, viewer) : VIEW_STATUSES[q.view ?? 'all']!.includes(t.status) && !parkedOff(q.view, t));
    page = { items: inList ? [t] : [], next: undefined };
  } else if (own) {
    page = await ownPage(actor, limit, prev);
  } else if (work) {
    page = await workPage(q, viewer, limit, prev);
  } else {
    const statuses = VIEW_STATUSES[q.view ?? 'all']!.filter((s) => !q.status || s === q.status);
    page =
      q.sort === 'slaDueAt'
        ? await dueFirstPage(actor.tenantId, statuses, limit, prev, q.order === 'desc', (closed, n, at) => queuePage(actor, closed, n, at))
        : await queuePage(actor, statuses, limit, prev);
  }
  const needle = q.q?.toLowerCase();
  const filtered = page.items.filter(
    (t) =>
      (!own || maySee(actor, t)) &&
      (own || !parkedOff(q.view, t)) &&
      (!q.status || t.status === q.status) &&
      (!needle || [`#${t.number}`, t.subject, t.requesterName, t.company ?? '', t.category ?? ''].some((f) => f.toLowerCase().includes(needle))),
  );
  const now = Date.now();
  const summaries = filtered
    .map((t) => (config ? withBadge(summaryView(t, viewer), t, config, now) : summaryView(t, viewer)))
    .filter((s) => own || !q.sla || s.slaState === q.sla);
  return {
    items: q.sort ? sortTickets(summaries, q.sort, q.order ?? 'asc') : summaries,
    nextCursor: page.next && encodeCursor(page.next),
  };
}

// A part of another ticket is internal work or shown on its parent only: its requester never opens it (K9).
const maySee = (actor: Actor, t: TicketItem | undefined): t is TicketItem => !!t && (isStaff(actor) || (t.requesterId === actor.userId && !isPartOfAnother(t)));

/** Load a ticket with its correspondence; another customer's ticket is "not found", like a missing one. */
async function load(actor: Actor, number: number) {
  const p = await getTicketPartition(actor.tenantId, number);
  if (!p || !maySee(actor, p.ticket)) throw notFound(`Ticket #${number}`);
  return p;
}

/** Load just the ticket item (what a new message needs), with the same visibility rule. */
async function loadTicket(actor: Actor, number: number): Promise<TicketItem> {
  const t = await getTicketItem(actor.tenantId, number);
  if (!maySee(actor, t)) throw notFound(`Ticket #${number}`);
  return t;
}

/** A ticket with the correspondence and history the caller may see. */
export async function getTicket(actor: Actor, number: number): Promise<TicketDetail> {
  const p = await load(actor, number);
  // Where a merged ticket went and, for staff, its possible duplicates (issue 8, `merge/view.ts`).
  const [d, merge] = await Promise.all([detail(actor, p), mergeViewOf(actor, p.ticket)]);
  return { ...d, ticket: { ...d.ticket, ...merge } };
}

/** A recorded change; `seq` keeps the changes of one action in the order they were made. */
export function statusEvent(actor: Pick<Actor, 'userId' | 'name'>, at: string, type: EventItem['type'], from: string, to: string, seq = 0): EventItem {
  return { kind: 'event', id: `${seq}${newId()}`, type, actorId: actor.userId, actorName: actor.name, at, from, to };
}

/**
 * Add a message. Staff answer publicly or note internally, as the lifecycle table allows them
 * at the ticket's stage (the coordinator in pre-clarification, the assignee while working it);
 * a public answer hands the ticket to the customer (waiting) unless a status is given, and a
 * closing status closes it. A customer's reply hands it back (open), reopening a closed ticket.
 */
export async function addMessage(actor: Actor, number: number, raw: AddMessageInput): Promise<Message> {
  const input = AddMessageInput.parse(raw);
  const staff = isStaff(actor);
  if (!staff && (input.internal || input.status)) throw new DomainError('forbidden', 'Customers can only reply publicly');
  const [ticket, viewer] = await Promise.all([loadTicket(actor, number), viewerOf(actor)]);
  assertAllowed(ticket, actor, viewer.teamIds, input.internal ? 'note' : 'answer');
  await assertMayAnswer(actor, ticket, input);
  await enforceLimits(actor.tenantId, [['message', actor.userId]]);
  const uploads = await resolveUploads(actor, input.attachmentIds);
  if (staff && !input.internal && ticket.parentNumber !== undefined) {
    if (uploads.refs.length)
      throw new DomainError('validation_failed', 'A partial answer takes no attachments', [{ path: 'attachmentIds', message: 'not with a partial answer' }]);
    // A part's answer goes to its parent (a partial answer), never to the requester (the move was checked above).
    return messageView(await recordPartAnswer(actor, ticket, input.body));
  }
  const at = nowIso();
  const message: MessageItem = { ...newMessage(actor, number, input.body, input.internal, at), ...(uploads.refs.length && { attachments: uploads.refs }) };
  const from = ticket.status;
  const to: Status = staff ? (input.status ?? (input.internal ? from : from === 'new' || from === 'open' ? 'waiting' : from)) : from === 'new' ? 'new' : 'open';
  const events = from === to ? [] : [statusEvent(actor, at, 'status', from, to)];
  const { next, event } = withStatus(ticket, to);
  if (event) events.push(statusEvent(actor, at, event.type, '', event.to ?? '', 1));
  const change = () =>
    commitTicketChange(actor.tenantId, ticket, { ...next, status: to, updatedAt: at }, [message, ...events], undefined, uploads.updates(number, message.id));
  await attachingUploads(actor, uploads, change);
  return messageView(message, !staff);
}

/** A new message of the caller. */
function newMessage(actor: Actor, number: number, body: string, internal: boolean, at: string): MessageItem {
  return {
    kind: 'message',
    id: newId(),
    number,
    body,
    internal,
    authorId: actor.userId,
    authorName: actor.name,
    authorRole: actor.role,
    createdAt: at,
    channel: messageChannelOf(actor),
  };
}

/**
 * Change status, priority or category; each change is recorded with its actor. Staff change
 * anything; a customer may only close their own request (status `solved`, nothing else).
 */
export async function updateTicket(actor: Actor, number: number, raw: UpdateTicketInput): Promise<TicketDetail> {
  const input = UpdateTicketInput.parse(raw);
  const taskInput = taskFieldsOf(input);
  if (!isStaff(actor) && (input.status !== CUSTOMER_CLOSE_STATUS || input.priority !== undefined || input.category !== undefined || taskInput)) {
    throw new DomainError('forbidden', 'Customers can only close their own request');
  }
  const p = await load(actor, number);
  if (p.ticket.mergedInto !== undefined) throw new DomainError('ticket_merged', `Ticket #${number} was merged into another ticket`);
  const at = nowIso();
  const next: TicketItem = { ...p.ticket, updatedAt: at };
  const events: EventItem[] = [];
  for (const field of ['status', 'priority', 'category'] as const) {
    const value = input[field];
    if (value === undefined || value === p.ticket[field]) continue;
    events.push(statusEvent(actor, at, field, p.ticket[field] ?? '', value, events.length));
    (next as unknown as Record<string, unknown>)[field] = value;
  }
  const task = await taskChanges(actor, p.ticket, taskInput ?? {}, at, events.length);
  Object.assign(next, task.fields);
  events.push(...task.events);
  if (events.length === 0) return await detail(actor, p);
  const staged = input.status ? withStatus(p.ticket, input.status) : { next: p.ticket, event: undefined };
  if (staged.event) events.push(statusEvent(actor, at, staged.event.type, '', staged.event.to ?? '', events.length));
  const changed: TicketItem = {
    ...next,
    stage: staged.next.stage,
    resolution: staged.next.resolution,
    solution: staged.next.solution,
    unsolvableReason: staged.next.unsolvableReason,
  };
  const done = await commitTicketChange(actor.tenantId, p.ticket, changed, events);
  return await detail(actor, { ticket: done.ticket, messages: p.messages, events: [...p.events, ...(done.added as EventItem[])] }, done.config);
}

/**
 * The stage a new conversation status brings along: a closing status closes the ticket (with
 * that resolution), leaving a closing status reopens it (`reopened`, K4).
 */
function withStatus(t: TicketItem, status: Status): { next: TicketItem; event?: { type: 'closed' | 'reopened'; to?: string } } {
  const closed = stageOf(t) === 'closed';
  const closing = (CLOSED_STATUSES as readonly Status[]).includes(status);
  if (closing && !closed)
    return { next: { ...t, stage: 'closed', resolution: status as 'solved' | 'unsolvable', pendingUntil: undefined }, event: { type: 'closed', to: status } };
  if (closing && t.resolution !== status) return { next: { ...t, resolution: status as 'solved' | 'unsolvable' } };
  if (!closing && closed) return { next: reopened(t), event: { type: 'reopened' } };
  return { next: t };
}
