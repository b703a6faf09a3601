/**
 * Inbound mail (issue 8, M1/M3): one raw mail, stored in the bucket by SES (or the local SMTP
 * server) under `inbound/…`, becomes per tenant it was sent to a new ticket, a message in the
 * ticket it answers, a delivery event (a bounce of ours), or nothing, with a logged reason. The
 * handler (`functions/mail/inbound.ts`) only calls `receiveMail`. Tickets are written through
 * `commitNewTicket` / `commitTicketChange` like every other ticket write.
 */
import { createHash } from 'node:crypto';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import { getObjectBytes, headObject, putObject, rawMailKey } from '../files/storage.ts';
import { claimMailId, recordMailId, releaseMailId, tenantMailSecret } from '../db/mail.ts';
import { getTenant, getTicket, hitRateWindow } from '../db/store.ts';
import type { TenantItem, TicketItem } from '../db/items.ts';
import { MAIL_LIMITS, type DropReason } from './constants.ts';
import { parseMail, type InboundMail } from './parse.ts';
import { tenantsOfRecipients, type TenantRecipient } from './recipients.ts';
import { findThread, ticketOfToken, type ThreadedBy } from './thread.ts';
import { deliveryEventFromDsn, recordDeliveryEvent } from './delivery.ts';
import { stageOf } from '../tickets/view.ts';
import { addMailToTicket, contactOf, mailDropped, newTicketFromMail, mailMessage } from './inbound-store.ts';

/** Where SES (and the local SMTP server) put raw inbound mail, before any tenant is known. */
export const INBOUND_PREFIX = 'inbound/';

/** One mail as it arrived: its raw object and the envelope recipients. */
export interface InboundDelivery {
  key: string;
  recipients: string[];
}

/** What became of a mail for one recipient tenant (logged by the handler; the specs and the bench read it). */
export type InboundOutcome = { recipient: string; tenantId?: string } & (
  | { result: 'created' | 'follow_up'; number: number; followUpOf?: number }
  | { result: 'threaded' | 'reopened'; number: number; by: ThreadedBy }
  | { result: 'delivery_event'; number?: number }
  | { result: 'dropped'; reason: DropReason; number?: number; detail?: string }
);

/** The address of our own outgoing mail (MAIL_FROM), and anything at our inbound domain, is us: never taken in (loops). */
function isOwnAddress(address: string): boolean {
  const from = (/<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom).trim().toLowerCase();
  return address === from || address.endsWith(`@${config.inboundMailDomain}`);
}

