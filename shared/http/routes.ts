/**
 * The HTTP API contract, one row per operation: method, path, who may call it, the zod schemas
 * of its input and output, and what it needs from AWS. The single source for the area routers
 * (`functions/http/<area>.ts`), the local server, the CDK API stack (one Lambda per area, its
 * permissions from `needs`) and the OpenAPI document. Domain code, no Lambda types.
 */
import { MailSuppressionView } from '../mail/suppression-schemas.ts';
import { ROLES, STAFF_ROLES } from '../auth/constants.ts';
import * as z from 'zod';
import type { Actor } from '../auth/actor.ts';
import {
  AcceptInvitationInput,
  ChangeRoleInput,
  InviteInput,
  ListUsersQuery,
  LoginInput,
  Me,
  RegisterInput,
  ResetPasswordInput,
  ResetRequestInput,
  type Role,
  SessionResponse,
  UpdateMeInput,
  UserIdParam,
  UserList,
  VerifyEmailInput,
  User,
} from '../auth/schemas.ts';
import { Portal, SignupInput, SlugParam, TenantSettingsInput } from '../tenancy/schemas.ts';
import {
  AddMessageInput,
  CreateTicketInput,
  ListTicketsQuery,
  Message,
  TicketDetail,
  TicketList,
  TicketNumberParam,
  UpdateTicketInput,
} from '../tickets/schemas.ts';
import {
  CreateTemplateInput,
  DeleteTemplateQuery,
  ListTemplatesQuery,
  Template,
  TemplateIdParam,
  TemplateList,
  UpdateTemplateInput,
} from '../templates/schemas.ts';
import { CreateTeamInput, Routing, Team, TeamIdParam, TeamList, UpdateRoutingInput, UpdateTeamInput } from '../teams/schemas.ts';
import { AssignInput, CloseInput, HandBackInput, PendInput, TakeInput, TicketCounts, VersionInput } from '../tickets/workflow-schemas.ts';
import { LockInput, LockResponse } from '../tickets/lock-schemas.ts';
import { MergeTicketInput } from '../mail/schemas.ts';
import { AnswerToCoordinatorInput, SendBackInput, SendOnInput, SplitResult, SplitTicketInput } from '../tickets/split-schemas.ts';
import {
  ListNotificationsQuery,
  MarkReadInput,
  NotificationList,
  NotificationSettings,
  UnreadCount,
  UpdateNotificationSettingsInput,
} from '../notifications/schemas.ts';
import {
  Calendar,
  CalendarIdParam,
  CalendarList,
  CreateCalendarInput,
  CreateSlaPolicyInput,
  DeleteSlaPolicyQuery,
  GermanHolidaysQuery,
  HolidayList,
  SlaPolicy,
  SlaPolicyIdParam,
  SlaPolicyList,
  UpdateCalendarInput,
  UpdateSlaPolicyInput,
} from '../sla/schemas.ts';
import { InboundSettings, MessageIdParam, UpdateInboundSettingsInput } from '../mail/schemas.ts';
import { SearchQuery, SearchResult } from '../search/schemas.ts';
import { AttachmentDownload, AttachmentIdParam, AttachmentUpload, CreateAttachmentUploadInput } from '../attachments/schemas.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** An area of the API: one Lambda function in AWS, one bundle, one in-function router. */
export type Area = 'auth' | 'tenancy' | 'users' | 'tickets' | 'teams' | 'templates' | 'notifications' | 'sla' | 'attachments' | 'search';
export const AREAS: readonly Area[] = ['auth', 'tenancy', 'users', 'tickets', 'teams', 'templates', 'notifications', 'sla', 'attachments', 'search'];

/**
 * What an operation needs from AWS; its area's function gets exactly the union of its routes'
 * needs (infra/stacks/api.ts). Every operation at least reads the table (sessions live there).
 */
