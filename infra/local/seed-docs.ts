/**
 * The demo tenant's documentation and suggestion scheme (issue 9, Q3, Q6): a PDF manual, a
 * staff-only picture and a short explanatory video (a real webm, infra/local/demo-files); the
 * suggestion scheme switched on, two suggestions with comments and likes, the best-liked one
 * accepted into a published article (crediting its author) that is itself commented and liked.
 */
import { readFileSync } from 'node:fs';
import type { Actor } from '../../shared/auth/actor.ts';
import { storeAttachment } from '../../shared/attachments/store.ts';
import { createDocument } from '../../shared/knowledge/documents.ts';
import { addComment, toggleLike } from '../../shared/knowledge/feedback.ts';
import { acceptSuggestion, updateSuggestionSettings } from '../../shared/knowledge/suggestions.ts';
import { publishArticle } from '../../shared/knowledge/articles.ts';
import { liveTopics } from '../../shared/knowledge/topics.ts';
import { putSuggestion } from '../../shared/db/suggestions.ts';
import { createTicket } from '../../shared/tickets/tickets.ts';
import { demoPdf, demoScreenshot } from './seed-files.ts';

export interface SeededSuggestion {
  number: number;
}

/** Documents, the scheme, the suggestions and the accepted one's article; returns the accepted suggestion. */
export async function seedDocsAndSuggestions(people: { admin: Actor; agent: Actor; anna: Actor; bob: Actor }): Promise<SeededSuggestion> {
  const { admin, agent, anna, bob } = people;
  const tenantId = admin.tenantId;
  const topics = await liveTopics(tenantId);
  const topic = (de: string) => topics.find((x) => x.name.de === de)?.id;
  const upload = async (name: string, bytes: Uint8Array) => (await storeAttachment(tenantId, { name, bytes, by: agent.userId })).id;

  await createDocument(agent, {
    attachmentId: await upload(
      'Drucker-einrichten.pdf',
      demoPdf(['Netzwerkdrucker einrichten', '1. Einstellungen > Drucker oeffnen', '2. "Drucker hinzufuegen" waehlen', '3. Drucker 2OG-Laser auswaehlen']),
    ),
    title: 'Netzwerkdrucker einrichten',
    description: 'Schritt für Schritt: den Etagendrucker unter Windows und macOS hinzufügen.',
    topicId: topic('Drucker'),
    tags: ['drucker', 'einrichtung', 'windows'],
    type: 'manual',
    audience: 'customers',
  });
  await createDocument(agent, {
    attachmentId: await upload('Toner-wechseln.webm', new Uint8Array(readFileSync(new URL('./demo-files/toner.webm', import.meta.url)))),
    title: 'Erklärvideo: Toner wechseln',
    description: 'In zwei Sekunden erklärt: Klappe auf, Kartusche tauschen, Klappe zu.',
    topicId: topic('Drucker'),
    tags: ['drucker', 'toner', 'video'],
    audience: 'public',
  });
  await createDocument(agent, {
    attachmentId: await upload('Netzwerkplan-2OG.png', demoScreenshot()),
    title: 'Netzwerkplan 2. OG (intern)',
    description: 'Nur für das Support-Team: Switches und Access Points im 2. OG.',
    topicId: topic('Netzwerk'),
    tags: ['netzwerk', 'plan'],
    audience: 'staff',
  });

  const settings = await updateSuggestionSettings(admin, { enabled: true, customersJoin: true, version: 0 });
  const coffee = await createTicket(anna, {
    subject: 'Druckaufträge per QR-Code am Gerät freigeben',
    description: 'Vertrauliche Ausdrucke bleiben sonst im Ausgabefach liegen. Ein QR-Code am Drucker könnte den Auftrag erst freigeben, wenn man davorsteht.',
    priority: 'low',
    topicId: settings.topicId,
  });
  const desks = await createTicket(bob, {
    subject: 'Self-service password reset for the ERP',
    description: 'Half of our ERP tickets are lockouts; a self-service reset link would save everybody time.',
    priority: 'low',
    topicId: settings.topicId,
  });
  // The stream indexes them too (idempotent); the seed does not wait for it.
  for (const t of [coffee.ticket, desks.ticket]) await putSuggestion(tenantId, t.number, t.createdAt);
  const target = (n: number) => ({ target: 'suggestions', id: String(n) });
  await addComment(bob, target(coffee.ticket.number), { body: 'Great idea – we had exactly that problem with payslips.' });
  await addComment(agent, target(coffee.ticket.number), { body: 'Our printers support PIN release; a QR code works with the 2nd floor model.' });
  await addComment(anna, target(desks.ticket.number), { body: 'Gerne auch für das Kundenportal!' });
  for (const who of [bob, agent, admin]) await toggleLike(who, target(coffee.ticket.number), { like: true });
  await toggleLike(anna, target(desks.ticket.number), { like: true });
  // The best-liked one was accepted: an article under the suggestion topic crediting Anna, reviewed and published, itself commented and liked.
  const { articleId } = await acceptSuggestion({ ...agent, language: 'de' }, coffee.ticket.number, {});
  const inReview = await publishArticle(agent, articleId, { status: 'review', version: 1 });
  await publishArticle(admin, articleId, { status: 'published', version: inReview.version });
  await addComment(bob, { target: 'articles', id: articleId }, { body: 'Works great on the 2nd floor now, thanks!' });
  for (const who of [bob, anna]) await toggleLike(who, { target: 'articles', id: articleId }, { like: true });
  return { number: coffee.ticket.number };
}
