/**
 * Access patterns of support teams and routing rules (T4, K5), beside `store.ts` (which keeps
 * `listTeamItems`, read by the workflow). Team names are claimed per language in the same
 * transaction as the team, so a name is unique per tenant and language without a scan.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';
import { DomainError } from '../errors.ts';
import { on, tenantClient } from './entities/tenant.ts';
import { RoutingEntity, TeamEntity, TeamNameEntity } from './entities/teams.ts';
import type { TeamItem } from './items.ts';
import { LANGUAGES, type Language } from '../tenancy/constants.ts';
import type { RemovedRule, RoutingRule } from '../teams/constants.ts';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './client.ts';
import { indexKeys } from './keys.ts';
import { onceInRequest } from './request-reads.ts';
import { TemplateEntity } from './entities/templates.ts';
import type { TemplateItem } from './templates.ts';
import { stageNoOf, teamQueue } from '../tickets/queues.ts';

const T = () => config.tableName;

/** The stored routing rules of a tenant; `version` 0 when none were ever saved. */
export interface RoutingItem {
  rules: RoutingRule[];
  nextRuleId: number;
  version: number;
  /** Rules removed with their deleted team, newest first (issue 6). */
  removed?: RemovedRule[];
}

/** A name folded for the uniqueness claim: "  1st   Level " and "1st level" are the same name. */
export const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');

/** Indexes of the transaction items whose condition failed. */
function failedIndexes(err: unknown): number[] {
  if (!(err instanceof TransactionCanceledException)) return [];
  return (err.CancellationReasons ?? []).flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}

const nameTaken = (languages: Language[]) =>
  new DomainError(
    'validation_failed',
    'Another team already has this name',
    languages.map((l) => ({ path: `name.${l}`, message: 'another team has this name', code: 'team_name_taken' })),
  );

function claim(tenantId: string, teamId: string, language: Language, name: string) {
  // `create` puts only where no claim exists yet.
  return { Put: TeamNameEntity.create({ tenantId, language, key: nameKey(name), teamId }).params({ table: T() }) as never };
}

function release(tenantId: string, teamId: string, language: Language, name: string) {
  // Only this team's own claim is released (a missing one, e.g. of a team written without claims, is fine).
  const del = TeamNameEntity.delete({ tenantId, language, key: nameKey(name) }).where(
    (a, { eq, notExists }) => `${notExists(a.teamId)} OR ${eq(a.teamId, teamId)}`,
  );
  return { Delete: del.params({ table: T() }) as never };
}

/** A team by id (a deleted one is no team any more: undefined). */
export async function getTeamItem(tenantId: string, teamId: string): Promise<TeamItem | undefined> {
  const r = await TeamEntity.get({ tenantId, teamId }).go(on(tenantId));
  if (!r.data || r.data.deletedAt) return undefined;
  const { tenantId: _t, ...team } = r.data;
  return team as unknown as TeamItem;
}

/** Every team of a tenant, deleted ones included: what tickets naming a team read its name from. */
export async function listTeamItemsWithDeleted(tenantId: string): Promise<TeamItem[]> {
  const teams = await onceInRequest(`${tenantId}#TEAMS`, async () => {
    const r = await TeamEntity.query.byTenant({ tenantId }).go({ ...on(tenantId), pages: 'all' });
    return r.data.map(({ tenantId: _t, ...team }) => team as unknown as TeamItem);
  });
  return structuredClone(teams);
}

/** Create a team and claim its names, all or nothing; a name another team holds → `team_name_taken`. */
export async function createTeamItem(tenantId: string, team: TeamItem): Promise<void> {
  const put = TeamEntity.create({ ...team, tenantId }).params({ table: T() });
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({ TransactItems: [{ Put: put as never }, ...LANGUAGES.map((l) => claim(tenantId, team.teamId, l, team.name[l]))] }),
    );
  } catch (err) {
    const failed = failedIndexes(err);
    if (failed.length > 0 && !failed.includes(0)) throw nameTaken(failed.map((i) => LANGUAGES[i - 1]!));
    throw err;
  }
}

/**
 * Change a team's names, members and own calendar, only at `expectedVersion` (else `conflict`). A changed name
 * releases the old claim and claims the new one in the same transaction.
 */
export async function updateTeamItem(tenantId: string, before: TeamItem, after: TeamItem, expectedVersion: number): Promise<void> {
  const update = TeamEntity.patch({ tenantId, teamId: before.teamId })
    .set({ name: after.name, memberIds: after.memberIds, version: expectedVersion + 1, ...(after.calendarId ? { calendarId: after.calendarId } : {}) })
    .remove(after.calendarId ? [] : ['calendarId'])
    .where(({ version }, { eq }) => eq(version, expectedVersion))
    .params({ table: T() });
  const renamed = LANGUAGES.filter((l) => nameKey(before.name[l]) !== nameKey(after.name[l]));
  const items = [
    { Update: update as never },
    ...renamed.flatMap((l) => [release(tenantId, before.teamId, l, before.name[l]), claim(tenantId, before.teamId, l, after.name[l])]),
  ];
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const failed = failedIndexes(err);
    if (failed.includes(0)) throw new DomainError('conflict', 'The team was changed meanwhile; reload and try again');
    // Claims sit at odd positions 2, 4 (release at 1, 3).
    const taken = failed.filter((i) => i % 2 === 0).map((i) => renamed[i / 2 - 1]!);
    if (taken.length > 0) throw nameTaken(taken);
    throw err;
  }
}