export interface Needs {
  /** `read`: queries and gets only; `write`: also puts, updates, deletes and transactions. */
  table: 'read' | 'write';
  /** Sends mail through SES. */
  mail?: true;
  /** Starts the ticket workflow (Step Functions). */
  workflow?: true;
  /** The attachment bucket: `read` (heads, ranged gets, presigned downloads), `write` also puts (presigned uploads). */
  bucket?: 'read' | 'write';
  /** Hashes passwords (memory-hard): its function gets more memory, hence more CPU. */
  passwords?: true;
}

export interface RouteDef {
  operationId: string;
  method: Method;
  /** OpenAPI path template, e.g. `/api/v1/tickets/{number}`. */
  path: string;
  summary: string;
  /** OpenAPI tag; its lower case is the area (the Lambda) that serves the route. */
  tag: Capitalize<Area>;
  /** `public`: no session; otherwise a session with one of these roles. */
  auth: 'public' | readonly Role[];
  needs: Needs;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and body schema (`null` for an empty body). */
  status: number;
  response: z.ZodType | null;
}

/** Keeps a row's literal types (its schemas, its `auth`), so handlers get typed input. */
const route = <const R extends RouteDef>(r: R): R => r;

const ANY: readonly Role[] = ROLES;
const STAFF: readonly Role[] = STAFF_ROLES;
const ADMIN: readonly Role[] = ['admin'];
const Accepted = z.object({ status: z.literal('accepted') }).meta({ id: 'Accepted' });

