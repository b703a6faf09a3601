/** Accounts: sign-in, customer registration with email verification, password reset, invitations. */
import { preferredLanguage } from '../language.ts';
import { STAFF_ROLES } from './constants.ts';
import { portalUrl } from '../config.ts';
import { enforceLimits, mailAllowed, withinLimit } from '../limits.ts';
import { DomainError } from '../errors.ts';
import { newId, nowIso } from '../ids.ts';
import {
  confirmRegistration,
  consumeToken,
  createUser,
  extendUnconfirmed,
  deleteSessionsOfUser,
  peekToken,
  getUser,
  getUserByEmail,
  listUsers as listUserItems,
  putToken,
  tenantIdBySlug,
  updateUser,
} from '../db/store.ts';
import type { Registration, TokenItem, TokenPurpose, UserItem } from '../db/items.ts';
import { mails, roleLabel, type RenderedMail } from '../mail/templates.ts';
import { sendMail } from '../mail/send.ts';
import { resolveSlug, tenantOf, toPortal } from '../tenancy/tenants.ts';
import type { TenantItem } from '../db/items.ts';
import type { Language } from '../tenancy/schemas.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { mintSecret, parseSecret } from './secrets.ts';
import { requireRole, type Actor } from './actor.ts';
import {
  AcceptInvitationInput,
  InviteInput,
  ListUsersQuery,
  LoginInput,
  RegisterInput,
  ResetPasswordInput,
  ResetRequestInput,
  UpdateMeInput,
  VerifyEmailInput,
  type User,
} from './schemas.ts';

const HOUR = 3600;
/** How long a registration's link, and an unconfirmed account, live. */
const VERIFY_TTL = 24 * HOUR;

/** The public view of a user (never the password hash). */
export function toUser(u: UserItem): User {
  return {
    id: u.userId,
    name: u.name,
    email: u.email,
    role: u.role,
    language: u.language,
    phone: u.phone,
    company: u.company,
    department: u.department,
    emailVerified: u.emailVerified,
    createdAt: u.createdAt,
    version: u.version ?? 0,
  };
}

async function issueToken(tenantId: string, purpose: TokenPurpose, ttl: number, data: Omit<TokenItem, 'kind' | 'purpose' | 'expiresAt'>): Promise<string> {
  const { secret, hash } = mintSecret(tenantId);
  await putToken(tenantId, hash, { kind: 'token', purpose, expiresAt: Math.floor(Date.now() / 1000) + ttl, ...data });
  return secret;
}

/** The tenant and hash of a presented token; refused when opened on another tenant's portal. */
async function parseLinkToken(token: string, portal: string | undefined): Promise<{ tenantId: string; hash: string }> {
  const parsed = parseSecret(token);
  if (!parsed || (portal !== undefined && (await tenantIdBySlug(portal)) !== parsed.tenantId)) {
    throw new DomainError('invalid_token', 'This link is invalid, expired or already used');
  }
  return parsed;
}

async function useToken(token: string, purposes: TokenPurpose[], portal?: string): Promise<{ tenantId: string; tok: TokenItem }> {
  const parsed = await parseLinkToken(token, portal);
  const tok = await consumeToken(parsed.tenantId, parsed.hash, purposes);
  if (!tok) throw new DomainError('invalid_token', 'This link is invalid, expired or already used');
  return { tenantId: parsed.tenantId, tok };
}

/**
 * Sign in to the tenant of a portal slug. Attempts are limited per address and per account and
 * address; those limits refuse outright. Past the per-account limit (a guess spread over many
 * addresses) a password alone, right or wrong, does not sign in: the owner is mailed a one-time
 * sign-in link instead, so strangers cannot lock them out and the answer tells no guesser anything.
 */
