/**
 * The HTTP API, one row per operation. The single source for the local server's router,
 * the CDK API stack (one Lambda per row) and the OpenAPI document.
 */
import * as z from 'zod';
import {
  AcceptInvitationInput,
  InviteInput,
  ListUsersQuery,
  LoginInput,
  Me,
  RegisterInput,
  ResetPasswordInput,
  ResetRequestInput,
  Role,
  SessionResponse,
  TokenInput,
  User,
} from '../../shared/auth/schemas.ts';
import { Portal, SignupInput, SlugParam, TenantSettingsInput } from '../../shared/tenancy/schemas.ts';
import {
  AddMessageInput,
  CreateTicketInput,
  ListTicketsQuery,
  Message,
  TicketDetail,
  TicketList,
  TicketNumberParam,
  UpdateTicketInput,
} from '../../shared/tickets/schemas.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteDef {
  operationId: string;
  method: Method;
  /** OpenAPI path template, e.g. `/api/v1/tickets/{number}`. */
  path: string;
  /** File in `functions/http/` (without `.ts`) whose `handler` serves this route. */
  handler: string;
  summary: string;
  tag: 'Auth' | 'Tenancy' | 'Users' | 'Tickets';
  /** `public`: no session; otherwise a session with one of these roles. */
  auth: 'public' | readonly Role[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and body schema (`null` for an empty body). */
  status: number;
  response: z.ZodType | null;
}

