/**
 * Deflection (issue 9, Q7): "this solved it" on a suggested answer records a request that was
 * never written, for the statistics, and opens nothing.
 */
import { requireRole, type Actor } from '../auth/actor.ts';
import { nowIso } from '../ids.ts';
import { countDeflections, putDeflection } from '../db/deflections.ts';
import { RecordDeflectionInput, type DeflectionRecorded } from './schemas.ts';

/** Record that the calling customer's request was solved by an FAQ entry or article (once per customer, answer and day). */
export async function recordDeflection(actor: Actor, raw: RecordDeflectionInput): Promise<DeflectionRecorded> {
  requireRole(actor, ['customer']);
  const input = RecordDeflectionInput.parse(raw);
  const at = nowIso();
  const text = input.text?.trim();
  const recorded = await putDeflection(actor.tenantId, {
    month: at.slice(0, 7),
    day: at.slice(0, 10),
    userId: actor.userId,
    answerKind: input.kind,
    answerId: input.id,
    ...(text ? { text } : {}),
    at,
  });
  return { recorded };
}

/** How many requests of a tenant were deflected in a UTC month (`YYYY-MM`): the statistics issue reads it. */
export function deflectionsInMonth(tenantId: string, month: string): Promise<number> {
  return countDeflections(tenantId, month);
}
