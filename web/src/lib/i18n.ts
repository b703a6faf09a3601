/**
 * Every visible text in English and German. `t(key)` reads the current language from a
 * rune-backed state, so templates that call it re-render when the language changes.
 */
import { lang, ui } from './state.svelte.ts';
import type { Language, Priority, Status } from './types.ts';

const en = {
  'app.name': 'Helpdesk',
  'common.loading': 'Loading…',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.cancel': 'Cancel',
  'common.optional': 'optional',
  'common.all': 'All',
  'common.none': '—',
  'common.back': 'Back',
  'common.email': 'Email',
  'common.password': 'Password',
  'common.name': 'Name',
  'common.phone': 'Phone',
  'common.company': 'Company',
  'common.department': 'Department',
  'common.language': 'Language',
  'common.timeZone': 'Time zone',
  'common.german': 'Deutsch',
  'common.english': 'English',
  'common.passwordHint': 'At least 10 characters.',
  'common.newPassword': 'New password',
  'common.confirmPassword': 'Repeat password',
  'common.passwordMismatch': 'The passwords do not match.',

  'error.network': 'The service cannot be reached. Please try again.',
  'error.generic': 'Something went wrong.',
  'error.notFound': 'Not found',
  'error.notFoundHint': 'This page or ticket does not exist, or you may not see it.',
  'error.invalid_credentials': 'Email or password is wrong.',
  'error.slug_taken': 'This address is already taken. Please choose another one.',
  'error.email_taken': 'This email address already has an account.',
  'error.invalid_token': 'This link is invalid, expired or already used.',
  'error.forbidden': 'You may not do this.',
  'error.not_found': 'Not found, or you may not see it.',
  'error.conflict': 'Someone changed this meanwhile. Please reload and try again.',
  'error.payload_too_large': 'That is too much text for one request.',
  'error.validation_failed': 'Please check the highlighted fields.',
  'error.unauthenticated': 'Please sign in.',
  'error.origin_mismatch': 'This request was refused for your safety. Please reload the page.',
  'field.required': 'Required.',
  'field.tooShort': 'Too short (at least {min}).',
  'field.tooLong': 'Too long (at most {max}).',
  'field.invalid': 'Not a valid value.',
  'field.email': 'Not a valid email address.',
  'field.date': 'Not a valid date.',
  'field.taken': 'Already taken.',
  'error.too_many_attempts': 'Too many attempts. Please wait a few minutes and try again.',
  'error.email_not_verified': 'Please confirm your email address first: follow the link we mailed you.',
  'error.portalNotFound': 'There is no portal at this address.',
  'error.portalNotFoundHint': 'Check the address, or sign up your organisation.',
  'error.portalUnavailable': 'The portal cannot be loaded right now.',
  'error.missingToken': 'This link is incomplete. Please open the link from the email again.',

  'landing.title': 'Helpdesk for your organisation',
  'landing.pitch':
    'A branded support portal for your customers and a calm workspace for your team: requests, answers, internal notes and a complete history, in German and English.',
  'landing.point1': 'Your own portal address, logo and colours',
  'landing.point2': 'Work lists for new requests, customer waiting and support waiting',
  'landing.point3': 'Every reply, note and status change documented',
  'landing.cta': 'Sign up your organisation',
  'landing.haveAccount': 'Already a customer? Open your organisation’s portal address, e.g. /your-organisation/.',

  'signup.title': 'Sign up your organisation',
  'signup.organisation': 'Organisation name',
  'signup.slug': 'Portal address',
  'signup.slugHint': 'Lowercase letters, digits and hyphens.',
  'signup.preview': 'Your portal:',
  'signup.adminName': 'Your name',
  'signup.email': 'Your email',
  'signup.submit': 'Create organisation',
  'signup.submitting': 'Creating…',

  'nav.skip': 'Skip to content',
  'nav.menu': 'Menu',
  'nav.main': 'Main navigation',
  'nav.myRequests': 'My requests',
  'nav.newRequest': 'New request',
  'nav.workspace': 'Workspace',
  'nav.newTicket': 'New ticket',
  'nav.admin': 'Administration',
  'nav.signIn': 'Sign in',
  'nav.register': 'Register',
  'nav.signOut': 'Sign out',
  'nav.language': 'Language',
  'nav.signedInAs': 'Signed in as',

  'signin.title': 'Sign in',
  'signin.intro': 'Sign in to see your requests and open new ones.',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.forgot': 'Forgot password?',
  'signin.noAccount': 'No account yet?',
  'signin.register': 'Register',
  'signin.otherTenant': 'You are signed in to another organisation ({name}). Sign in here to use this portal.',

  'register.title': 'Register',
  'register.intro': 'Create an account to send requests and follow their progress.',
  'register.submit': 'Register',
  'register.done': 'Almost done: we have sent a confirmation link to {email}. Please open it to activate your account.',
  'register.haveAccount': 'Already registered?',

  'verify.title': 'Confirm email address',
  'verify.working': 'Confirming your email address…',
  'verify.failed': 'The link could not be confirmed.',

  'forgot.title': 'Forgot password',
  'forgot.intro': 'Enter your email address and we will send you a link to choose a new password.',
  'forgot.submit': 'Send link',
  'forgot.done': 'If an account exists for {email}, a link is on its way.',

  'reset.title': 'Choose a new password',
  'reset.submit': 'Save password',
  'reset.done': 'Your password has been changed. You can sign in now.',
  'reset.toSignIn': 'Go to sign in',

  'invite.title': 'Join the team',
  'invite.intro': 'You have been invited. Choose your name and a password.',
  'invite.submit': 'Join',

  'tickets.myRequests': 'My requests',
  'tickets.newRequest': 'New request',
  'tickets.empty': 'No requests here.',
  'tickets.emptyFiltered': 'No requests match the filters.',
  'tickets.filters': 'Filter',
  'tickets.filterNumber': 'Number',
  'tickets.filterStatus': 'Status',
  'tickets.filterText': 'Search text',
  'tickets.clearFilters': 'Clear filters',
  'tickets.count': '{n} of {total}',
  'tickets.sortBy': 'Sort by {col}',

  'col.number': 'No.',
  'col.subject': 'Subject',
  'col.status': 'Status',
  'col.priority': 'Priority',
  'col.createdAt': 'Created',
  'col.updatedAt': 'Updated',
  'col.requester': 'Requester',

  'status.new': 'New',
  'status.open': 'Customer waiting',
  'status.waiting': 'Support waiting',
  'status.solved': 'Solved',
  'status.unsolvable': 'Unsolvable',

  'priority.low': 'Low',
  'priority.normal': 'Normal',
  'priority.high': 'High',
  'priority.urgent': 'Urgent',

  'channel.portal': 'Portal',
  'channel.phone': 'Phone',
  'channel.email': 'Email',
  'channel.api': 'API',

  'form.subject': 'Subject',
  'form.description': 'Description',
  'form.descriptionHint': 'What happened, what did you expect, since when?',
  'form.priority': 'Priority',
  'form.category': 'Category',
  'form.dueDate': 'Requested due date',
  'form.contact': 'Contact data',
  'form.submitRequest': 'Send request',
  'form.submitTicket': 'Create ticket',
  'form.submitting': 'Sending…',
  'form.channel': 'Channel',
  'form.customer': 'Customer',
  'form.searchCustomer': 'Search customer',
  'form.searchHint': 'Name, email or company',
  'form.noCustomers': 'No customer found.',
  'form.selected': 'Selected: {name}',
  'form.changeCustomer': 'Choose another',
  'form.noCustomerHint': 'Or leave empty and enter the contact data below.',

  'category.general': 'General question',
  'category.incident': 'Fault',
  'category.access': 'Access and accounts',
  'category.hardware': 'Hardware',
  'category.software': 'Software',
  'category.suggestion': 'Improvement suggestion',

  'ticket.title': 'Request {number}',
  'ticket.details': 'Details',
  'ticket.description': 'Description',
  'ticket.correspondence': 'Correspondence',
  'ticket.noMessages': 'No messages yet.',
  'ticket.reply': 'Reply',
  'ticket.replyLabel': 'Your message',
  'ticket.send': 'Send',
  'ticket.sending': 'Sending…',
  'ticket.sent': 'Your message has been sent.',
  'ticket.noteSaved': 'Internal note saved.',
  'ticket.reopenHint': 'Writing to a closed request opens it again.',
  'ticket.contact': 'Contact',
  'ticket.channel': 'Channel',
  'ticket.createdBy': 'Created by',
  'ticket.createdAt': 'Created',
  'ticket.updatedAt': 'Updated',
  'ticket.dueDate': 'Requested due date',
  'ticket.category': 'Category',
  'ticket.requester': 'Requester',
  'ticket.history': 'History',
  'ticket.internalNote': 'Internal note',
  'ticket.publicAnswer': 'Public answer',
  'ticket.messageType': 'Type',
  'ticket.setStatus': 'Set status',
  'ticket.keepStatus': '— keep status —',
  'ticket.sendAnswer': 'Send answer',
  'ticket.saveNote': 'Save note',
  'ticket.change': 'Change ticket',
  'ticket.updated': 'Ticket updated.',
  'ticket.nothingChanged': 'Nothing changed.',
  'ticket.backToList': 'Back to the list',
  'ticket.notFound': 'This ticket does not exist.',
  'ticket.internalHint': 'Internal notes are never shown to the customer.',

  'history.created': 'created the ticket',
  'history.message': 'wrote an answer',
  'history.note': 'added an internal note',
  'history.status': 'changed the status from {from} to {to}',
  'history.priority': 'changed the priority from {from} to {to}',
  'history.category': 'changed the category from {from} to {to}',
  'history.acknowledged': 'sent the acknowledgement',
  'history.empty': 'No entries.',

  'agent.title': 'Workspace',
  'agent.tabs': 'Work lists',
  'agent.tab.new': 'New requests',
  'agent.tab.customer_waiting': 'Customer waiting',
  'agent.tab.support_waiting': 'Support waiting',
  'agent.tab.all': 'All tickets',
  'agent.newTicket': 'New ticket',
  'agent.newTicketTitle': 'New ticket for a customer',

  'role.customer': 'Customer',
  'role.agent': 'Agent',
  'role.coordinator': 'Coordinator',
  'role.admin': 'Administrator',

  'admin.title': 'Administration',
  'admin.branding': 'Portal and branding',
  'admin.orgName': 'Organisation name',
  'admin.portalTitle': 'Portal title',
  'admin.logoUrl': 'Logo URL',
  'admin.logoHint': 'An https:// address or a path on this site; empty for no logo.',
  'admin.color': 'Primary colour',
  'admin.colorHex': 'Primary colour (hex)',
  'admin.defaultLanguage': 'Default language',
  'admin.preview': 'Preview',
  'admin.previewButton': 'Button',
  'admin.saved': 'Settings saved.',
  'admin.invite': 'Invite a team member',
  'admin.inviteIntro': 'The person receives an email with a link to join.',
  'admin.role': 'Role',
  'admin.inviteSubmit': 'Send invitation',
  'admin.invited': 'Invitation sent to {email}.',
} as const;

