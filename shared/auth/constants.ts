/** The roles of a tenant's users, without zod: shared by the server's schemas and the web app. */

export const ROLES = ['customer', 'agent', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work tickets (everyone but customers). */
export const STAFF_ROLES = ['agent', 'coordinator', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Whether a role works tickets. */
export const isStaffRole = (role: Role): role is StaffRole => (STAFF_ROLES as readonly Role[]).includes(role);
