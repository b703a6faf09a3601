// Plain types of the API contract. Type-only imports from shared/: they vanish from the
// browser bundle, so no zod reaches the client.
export type { Role, User, Me } from '#shared/auth/schemas.ts';
export type { Portal, Language, Branding, TenantSettingsInput, SignupInput } from '#shared/tenancy/schemas.ts';
export type {
  Priority,
  Status,
  View,
  TicketSummary,
  Ticket,
  Message,
  HistoryEvent,
  TicketDetail,
  CreateTicketInput,
  AddMessageInput,
  UpdateTicketInput,
} from '#shared/tickets/schemas.ts';
