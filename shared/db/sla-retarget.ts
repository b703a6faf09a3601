/**
 * The re-targeting sweep's progress item (`entities/sla-retarget.ts`): read it, start a sweep,
 * advance it by one page. Both writes are conditional, so a redelivered or superseded page
 * cannot move the sweep twice or backwards.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { on } from './entities/tenant.ts';
import { RetargetRunEntity } from './entities/sla-retarget.ts';

/** A sweep's progress as stored (without keys). */
export interface RetargetRun {
  run: string;
  step: number;
  status: string;
  after?: string;
  changed: number;
  done: boolean;
  startedAt: string;
  updatedAt: string;
}

const refused = (err: unknown) => err instanceof ConditionalCheckFailedException;

function strip(data: Record<string, unknown>): RetargetRun {
  const { tenantId: _t, kind: _k, ...rest } = data;
  return rest as unknown as RetargetRun;
}

/** The tenant's sweep progress, read consistently (a page must see the step it is about to advance). */
export async function getRetargetRun(tenantId: string): Promise<RetargetRun | undefined> {
  const r = await RetargetRunEntity.get({ tenantId }).go({ ...on(tenantId), consistent: true });
  return r.data ? strip(r.data as Record<string, unknown>) : undefined;
}

/** Start sweep `progress.run` from its beginning, unless that very sweep is already recorded (a redelivered start); false then. */
export async function startRetargetRun(tenantId: string, progress: RetargetRun): Promise<boolean> {
  try {
    await RetargetRunEntity.put({ tenantId, ...progress })
      .where(({ run }, { notExists, ne }) => `${notExists(run)} OR ${ne(run, progress.run)}`)
      .go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}

/** Record the next page's progress, only if the stored one is still sweep `run` at `step`; false when it moved (superseded or done already). */
export async function advanceRetargetRun(tenantId: string, from: Pick<RetargetRun, 'run' | 'step'>, next: RetargetRun): Promise<boolean> {
  try {
    await RetargetRunEntity.put({ tenantId, ...next })
      .where(({ run, step }, { eq }) => `${eq(run, from.run)} AND ${eq(step, from.step)}`)
      .go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (refused(err)) return false;
    throw err;
  }
}
