/** Template facts without zod: shared by the server's schemas, `fill.ts` and the web app. */

/** What a template is for: accepting a ticket (the first word to the requester) or answering it. */
export const TEMPLATE_KINDS = ['acceptance', 'answer'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The placeholders a template may use, each filled from the open ticket and the signed-in agent. */
export const PLACEHOLDERS = ['requester.name', 'ticket.number', 'ticket.subject', 'ticket.dueDate', 'agent.name', 'portal.link'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Limits of a template's fields. */
export const TEMPLATE_NAME_MAX = 80;
export const TEMPLATE_BODY_MAX = 10_000;

/** Field-error code of a body that names a placeholder we do not know (params: `name`). */
export const UNKNOWN_PLACEHOLDER = 'unknown_placeholder';