export async function login(slug: string, raw: LoginInput, sourceIp: string) {
  const input = LoginInput.parse(raw);
  const tenant = await resolveSlug(slug);
  await enforceLimits(tenant.id, [
    ['loginAccountAddress', `${input.email}|${sourceIp}`],
    ['loginAddress', sourceIp],
  ]);
  if (!(await withinLimit(tenant.id, 'loginAccount', input.email))) {
    await mailSignInLink(tenant, input.email);
    throw new DomainError(
      'sign_in_link_sent',
      'This account has seen too many wrong passwords, so a password alone does not sign in for now. If the account exists, its owner has been mailed a sign-in link.',
    );
  }
  const user = await getUserByEmail(tenant.id, input.email);
  const valid = await verifyPassword(input.password, user?.passwordHash);
  if (!user || !valid) throw new DomainError('invalid_credentials', 'Email or password is wrong');
  if (!user.emailVerified) throw new DomainError('email_not_verified', 'Please confirm your email address first: we have sent you a link');
  const session = await createSession(tenant.id, user);
  return { tenant, user, session };
}

/** Mail the owner of an account under attack a one-time sign-in link (one per window; silently). */
async function mailSignInLink(tenant: TenantItem, email: string): Promise<void> {
  const user = await getUserByEmail(tenant.id, email);
  if (!user?.emailVerified) return;
  if (!(await withinLimit(tenant.id, 'signInLink', email)) || !(await mailAllowed(tenant.id, email))) return;
  await mailOneTimeLink(tenant, user, 'signin', 'verify', (lang, d) => mails.signInLink(lang, { ...d, resetUrl: portalUrl(tenant.slug, 'forgot') }));
}

/** Mail a confirmed account a one-time link (valid an hour) to a page of its portal, in its language. */
async function mailOneTimeLink(
  tenant: TenantItem,
  user: UserItem,
  purpose: 'signin' | 'reset',
  page: string,
  render: (lang: Language, d: { portal: string; name: string; url: string }) => RenderedMail,
): Promise<void> {
  const token = await issueToken(tenant.id, purpose, HOUR, { userId: user.userId });
  const url = portalUrl(tenant.slug, page, token);
  await sendMail(user.email, render(user.language ?? tenant.defaultLanguage, { portal: tenant.branding.title, name: user.name, url }));
}

/**
 * Register a customer on a portal; the account works once the mailed link is opened. The
 * answer is the same whether or not the address already has an account, so nobody learns
 * who is registered: a confirmed account gets a note to sign in or reset the password, any
 * other registration a link of its own. Nothing stored changes until a link is used, and then
 * the password and details of *that* registration take effect — so whoever registers an
 * address first (perhaps not its owner) decides nothing. Unconfirmed accounts expire.
 */
export async function registerCustomer(slug: string, raw: RegisterInput, sourceIp: string, acceptLanguage?: string): Promise<void> {
  const input = RegisterInput.parse(raw);
  const tenant = await resolveSlug(slug);
  await enforceLimits(tenant.id, [['register', sourceIp]]);
  // The account's language: as chosen on the form, else the browser's, else the portal's.
  const language = input.language ?? preferredLanguage(acceptLanguage);
  const lang: Language = language ?? tenant.defaultLanguage;
  const portal = tenant.branding.title;
  const registration: Registration = {
    name: input.name,
    language,
    phone: input.phone,
    company: input.company,
    department: input.department,
    passwordHash: await hashPassword(input.password),
    at: Date.now(),
  };
  const expiresAt = Math.floor(registration.at / 1000) + VERIFY_TTL;
  let user = await getUserByEmail(tenant.id, input.email);
  if (!user) {
    const { at: _at, ...details } = registration;
    const fresh: UserItem = {
      kind: 'user',
      userId: newId(),
      ...details,
      email: input.email,
      role: 'customer',
      emailVerified: false,
      createdAt: nowIso(),
      expiresAt,
    };
    try {
      await createUser(tenant.id, fresh);
      user = fresh;
    } catch (err) {
      // Registered by a parallel request a moment ago: answer as for any existing account.
      if (!(err instanceof DomainError && err.code === 'email_taken')) throw err;
      user = await getUserByEmail(tenant.id, input.email);
      if (!user) throw err;
    }
  }
  if (user.emailVerified) {
    // Silently: the answer must not differ for addresses that have an account.
    if (!(await withinLimit(tenant.id, 'accountNote', user.email)) || !(await mailAllowed(tenant.id, user.email))) return;
    await sendMail(
      user.email,
      mails.accountExists(user.language ?? lang, {
        portal,
        name: user.name,
        signIn: portalUrl(tenant.slug),
        reset: portalUrl(tenant.slug, 'forgot'),
      }),
    );
    return;
  }
  await extendUnconfirmed(tenant.id, user, expiresAt);
  if (!(await mailAllowed(tenant.id, user.email))) return;
  const token = await issueToken(tenant.id, 'verify', VERIFY_TTL, { userId: user.userId, registration });
  await sendMail(user.email, mails.verifyEmail(lang, { portal, name: input.name, url: portalUrl(tenant.slug, 'verify', token) }));
}