export type Key = keyof typeof en;

const de: Record<Key, string> = {
  'app.name': 'Helpdesk',
  'common.loading': 'Wird geladen…',
  'common.save': 'Speichern',
  'common.saving': 'Wird gespeichert…',
  'common.cancel': 'Abbrechen',
  'common.optional': 'optional',
  'common.all': 'Alle',
  'common.none': '—',
  'common.back': 'Zurück',
  'common.email': 'E-Mail',
  'common.password': 'Passwort',
  'common.name': 'Name',
  'common.phone': 'Telefon',
  'common.company': 'Firma',
  'common.department': 'Abteilung',
  'common.language': 'Sprache',
  'common.timeZone': 'Zeitzone',
  'common.german': 'Deutsch',
  'common.english': 'English',
  'common.passwordHint': 'Mindestens 10 Zeichen.',
  'common.newPassword': 'Neues Passwort',
  'common.confirmPassword': 'Passwort wiederholen',
  'common.passwordMismatch': 'Die Passwörter stimmen nicht überein.',

  'error.network': 'Der Dienst ist nicht erreichbar. Bitte versuchen Sie es erneut.',
  'error.generic': 'Etwas ist schiefgegangen.',
  'error.notFound': 'Nicht gefunden',
  'error.notFoundHint': 'Diese Seite oder dieses Ticket gibt es nicht, oder Sie dürfen es nicht sehen.',
  'error.invalid_credentials': 'E-Mail oder Passwort ist falsch.',
  'error.slug_taken': 'Diese Adresse ist bereits vergeben. Bitte wählen Sie eine andere.',
  'error.email_taken': 'Für diese E-Mail-Adresse gibt es bereits ein Konto.',
  'error.invalid_token': 'Dieser Link ist ungültig, abgelaufen oder wurde bereits benutzt.',
  'error.forbidden': 'Dazu sind Sie nicht berechtigt.',
  'error.not_found': 'Nicht gefunden, oder Sie dürfen es nicht sehen.',
  'error.conflict': 'Jemand hat dies inzwischen geändert. Bitte neu laden und erneut versuchen.',
  'error.payload_too_large': 'Das ist zu viel Text für eine Anfrage.',
  'error.validation_failed': 'Bitte prüfen Sie die markierten Felder.',
  'error.unauthenticated': 'Bitte melden Sie sich an.',
  'error.origin_mismatch': 'Diese Anfrage wurde zu Ihrer Sicherheit abgelehnt. Bitte laden Sie die Seite neu.',
  'field.required': 'Pflichtfeld.',
  'field.tooShort': 'Zu kurz (mindestens {min}).',
  'field.tooLong': 'Zu lang (höchstens {max}).',
  'field.invalid': 'Kein gültiger Wert.',
  'field.email': 'Keine gültige E-Mail-Adresse.',
  'field.date': 'Kein gültiges Datum.',
  'field.taken': 'Bereits vergeben.',
  'error.too_many_attempts': 'Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
  'error.email_not_verified': 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link, den wir Ihnen geschickt haben.',
  'error.portalNotFound': 'Unter dieser Adresse gibt es kein Portal.',
  'error.portalNotFoundHint': 'Prüfen Sie die Adresse oder registrieren Sie Ihre Organisation.',
  'error.portalUnavailable': 'Das Portal kann gerade nicht geladen werden.',
  'error.missingToken': 'Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail erneut.',

  'landing.title': 'Helpdesk für Ihre Organisation',
  'landing.pitch':
    'Ein Support-Portal in Ihrem Design für Ihre Kunden und ein ruhiger Arbeitsplatz für Ihr Team: Anfragen, Antworten, interne Notizen und eine lückenlose Historie, auf Deutsch und Englisch.',
  'landing.point1': 'Eigene Portal-Adresse, eigenes Logo, eigene Farben',
  'landing.point2': 'Arbeitslisten für neue Anfragen, Kunde wartet und Support wartet',
  'landing.point3': 'Jede Antwort, Notiz und Statusänderung dokumentiert',
  'landing.cta': 'Organisation registrieren',
  'landing.haveAccount': 'Schon Kunde? Öffnen Sie die Portal-Adresse Ihrer Organisation, z. B. /ihre-organisation/.',

  'signup.title': 'Organisation registrieren',
  'signup.organisation': 'Name der Organisation',
  'signup.slug': 'Portal-Adresse',
  'signup.slugHint': 'Kleinbuchstaben, Ziffern und Bindestriche.',
  'signup.preview': 'Ihr Portal:',
  'signup.adminName': 'Ihr Name',
  'signup.email': 'Ihre E-Mail',
  'signup.submit': 'Organisation anlegen',
  'signup.submitting': 'Wird angelegt…',

  'nav.skip': 'Zum Inhalt springen',
  'nav.menu': 'Menü',
  'nav.main': 'Hauptnavigation',
  'nav.myRequests': 'Meine Anfragen',
  'nav.newRequest': 'Neue Anfrage',
  'nav.workspace': 'Arbeitsplatz',
  'nav.newTicket': 'Neues Ticket',
  'nav.admin': 'Verwaltung',
  'nav.signIn': 'Anmelden',
  'nav.register': 'Registrieren',
  'nav.signOut': 'Abmelden',
  'nav.language': 'Sprache',
  'nav.signedInAs': 'Angemeldet als',

  'signin.title': 'Anmelden',
  'signin.intro': 'Melden Sie sich an, um Ihre Anfragen zu sehen und neue zu stellen.',
  'signin.submit': 'Anmelden',
  'signin.submitting': 'Anmeldung läuft…',
  'signin.forgot': 'Passwort vergessen?',
  'signin.noAccount': 'Noch kein Konto?',
  'signin.register': 'Registrieren',
  'signin.otherTenant': 'Sie sind bei einer anderen Organisation angemeldet ({name}). Melden Sie sich hier an, um dieses Portal zu nutzen.',

  'register.title': 'Registrieren',
  'register.intro': 'Legen Sie ein Konto an, um Anfragen zu stellen und ihren Stand zu verfolgen.',
  'register.submit': 'Registrieren',
  'register.done': 'Fast geschafft: Wir haben einen Bestätigungslink an {email} geschickt. Bitte öffnen Sie ihn, um Ihr Konto zu aktivieren.',
  'register.haveAccount': 'Schon registriert?',

  'verify.title': 'E-Mail-Adresse bestätigen',
  'verify.working': 'Ihre E-Mail-Adresse wird bestätigt…',
  'verify.failed': 'Der Link konnte nicht bestätigt werden.',

  'forgot.title': 'Passwort vergessen',
  'forgot.intro': 'Geben Sie Ihre E-Mail-Adresse ein; wir schicken Ihnen einen Link, um ein neues Passwort zu wählen.',
  'forgot.submit': 'Link senden',
  'forgot.done': 'Falls es ein Konto für {email} gibt, ist ein Link unterwegs.',

  'reset.title': 'Neues Passwort wählen',
  'reset.submit': 'Passwort speichern',
  'reset.done': 'Ihr Passwort wurde geändert. Sie können sich jetzt anmelden.',
  'reset.toSignIn': 'Zur Anmeldung',

  'invite.title': 'Dem Team beitreten',
  'invite.intro': 'Sie wurden eingeladen. Wählen Sie Ihren Namen und ein Passwort.',
  'invite.submit': 'Beitreten',

  'tickets.myRequests': 'Meine Anfragen',
  'tickets.newRequest': 'Neue Anfrage',
  'tickets.empty': 'Hier gibt es keine Anfragen.',
  'tickets.emptyFiltered': 'Keine Anfrage passt zu den Filtern.',
  'tickets.filters': 'Filter',
  'tickets.filterNumber': 'Nummer',
  'tickets.filterStatus': 'Status',
  'tickets.filterText': 'Text suchen',
  'tickets.clearFilters': 'Filter zurücksetzen',
  'tickets.count': '{n} von {total}',
  'tickets.sortBy': 'Nach {col} sortieren',

  'col.number': 'Nr.',
  'col.subject': 'Betreff',
  'col.status': 'Status',
  'col.priority': 'Priorität',
  'col.createdAt': 'Erstellt',
  'col.updatedAt': 'Geändert',
  'col.requester': 'Ersteller',

  'status.new': 'Neu',
  'status.open': 'Kunde wartet',
  'status.waiting': 'Support wartet',
  'status.solved': 'Gelöst',
  'status.unsolvable': 'Nicht lösbar',

  'priority.low': 'Niedrig',
  'priority.normal': 'Normal',
  'priority.high': 'Hoch',
  'priority.urgent': 'Dringend',

  'channel.portal': 'Portal',
  'channel.phone': 'Telefon',
  'channel.email': 'E-Mail',
  'channel.api': 'API',

  'form.subject': 'Betreff',
  'form.description': 'Beschreibung',
  'form.descriptionHint': 'Was ist passiert, was haben Sie erwartet, seit wann?',
  'form.priority': 'Priorität',
  'form.category': 'Kategorie',
  'form.dueDate': 'Gewünschter Termin',
  'form.contact': 'Kontaktdaten',
  'form.submitRequest': 'Anfrage senden',
  'form.submitTicket': 'Ticket anlegen',
  'form.submitting': 'Wird gesendet…',
  'form.channel': 'Eingangskanal',
  'form.customer': 'Kunde',
  'form.searchCustomer': 'Kunden suchen',
  'form.searchHint': 'Name, E-Mail oder Firma',
  'form.noCustomers': 'Kein Kunde gefunden.',
  'form.selected': 'Ausgewählt: {name}',
  'form.changeCustomer': 'Anderen wählen',
  'form.noCustomerHint': 'Oder leer lassen und unten die Kontaktdaten eingeben.',

  'category.general': 'Allgemeine Frage',
  'category.incident': 'Störung',
  'category.access': 'Zugang und Konten',
  'category.hardware': 'Hardware',
  'category.software': 'Software',
  'category.suggestion': 'Verbesserungsvorschlag',

  'ticket.title': 'Anfrage {number}',
  'ticket.details': 'Angaben',
  'ticket.description': 'Beschreibung',
  'ticket.correspondence': 'Korrespondenz',
  'ticket.noMessages': 'Noch keine Nachrichten.',
  'ticket.reply': 'Antworten',
  'ticket.replyLabel': 'Ihre Nachricht',
  'ticket.send': 'Senden',
  'ticket.sending': 'Wird gesendet…',
  'ticket.sent': 'Ihre Nachricht wurde gesendet.',
  'ticket.noteSaved': 'Interne Notiz gespeichert.',
  'ticket.reopenHint': 'Eine Nachricht zu einer abgeschlossenen Anfrage öffnet sie wieder.',
  'ticket.contact': 'Kontakt',
  'ticket.channel': 'Eingangskanal',
  'ticket.createdBy': 'Erstellt von',
  'ticket.createdAt': 'Erstellt',
  'ticket.updatedAt': 'Geändert',
  'ticket.dueDate': 'Gewünschter Termin',
  'ticket.category': 'Kategorie',
  'ticket.requester': 'Ersteller',
  'ticket.history': 'Historie',
  'ticket.internalNote': 'Interne Notiz',
  'ticket.publicAnswer': 'Öffentliche Antwort',
  'ticket.messageType': 'Art',
  'ticket.setStatus': 'Status setzen',
  'ticket.keepStatus': '— Status beibehalten —',
  'ticket.sendAnswer': 'Antwort senden',
  'ticket.saveNote': 'Notiz speichern',
  'ticket.change': 'Ticket ändern',
  'ticket.updated': 'Ticket geändert.',
  'ticket.nothingChanged': 'Nichts geändert.',
  'ticket.backToList': 'Zurück zur Liste',
  'ticket.notFound': 'Dieses Ticket gibt es nicht.',
  'ticket.internalHint': 'Interne Notizen sieht der Kunde nie.',

  'history.created': 'hat das Ticket angelegt',
  'history.message': 'hat geantwortet',
  'history.note': 'hat eine interne Notiz geschrieben',
  'history.status': 'hat den Status von {from} auf {to} geändert',
  'history.priority': 'hat die Priorität von {from} auf {to} geändert',
  'history.category': 'hat die Kategorie von {from} auf {to} geändert',
  'history.acknowledged': 'hat die Eingangsbestätigung gesendet',
  'history.empty': 'Keine Einträge.',

  'agent.title': 'Arbeitsplatz',
  'agent.tabs': 'Arbeitslisten',
  'agent.tab.new': 'Neue Anfragen',
  'agent.tab.customer_waiting': 'Kunde wartet',
  'agent.tab.support_waiting': 'Support wartet',
  'agent.tab.all': 'Alle Tickets',
  'agent.newTicket': 'Neues Ticket',
  'agent.newTicketTitle': 'Neues Ticket für einen Kunden',

  'role.customer': 'Kunde',
  'role.agent': 'Bearbeiter',
  'role.coordinator': 'Koordinator',
  'role.admin': 'Administrator',

  'admin.title': 'Verwaltung',
  'admin.branding': 'Portal und Erscheinungsbild',
  'admin.orgName': 'Name der Organisation',
  'admin.portalTitle': 'Portal-Titel',
  'admin.logoUrl': 'Logo-URL',
  'admin.logoHint': 'Eine https://-Adresse oder ein Pfad auf dieser Seite; leer für kein Logo.',
  'admin.color': 'Hauptfarbe',
  'admin.colorHex': 'Hauptfarbe (Hex)',
  'admin.defaultLanguage': 'Standardsprache',
  'admin.preview': 'Vorschau',
  'admin.previewButton': 'Schaltfläche',
  'admin.saved': 'Einstellungen gespeichert.',
  'admin.invite': 'Teammitglied einladen',
  'admin.inviteIntro': 'Die Person erhält eine E-Mail mit einem Link zum Beitreten.',
  'admin.role': 'Rolle',
  'admin.inviteSubmit': 'Einladung senden',
  'admin.invited': 'Einladung an {email} gesendet.',
};

