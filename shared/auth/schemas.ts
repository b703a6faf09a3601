import * as z from 'zod';
import { singleLine } from '../text.ts';
import { Email, Language, Password, PersonName, Portal, Slug } from '../tenancy/schemas.ts';
import { ROLES, STAFF_ROLES } from './constants.ts';

export { STAFF_ROLES } from './constants.ts';

export const Role = z.enum(ROLES).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const ContactFields = {
  phone: singleLine(0, 40).optional(),
  company: singleLine(0, 120).optional(),
  department: singleLine(0, 120).optional(),
};

export const User = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: Role,
    language: Language.optional(),
    phone: z.string().optional(),
    company: z.string().optional(),
    department: z.string().optional(),
    emailVerified: z.boolean(),
    createdAt: z.string(),
    version: z.number().int().describe('Send it back with a change: a change made meanwhile by someone else is refused'),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(200) }).meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof LoginInput>;

export const RegisterInput = z
  .object({ name: PersonName, email: Email, password: Password, language: Language.optional(), ...ContactFields })
  .meta({ id: 'RegisterInput' });
export type RegisterInput = z.infer<typeof RegisterInput>;

/** The portal a mailed link was opened on: a token of another tenant is refused there. */
const LinkPortal = Slug.optional().describe('Slug of the portal the link was opened on');
export const TokenInput = z.object({ token: z.string().min(10).max(200), portal: LinkPortal }).meta({ id: 'TokenInput' });
export const VerifyEmailInput = TokenInput.extend({
  password: z.string().max(200).optional().describe('The password chosen at registration (asked for by verification links, not by sign-in links)'),
}).meta({ id: 'VerifyEmailInput' });
export type VerifyEmailInput = z.infer<typeof VerifyEmailInput>;
export const ResetRequestInput = z.object({ email: Email }).meta({ id: 'ResetRequestInput' });
export const ResetPasswordInput = z.object({ token: z.string().min(10).max(200), password: Password, portal: LinkPortal }).meta({ id: 'ResetPasswordInput' });
export const AcceptInvitationInput = z
  .object({ token: z.string().min(10).max(200), name: PersonName, password: Password, language: Language.optional(), portal: LinkPortal })
  .meta({ id: 'AcceptInvitationInput' });
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

export const InviteInput = z.object({ email: Email, role: z.enum(STAFF_ROLES), name: PersonName.optional() }).meta({ id: 'InviteInput' });
export type InviteInput = z.infer<typeof InviteInput>;

export const ListUsersQuery = z.object({
  role: Role.optional(),
  q: z.string().trim().max(100).optional().describe('Start of a name or an email address (any case)'),
  cursor: z.string().max(2000).optional().describe('`nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListUsersQuery = z.input<typeof ListUsersQuery>;

export const UserList = z
  .object({ items: z.array(User), nextCursor: z.string().optional().describe('Present when more users follow: pass it as `cursor`') })
  .meta({ id: 'UserList' });

export const UserIdParam = z.object({ id: z.string().regex(/^[\w-]{1,64}$/) });

/** A role change: among staff roles only, with the version of the user the admin saw. */
export const ChangeRoleInput = z.object({ role: z.enum(STAFF_ROLES), version: z.number().int().min(0) }).meta({ id: 'ChangeRoleInput' });
export type ChangeRoleInput = z.infer<typeof ChangeRoleInput>;

/** What a user may change of their own account. */
export const UpdateMeInput = z.object({ language: Language.describe('Language of every page and mail for this account') }).meta({ id: 'UpdateMeInput' });
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;

/** Who is signed in, and where. */
export const Me = z.object({ user: User, tenant: Portal.extend({ id: z.string() }) }).meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const SessionResponse = Me.extend({ token: z.string().describe('Bearer token for API clients; the web uses the HttpOnly cookie') }).meta({
  id: 'SessionResponse',
});