/**
 * Open a mailed link and sign in: a verification link confirms the address with its own
 * registration's password and details, and ends every other session of the account (someone
 * who confirmed it with their own registration before is out); a sign-in link (sent when the
 * account is under attack) signs its owner in.
 */
export async function verifyEmail(raw: VerifyEmailInput) {
  const { token, portal, password } = VerifyEmailInput.parse(raw);
  const parsed = await parseLinkToken(token, portal);
  // A verification link confirms only with the password of its own registration, so opening a
  // link that someone else's registration of this address sent (in the owner's mailbox, among
  // hers) confirms nothing of theirs. A refusal leaves the link usable.
  const pending = await peekToken(parsed.tenantId, parsed.hash, 'verify');
  if (pending) {
    if (!password) {
      throw new DomainError('password_required', 'Enter the password you chose when registering', [
        { path: 'password', message: 'required to confirm', code: 'password_required' },
      ]);
    }
    if (!pending.registration || !(await verifyPassword(password, pending.registration.passwordHash))) {
      throw new DomainError('registration_mismatch', 'This link belongs to a registration with another password: use the link of your own registration', [
        { path: 'password', message: 'not the password of this registration', code: 'registration_mismatch' },
      ]);
    }
  }
  const { tenantId, tok } = await useToken(token, ['verify', 'signin'], portal);
  const user = await getUser(tenantId, tok.userId!);
  if (!user) throw new DomainError('invalid_token', 'This link is invalid, expired or already used');
  if (tok.purpose === 'verify') {
    // A link from before registrations carried their details proves nothing about the password.
    if (!tok.registration || !(await confirmRegistration(tenantId, user, tok.registration))) {
      throw new DomainError('invalid_token', 'This link is invalid, expired or already used');
    }
    await deleteSessionsOfUser(tenantId, user.userId);
  } else if (!user.emailVerified) {
    throw new DomainError('invalid_token', 'This link is invalid, expired or already used');
  }
  return signedIn(tenantId, user.userId);
}

async function signedIn(tenantId: string, userId: string) {
  const user = await getUser(tenantId, userId);
  if (!user) throw new DomainError('invalid_token', 'This account no longer exists');
  const session = await createSession(tenantId, user);
  const tenant = await tenantOf({ tenantId, userId, role: user.role, name: user.name, email: user.email });
  return { tenant, user, session };
}

/** Mail a reset link if the address has an account; the answer never tells whether it has. */
export async function requestPasswordReset(slug: string, raw: { email: string }): Promise<void> {
  const { email } = ResetRequestInput.parse(raw);
  const tenant = await resolveSlug(slug);
  // Silently: the answer must not differ for addresses that have no account.
  if (!(await withinLimit(tenant.id, 'passwordReset', email))) return;
  const user = await getUserByEmail(tenant.id, email);
  // An unconfirmed registration is completed by its own link, never by a reset that would
  // confirm whatever details its (maybe foreign) registrant entered.
  if (!user?.emailVerified || !(await mailAllowed(tenant.id, user.email))) return;
  await mailOneTimeLink(tenant, user, 'reset', 'reset', mails.passwordReset);
}

/**
 * Set a new password with a reset token (which also proves the email address). Every session
 * signed in with the old password ends: whoever knew it is out.
 */
