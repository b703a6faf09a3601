/** The mail of a notification (N1), in German and English: what happened, and a link to the ticket in the workspace. */
import { render, type RenderedMail } from '../mail/templates.ts';
import type { Language } from '../tenancy/schemas.ts';
import type { NotificationKind } from './constants.ts';

export interface NotificationMailData {
  portal: string;
  name: string;
  actor: string;
  number: number;
  subject: string;
  /** The ticket in the workspace. */
  url: string;
  /** The page where the reader chooses what is mailed. */
  settingsUrl: string;
}

type Sentence = (d: NotificationMailData) => string;

const SENTENCES: Record<Language, Record<NotificationKind, Sentence>> = {
  de: {
    assigned: (d) => `${d.actor} hat Ihnen oder einem Ihrer Teams das Ticket #${d.number} „${d.subject}“ zugewiesen.`,
    taken_from_team: (d) => `${d.actor} hat das Ticket #${d.number} „${d.subject}“ aus Ihrem Team übernommen.`,
    part_answered: (d) => `${d.actor} hat einen Teil des Tickets #${d.number} „${d.subject}“ beantwortet.`,
    parts_answered: (d) => `Alle Teile des Tickets #${d.number} „${d.subject}“ sind beantwortet: die zusammengefasste Antwort an den Anfragenden steht an.`,
    customer_replied: (d) => `${d.actor} hat auf das Ticket #${d.number} „${d.subject}“ geantwortet.`,
    status_changed: (d) => `${d.actor} hat den Status des Tickets #${d.number} „${d.subject}“ geändert.`,
    mentioned: (d) => `${d.actor} hat Sie in einer internen Notiz zum Ticket #${d.number} „${d.subject}“ erwähnt.`,
    sla_warning: (d) => `Beim Ticket #${d.number} „${d.subject}“ ist eine Service-Frist bald erreicht.`,
    sla_breached: (d) => `Beim Ticket #${d.number} „${d.subject}“ ist eine Service-Frist überschritten.`,
  },
  en: {
    assigned: (d) => `${d.actor} assigned ticket #${d.number} "${d.subject}" to you or to one of your teams.`,
    taken_from_team: (d) => `${d.actor} took ticket #${d.number} "${d.subject}" from your team.`,
    part_answered: (d) => `${d.actor} answered a part of ticket #${d.number} "${d.subject}".`,
    parts_answered: (d) => `Every part of ticket #${d.number} "${d.subject}" is answered: the summarised answer to the requester is due.`,
    customer_replied: (d) => `${d.actor} replied to ticket #${d.number} "${d.subject}".`,
    status_changed: (d) => `${d.actor} changed the status of ticket #${d.number} "${d.subject}".`,
    mentioned: (d) => `${d.actor} mentioned you in an internal note on ticket #${d.number} "${d.subject}".`,
    sla_warning: (d) => `A service-level deadline of ticket #${d.number} "${d.subject}" is close.`,
    sla_breached: (d) => `A service-level deadline of ticket #${d.number} "${d.subject}" has passed.`,
  },
};

const SUBJECTS: Record<Language, Record<NotificationKind, string>> = {
  de: {
    assigned: 'Neu zugewiesen',
    taken_from_team: 'Aus Ihrem Team übernommen',
    part_answered: 'Teil beantwortet',
    parts_answered: 'Alle Teile beantwortet',
    customer_replied: 'Antwort des Kunden',
    status_changed: 'Status geändert',
    mentioned: 'Sie wurden erwähnt',
    sla_warning: 'Frist bald erreicht',
    sla_breached: 'Frist überschritten',
  },
  en: {
    assigned: 'Assigned to you',
    taken_from_team: 'Taken from your team',
    part_answered: 'Part answered',
    parts_answered: 'All parts answered',
    customer_replied: 'Customer replied',
    status_changed: 'Status changed',
    mentioned: 'You were mentioned',
    sla_warning: 'Deadline close',
    sla_breached: 'Deadline passed',
  },
};

/** The mail of one notification in `lang`. */
export function notificationMail(lang: Language, kind: NotificationKind, d: NotificationMailData): RenderedMail {
  const de = lang === 'de';
  return render(
    `${d.portal}: ${SUBJECTS[lang][kind]} – [#${d.number}] ${d.subject}`,
    [
      de ? `Hallo ${d.name},` : `Hello ${d.name},`,
      SENTENCES[lang][kind](d),
      de
        ? `Welche Benachrichtigungen Sie per E-Mail erhalten, legen Sie hier fest: ${d.settingsUrl}`
        : `Choose which notifications reach you by email here: ${d.settingsUrl}`,
    ],
    { url: d.url, label: de ? 'Ticket öffnen' : 'Open ticket' },
  );
}