/** Set a team's members (someone left the tenant), at the version read. */
export async function setTeamMembers(tenantId: string, team: TeamItem, memberIds: string[]): Promise<void> {
  await TeamEntity.patch({ tenantId, teamId: team.teamId })
    .set({ memberIds, version: team.version + 1 })
    .where(({ version }, { eq }) => eq(version, team.version))
    .go({ ...on(tenantId), response: 'none' });
}

/** The routing rules of a tenant (none yet: an empty list at version 0). */
export async function getRoutingItem(tenantId: string): Promise<RoutingItem> {
  const r = await RoutingEntity.get({ tenantId }).go(on(tenantId));
  if (!r.data) return { rules: [], nextRuleId: 1, version: 0 };
  const removed = r.data.removed as RemovedRule[] | undefined;
  return { rules: r.data.rules as RoutingRule[], nextRuleId: r.data.nextRuleId, version: r.data.version, ...(removed ? { removed } : {}) };
}

/** Replace the routing rules, only at `expectedVersion` (0: none saved yet), else `conflict`. */
export async function putRoutingItem(tenantId: string, item: RoutingItem, expectedVersion: number, at: string): Promise<void> {
  const put = RoutingEntity.put({ tenantId, ...routingFields(item, at), version: expectedVersion + 1 });
  try {
    if (expectedVersion === 0) await put.where((a, { notExists }) => notExists(a.version)).go({ ...on(tenantId), response: 'none' });
    else await put.where((a, { eq }) => eq(a.version, expectedVersion)).go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') {
      throw new DomainError('conflict', 'The routing rules were changed meanwhile; reload and try again');
    }
    throw err;
  }
}

/** What a routing item stores besides its key and version (the record of removed rules kept). */
const routingFields = (item: RoutingItem, at: string) => ({
  rules: item.rules,
  nextRuleId: item.nextRuleId,
  updatedAt: at,
  ...(item.removed?.length ? { removed: item.removed } : {}),
});

/**
 * How many of a team's tickets nobody has taken yet (deleting the team would strand them):
 * its team queue (gsi3), and those parked until a date that go back to it (gsi4, stage pending).
 */
export async function countUntakenOfTeam(tenantId: string, teamId: string): Promise<number> {
  const [queued, parked] = await Promise.all([
    countAll(tenantId, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.workQueuePk(tenantId, teamQueue(teamId)) },
    }),
    countAll(tenantId, {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk AND begins_with(gsi4sk, :pending)',
      FilterExpression: 'attribute_not_exists(assigneeId)',
      ExpressionAttributeValues: { ':pk': indexKeys.teamOverviewPk(tenantId, teamId), ':pending': `${stageNoOf('pending')}#` },
    }),
  ]);
  return queued + parked;
}

async function countAll(tenantId: string, q: Omit<QueryCommandInput, 'TableName'>): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db(tenantId).send(new QueryCommand({ TableName: T(), ...q, Select: 'COUNT', ExclusiveStartKey: start }));
    count += r.Count ?? 0;
    start = r.LastEvaluatedKey;
  } while (start);
  return count;
}

/**
 * Delete a team (issue 6), all or nothing: the team item stays, marked deleted and without
 * members (tickets naming it still read its name); both name claims are released (the name is
 * free again); the routing rules are replaced (`routing`: those naming it dropped, at the version
 * read); the team's templates become everybody's (each at its version). Anything changed
 * meanwhile → `conflict`.
 */
export async function deleteTeamItem(
  tenantId: string,
  team: TeamItem,
  at: string,
  routing: { item: RoutingItem; expectedVersion: number } | undefined,
  templates: readonly TemplateItem[],
): Promise<void> {
  const archive = TeamEntity.patch({ tenantId, teamId: team.teamId })
    .set({ deletedAt: at, memberIds: [], version: team.version + 1 })
    .remove(['calendarId'])
    .where(({ version, deletedAt }, { eq, notExists }) => `${eq(version, team.version)} AND ${notExists(deletedAt)}`)
    .params({ table: T() });
  const rules = routing && {
    Put: RoutingEntity.put({ tenantId, ...routingFields(routing.item, at), version: routing.expectedVersion + 1 })
      .where((a, { eq }) => eq(a.version, routing.expectedVersion))
      .params({ table: T() }) as never,
  };
  const shared = templates.map((t) => ({
    Update: TemplateEntity.patch({ tenantId, templateId: t.templateId })
      .set({ version: t.version + 1, updatedAt: at })
      .remove(['teamId'])
      .where(({ version }, { eq }) => eq(version, t.version))
      .params({ table: T() }) as never,
  }));
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: archive as never },
          ...LANGUAGES.map((l) => release(tenantId, team.teamId, l, team.name[l])),
          ...(rules ? [rules] : []),
          ...shared,
        ],
      }),
    );
  } catch (err) {
    if (failedIndexes(err).length > 0)
      throw new DomainError('conflict', 'The team, its routing rules or templates were changed meanwhile; reload and try again');
    throw err;
  }
}
