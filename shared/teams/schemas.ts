/** The API shapes of support teams and routing rules (T4, K5). */
import * as z from 'zod';
import { singleLine } from '../text.ts';
import { Channel } from '../tickets/schemas.ts';
import { CONDITION_MAX, MAX_RULES, TEAM_NAME_MAX } from './constants.ts';

const Id = z.string().regex(/^[\w-]{1,64}$/);

/** A team's name in every language; each 1–80 characters, unique in the tenant per language. */
export const TeamName = z.object({ de: singleLine(1, TEAM_NAME_MAX), en: singleLine(1, TEAM_NAME_MAX) }).meta({ id: 'TeamName' });

/** Members: user ids of confirmed staff of the tenant, each once. */
const MemberIds = z
  .array(Id)
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'each member once', params: { code: 'duplicate_member' } });

export const Team = z
  .object({
    id: z.string(),
    name: z.object({ de: z.string(), en: z.string() }),
    members: z.array(z.object({ id: z.string(), name: z.string() })),
    calendarId: z.string().optional().describe('The team’s own business calendar (issue 7); absent: the SLA policy’s'),
    version: z.number().int(),
    deleted: z.boolean().optional().describe('Deleted (only with `deleted=include`): kept for the names of tickets and history that name it'),
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const TeamList = z.object({ items: z.array(Team) }).meta({ id: 'TeamList' });
export type TeamList = z.infer<typeof TeamList>;

/** The team's own business calendar (issue 7): an id of `listCalendars`; `null` clears it. */
const TeamCalendarId = Id.nullable().optional();

export const CreateTeamInput = z.object({ name: TeamName, memberIds: MemberIds.default([]), calendarId: TeamCalendarId }).meta({ id: 'CreateTeamInput' });
export type CreateTeamInput = z.input<typeof CreateTeamInput>;

export const UpdateTeamInput = z
  .object({ name: TeamName.optional(), memberIds: MemberIds.optional(), calendarId: TeamCalendarId, version: z.number().int().min(0) })
  .meta({ id: 'UpdateTeamInput' });
export type UpdateTeamInput = z.input<typeof UpdateTeamInput>;

export const TeamIdParam = z.object({ id: Id });

const ConditionText = singleLine(1, CONDITION_MAX);

/** When a rule applies: at least one condition; all given ones must hold. */
export const RuleWhen = z
  .strictObject({
    category: ConditionText.optional(),
    channel: Channel.optional(),
    company: ConditionText.optional(),
    subjectContains: ConditionText.optional(),
  })
  .refine((w) => Object.values(w).some((v) => v !== undefined), { message: 'at least one condition', params: { code: 'no_condition' } });

/** Where a matching rule sends the ticket. */
export const RuleThen = z.union([z.strictObject({ teamId: Id }), z.strictObject({ assigneeId: Id }), z.strictObject({ coordinator: z.literal(true) })]);

export const RoutingRule = z.object({ id: z.string(), when: RuleWhen, then: RuleThen }).meta({ id: 'RoutingRule' });

/** A rule as the admin sends it: a new one has no id yet (the server numbers it). */
export const RoutingRuleInput = z.object({
  id: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
  when: RuleWhen,
  then: RuleThen,
});

/** A rule removed with its deleted team, as the routing page shows it. */
export const RemovedRule = z
  .object({ rule: RoutingRule, teamName: z.object({ de: z.string(), en: z.string() }), at: z.string(), byName: z.string() })
  .meta({ id: 'RemovedRule' });

export const Routing = z
  .object({
    rules: z.array(RoutingRule),
    version: z.number().int(),
    removed: z.array(RemovedRule).optional().describe('Rules removed because their team was deleted, newest first'),
  })
  .meta({ id: 'Routing' });
export type Routing = z.infer<typeof Routing>;

export const UpdateRoutingInput = z
  .object({
    rules: z
      .array(RoutingRuleInput)
      .max(MAX_RULES)
      .refine(
        (rs) => {
          const ids = rs.flatMap((r) => (r.id ? [r.id] : []));
          return new Set(ids).size === ids.length;
        },
        { message: 'each rule once', params: { code: 'duplicate_rule' } },
      ),
    version: z.number().int().min(0),
  })
  .meta({ id: 'UpdateRoutingInput' });
export type UpdateRoutingInput = z.input<typeof UpdateRoutingInput>;

// ==== deleting a team (issue 6) ====
export const ListTeamsQuery = z.object({
  deleted: z.enum(['include']).optional().describe('`include`: deleted teams too (marked `deleted`), to name what still names them'),
});
export type ListTeamsQuery = z.input<typeof ListTeamsQuery>;

export const DeleteTeamQuery = z.object({
  version: z.coerce.number().int().min(0).optional().describe('The version the admin saw: refused with 409 if the team changed meanwhile'),
});
export type DeleteTeamQuery = z.input<typeof DeleteTeamQuery>;

export const DeletedTeam = z
  .object({
    removedRules: z.array(z.string()).describe('Numbers of the routing rules that sent tickets to the team, removed with it'),
    sharedTemplates: z.number().int().describe('How many of the team’s templates are now everybody’s'),
  })
  .meta({ id: 'DeletedTeam' });
export type DeletedTeam = z.infer<typeof DeletedTeam>;
