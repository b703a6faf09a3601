/**
 * Every read and write of templates (K13), each a named access pattern (see README.md). One
 * partition per tenant; a change or removal lands only at the version its author saw.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../errors.ts';
import { on } from './entities/tenant.ts';
import { TemplateEntity } from './entities/templates.ts';
import type { Language } from '../tenancy/constants.ts';
import type { TemplateKind } from '../templates/constants.ts';

/** A template as stored (`purpose` is the API's `kind`: the item's `kind` names the item type). */
export interface TemplateItem {
  kind: 'template';
  templateId: string;
  name: string;
  purpose: TemplateKind;
  language: Language;
  teamId?: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const conflict = () => new DomainError('conflict', 'The template was changed or removed meanwhile; reload and try again');

/** What the entity returns, without its key attribute. */
function asTemplate(data: Record<string, unknown>): TemplateItem {
  const { tenantId: _t, ...item } = data;
  return item as unknown as TemplateItem;
}

/** Every template of a tenant (one partition, every page). */
export async function listTemplateItems(tenantId: string): Promise<TemplateItem[]> {
  const r = await TemplateEntity.query.byTenant({ tenantId }).go({ ...on(tenantId), pages: 'all' });
  return r.data.map((d) => asTemplate(d));
}

/** A template by id. */
export async function getTemplateItem(tenantId: string, templateId: string): Promise<TemplateItem | undefined> {
  const r = await TemplateEntity.get({ tenantId, templateId }).go(on(tenantId));
  return r.data ? asTemplate(r.data) : undefined;
}

/** Store a new template (its id is fresh: `attribute_not_exists`). */
export async function putNewTemplate(tenantId: string, t: TemplateItem): Promise<void> {
  await TemplateEntity.create({ ...t, tenantId }).go({ ...on(tenantId), response: 'none' });
}

/** Write a changed template, only if it is still at `expectedVersion`; raises the version. */
export async function saveTemplate(tenantId: string, t: TemplateItem, expectedVersion: number): Promise<TemplateItem> {
  const { templateId, kind: _k, authorId: _a, createdAt: _c, teamId, ...fields } = t;
  try {
    const r = await TemplateEntity.patch({ tenantId, templateId })
      .set({ ...fields, version: expectedVersion + 1, ...(teamId ? { teamId } : {}) })
      .remove(teamId ? [] : ['teamId'])
      .where(({ version }, { eq }) => eq(version, expectedVersion))
      .go({ ...on(tenantId), response: 'all_new' });
    return asTemplate(r.data as Record<string, unknown>);
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw conflict();
    throw err;
  }
}

/** Remove a template, only if it is still at `expectedVersion` (when given). */
export async function deleteTemplateItem(tenantId: string, templateId: string, expectedVersion?: number): Promise<void> {
  try {
    await TemplateEntity.delete({ tenantId, templateId })
      .where(({ version }, { eq, exists }) => (expectedVersion === undefined ? exists(version) : eq(version, expectedVersion)))
      .go({ ...on(tenantId), response: 'none' });
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw conflict();
    throw err;
  }
}
