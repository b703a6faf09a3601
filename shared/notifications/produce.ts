/**
 * Notifications from the change stream (N1): which inserted history event or message notifies
 * whom, and the effect that writes them (and mails them, per the recipient's choice). Nothing
 * here runs in a request.
 */
import { portalUrl } from '../config.ts';
import { STAFF_ROLES } from '../auth/constants.ts';
import { getTenant, getTicket, getUser, listTeamItems, listUsers } from '../db/store.ts';
import { addNotification, getNotification, getNotificationState, lowerUnread, type NotificationItem } from '../db/notifications.ts';
import type { EventItem, MessageItem, TicketItem, UserItem } from '../db/items.ts';
import type { Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { sendTicketMail } from '../mail/outbound.ts';
import { branded } from '../mail/branded.ts';
import type { Role } from '../auth/schemas.ts';
import { NOTIFICATION_TTL_DAYS, type NotificationKind } from './constants.ts';
import { notificationMail } from './mail.ts';
import { mailChoices } from './notifications.ts';
import { actionsOf } from '../sla/escalate.ts';

/** What a notification comes from: the inserted event or message, reduced to what it needs. */
interface Source {
  /** The event's or message's own id: with its instant, the notification's id for every recipient. */
  id: string;
  at: string;
  number: number;
  actorId: string;
  actorName: string;
}

/** Who is told what about one change. */
export interface Plan {
  kind: NotificationKind;
  source: Source;
  recipients: string[];
}

const STATUS_EVENTS = new Set(['status', 'closed', 'reopened', 'resumed']);
const TEAM_EVENTS = new Set(['assigned', 'taken', 'part_answered', 'parts_answered']);
/** Written by the SLA timer (issue 7): a warning, a breach, an escalation step. */
const SLA_EVENTS = new Set(['sla_warning', 'sla_breached', 'sla_escalated']);

/**
 * A new ticket a routing rule sent to a person or a team is an assignment for them (the
 * `routed` history entry is read from the ticket, not stored: so is this one).
 */
function routedAssignment(t: TicketItem): EventItem | undefined {
  if (!t.routedTo?.startsWith('user:') && !t.routedTo?.startsWith('team:')) return undefined;
  return { kind: 'event', id: `routed-${t.number}`, type: 'assigned', actorId: 'system', actorName: 'System', at: t.createdAt, to: t.routedTo };
}

/** The inserted history event or message a change carries, if it may notify anybody (no ticket read yet). */
function sourceOf(change: Change): { event?: EventItem; message?: MessageItem } | undefined {
  if (change.type !== 'insert' || !change.new) return undefined;
  if (change.kind === 'ticket') {
    const routed = routedAssignment(change.new as unknown as TicketItem);
    return routed && { event: routed };
  }
  if (change.kind === 'event') {
    const e = change.new as unknown as EventItem;
    return TEAM_EVENTS.has(e.type) || STATUS_EVENTS.has(e.type) || SLA_EVENTS.has(e.type) ? { event: e } : undefined;
  }
  if (change.kind === 'message') {
    const m = change.new as unknown as MessageItem;
    if (!m.internal && m.authorRole === 'customer' && !m.noReply) return { message: m };
    if (m.internal && m.authorRole !== 'customer' && m.body.includes('@')) return { message: m };
  }
  return undefined;
}

/** Confirmed users of some roles (every page). */
async function usersWithRoles(tenantId: string, roles: readonly Role[]): Promise<UserItem[]> {
  const out: UserItem[] = [];
  for (const role of roles) {
    let cursor: string | undefined;
    do {
      const page = await listUsers(tenantId, { role, cursor, limit: 100 });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return out;
}

const teamMembers = async (tenantId: string, teamId: string | undefined) =>
  teamId ? ((await listTeamItems(tenantId)).find((t) => t.teamId === teamId)?.memberIds ?? []) : [];
const coordinators = async (tenantId: string) => (await usersWithRoles(tenantId, ['coordinator'])).map((u) => u.userId);

/**
 * The staff named in a note: `@` followed by a staff member's full name (the longest that
 * matches), else by a first name. A name shared by several people notifies nobody: a wrong
 * person told is worse than none.
 */
export function mentionedIn(body: string, staff: readonly Pick<UserItem, 'userId' | 'name'>[]): string[] {
  const found = new Set<string>();
  const lower = body.toLowerCase();
  const wordChar = /[\p{L}\p{N}_]/u;
  const names = staff.map((u) => ({ id: u.userId, full: u.name.toLowerCase().trim(), first: u.name.toLowerCase().trim().split(/\s+/)[0]! }));
  for (const m of lower.matchAll(/@/g)) {
    if (m.index > 0 && wordChar.test(lower[m.index - 1]!)) continue; // an email address, not a mention
    const rest = lower.slice(m.index + 1);
    const ends = (n: string) => rest.startsWith(n) && !wordChar.test(rest[n.length] ?? ' ');
    const full = names.filter((n) => n.full && ends(n.full));
    const longest = Math.max(0, ...full.map((n) => n.full.length));
    const byFull = new Set(full.filter((n) => n.full.length === longest).map((n) => n.id));
    if (byFull.size > 0) {
      if (byFull.size === 1) found.add([...byFull][0]!);
      continue;
    }
    const word = /^[\p{L}\p{N}_-]+/u.exec(rest)?.[0];
    const byFirst = new Set(names.filter((n) => word && n.first === word).map((n) => n.id));
    if (byFirst.size === 1) found.add([...byFirst][0]!);
  }
  return [...found];
}

/**
 * Who is notified of what, for one change (before the actor is taken out):
 * - `assigned`: the person assigned, or every member of the team assigned — also when a routing
 *   rule sent a new ticket there;
 * - `taken_from_team`: the team's members when one of them takes its ticket;
 * - `part_answered`/`parts_answered` (events on the parent): the parent's assignee, else every
 *   coordinator of the tenant: a parent without assignee sits on the coordinators' shared
 *   "parts answered" list, and any of them may write the summary;
 * - `customer_replied`: the assignee, else the team's members, else the coordinators;
 * - `status_changed` (status, closed, reopened, resumed): the assignee; a customer's reply
 *   moving the status to "open" is told as `customer_replied` only;
 * - `mentioned`: the staff members named in an internal note (unique matches only);
 * - `sla_warning`/`sla_breached` (a clock's warning threshold or target passed): the assignee,
 *   else the team's members, else the coordinators (a ticket nobody holds is theirs to place);
 * - an escalation step (`sla_escalated`, kind `sla_breached`): the coordinators when it says
 *   notify_coordinator, the team's members when it says notify_team (its other actions are
 *   events of their own: a reassignment notifies the new team as `assigned`).
 */
export async function planOf(tenantId: string, change: Change, ticket: TicketItem): Promise<Plan | undefined> {
  const src = sourceOf(change);
  if (src?.event) {
    const e = src.event;
    const source: Source = { id: e.id, at: e.at, number: ticket.number, actorId: e.actorId, actorName: e.actorName };
    switch (e.type) {
      case 'assigned': {
        const [what, id] = (e.to ?? '').split(':', 2);
        const recipients = what === 'user' && id ? [id] : what === 'team' ? await teamMembers(tenantId, id) : [];
        return { kind: 'assigned', source, recipients };
      }
      case 'taken':
        return { kind: 'taken_from_team', source, recipients: await teamMembers(tenantId, ticket.teamId) };
      case 'sla_warning':
      case 'sla_breached': {
        const team = ticket.assigneeId ? [] : await teamMembers(tenantId, ticket.teamId);
        const recipients = ticket.assigneeId ? [ticket.assigneeId] : team.length > 0 ? team : await coordinators(tenantId);
        return { kind: e.type, source, recipients };
      }
      case 'sla_escalated': {
        const actions = actionsOf(e.to);
        const recipients = [
          ...(actions.includes('notify_coordinator') ? await coordinators(tenantId) : []),
          ...(actions.includes('notify_team') ? await teamMembers(tenantId, ticket.teamId) : []),
        ];
        return recipients.length > 0 ? { kind: 'sla_breached', source, recipients } : undefined;
      }
      case 'part_answered':
      case 'parts_answered':
        return { kind: e.type, source, recipients: ticket.assigneeId ? [ticket.assigneeId] : await coordinators(tenantId) };
      default:
        if (e.type === 'status' && e.to === 'open' && e.actorId === ticket.requesterId) return undefined;
        return { kind: 'status_changed', source, recipients: ticket.assigneeId ? [ticket.assigneeId] : [] };
    }
  }
  if (src?.message) {
    const m = src.message;
    const source: Source = { id: m.id, at: m.createdAt, number: ticket.number, actorId: m.authorId, actorName: m.authorName };
    if (!m.internal) {
      const team = ticket.assigneeId ? [] : await teamMembers(tenantId, ticket.teamId);
      const recipients = ticket.assigneeId ? [ticket.assigneeId] : team.length > 0 ? team : await coordinators(tenantId);
      return { kind: 'customer_replied', source, recipients };
    }
    return { kind: 'mentioned', source, recipients: mentionedIn(m.body, await usersWithRoles(tenantId, STAFF_ROLES)) };
  }
  return undefined;
}

/** The notification's id: the same source item makes the same id, so a repeated change adds nothing. */
export const notificationId = (s: Pick<Source, 'at' | 'id'>) => `${s.at}.${s.id}`;

/**
 * Notify one recipient, once: a notification already there (an earlier run of this change) is
 * left alone. Its mail, when the recipient wants this kind mailed, goes out before the
 * notification is stored, so a failed send is retried with the change and never lost (a crash
 * between the two repeats the mail once: at least once).
 */
async function notifyOne(tenantId: string, plan: Plan, ticket: TicketItem, userId: string): Promise<void> {
  const id = notificationId(plan.source);
  if (await getNotification(tenantId, userId, id)) return;
  const user = await getUser(tenantId, userId);
  if (!user || user.role === 'customer') return; // removed, or not staff: nothing to tell
  const { mail } = await getNotificationState(tenantId, userId);
  // Issue 8: the ticket mail path (the tenant as sender, reply token, our Message-ID); none to a suppressed address.
  if (mailChoices(mail)[plan.kind] && !user.mailSuppressed) {
    const tenant = await getTenant(tenantId);
    if (tenant) {
      const lang = user.language ?? tenant.defaultLanguage;
      const rendered = notificationMail(lang, plan.kind, {
        portal: tenant.branding.title || tenant.name,
        name: user.name,
        actor: plan.source.actorName,
        number: ticket.number,
        subject: ticket.subject,
        url: portalUrl(tenant.slug, `agent/tickets/${ticket.number}`),
        settingsUrl: portalUrl(tenant.slug, 'agent/settings'),
      });
      await sendTicketMail({ tenant, number: ticket.number, to: user.email, mail: branded(tenant, rendered), auto: 'auto-generated' });
    }
  }
  await addNotification(tenantId, {
    kind: 'notification',
    userId,
    id,
    type: plan.kind,
    number: ticket.number,
    subject: ticket.subject,
    actorName: plan.source.actorName,
    at: plan.source.at,
    read: false,
    expiresAt: Math.floor(Date.parse(plan.source.at) / 1000) + NOTIFICATION_TTL_DAYS * 24 * 3600,
  });
}

/** The ticket a change's event or message belongs to. */
const numberOf = (change: Change) => (change.new as { number?: unknown } | undefined)?.number;

/**
 * Tell staff what happened on their tickets (N1): from inserted history events and messages,
 * in-app always, by mail per the recipient's choice. Never the one who did it.
 */
export const notifyStaff: Effect = {
  name: 'notify-staff',
  kinds: ['event', 'message', 'ticket'],
  applies: (change) => sourceOf(change) !== undefined && typeof numberOf(change) === 'number',
  async run(change) {
    const ticket = await getTicket(change.tenantId, numberOf(change) as number);
    const plan = ticket && (await planOf(change.tenantId, change, ticket));
    if (!ticket || !plan) return;
    const recipients = [...new Set(plan.recipients)].filter((id) => id && id !== plan.source.actorId);
    await Promise.all(recipients.map((userId) => notifyOne(change.tenantId, plan, ticket, userId)));
  },
};

/**
 * DynamoDB TTL removes a notification after 90 days; one that was still unread leaves the count
 * with it (nothing else ever deletes a notification).
 */
export const uncountExpiredNotification: Effect = {
  name: 'uncount-expired-notification',
  kinds: ['notification'],
  applies: (change) => change.type === 'remove' && (change.old as Partial<NotificationItem> | undefined)?.read === false,
  async run(change) {
    const old = change.old as unknown as NotificationItem;
    await lowerUnread(change.tenantId, old.userId);
  },
};