/** Whether a mail reply may still reopen a closed ticket (tenant setting `reopenGraceDays`). */
export function withinGrace(ticket: TicketItem, tenant: TenantItem, now = Date.now()): boolean {
  const closedAt = Date.parse(ticket.sla?.closedAt ?? ticket.updatedAt);
  const days = tenant.reopenGraceDays ?? MAIL_LIMITS.reopenGraceDays;
  return now - closedAt < days * 86_400_000;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A bounce or complaint about a mail we sent, recorded on that message (`delivery.ts`); false when the report is not one. */
async function asDeliveryEvent(tenantId: string, mail: InboundMail): Promise<boolean> {
  const event = deliveryEventFromDsn(mail.parsed);
  if (!event) return false;
  await recordDeliveryEvent(tenantId, event);
  return true;
}

/** Take in one mail for one tenant. */
async function intoTenant(rcpt: TenantRecipient, mail: InboundMail, raw: Uint8Array, digest: string): Promise<InboundOutcome> {
  const { tenantId } = rcpt;
  const base = { recipient: rcpt.address, tenantId };
  const drop = (reason: DropReason, extra: { number?: number; detail?: string } = {}): InboundOutcome => ({ ...base, result: 'dropped', reason, ...extra });
  const tenant = await getTenant(tenantId);
  if (!tenant) return drop('unknown_tenant');
  if (tenant.suspendedAt) return drop('suspended_tenant');
  if (!mail.from) return drop('unparseable', { detail: 'no sender address' });
  if (isOwnAddress(mail.from.address)) return drop('own_address');
  if (mail.isReport && (await asDeliveryEvent(tenantId, mail))) return { ...base, result: 'delivery_event' };

  // De-duplication: the Message-ID, or (none given) the raw bytes themselves.
  const mailId = mail.messageId ?? `<raw.${digest}@${config.inboundMailDomain}>`;
  const earlier = await claimMailId(tenantId, mailId);
  if (earlier) return drop('duplicate', { number: earlier.number });
  try {
    const outcome = await takeIn(rcpt, tenant, mail, raw, digest.slice(0, 32), mailId);
    if (outcome.result === 'dropped') await releaseMailId(tenantId, mailId);
    return outcome;
  } catch (err) {
    // Nothing was stored for it (or only files no message lists): a retry judges it afresh.
    await releaseMailId(tenantId, mailId);
    throw err;
  }
}

async function takeIn(rcpt: TenantRecipient, tenant: TenantItem, mail: InboundMail, raw: Uint8Array, rawId: string, mailId: string): Promise<InboundOutcome> {
  const { tenantId } = rcpt;
  const from = mail.from!;
  const base = { recipient: rcpt.address, tenantId };
  const window = MAIL_LIMITS.loopWindowMinutes * 60;
  if (!(await hitRateWindow(tenantId, 'mailSender', from.address, window, MAIL_LIMITS.perSender))) {
    return {
      ...base,
      result: 'dropped',
      reason: 'loop',
      detail: `more than ${MAIL_LIMITS.perSender} mails from ${from.address} in ${MAIL_LIMITS.loopWindowMinutes} minutes`,
    };
  }
  const secret = (await tenantMailSecret(tenantId, tenant))!;
  const author = await contactOf(tenantId, from);
  const found = await findThread(tenantId, secret, mail, rcpt.token, author.userId);
  let target = found?.ticket;
  // A mail to a merged ticket goes where its messages went.
  if (target?.mergedInto !== undefined) target = (await getTicket(tenantId, target.mergedInto)) ?? target;
  if (target && !(await hitRateWindow(tenantId, 'mailTicket', String(target.number), window, MAIL_LIMITS.perTicket))) {
    await mailDropped(tenantId, target, 'loop');
    return {
      ...base,
      result: 'dropped',
      reason: 'loop',
      number: target.number,
      detail: `more than ${MAIL_LIMITS.perTicket} mails into #${target.number} in ${MAIL_LIMITS.loopWindowMinutes} minutes`,
    };
  }

  // The original, kept for staff (download) under the tenant's prefix.
  const rawKey = rawMailKey(tenantId, rawId);
  await putObject(rawKey, raw, 'message/rfc822');
  const followUp = target && stageOf(target) === 'closed' && !withinGrace(target, tenant) ? target : undefined;
  if (!target || followUp) {
    const created = await newTicketFromMail(tenantId, { mail, author, rawKey, mailId, teamId: rcpt.teamId, followUpOf: followUp?.number });
    await recordMailId(tenantId, mailId, { number: created.number, messageId: created.messageId });
    return followUp
      ? { ...base, result: 'follow_up', number: created.number, followUpOf: followUp.number }
      : { ...base, result: 'created', number: created.number };
  }
  const made = await mailMessage(tenantId, { mail, author, rawKey, mailId, number: target.number });
  const added = await addMailToTicket(tenantId, target, made, author);
  await recordMailId(tenantId, mailId, { number: target.number, messageId: made.message.id });
  return { ...base, result: added.reopened ? 'reopened' : 'threaded', number: target.number, by: found!.by };
}

/**
 * Take in one delivered mail for every tenant it is addressed to. Mails that cannot be read, are
 * too large, or are addressed to nobody we know are dropped with a reason; only a failure of
 * our own storage throws (the platform retries the delivery; the Message-ID claim keeps a
 * retried mail from being stored twice).
 */
export async function receiveMail(d: InboundDelivery): Promise<InboundOutcome[]> {
  const { tenants, unknown } = await tenantsOfRecipients(d.recipients);
  const outcomes: InboundOutcome[] = unknown.map((recipient) => ({ recipient, result: 'dropped', reason: 'unknown_tenant' }));
  if (tenants.length === 0) return outcomes;
  const drop = (reason: DropReason, detail: string) =>
    tenants.map((t): InboundOutcome => ({ recipient: t.address, tenantId: t.tenantId, result: 'dropped', reason, detail }));
  const head = await headObject(d.key);
  if (!head) return [...outcomes, ...drop('unparseable', `no object ${d.key}`)];
  if (head.size > MAIL_LIMITS.maxBytes) {
    // Recorded on the ticket when the address names one by a verified token; a log line otherwise.
    for (const t of tenants) {
      const secret = t.token && (await tenantMailSecret(t.tenantId));
      const ticket = secret ? await ticketOfToken(t.tenantId, secret, t.token) : undefined;
      if (ticket) await mailDropped(t.tenantId, ticket, 'too_large');
    }
    return [...outcomes, ...drop('too_large', `${head.size} bytes`)];
  }
  const raw = await getObjectBytes(d.key);
  let mail: InboundMail;
  try {
    mail = await parseMail(raw);
  } catch (err) {
    return [...outcomes, ...drop('unparseable', err instanceof Error ? err.message : String(err))];
  }
  const digest = sha256(raw); // names the stored original, and the mail itself when it has no Message-ID
  for (const t of tenants) {
    try {
      outcomes.push(await intoTenant(t, mail, raw, digest));
    } catch (err) {
      // Content we cannot store as a message (e.g. refused as input) is dropped, never retried for ever.
      if (!(err instanceof DomainError) || err.code === 'conflict') throw err;
      outcomes.push({ recipient: t.address, tenantId: t.tenantId, result: 'dropped', reason: 'unparseable', detail: err.message });
    }
  }
  return outcomes;
}
