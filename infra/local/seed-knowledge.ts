/**
 * The demo tenant's topics and FAQ (issue 9, Q1 and Q4): topics in German and English, FAQ
 * entries in both languages (the network printer's with a picture), one under a topic deleted since (it reads "Fax (gelöschtes Thema)"),
 * and the tenant's knowledge readable without signing in (`/demo/faq`, `/kb/demo/faq`).
 */
import type { Actor } from '../../shared/auth/actor.ts';
import { createFaq } from '../../shared/knowledge/faqs.ts';
import { createTopic, deleteTopic } from '../../shared/knowledge/topics.ts';
import { updateSettings } from '../../shared/tenancy/tenants.ts';
import { storeAttachment } from '../../shared/attachments/store.ts';
import { demoScreenshot } from './seed-files.ts';

const TOPICS = {
  printer: { de: 'Drucker', en: 'Printer' },
  network: { de: 'Netzwerk', en: 'Network' },
  account: { de: 'Konto', en: 'Account' },
  mail: { de: 'E-Mail', en: 'Email' },
  fax: { de: 'Fax', en: 'Fax' },
} as const;

type TopicKey = keyof typeof TOPICS;

/** `picture`: the answer ends with a picture (an upload of the agent, taken by the entry as the editor's would be). */
const FAQS: { topic: TopicKey; language: 'de' | 'en'; question: string; answer: string; picture?: string }[] = [
  {
    topic: 'printer',
    language: 'de',
    question: 'Wie richte ich einen Netzwerkdrucker ein?',
    answer:
      '<p>Öffnen Sie <strong>Einstellungen → Drucker</strong> und wählen Sie <em>Drucker hinzufügen</em>.</p><ol><li>Drucker aus der Liste wählen</li><li>Treiber bestätigen</li><li>Testseite drucken</li></ol>',
    picture: 'Druckerdialog.png',
  },
  {
    topic: 'printer',
    language: 'en',
    question: 'How do I set up a network printer?',
    answer:
      '<p>Open <strong>Settings → Printers</strong> and choose <em>Add printer</em>.</p><ol><li>Pick the printer from the list</li><li>Confirm the driver</li><li>Print a test page</li></ol>',
    picture: 'Printer dialog.png',
  },
  {
    topic: 'printer',
    language: 'de',
    question: 'Der Drucker druckt Streifen – was kann ich tun?',
    answer:
      '<p>Reinigen Sie die Druckköpfe über das Menü des Druckers. Hilft das nicht, ist meist der Toner leer: bitte melden Sie sich mit der Gerätenummer.</p>',
  },
  {
    topic: 'printer',
    language: 'en',
    question: 'The printer prints stripes – what can I do?',
    answer:
      '<p>Clean the print heads from the printer’s menu. If that does not help, the toner is usually empty: please get in touch with the device number.</p>',
  },
  {
    topic: 'network',
    language: 'de',
    question: 'Warum ist das WLAN so langsam?',
    answer:
      '<p>Prüfen Sie, ob Sie mit <strong>Firma-5G</strong> verbunden sind. Eine Störung sehen Sie auf der <a href="https://status.example.org">Statusseite</a>.</p>',
  },
  {
    topic: 'network',
    language: 'en',
    question: 'Why is the Wi-Fi so slow?',
    answer:
      '<p>Check that you are connected to <strong>Company-5G</strong>. Outages are shown on the <a href="https://status.example.org">status page</a>.</p>',
  },
  {
    topic: 'account',
    language: 'de',
    question: 'Ich habe mein Passwort vergessen.',
    answer: '<p>Klicken Sie auf der Anmeldeseite auf <em>Passwort vergessen?</em>. Sie erhalten einen Link per E-Mail, der eine Stunde gilt.</p>',
  },
  {
    topic: 'account',
    language: 'en',
    question: 'I forgot my password.',
    answer: '<p>Click <em>Forgot your password?</em> on the sign-in page. You will get a link by email, valid for one hour.</p>',
  },
  {
    topic: 'mail',
    language: 'de',
    question: 'Wie richte ich mein Postfach auf dem Handy ein?',
    answer: '<ul><li>Server: <code>mail.example.org</code></li><li>Benutzername: Ihre E-Mail-Adresse</li><li>Verschlüsselung: SSL/TLS</li></ul>',
  },
  {
    topic: 'mail',
    language: 'en',
    question: 'How do I set up my mailbox on my phone?',
    answer: '<ul><li>Server: <code>mail.example.org</code></li><li>User name: your email address</li><li>Encryption: SSL/TLS</li></ul>',
  },
  {
    topic: 'fax',
    language: 'de',
    question: 'Wie versende ich ein Fax?',
    answer: '<p>Faxe versenden Sie inzwischen über das Multifunktionsgerät im 1. OG (Menü <em>Scannen → Fax</em>).</p>',
  },
];

/** Topics, FAQ entries (German and English) and public knowledge for the demo tenant. */
export async function seedTopicsAndFaq(admin: Actor, agent: Actor): Promise<void> {
  const ids = {} as Record<TopicKey, string>;
  for (const [key, name] of Object.entries(TOPICS) as [TopicKey, (typeof TOPICS)[TopicKey]][]) ids[key] = (await createTopic(admin, { name })).id;
  for (const f of FAQS) {
    const picture = f.picture && (await storeAttachment(admin.tenantId, { name: f.picture, bytes: demoScreenshot(), by: agent.userId }));
    const answer = picture ? `${f.answer}<p><img data-attachment-id="${picture.id}" alt="${picture.name}"></p>` : f.answer;
    await createFaq(agent, { question: f.question, answer, language: f.language, topicId: ids[f.topic] });
  }
  // a topic deleted after use: its entry still names it, marked
  await deleteTopic(admin, ids.fax);
  await updateSettings(admin, { publicKnowledge: true });
}
