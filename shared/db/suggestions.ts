/**
 * Every read and write of the suggestion scheme (issue 9, Q6), each a named access pattern
 * (see README.md): the tenant's settings (optimistic concurrency) and the index of suggestions.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../errors.ts';
import { on } from './entities/tenant.ts';
import { SuggestionEntity, SuggestionSettingsEntity } from './entities/suggestions.ts';

export interface SuggestionSettingsItem {
  enabled: boolean;
  customersJoin: boolean;
  topicId?: string;
  version: number;
}

export interface SuggestionItem {
  number: number;
  createdAt: string;
  articleId?: string;
  acceptedBy?: string;
  acceptedAt?: string;
}

const strip = <T>(d: Record<string, unknown>): T => {
  const { tenantId: _t, kind: _k, ...rest } = d;
  return rest as T;
};

/** The tenant's suggestion settings (consistent GetItem `SETTINGS`; none yet = off, version 0). */
export async function getSuggestionSettings(tenantId: string): Promise<SuggestionSettingsItem> {
  const r = await SuggestionSettingsEntity.get({ tenantId }).go({ ...on(tenantId), consistent: true });
  return r.data ? strip<SuggestionSettingsItem>(r.data as Record<string, unknown>) : { enabled: false, customersJoin: false, version: 0 };
}

/** Write the settings only if still at `expectedVersion` (0: none stored yet); raises the version. */
export async function saveSuggestionSettings(
  tenantId: string,
  s: Omit<SuggestionSettingsItem, 'version'>,
  expectedVersion: number,
): Promise<SuggestionSettingsItem> {
  const next = { ...s, version: expectedVersion + 1 };
  try {
    if (expectedVersion === 0) await SuggestionSettingsEntity.create({ tenantId, ...next }).go({ ...on(tenantId), response: 'none' });
    else
      await SuggestionSettingsEntity.patch({ tenantId })
        .set(next)
        .where(({ version }, { eq }) => eq(version, expectedVersion))
        .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException)
      throw new DomainError('conflict', 'The suggestion settings were changed meanwhile; reload and try again');
    throw err;
  }
  return next;
}

/** Index a suggestion (idempotent: an entry already there is kept as it is, acceptance included). */
export async function putSuggestion(tenantId: string, number: number, createdAt: string): Promise<void> {
  try {
    await SuggestionEntity.create({ tenantId, number, createdAt }).go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/** Every suggestion of a tenant (Query `pk = T#SUGGESTIONS`, `SUGGESTION#` prefix, every page). */
export async function listSuggestionItems(tenantId: string): Promise<SuggestionItem[]> {
  const r = await SuggestionEntity.query.byTenant({ tenantId }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map((d) => strip<SuggestionItem>(d as Record<string, unknown>));
}

/** One suggestion's entry (consistent GetItem). */
export async function getSuggestionItem(tenantId: string, number: number): Promise<SuggestionItem | undefined> {
  const r = await SuggestionEntity.get({ tenantId, number }).go({ ...on(tenantId), consistent: true });
  return r.data ? strip<SuggestionItem>(r.data as Record<string, unknown>) : undefined;
}

/** Record the acceptance once (`attribute_not_exists(articleId)`); false if it was accepted already. */
export async function markAccepted(tenantId: string, number: number, a: { articleId: string; acceptedBy: string; acceptedAt: string }): Promise<boolean> {
  try {
    await SuggestionEntity.patch({ tenantId, number })
      .set(a)
      .where(({ articleId }, { notExists }) => notExists(articleId))
      .go({ ...on(tenantId), response: 'none' });
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
