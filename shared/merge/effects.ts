/**
 * Effects of a merge (issue 8, K16), from the source ticket's change that set `mergedInto`:
 * finish moving its thread (a request that crashed half-way left the rest), and tell its
 * requester once.
 */
import { nowIso } from '../ids.ts';
import { getTicket } from '../db/store.ts';
import { recordMergeNotice } from '../db/merge.ts';
import type { TicketItem } from '../db/items.ts';
import type { Change } from '../effects/change.ts';
import type { Effect } from '../effects/registry.ts';
import { portalUrl } from '../config.ts';
import type { Language } from '../tenancy/schemas.ts';
import { render, type RenderedMail } from '../mail/templates.ts';
import { mailRequester } from '../tickets/notify.ts';
import { moveThread } from './merge.ts';

/** The source ticket of a change that merged it (its `mergedInto` was just set), else undefined. */
function mergedBy(change: Change): TicketItem | undefined {
  if (change.kind !== 'ticket' || change.type !== 'modify') return undefined;
  const after = change.new as TicketItem | undefined;
  const before = change.old as TicketItem | undefined;
  return after?.mergedInto !== undefined && before?.mergedInto === undefined ? after : undefined;
}

/** Move what is left of a merged ticket's thread (nothing, usually: the request moved it). */
export const finishMerge: Effect = {
  name: 'finish-merge',
  kinds: ['ticket'],
  applies: (change) => mergedBy(change) !== undefined,
  async run(change) {
    const source = mergedBy(change);
    if (source) await moveThread(change.tenantId, source.number, source.mergedInto!);
  },
};

/** The mail about a merge: with the target when it is the requester's own, else just "closed as duplicate". */
export function mergeMail(
  lang: Language,
  d: { portal: string; name: string; number: number; subject: string; target?: { number: number; subject: string }; url: string },
): RenderedMail {
  const subject = `[#${d.number}] ${d.subject}`;
  if (lang === 'de') {
    const said = d.target
      ? `Ihre Anfrage #${d.number} „${d.subject}“ betrifft dasselbe wie Ihre Anfrage #${d.target.number} „${d.target.subject}“. Wir haben beide zusammengeführt: Der gesamte Verlauf steht jetzt unter #${d.target.number}, dort geht es weiter.`
      : `Ihre Anfrage #${d.number} „${d.subject}“ wurde als Duplikat einer bereits bestehenden Anfrage geschlossen. Wir bearbeiten das Anliegen dort weiter.`;
    return render(subject, [`Hallo ${d.name},`, said], { url: d.url, label: d.target ? `Anfrage #${d.target.number} ansehen` : 'Anfrage ansehen' });
  }
  const said = d.target
    ? `your request #${d.number} "${d.subject}" is about the same as your request #${d.target.number} "${d.target.subject}". We have merged them: the whole conversation is now under #${d.target.number}, where it continues.`
    : `your request #${d.number} "${d.subject}" was closed as a duplicate of an existing request. We continue to work on the matter there.`;
  return render(subject, [`Hello ${d.name},`, said], { url: d.url, label: d.target ? `View request #${d.target.number}` : 'View request' });
}

/**
 * Tell the requester that their ticket was merged, once: a ticket that already records the
 * notice is left alone (a redelivered or replayed change sends nothing), and the record is
 * written only after the mail went out (a failed mail is retried, never claimed).
 */
export const notifyRequesterOfMerge: Effect = {
  name: 'notify-requester-of-merge',
  kinds: ['ticket'],
  applies: (change) => {
    const t = mergedBy(change);
    return t !== undefined && !(t.type === 'task' && t.requesterId === t.createdBy);
  },
  async run(change) {
    const merged = mergedBy(change);
    const source = merged && (await getTicket(change.tenantId, merged.number));
    if (!source || source.mergedInto === undefined || source.mergeNoticeAt) return;
    const target = await getTicket(change.tenantId, source.mergedInto);
    const own = target && target.requesterId === source.requesterId ? target : undefined;
    // Sent, suppressed or nobody to tell: in every case the notice is done (nothing to retry).
    await mailRequester(change.tenantId, source, ({ lang, tenant, requester, url }) =>
      mergeMail(lang, {
        portal: tenant.branding.title,
        name: requester.name,
        number: source.number,
        subject: source.subject,
        target: own && { number: own.number, subject: own.subject },
        url: own ? portalUrl(tenant.slug, `tickets/${own.number}`) : url,
      }),
    );
    await recordMergeNotice(change.tenantId, source.number, nowIso());
  },
};
