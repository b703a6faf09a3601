/**
 * Templates for acceptance and answers (K13): per tenant, optionally per team, in German or
 * English, with placeholders (`fill.ts`). Every staff member may keep templates and use the
 * tenant-wide ones and those of their teams; a template is changed or removed by its author or
 * by a coordinator or admin (who look after the tenant's wording); customers never see them.
 */
import { DomainError, notFound, type FieldError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import { isStaff, type Actor } from '../auth/actor.ts';
import { listTeamItems } from '../db/store.ts';
import { deleteTemplateItem, getTemplateItem, listTemplateItems, putNewTemplate, saveTemplate, type TemplateItem } from '../db/templates.ts';
import { teamIdsOf } from '../teams/membership.ts';
import { UNKNOWN_PLACEHOLDER } from './constants.ts';
import { unknownPlaceholders } from './fill.ts';
import {
  CreateTemplateInput,
  DeleteTemplateQuery,
  TemplateIdParam,
  UpdateTemplateInput,
  type ListTemplatesFilter,
  type Template,
  type TemplateList,
} from './schemas.ts';

/** Templates are staff's tools: a customer (or any other role) is refused outright. */
function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'Only staff keep templates');
}

/** Whoever wrote it, or a coordinator or admin, may change or remove a template. */
const mayChange = (actor: Actor, t: TemplateItem) => t.authorId === actor.userId || actor.role === 'coordinator' || actor.role === 'admin';

function toTemplate(t: TemplateItem): Template {
  return {
    id: t.templateId,
    name: t.name,
    kind: t.purpose,
    language: t.language,
    teamId: t.teamId,
    body: t.body,
    authorId: t.authorId,
    authorName: t.authorName,
    updatedAt: t.updatedAt,
    version: t.version,
  };
}

/** Refuses a body naming a placeholder we cannot fill (one field error per unknown name), and a team that does not exist. */
async function check(tenantId: string, fields: { body?: string; teamId?: string | null }): Promise<void> {
  const errors: FieldError[] = unknownPlaceholders(fields.body ?? '').map((name) => ({
    path: 'body',
    message: `{{${name}}} is not a placeholder`,
    code: UNKNOWN_PLACEHOLDER,
    params: { name },
  }));
  if (fields.teamId && !(await listTeamItems(tenantId)).some((t) => t.teamId === fields.teamId)) {
    errors.push({ path: 'teamId', message: 'no such team', code: 'unknown_team' });
  }
  if (errors.length > 0) throw new DomainError('validation_failed', errors.map((e) => e.message).join('; '), errors);
}

const byLanguageKindName = (a: TemplateItem, b: TemplateItem) =>
  a.language.localeCompare(b.language) || a.purpose.localeCompare(b.purpose) || a.name.localeCompare(b.name) || a.templateId.localeCompare(b.templateId);

/** The tenant's templates, filtered; with `mine`, only those the caller may insert (tenant-wide and their teams'). */
export async function listTemplates(actor: Actor, q: ListTemplatesFilter): Promise<TemplateList> {
  requireStaff(actor);
  const [items, teams] = await Promise.all([listTemplateItems(actor.tenantId), q.mine ? teamIdsOf(actor.tenantId, actor.userId) : undefined]);
  const picked = items.filter(
    (t) =>
      (!q.kind || t.purpose === q.kind) &&
      (!q.language || t.language === q.language) &&
      (!q.teamId || t.teamId === q.teamId) &&
      (!teams || !t.teamId || teams.includes(t.teamId)),
  );
  return { items: picked.sort(byLanguageKindName).map(toTemplate) };
}

/** Keep a new template (any staff member). */
export async function createTemplate(actor: Actor, raw: CreateTemplateInput): Promise<Template> {
  requireStaff(actor);
  const input = CreateTemplateInput.parse(raw);
  await check(actor.tenantId, input);
  const at = nowIso();
  const item: TemplateItem = {
    kind: 'template',
    templateId: newId(),
    name: input.name,
    purpose: input.kind,
    language: input.language,
    teamId: input.teamId,
    body: input.body,
    authorId: actor.userId,
    authorName: actor.name,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await putNewTemplate(actor.tenantId, item);
  return toTemplate(item);
}

/** The template to change or remove, if the caller may. */
async function changeable(actor: Actor, rawId: string): Promise<TemplateItem> {
  requireStaff(actor);
  const { id } = TemplateIdParam.parse({ id: rawId });
  const t = await getTemplateItem(actor.tenantId, id);
  if (!t) throw notFound('Template');
  if (!mayChange(actor, t)) throw new DomainError('forbidden', 'Only its author, a coordinator or an admin may change this template');
  return t;
}

/** Change a template at the version the caller saw (its author, a coordinator or an admin). */
export async function updateTemplate(actor: Actor, rawId: string, raw: UpdateTemplateInput): Promise<Template> {
  const input = UpdateTemplateInput.parse(raw);
  const t = await changeable(actor, rawId);
  if (t.version !== input.version) throw new DomainError('conflict', 'The template was changed meanwhile; reload and try again');
  await check(actor.tenantId, { body: input.body, teamId: input.teamId });
  const changed: TemplateItem = {
    ...t,
    name: input.name ?? t.name,
    purpose: input.kind ?? t.purpose,
    language: input.language ?? t.language,
    teamId: input.teamId === null ? undefined : (input.teamId ?? t.teamId),
    body: input.body ?? t.body,
    updatedAt: nowIso(),
  };
  return toTemplate(await saveTemplate(actor.tenantId, changed, input.version));
}

/** Remove a template (its author, a coordinator or an admin); with `version`, only if unchanged since. */
export async function deleteTemplate(actor: Actor, rawId: string, raw: { version?: number | string }): Promise<void> {
  const { version } = DeleteTemplateQuery.parse(raw);
  const t = await changeable(actor, rawId);
  if (version !== undefined && t.version !== version) throw new DomainError('conflict', 'The template was changed meanwhile; reload and try again');
  await deleteTemplateItem(actor.tenantId, t.templateId, version ?? t.version);
}
