/**
 * Outgoing mails in German and English. Each template is a pure function of its data, so the
 * wording can be tested without sending anything.
 */
import type { Language } from '../tenancy/schemas.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A mail from its subject, paragraphs and an optional link (text and HTML alike). */
export function render(subject: string, lines: string[], link?: { url: string; label: string }): RenderedMail {
  const text = [...lines, ...(link ? ['', `${link.label}: ${link.url}`] : [])].join('\n');
  const html =
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">` +
    lines.map((l) => `<p>${escape(l)}</p>`).join('') +
    (link ? `<p><a href="${escape(link.url)}">${escape(link.label)}</a></p>` : '') +
    `</body></html>`;
  return { subject, text, html };
}

export const mails = {
  verifyEmail(lang: Language, d: { portal: string; name: string; url: string }): RenderedMail {
    return lang === 'de'
      ? render(
          `${d.portal}: Bitte bestätigen Sie Ihre E-Mail-Adresse`,
          [`Hallo ${d.name},`, `bitte bestätigen Sie Ihre E-Mail-Adresse für ${d.portal}. Der Link gilt 24 Stunden.`],
          { url: d.url, label: 'E-Mail-Adresse bestätigen' },
        )
      : render(
          `${d.portal}: Please confirm your email address`,
          [`Hello ${d.name},`, `please confirm your email address for ${d.portal}. The link is valid for 24 hours.`],
          { url: d.url, label: 'Confirm email address' },
        );
  },
  accountExists(lang: Language, d: { portal: string; name: string; signIn: string; reset: string }): RenderedMail {
    return lang === 'de'
      ? render(
          `${d.portal}: Sie haben bereits ein Konto`,
          [
            `Hallo ${d.name},`,
            `jemand – vermutlich Sie – wollte sich mit dieser E-Mail-Adresse registrieren. Sie haben bereits ein Konto: melden Sie sich an (${d.signIn}) oder setzen Sie Ihr Passwort zurück. Wenn Sie das nicht waren, ignorieren Sie diese Nachricht.`,
          ],
          { url: d.reset, label: 'Passwort zurücksetzen' },
        )
      : render(
          `${d.portal}: You already have an account`,
          [
            `Hello ${d.name},`,
            `someone – probably you – tried to register with this email address. You already have an account: sign in (${d.signIn}) or reset your password. If this was not you, ignore this message.`,
          ],
          { url: d.reset, label: 'Reset password' },
        );
  },
  passwordReset(lang: Language, d: { portal: string; name: string; url: string }): RenderedMail {
    return lang === 'de'
      ? render(
          `${d.portal}: Passwort zurücksetzen`,
          [
            `Hallo ${d.name},`,
            `mit diesem Link setzen Sie Ihr Passwort zurück. Er gilt eine Stunde und nur einmal. Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht.`,
          ],
          { url: d.url, label: 'Neues Passwort setzen' },
        )
      : render(
          `${d.portal}: Reset your password`,
          [`Hello ${d.name},`, `use this link to reset your password. It is valid for one hour, once. If you did not ask for this, ignore this message.`],
          { url: d.url, label: 'Set a new password' },
        );
  },
  signInLink(lang: Language, d: { portal: string; name: string; url: string; resetUrl: string }): RenderedMail {
    return lang === 'de'
      ? render(
          `${d.portal}: Ihr Anmeldelink – viele falsche Passwörter für Ihr Konto`,
          [
            `Hallo ${d.name},`,
            `für Ihr Konto wurden in kurzer Zeit viele falsche Passwörter eingegeben. Zu seinem Schutz genügt das Passwort allein für eine Weile nicht zur Anmeldung.`,
            `Mit diesem Link melden Sie sich an; er gilt eine Stunde und nur einmal. Wenn Sie die Versuche nicht selbst unternommen haben, ändern Sie danach Ihr Passwort (${d.resetUrl}).`,
          ],
          { url: d.url, label: 'Anmelden' },
        )
      : render(
          `${d.portal}: Your sign-in link – many wrong passwords for your account`,
          [
            `Hello ${d.name},`,
            `many wrong passwords were entered for your account in a short time. To protect it, the password alone does not sign in for a while.`,
            `Use this link to sign in; it is valid for one hour, once. If the attempts were not yours, change your password afterwards (${d.resetUrl}).`,
          ],
          { url: d.url, label: 'Sign in' },
        );
  },
  invitation(lang: Language, d: { portal: string; inviter: string; role: string; url: string }): RenderedMail {
    return lang === 'de'
      ? render(
          `Einladung zu ${d.portal}`,
          [`Hallo,`, `${d.inviter} lädt Sie als ${d.role} in den Helpdesk ${d.portal} ein. Der Link gilt 7 Tage und nur einmal.`],
          { url: d.url, label: 'Einladung annehmen' },
        )
      : render(
          `Invitation to ${d.portal}`,
          [`Hello,`, `${d.inviter} invites you to join the helpdesk ${d.portal} as ${d.role}. The link is valid for 7 days, once.`],
          { url: d.url, label: 'Accept invitation' },
        );
  },
  ticketAcknowledged(lang: Language, d: { portal: string; name: string; number: number; subject: string; url: string }): RenderedMail {
    return lang === 'de'
      ? render(
          `[#${d.number}] ${d.subject}`,
          [`Hallo ${d.name},`, `wir haben Ihre Anfrage #${d.number} „${d.subject}“ erhalten und melden uns so bald wie möglich.`],
          { url: d.url, label: 'Anfrage ansehen' },
        )
      : render(
          `[#${d.number}] ${d.subject}`,
          [`Hello ${d.name},`, `we have received your request #${d.number} "${d.subject}" and will get back to you as soon as possible.`],
          { url: d.url, label: 'View request' },
        );
  },
};

/** Role names as they appear in mails. */
export function roleLabel(lang: Language, role: string): string {
  const de: Record<string, string> = { agent: 'Bearbeiter', coordinator: 'Koordinator', admin: 'Administrator', customer: 'Kunde' };
  return lang === 'de' ? (de[role] ?? role) : role;
}