const ANY: readonly Role[] = ['customer', 'agent', 'coordinator', 'admin'];
const STAFF: readonly Role[] = ['agent', 'coordinator', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const Accepted = z.object({ status: z.literal('accepted') }).meta({ id: 'Accepted' });

export const routes: readonly RouteDef[] = [
  {
    operationId: 'signup',
    method: 'POST',
    path: '/api/v1/signup',
    handler: 'signup',
    tag: 'Tenancy',
    summary: 'Sign up an organisation and its first admin',
    auth: 'public',
    body: SignupInput,
    status: 201,
    response: SessionResponse,
  },
  {
    operationId: 'getPortal',
    method: 'GET',
    path: '/api/v1/portals/{slug}',
    handler: 'get-portal',
    tag: 'Tenancy',
    summary: 'Public branding of a tenant portal',
    auth: 'public',
    params: SlugParam,
    status: 200,
    response: Portal,
  },
  {
    operationId: 'login',
    method: 'POST',
    path: '/api/v1/portals/{slug}/login',
    handler: 'login',
    tag: 'Auth',
    summary: 'Sign in to a tenant',
    auth: 'public',
    params: SlugParam,
    body: LoginInput,
    status: 200,
    response: SessionResponse,
  },
  {
    operationId: 'registerCustomer',
    method: 'POST',
    path: '/api/v1/portals/{slug}/register',
    handler: 'register',
    tag: 'Auth',
    summary: 'Register as a customer; a verification link is mailed',
    auth: 'public',
    params: SlugParam,
    body: RegisterInput,
    status: 202,
    response: Accepted,
  },
  {
    operationId: 'requestPasswordReset',
    method: 'POST',
    path: '/api/v1/portals/{slug}/password-reset',
    handler: 'request-password-reset',
    tag: 'Auth',
    summary: 'Mail a password reset link (always accepted)',
    auth: 'public',
    params: SlugParam,
    body: ResetRequestInput,
    status: 202,
    response: Accepted,
  },
  {
    operationId: 'verifyEmail',
    method: 'POST',
    path: '/api/v1/auth/verify-email',
    handler: 'verify-email',
    tag: 'Auth',
    summary: 'Confirm an email address with the mailed token and sign in',
    auth: 'public',
    body: TokenInput,
    status: 200,
    response: SessionResponse,
  },
  {
    operationId: 'resetPassword',
    method: 'POST',
    path: '/api/v1/auth/reset-password',
    handler: 'reset-password',
    tag: 'Auth',
    summary: 'Set a new password with the mailed token',
    auth: 'public',
    body: ResetPasswordInput,
    status: 204,
    response: null,
  },
  {
    operationId: 'acceptInvitation',
    method: 'POST',
    path: '/api/v1/auth/accept-invitation',
    handler: 'accept-invitation',
    tag: 'Auth',
    summary: 'Join a tenant with an invitation token',
    auth: 'public',
    body: AcceptInvitationInput,
    status: 200,
    response: SessionResponse,
  },
  {
    operationId: 'logout',
    method: 'POST',
    path: '/api/v1/auth/logout',
    handler: 'logout',
    tag: 'Auth',
    summary: 'End the current session',
    auth: ANY,
    status: 204,
    response: null,
  },
  {
    operationId: 'me',
    method: 'GET',
    path: '/api/v1/me',
    handler: 'me',
    tag: 'Auth',
    summary: 'The signed-in user and tenant',
    auth: ANY,
    status: 200,
    response: Me,
  },
  {
    operationId: 'updateTenant',
    method: 'PATCH',
    path: '/api/v1/tenant',
    handler: 'update-tenant',
    tag: 'Tenancy',
    summary: 'Change branding, default language and time zone',
    auth: ADMIN,
    body: TenantSettingsInput,
    status: 200,
    response: Portal,
  },
  {
    operationId: 'inviteUser',
    method: 'POST',
    path: '/api/v1/invitations',
    handler: 'invite-user',
    tag: 'Users',
    summary: 'Invite an agent, coordinator or admin by email',
    auth: ADMIN,
    body: InviteInput,
    status: 202,
    response: Accepted,
  },
  {
    operationId: 'listUsers',
    method: 'GET',
    path: '/api/v1/users',
    handler: 'list-users',
    tag: 'Users',
    summary: 'Users of the tenant (contact picker)',
    auth: STAFF,
    query: ListUsersQuery,
    status: 200,
    response: z.object({ items: z.array(User) }),
  },
  {
    operationId: 'createTicket',
    method: 'POST',
    path: '/api/v1/tickets',
    handler: 'create-ticket',
    tag: 'Tickets',
    summary: 'Open a ticket (customers for themselves, staff for a contact)',
    auth: ANY,
    body: CreateTicketInput,
    status: 201,
    response: TicketDetail,
  },
  {
    operationId: 'listTickets',
    method: 'GET',
    path: '/api/v1/tickets',
    handler: 'list-tickets',
    tag: 'Tickets',
    summary: 'Work lists, filtered and sorted; customers see only their own',
    auth: ANY,
    query: ListTicketsQuery,
    status: 200,
    response: TicketList,
  },
  {
    operationId: 'getTicket',
    method: 'GET',
    path: '/api/v1/tickets/{number}',
    handler: 'get-ticket',
    tag: 'Tickets',
    summary: 'A ticket with its correspondence and history',
    auth: ANY,
    params: TicketNumberParam,
    status: 200,
    response: TicketDetail,
  },
  {
    operationId: 'addTicketMessage',
    method: 'POST',
    path: '/api/v1/tickets/{number}/messages',
    handler: 'add-ticket-message',
    tag: 'Tickets',
    summary: 'Answer publicly, add an internal note, or reply as the customer',
    auth: ANY,
    params: TicketNumberParam,
    body: AddMessageInput,
    status: 201,
    response: Message,
  },
  {
    operationId: 'updateTicket',
    method: 'PATCH',
    path: '/api/v1/tickets/{number}',
    handler: 'update-ticket',
    tag: 'Tickets',
    summary: 'Change status, priority or category',
    auth: ANY,
    params: TicketNumberParam,
    body: UpdateTicketInput,
    status: 200,
    response: TicketDetail,
  },
];

/** The route of an operation; throws at start-up for a typo, never at request time. */
export function routeOf(operationId: string): RouteDef {
  const r = routes.find((x) => x.operationId === operationId);
  if (!r) throw new Error(`unknown operation ${operationId}`);
  return r;
}