export const routes = [
  route({
    operationId: 'signup',
    method: 'POST',
    path: '/api/v1/signup',
    tag: 'Tenancy',
    summary: 'Sign up an organisation and its first admin',
    auth: 'public',
    needs: { table: 'write', passwords: true },
    body: SignupInput,
    status: 201,
    response: SessionResponse,
  }),
  route({
    operationId: 'getPortal',
    method: 'GET',
    path: '/api/v1/portals/{slug}',
    tag: 'Tenancy',
    summary: 'Public branding of a tenant portal',
    auth: 'public',
    needs: { table: 'read' },
    params: SlugParam,
    status: 200,
    response: Portal,
  }),
  route({
    operationId: 'login',
    method: 'POST',
    path: '/api/v1/portals/{slug}/login',
    tag: 'Auth',
    summary: 'Sign in to a tenant',
    auth: 'public',
    needs: { table: 'write', mail: true, passwords: true }, // mails a sign-in link to an account under attack
    params: SlugParam,
    body: LoginInput,
    status: 200,
    response: SessionResponse,
  }),
  route({
    operationId: 'registerCustomer',
    method: 'POST',
    path: '/api/v1/portals/{slug}/register',
    tag: 'Auth',
    summary: 'Register as a customer; a verification link is mailed',
    auth: 'public',
    needs: { table: 'write', mail: true, passwords: true },
    params: SlugParam,
    body: RegisterInput,
    status: 202,
    response: Accepted,
  }),
  route({
    operationId: 'requestPasswordReset',
    method: 'POST',
    path: '/api/v1/portals/{slug}/password-reset',
    tag: 'Auth',
    summary: 'Mail a password reset link (always accepted)',
    auth: 'public',
    needs: { table: 'write', mail: true },
    params: SlugParam,
    body: ResetRequestInput,
    status: 202,
    response: Accepted,
  }),
  route({
    operationId: 'verifyEmail',
    method: 'POST',
    path: '/api/v1/auth/verify-email',
    tag: 'Auth',
    summary: 'Confirm an email address with the mailed token and sign in',
    auth: 'public',
    needs: { table: 'write' },
    body: VerifyEmailInput,
    status: 200,
    response: SessionResponse,
  }),
  route({
    operationId: 'resetPassword',
    method: 'POST',
    path: '/api/v1/auth/reset-password',
    tag: 'Auth',
    summary: 'Set a new password with the mailed token',
    auth: 'public',
    needs: { table: 'write', passwords: true },
    body: ResetPasswordInput,
    status: 204,
    response: null,
  }),
  route({
    operationId: 'acceptInvitation',
    method: 'POST',
    path: '/api/v1/auth/accept-invitation',
    tag: 'Auth',
    summary: 'Join a tenant with an invitation token',
    auth: 'public',
    needs: { table: 'write', passwords: true },
    body: AcceptInvitationInput,
    status: 200,
    response: SessionResponse,
  }),
  route({
    operationId: 'logout',
    method: 'POST',
    path: '/api/v1/auth/logout',
    tag: 'Auth',
    summary: 'End the current session',
    auth: ANY,
    needs: { table: 'write' },
    status: 204,
    response: null,
  }),
  route({
    operationId: 'me',
    method: 'GET',
    path: '/api/v1/me',
    tag: 'Auth',
    summary: 'The signed-in user and tenant',
    auth: ANY,
    needs: { table: 'read' },
    status: 200,
    response: Me,
  }),
  route({
    operationId: 'updateMe',
    method: 'PATCH',
    path: '/api/v1/me',
    tag: 'Auth',
    summary: 'Change your own settings (the language of every page and mail)',
    auth: ANY,
    needs: { table: 'write' },
    body: UpdateMeInput,
    status: 200,
    response: Me,
  }),
  route({
    operationId: 'updateTenant',
    method: 'PATCH',
    path: '/api/v1/tenant',
    tag: 'Tenancy',
    summary: 'Change branding, default language and time zone',
    auth: ADMIN,
    needs: { table: 'write' },
    body: TenantSettingsInput,
    status: 200,
    response: Portal,
  }),
  route({
    operationId: 'inviteUser',
    method: 'POST',
    path: '/api/v1/invitations',
    tag: 'Users',
    summary: 'Invite an agent, coordinator or admin by email',
    auth: ADMIN,
    needs: { table: 'write', mail: true },
    body: InviteInput,
    status: 202,
    response: Accepted,
  }),
  route({
    operationId: 'listUsers',
    method: 'GET',
    path: '/api/v1/users',
    tag: 'Users',
    summary: 'Users of the tenant (contact picker)',
    auth: STAFF,
    needs: { table: 'read' },
    query: ListUsersQuery,
    status: 200,
    response: UserList,
  }),
  route({
    operationId: 'changeUserRole',
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    tag: 'Users',
    summary: "Give a staff member another staff role; the user's sessions end",
    auth: ADMIN,
    needs: { table: 'write' },
    params: UserIdParam,
    body: ChangeRoleInput,
    status: 200,
    response: User,
  }),
  route({
    operationId: 'removeUser',
    method: 'DELETE',
    path: '/api/v1/users/{id}',
    tag: 'Users',
    summary: 'Remove an account: its sessions end and its email address is free again',
    auth: ADMIN,
    needs: { table: 'write' },
    params: UserIdParam,
    status: 204,
    response: null,
  }),
  route({
    operationId: 'createTicket',
    method: 'POST',
    path: '/api/v1/tickets',
    tag: 'Tickets',
    summary: 'Open a ticket (customers for themselves, staff for a contact)',
    auth: ANY,
    needs: { table: 'write', bucket: 'write' },
    body: CreateTicketInput,
    status: 201,
    response: TicketDetail,
  }),
  route({
    operationId: 'listTickets',
    method: 'GET',
    path: '/api/v1/tickets',
    tag: 'Tickets',
    summary: 'Work lists, filtered and sorted; customers see only their own',
    auth: ANY,
    needs: { table: 'read' },
    query: ListTicketsQuery,
    status: 200,
    response: TicketList,
  }),
  route({
    operationId: 'getTicket',
    method: 'GET',
    path: '/api/v1/tickets/{number}',
    tag: 'Tickets',
    summary: 'A ticket with its correspondence and history',
    auth: ANY,
    needs: { table: 'read' },
    params: TicketNumberParam,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'addTicketMessage',
    method: 'POST',
    path: '/api/v1/tickets/{number}/messages',
    tag: 'Tickets',
    summary: 'Answer publicly, add an internal note, or reply as the customer',
    auth: ANY,
    needs: { table: 'write', bucket: 'write' },
    params: TicketNumberParam,
    body: AddMessageInput,
    status: 201,
    response: Message,
  }),
  route({
    operationId: 'updateTicket',
    method: 'PATCH',
    path: '/api/v1/tickets/{number}',
    tag: 'Tickets',
    summary: 'Change status, priority or category (staff); customers may only close their own request',
    auth: ANY,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: UpdateTicketInput,
    status: 200,
    response: TicketDetail,
  }),
  // ==== workflow core (issue 6) ====
  route({
    operationId: 'countTickets',
    method: 'GET',
    path: '/api/v1/tickets/counts',
    tag: 'Tickets',
    summary: 'How many tickets each work list of the caller’s role holds (the counts on the tabs)',
    auth: ANY,
    needs: { table: 'read' },
    status: 200,
    response: TicketCounts,
  }),
  route({
    operationId: 'acceptTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/accept',
    tag: 'Tickets',
    summary: 'Coordinator: take a new ticket into pre-clarification',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: VersionInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'assignTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/assign',
    tag: 'Tickets',
    summary: 'Coordinator: assign to a person or a team, with due date and instruction',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: AssignInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'takeTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/take',
    tag: 'Tickets',
    summary: 'A team member takes a team’s ticket; the loser of a race gets 409 already_taken {by}',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: TakeInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'acceptAssignment',
    method: 'POST',
    path: '/api/v1/tickets/{number}/accept-assignment',
    tag: 'Tickets',
    summary: 'The person assigned accepts the assignment',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: VersionInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'handBackTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/hand-back',
    tag: 'Tickets',
    summary: 'The assignee returns the ticket to the coordinator, with a reason',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: HandBackInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'closeTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/close',
    tag: 'Tickets',
    summary: 'Close as solved (with solution) or unsolvable (with reason); 409 open_sub_tickets',
    auth: ANY, // the requester may close their own request (lifecycle table)
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: CloseInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'pendTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/pend',
    tag: 'Tickets',
    summary: 'Park the ticket until an instant; it comes back by itself',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: PendInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'resumeTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/resume',
    tag: 'Tickets',
    summary: 'Take a pending ticket back before its date',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: VersionInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'reopenTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/reopen',
    tag: 'Tickets',
    summary: 'Reopen a closed ticket',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: VersionInput,
    status: 200,
    response: TicketDetail,
  }),
  // ==== end workflow core ====
  // ==== split and answers (issue 6) ====
  route({
    operationId: 'splitTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/split',
    tag: 'Tickets',
    summary: 'Split a ticket into 1–10 parts (sub-tickets), each for a person or a team, hidden from or visible to the requester',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: SplitTicketInput,
    status: 201,
    response: SplitResult,
  }),
  route({
    operationId: 'answerToCoordinator',
    method: 'POST',
    path: '/api/v1/tickets/{number}/answer-to-coordinator',
    tag: 'Tickets',
    summary: 'The assignee answers to the coordinator for review instead of to the requester',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: AnswerToCoordinatorInput,
    status: 201,
    response: Message,
  }),
  route({
    operationId: 'sendOnAnswer',
    method: 'POST',
    path: '/api/v1/tickets/{number}/send-on',
    tag: 'Tickets',
    summary: 'The coordinator sends a reviewed answer on to the requester, as written or edited',
    auth: STAFF,
    needs: { table: 'write' }, // the requester's mail follows from the stream
    params: TicketNumberParam,
    body: SendOnInput,
    status: 200,
    response: TicketDetail,
  }),
  route({
    operationId: 'sendBackAnswer',
    method: 'POST',
    path: '/api/v1/tickets/{number}/send-back',
    tag: 'Tickets',
    summary: 'The coordinator sends a reviewed answer back to the assignee, with a reason',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: SendBackInput,
    status: 200,
    response: TicketDetail,
  }),
  // ==== end split and answers ====
  // ==== teams and routing (issue 6) ====
  route({
    operationId: 'listTeams',
    method: 'GET',
    path: '/api/v1/teams',
    tag: 'Teams',
    summary: 'The support teams of the tenant with their members',
    auth: STAFF,
    needs: { table: 'read' },
    status: 200,
    response: TeamList,
  }),
  route({
    operationId: 'createTeam',
    method: 'POST',
    path: '/api/v1/teams',
    tag: 'Teams',
    summary: 'Create a support team (name in de and en, members from the staff)',
    auth: ADMIN,
    needs: { table: 'write' },
    body: CreateTeamInput,
    status: 201,
    response: Team,
  }),
  route({
    operationId: 'updateTeam',
    method: 'PATCH',
    path: '/api/v1/teams/{id}',
    tag: 'Teams',
    summary: 'Rename a team or change its members, at the version the admin saw',
    auth: ADMIN,
    needs: { table: 'write' },
    params: TeamIdParam,
    body: UpdateTeamInput,
    status: 200,
    response: Team,
  }),
  route({
    operationId: 'getRouting',
    method: 'GET',
    path: '/api/v1/routing',
    tag: 'Teams',
    summary: 'The ordered routing rules for new tickets',
    auth: ['admin', 'coordinator'],
    needs: { table: 'read' },
    status: 200,
    response: Routing,
  }),
  route({
    operationId: 'updateRouting',
    method: 'PUT',
    path: '/api/v1/routing',
    tag: 'Teams',
    summary: 'Replace the routing rules, at the version the admin saw',
    auth: ADMIN,
    needs: { table: 'write' },
    body: UpdateRoutingInput,
    status: 200,
    response: Routing,
  }),
  // ==== end teams and routing ====
  // ==== templates (issue 6) ====
  route({
    operationId: 'listTemplates',
    method: 'GET',
    path: '/api/v1/templates',
    tag: 'Templates',
    summary: 'Answer and acceptance templates of the tenant (staff); `mine=true`: only those the caller may insert',
    auth: STAFF,
    needs: { table: 'read' },
    query: ListTemplatesQuery,
    status: 200,
    response: TemplateList,
  }),
  route({
    operationId: 'createTemplate',
    method: 'POST',
    path: '/api/v1/templates',
    tag: 'Templates',
    summary: 'Keep a new template (any staff member); unknown placeholders are refused',
    auth: STAFF,
    needs: { table: 'write' },
    body: CreateTemplateInput,
    status: 201,
    response: Template,
  }),
  route({
    operationId: 'updateTemplate',
    method: 'PATCH',
    path: '/api/v1/templates/{id}',
    tag: 'Templates',
    summary: 'Change a template at the version seen (its author, a coordinator or an admin)',
    auth: STAFF,
    needs: { table: 'write' },
    params: TemplateIdParam,
    body: UpdateTemplateInput,
    status: 200,
    response: Template,
  }),
  route({
    operationId: 'deleteTemplate',
    method: 'DELETE',
    path: '/api/v1/templates/{id}',
    tag: 'Templates',
    summary: 'Remove a template (its author, a coordinator or an admin); `version`: only if unchanged since',
    auth: STAFF,
    needs: { table: 'write' },
    params: TemplateIdParam,
    query: DeleteTemplateQuery,
    status: 204,
    response: null,
  }),
  // ==== end templates ====
  // ==== notifications (issue 6) ====
  route({
    operationId: 'listNotifications',
    method: 'GET',
    path: '/api/v1/notifications',
    tag: 'Notifications',
    summary: 'Your notifications, newest first, with the unread count',
    auth: STAFF,
    needs: { table: 'read' },
    query: ListNotificationsQuery,
    status: 200,
    response: NotificationList,
  }),
  route({
    operationId: 'markNotificationsRead',
    method: 'POST',
    path: '/api/v1/notifications/read',
    tag: 'Notifications',
    summary: 'Mark some of your notifications read, or all of them',
    auth: STAFF,
    needs: { table: 'write' },
    body: MarkReadInput,
    status: 200,
    response: UnreadCount,
  }),
  route({
    operationId: 'getNotificationSettings',
    method: 'GET',
    path: '/api/v1/me/notification-settings',
    tag: 'Notifications',
    summary: 'Which kinds of notification also reach you by mail',
    auth: STAFF,
    needs: { table: 'read' },
    status: 200,
    response: NotificationSettings,
  }),
  route({
    operationId: 'updateNotificationSettings',
    method: 'PUT',
    path: '/api/v1/me/notification-settings',
    tag: 'Notifications',
    summary: 'Choose which kinds of notification also reach you by mail',
    auth: STAFF,
    needs: { table: 'write' },
    body: UpdateNotificationSettingsInput,
    status: 200,
    response: NotificationSettings,
  }),
  // ==== end notifications ====
  // ==== locking (issue 6) ====
  route({
    operationId: 'lockTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/lock',
    tag: 'Tickets',
    summary: 'Take or renew the reply lease (staff, K14); someone else’s live lease → 409 locked unless takeOver',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: LockInput,
    status: 200,
    response: LockResponse,
  }),
  route({
    operationId: 'unlockTicket',
    method: 'DELETE',
    path: '/api/v1/tickets/{number}/lock',
    tag: 'Tickets',
    summary: 'Give up one’s own reply lease (staff, K14)',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    status: 204,
    response: null,
  }),
  // ==== end locking ====
  // ==== sla config (issue 7) ====
  route({
    operationId: 'listCalendars',
    method: 'GET',
    path: '/api/v1/calendars',
    tag: 'Sla',
    summary: 'The business calendars of the tenant, the built-in 24/7 first (staff)',
    auth: STAFF,
    needs: { table: 'read' },
    status: 200,
    response: CalendarList,
  }),
  route({
    operationId: 'createCalendar',
    method: 'POST',
    path: '/api/v1/calendars',
    tag: 'Sla',
    summary: 'Create a business calendar: time zone, business hours per weekday, holidays, or always open',
    auth: ADMIN,
    needs: { table: 'write' },
    body: CreateCalendarInput,
    status: 201,
    response: Calendar,
  }),
  route({
    operationId: 'listGermanHolidays',
    method: 'GET',
    path: '/api/v1/calendars/holidays',
    tag: 'Sla',
    summary: 'The public holidays of a German federal state for a span of years, to import into a calendar',
    auth: ADMIN,
    needs: { table: 'read' },
    query: GermanHolidaysQuery,
    status: 200,
    response: HolidayList,
  }),
  route({
    operationId: 'updateCalendar',
    method: 'PATCH',
    path: '/api/v1/calendars/{id}',
    tag: 'Sla',
    summary: 'Change a business calendar at the version the admin saw; the built-in 24/7 cannot be changed',
    auth: ADMIN,
    needs: { table: 'write' },
    params: CalendarIdParam,
    body: UpdateCalendarInput,
    status: 200,
    response: Calendar,
  }),
  route({
    operationId: 'listSlaPolicies',
    method: 'GET',
    path: '/api/v1/sla-policies',
    tag: 'Sla',
    summary: 'The SLA policies of the tenant in matching order (staff)',
    auth: STAFF,
    needs: { table: 'read' },
    status: 200,
    response: SlaPolicyList,
  }),
  route({
    operationId: 'createSlaPolicy',
    method: 'POST',
    path: '/api/v1/sla-policies',
    tag: 'Sla',
    summary: 'Create an SLA policy at a place in the matching order (default last)',
    auth: ADMIN,
    needs: { table: 'write' },
    body: CreateSlaPolicyInput,
    status: 201,
    response: SlaPolicy,
  }),
  route({
    operationId: 'updateSlaPolicy',
    method: 'PATCH',
    path: '/api/v1/sla-policies/{id}',
    tag: 'Sla',
    summary: 'Change an SLA policy at the version the admin saw; a new `position` moves it in the order',
    auth: ADMIN,
    needs: { table: 'write' },
    params: SlaPolicyIdParam,
    body: UpdateSlaPolicyInput,
    status: 200,
    response: SlaPolicy,
  }),
  route({
    operationId: 'deleteSlaPolicy',
    method: 'DELETE',
    path: '/api/v1/sla-policies/{id}',
    tag: 'Sla',
    summary: 'Remove an SLA policy at the version the admin saw',
    auth: ADMIN,
    needs: { table: 'write' },
    params: SlaPolicyIdParam,
    query: DeleteSlaPolicyQuery,
    status: 204,
    response: null,
  }),
  // ==== end sla config ====
  // ==== attachments (issue 8) ====
  route({
    operationId: 'createAttachmentUpload',
    method: 'POST',
    path: '/api/v1/attachments',
    tag: 'Attachments',
    summary: 'Announce a file: a presigned upload URL that takes exactly the announced size',
    auth: ANY,
    needs: { table: 'write', bucket: 'write' },
    body: CreateAttachmentUploadInput,
    status: 201,
    response: AttachmentUpload,
  }),
  route({
    operationId: 'getAttachment',
    method: 'GET',
    path: '/api/v1/attachments/{attachmentId}',
    tag: 'Attachments',
    summary: 'Download a file: a short-lived presigned URL (inline only for safe image types)',
    auth: ANY,
    needs: { table: 'read', bucket: 'read' },
    params: AttachmentIdParam,
    status: 200,
    response: AttachmentDownload,
  }),
  // ==== end attachments ====
  // ==== inbound mail (issue 8) ====
  route({
    operationId: 'getInboundSettings',
    method: 'GET',
    path: '/api/v1/tenant/inbound',
    tag: 'Tenancy',
    summary: 'The inbound mail address, the support addresses routed to teams, the reopen grace days',
    auth: ADMIN,
    needs: { table: 'read' },
    status: 200,
    response: InboundSettings,
  }),
  route({
    operationId: 'updateInboundSettings',
    method: 'PUT',
    path: '/api/v1/tenant/inbound',
    tag: 'Tenancy',
    summary: 'Change the support addresses and the reopen grace days (at the version read; an address belongs to one organisation)',
    auth: ADMIN,
    needs: { table: 'write' },
    body: UpdateInboundSettingsInput,
    status: 200,
    response: InboundSettings,
  }),
  route({
    operationId: 'getRawMessage',
    method: 'GET',
    path: '/api/v1/tickets/{number}/messages/{messageId}/raw',
    tag: 'Tickets',
    summary: 'Download the original of an inbound mail (message/rfc822, a short-lived link)',
    auth: STAFF,
    needs: { table: 'read', bucket: 'read' },
    params: MessageIdParam,
    status: 200,
    response: AttachmentDownload,
  }),
  // ==== end inbound mail ====
  // ==== outbound mail (issue 8) ====
  route({
    operationId: 'getMailSuppression',
    method: 'GET',
    path: '/api/v1/users/{id}/mail-suppression',
    tag: 'Users',
    summary: 'Whether mail to a contact stopped after a hard bounce or a complaint (staff; a customer their own)',
    auth: ANY,
    needs: { table: 'read' },
    params: UserIdParam,
    status: 200,
    response: MailSuppressionView,
  }),
  route({
    operationId: 'clearMailSuppression',
    method: 'DELETE',
    path: '/api/v1/users/{id}/mail-suppression',
    tag: 'Users',
    summary: 'Mail a contact again after a bounce or complaint (staff; a customer their own)',
    auth: ANY,
    needs: { table: 'write' },
    params: UserIdParam,
    status: 200,
    response: MailSuppressionView,
  }),
  // ==== end outbound mail ====
  // ==== merge (issue 8) ====
  route({
    operationId: 'mergeTicket',
    method: 'POST',
    path: '/api/v1/tickets/{number}/merge',
    tag: 'Tickets',
    summary:
      'Merge this ticket (a duplicate) into another: its messages and history move there, it is closed as duplicate and points there; the requester is told once',
    auth: STAFF,
    needs: { table: 'write' },
    params: TicketNumberParam,
    body: MergeTicketInput,
    status: 200,
    response: TicketDetail,
  }),
  // ==== end merge ====
  // ==== topics and faq (issue 9) ====
  // ==== end topics and faq ====
  // ==== articles (issue 9) ====
  // ==== end articles ====
  // ==== documents and suggestions (issue 9) ====
  // ==== end documents and suggestions ====
  // ==== search (issue 9) ====
  route({
    operationId: 'search',
    method: 'GET',
    path: '/api/v1/search',
    tag: 'Search',
    summary:
      'One search over FAQ, knowledge base, documentation and tickets, ranked, with highlighted snippets; customers find public knowledge and their own tickets',
    auth: ANY,
    // The pointer to the tenant's snapshot (table) and the snapshot itself (bucket, tenant prefix).
    needs: { table: 'read', bucket: 'read' },
    query: SearchQuery,
    status: 200,
    response: SearchResult,
  }),
  // ==== end search ====
] as const satisfies readonly RouteDef[];

