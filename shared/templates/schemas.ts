/** The API shapes of templates (K13), validated with zod. */
import * as z from 'zod';
import { multiLine, singleLine } from '../text.ts';
import { Language } from '../tenancy/schemas.ts';
import { PLACEHOLDERS, TEMPLATE_BODY_MAX, TEMPLATE_KINDS, TEMPLATE_NAME_MAX } from './constants.ts';

export const TemplateKind = z.enum(TEMPLATE_KINDS).meta({ id: 'TemplateKind', description: 'acceptance: the first word on a new ticket; answer: a reply' });

const TeamId = z
  .string()
  .regex(/^[\w-]{1,64}$/)
  .describe('Only members of this team see it in the reply box; absent: every staff member');

const Body = multiLine(1, TEMPLATE_BODY_MAX).describe(`Text with placeholders: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}`);

export const Template = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: TemplateKind,
    language: Language,
    teamId: z.string().optional(),
    body: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    updatedAt: z.string(),
    version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  })
  .meta({ id: 'Template' });
export type Template = z.infer<typeof Template>;

export const TemplateList = z.object({ items: z.array(Template) }).meta({ id: 'TemplateList' });
export type TemplateList = z.infer<typeof TemplateList>;

export const ListTemplatesQuery = z
  .object({
    kind: TemplateKind.optional(),
    language: Language.optional(),
    teamId: TeamId.optional().describe('Only the templates of this team'),
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('true: only what the caller may insert (tenant-wide ones and those of their teams)'),
  })
  .meta({ id: 'ListTemplatesQuery' });
/** The list's filters as the route parsed them. */
export type ListTemplatesFilter = z.output<typeof ListTemplatesQuery>;

export const CreateTemplateInput = z
  .object({ name: singleLine(1, TEMPLATE_NAME_MAX), kind: TemplateKind, language: Language, teamId: TeamId.optional(), body: Body })
  .meta({ id: 'CreateTemplateInput' });
export type CreateTemplateInput = z.input<typeof CreateTemplateInput>;

export const UpdateTemplateInput = z
  .object({
    name: singleLine(1, TEMPLATE_NAME_MAX).optional(),
    kind: TemplateKind.optional(),
    language: Language.optional(),
    teamId: TeamId.nullable().optional().describe('null: for every staff member again'),
    body: Body.optional(),
    version: z.number().int().min(0),
  })
  .meta({ id: 'UpdateTemplateInput' });
export type UpdateTemplateInput = z.input<typeof UpdateTemplateInput>;

export const TemplateIdParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });

export const DeleteTemplateQuery = z.object({
  version: z.coerce.number().int().min(0).optional().describe('The version the caller saw: refused with 409 if it changed meanwhile'),
});