const dictionaries = { en, de } as const;

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: Key, params?: Record<string, string | number>): string {
  let s: string = dictionaries[lang()][key] ?? en[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function statusLabel(s: Status | string): string {
  return t(`status.${s}` as Key);
}
export function priorityLabel(p: Priority | string): string {
  return t(`priority.${p}` as Key);
}

export const STATUSES: readonly Status[] = ['new', 'open', 'waiting', 'solved', 'unsolvable'];
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
/** Options for a select, in the current language (call them in markup, so they follow it). */
export const statusOptions = () => STATUSES.map((value) => ({ value, label: statusLabel(value) }));
export const priorityOptions = () => PRIORITIES.map((value) => ({ value, label: priorityLabel(value) }));
/** Each language in its own name. */
export const LANGUAGES: readonly { value: Language; label: string }[] = [
  { value: 'de', label: 'Deutsch' },
  { value: 'en', label: 'English' },
];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(opts: Intl.DateTimeFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  const locale = lang() === 'de' ? 'de-DE' : 'en-GB';
  const key = `${locale}|${timeZone}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...opts, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, opts);
    }
    formatters.set(key, f);
  }
  return f;
}

/** Date and time of an ISO instant, in the tenant's time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter({ dateStyle: 'medium', timeStyle: 'short' }, ui.timeZone).format(d);
}

/** A calendar date (YYYY-MM-DD), shown as that date wherever the viewer is. */
export function formatDate(day: string | undefined): string {
  if (!day) return t('common.none');
  const d = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return formatter({ dateStyle: 'medium' }, 'UTC').format(d);
}
