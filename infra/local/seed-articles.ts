/**
 * The demo tenant's knowledge base (issue 9, Q2): published articles in German and English for
 * every audience (one for staff only), one waiting for review, and two written from solved demo
 * tickets (their origin shown to staff). Ben writes, Klara reviews and publishes: the author
 * never reviews their own article. The paper-jam article shows a picture inline (`picture`).
 */
import type { Actor } from '../../shared/auth/actor.ts';
import { listTopicItems } from '../../shared/db/topics.ts';
import { createArticle, createArticleFromTicket, publishArticle, updateArticle } from '../../shared/knowledge/articles.ts';
import type { Article, CreateArticleInput } from '../../shared/knowledge/article-schemas.ts';
import { storeAttachment } from '../../shared/attachments/store.ts';
import { demoScreenshot } from './seed-files.ts';

/** `picture`: a screenshot shown inline after the text, uploaded by the author as the editor's Image tool does. */
type Draft = CreateArticleInput & { topic?: string; picture?: string };

const ARTICLES: Draft[] = [
  {
    title: 'Drucker meldet Papierstau, obwohl kein Papier klemmt',
    topic: 'Printer',
    audience: 'public',
    tags: ['Drucker', 'Papierstau'],
    picture: 'Einzugsrolle.png',
    body:
      '<h2>Problem</h2><p>Der Drucker zeigt „Papierstau“, im Papierweg ist aber nichts zu sehen.</p>' +
      '<h2>Lösung</h2><ol><li>Drucker ausschalten und alle Klappen öffnen.</li><li>Die <strong>Einzugsrolle</strong> mit einem fusselfreien, leicht feuchten Tuch reinigen.</li><li>Papierfach ganz herausziehen: oft liegt ein kleiner Papierschnipsel dahinter.</li></ol><p>Hilft das nicht, bitte eine Anfrage mit der Gerätenummer stellen.</p>',
  },
  {
    title: 'VPN drops every few minutes after the 5.2 client update',
    topic: 'Network',
    audience: 'customers',
    tags: ['VPN', 'Windows'],
    body:
      '<h2>Problem</h2><p>Since client version 5.2 the VPN connection drops every few minutes.</p>' +
      '<h2>Solution</h2><p>Version 5.2 turns on <em>power saving</em> for the network adapter. Open the device manager, choose the adapter, tab <strong>Power management</strong>, and untick “Allow the computer to turn off this device”. Version 5.3 fixes it for good.</p>',
  },
  {
    title: 'Passwort vergessen: selbst zurücksetzen',
    topic: 'Account',
    audience: 'customers',
    tags: ['Passwort', 'Konto'],
    body: '<p>Auf der Anmeldeseite „Passwort vergessen?“ wählen und die E-Mail-Adresse eingeben. Der Link in der E-Mail gilt eine Stunde; das neue Passwort braucht mindestens 10 Zeichen.</p>',
  },
  {
    title: 'Druckserver neu starten (nur Support)',
    topic: 'Printer',
    audience: 'staff',
    tags: ['Drucker', 'Server'],
    body: '<p>Wenn alle Drucker eines Stockwerks hängen: auf <code>print01</code> den Dienst „Druckwarteschlange“ neu starten, danach die Warteschlangen prüfen. Vorher im Team Bescheid geben.</p>',
  },
];

/** Ben's articles, reviewed and published by Klara; one from a solved ticket, one from another waiting for review. */
export async function seedArticles(agent: Actor, coordinator: Actor, fromTickets: { published: number; inReview: number }): Promise<void> {
  const topics = await listTopicItems(agent.tenantId);
  const topicId = (en?: string) => topics.find((t) => !t.deletedAt && t.name.en === en)?.topicId;
  const publish = async (id: string, version: number) => {
    const review = await publishArticle(agent, id, { status: 'review', version });
    return publishArticle(coordinator, id, { status: 'published', version: review.version });
  };
  const published = [];
  for (const { topic, picture, ...a } of ARTICLES) {
    const shot = picture ? await storeAttachment(agent.tenantId, { name: picture, bytes: demoScreenshot(), by: agent.userId }) : undefined;
    const inline = shot ? { body: `${a.body}<p><img data-attachment-id="${shot.id}" alt="${shot.name}"></p>`, attachmentIds: [shot.id] } : {};
    const draft = await createArticle(agent, { ...a, ...inline, topicId: topicId(topic) });
    published.push(await publish(draft.id, draft.version));
  }
  // related: the password article points at the paper-jam one and the staff-only one (customers see only the first)
  const [jam, , password, server] = published as [Article, Article, Article, Article];
  await updateArticle(agent, password.id, { relatedIds: [jam.id, server.id], version: password.version });

  // From the solved Excel ticket (Bob's, in English): the draft is prefilled, Ben files it, Klara publishes it.
  const english = { ...agent, language: 'en' as const };
  const excel = await createArticleFromTicket(english, fromTickets.published);
  const filed = await updateArticle(agent, excel.id, { tags: ['Excel', 'Add-in'], audience: 'customers', version: excel.version });
  await publish(filed.id, filed.version);
  // From the monitor ticket Bob closed himself: written up, waiting for Klara's review.
  const monitor = await createArticleFromTicket(english, fromTickets.inReview);
  await publishArticle(agent, monitor.id, { status: 'review', version: monitor.version });
}
