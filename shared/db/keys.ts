/**
 * The spelling of every key of the one table. The ElectroDB entities (`entities/`) spell the
 * same through their key templates (test/integration/entities.test.ts holds them to it);
 * transactions, the paged lists and the session policy use these. Each tenant-owned key starts
 * with the tenant id of the authenticated caller (`tenantId` is never taken from request input).
 * Platform-level items (prefix `~`) exist before anybody is signed in: the slug claim, which
 * maps a public portal address to a tenant, and the sign-up rate window.
 */
import { isTenantId } from '../ids.ts';
import { PRIORITY_RANK, type Priority, type Status } from '../tickets/schemas.ts';
import type { Role } from '../auth/schemas.ts';

export interface Key {
  pk: string;
  sk: string;
}

function t(tenantId: string): string {
  // A malformed tenant id would let one tenant's key run into another's: refuse it outright.
  if (!isTenantId(tenantId)) throw new Error('invalid tenant id in key');
  return tenantId;
}

const pad = (n: number) => String(n).padStart(12, '0');

export const keys = {
  /** Platform: who owns a portal slug. */
  slug: (slug: string): Key => ({ pk: `~slug#${slug}`, sk: 'SLUG' }),
  tenant: (tenantId: string): Key => ({ pk: t(tenantId), sk: 'TENANT' }),
  ticketCounter: (tenantId: string): Key => ({ pk: `${t(tenantId)}#COUNTER#ticket`, sk: 'COUNTER' }),
  user: (tenantId: string, userId: string): Key => ({ pk: `${t(tenantId)}#USER#${userId}`, sk: 'USER' }),
  userEmail: (tenantId: string, email: string): Key => ({ pk: `${t(tenantId)}#EMAIL#${email}`, sk: 'EMAIL' }),
  session: (tenantId: string, tokenHash: string): Key => ({ pk: `${t(tenantId)}#SESSION#${tokenHash}`, sk: 'SESSION' }),
  oneTimeToken: (tenantId: string, tokenHash: string): Key => ({ pk: `${t(tenantId)}#TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /** Platform: a rate window before any tenant exists (sign-up). */
  platformRateWindow: (scope: string, id: string, window: number): Key => ({ pk: `~rate#${scope}#${id}#${window}`, sk: 'RATE' }),
  rateWindow: (tenantId: string, scope: string, id: string, window: number): Key => ({
    pk: `${t(tenantId)}#RATE#${scope}#${id}#${window}`,
    sk: 'RATE',
  }),
  ticket: (tenantId: string, number: number): Key => ({ pk: `${t(tenantId)}#TICKET#${pad(number)}`, sk: 'TICKET' }),
  /** Partition holding a ticket, its messages and its events. */
  ticketPartition: (tenantId: string, number: number): string => `${t(tenantId)}#TICKET#${pad(number)}`,
  message: (tenantId: string, number: number, at: string, id: string): Key => ({
    pk: keys.ticketPartition(tenantId, number),
    sk: `MSG#${at}#${id}`,
  }),
  event: (tenantId: string, number: number, at: string, id: string): Key => ({
    pk: keys.ticketPartition(tenantId, number),
    sk: `EVT#${at}#${id}`,
  }),
  /** Partition of a tenant's side-effect records (one per effect and change; Powertools Idempotency adds the sort key). */
  effectsPartition: (tenantId: string): string => `${t(tenantId)}#EFFECTS`,
};

/** The tenant a stored key belongs to, or undefined for platform items (`~…`) and malformed keys. */
export function tenantOfKey(pk: string): string | undefined {
  const id = pk.split('#', 1)[0]!;
  return isTenantId(id) ? id : undefined;
}

/** Index keys: which list an item appears in, and in what order. */
export const indexKeys = {
  /** gsi1: users of a tenant by role, then name. */
  userList: (tenantId: string, role: Role, name: string, userId: string) => ({
    gsi1pk: `${t(tenantId)}#USERS`,
    gsi1sk: `${role}#${name.toLowerCase()}#${userId}`,
  }),
  userListPk: (tenantId: string) => `${t(tenantId)}#USERS`,
  /** gsi1: tickets in one status, most urgent first, then oldest first. */
  statusQueue: (tenantId: string, status: Status, priority: Priority, createdAt: string, number: number) => ({
    gsi1pk: `${t(tenantId)}#QUEUE#${status}`,
    gsi1sk: `${PRIORITY_RANK[priority]}#${createdAt}#${pad(number)}`,
  }),
  statusQueuePk: (tenantId: string, status: Status) => `${t(tenantId)}#QUEUE#${status}`,
  /** gsi2: sessions of one user (to end them all, e.g. after a password reset). */
  userSessions: (tenantId: string, userId: string, createdAt: string) => ({
    gsi2pk: `${t(tenantId)}#SESSIONS#${userId}`,
    gsi2sk: createdAt,
  }),
  userSessionsPk: (tenantId: string, userId: string) => `${t(tenantId)}#SESSIONS#${userId}`,
  /** gsi2: tickets of one requester, oldest first. */
  requesterTickets: (tenantId: string, requesterId: string, createdAt: string, number: number) => ({
    gsi2pk: `${t(tenantId)}#REQUESTER#${requesterId}`,
    gsi2sk: `${createdAt}#${pad(number)}`,
  }),
  requesterTicketsPk: (tenantId: string, requesterId: string) => `${t(tenantId)}#REQUESTER#${requesterId}`,
  /** gsi3: one work queue (`tickets/queues.ts`), soonest due, most urgent, oldest first. */
  workQueuePk: (tenantId: string, queue: string) => `${t(tenantId)}#WORK#${queue}`,
  /** gsi4: the overview's part of one team (`-`: without team), by stage (`tickets/queues.ts` overviewRange). */
  teamOverviewPk: (tenantId: string, teamId: string) => `${t(tenantId)}#TEAM#${teamId}`,
};