/** Every operation id of the API. */
export type OperationId = (typeof routes)[number]['operationId'];
/** The row of one operation, with its literal types. */
export type RouteOf<Id extends OperationId> = Extract<(typeof routes)[number], { operationId: Id }>;
/** The operations served by one area. */
export type OperationsOf<A extends Area> = Extract<(typeof routes)[number], { tag: Capitalize<A> }>['operationId'];

type Parsed<R, K extends 'params' | 'query' | 'body', Absent> = R extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : Absent;

/** What a handler of operation `Id` receives, as its route's schemas parse it. */
export interface RouteInput<Id extends OperationId> {
  params: Parsed<RouteOf<Id>, 'params', Record<string, never>>;
  query: Parsed<RouteOf<Id>, 'query', Record<string, never>>;
  body: Parsed<RouteOf<Id>, 'body', undefined>;
  /** The signed-in caller: always there on a route that is not public. */
  actor: RouteOf<Id>['auth'] extends 'public' ? undefined : Actor;
}

/** The area (Lambda) that serves a route. */
export const areaOf = (r: Pick<RouteDef, 'tag'>): Area => r.tag.toLowerCase() as Area;

/** The route of an operation; throws at start-up for a typo, never at request time. */
export function routeOf(operationId: string): RouteDef {
  const r = routes.find((x) => x.operationId === operationId);
  if (!r) throw new Error(`unknown operation ${operationId}`);
  return r;
}