export async function resetPassword(raw: { token: string; password: string }): Promise<void> {
  const input = ResetPasswordInput.parse(raw);
  const { tenantId, tok } = await useToken(input.token, ['reset'], input.portal);
  // Stamped like a registration: no link of a registration made before the reset can override it.
  await updateUser(tenantId, tok.userId!, { passwordHash: await hashPassword(input.password), emailVerified: true, registeredAt: Date.now() });
  await deleteSessionsOfUser(tenantId, tok.userId!);
}

/** Invite a staff member by email (admins only). */
export async function invite(actor: Actor, raw: InviteInput): Promise<void> {
  requireRole(actor, ['admin']);
  const input = InviteInput.parse(raw);
  const tenant = await tenantOf(actor);
  await enforceLimits(actor.tenantId, [['invite', 'tenant']]);
  // An unconfirmed registration does not hold the address (anybody may have typed it).
  if ((await getUserByEmail(actor.tenantId, input.email))?.emailVerified) {
    throw new DomainError('email_taken', 'This email address already has an account', [{ path: 'email', message: 'already registered', code: 'email_taken' }]);
  }
  const token = await issueToken(actor.tenantId, 'invite', 7 * 24 * HOUR, { email: input.email, role: input.role, name: input.name });
  const lang = tenant.defaultLanguage;
  await sendMail(
    input.email,
    mails.invitation(lang, {
      portal: tenant.branding.title,
      inviter: actor.name,
      role: roleLabel(lang, input.role),
      url: portalUrl(tenant.slug, 'invite', token),
    }),
  );
}

/**
 * Join a tenant with an invitation token; the invited role is taken from the token, not the
 * request. The token is used up together with creating the account, so a refusal keeps it.
 */
export async function acceptInvitation(raw: AcceptInvitationInput, acceptLanguage?: string) {
  const input = AcceptInvitationInput.parse(raw);
  const parsed = await parseLinkToken(input.token, input.portal);
  const tok = await peekToken(parsed.tenantId, parsed.hash, 'invite');
  if (!tok) throw new DomainError('invalid_token', 'This link is invalid, expired or already used');
  const user: UserItem = {
    kind: 'user',
    userId: newId(),
    name: input.name,
    email: tok.email!,
    role: tok.role!,
    // The language the invitation was accepted in, else the browser's; without either, the tenant's.
    language: input.language ?? preferredLanguage(acceptLanguage),
    passwordHash: await hashPassword(input.password),
    emailVerified: true,
    createdAt: nowIso(),
  };
  await createUser(parsed.tenantId, user, { hash: parsed.hash, purpose: 'invite' });
  return signedIn(parsed.tenantId, user.userId);
}

/**
 * Confirmed users of the caller's tenant, a page at a time, optionally of one role and whose
 * name or address starts with `q` (staff only). An unconfirmed registration is nobody's contact
 * yet (and anybody may have typed its name).
 */
export async function listUsers(actor: Actor, raw: ListUsersQuery): Promise<{ items: User[]; nextCursor?: string }> {
  requireRole(actor, STAFF_ROLES);
  const q = ListUsersQuery.parse(raw);
  const page = await listUserItems(actor.tenantId, { role: q.role, prefix: q.q || undefined, cursor: q.cursor, limit: q.limit });
  return { items: page.items.map(toUser), nextCursor: page.nextCursor };
}

/** Who the caller is, and in which tenant. */
export async function me(actor: Actor) {
  const [user, tenant] = await Promise.all([getUser(actor.tenantId, actor.userId), tenantOf(actor)]);
  if (!user) throw new DomainError('unauthenticated', 'Your account no longer exists');
  return { user, tenant };
}

/** Change the caller's own settings (today: the language of every page and mail), kept on the account. */
export async function updateMe(actor: Actor, raw: UpdateMeInput) {
  const input = UpdateMeInput.parse(raw);
  await updateUser(actor.tenantId, actor.userId, { language: input.language });
  return me(actor);
}

/** The `Me` shape: the user and the public face of their tenant (plus its id). */
export function toMe(tenant: TenantItem, user: UserItem) {
  return { user: toUser(user), tenant: { ...toPortal(tenant), id: tenant.id } };
}