/**
 * The API Gateway routes (method ANY) that send requests to an area's function, whose router
 * then picks the operation. A new operation under an existing prefix costs no CloudFormation
 * resource. As in API Gateway, an exact path wins over `{proxy+}` (one or more segments);
 * test/unit/routes.test.ts proves each operation reaches exactly its own area.
 */
export const GATEWAY_PATHS: Readonly<Record<Area, readonly string[]>> = {
  auth: ['/api/v1/auth/{proxy+}', '/api/v1/portals/{slug}/{proxy+}', '/api/v1/me'],
  tenancy: ['/api/v1/signup', '/api/v1/portals/{slug}', '/api/v1/tenant', '/api/v1/tenant/inbound'],
  users: ['/api/v1/users', '/api/v1/users/{proxy+}', '/api/v1/invitations'],
  tickets: ['/api/v1/tickets', '/api/v1/tickets/{proxy+}'],
  templates: ['/api/v1/templates', '/api/v1/templates/{proxy+}'],
  teams: ['/api/v1/teams', '/api/v1/teams/{proxy+}', '/api/v1/routing'],
  notifications: ['/api/v1/notifications', '/api/v1/notifications/{proxy+}', '/api/v1/me/notification-settings'],
  sla: ['/api/v1/calendars', '/api/v1/calendars/{proxy+}', '/api/v1/sla-policies', '/api/v1/sla-policies/{proxy+}'],
  attachments: ['/api/v1/attachments', '/api/v1/attachments/{proxy+}'],
  search: ['/api/v1/search'], // part search-web adds '/api/v1/search/{proxy+}' with its first operation under it
};

/** One API Gateway route: any method on a path template, to an area's function. */
export interface GatewayRoute {
  method: 'ANY';
  path: string;
  area: Area;
}

/** Every API Gateway route, area by area. */
export const gatewayRoutes: readonly GatewayRoute[] = AREAS.flatMap((area) => GATEWAY_PATHS[area].map((path) => ({ method: 'ANY' as const, path, area })));
