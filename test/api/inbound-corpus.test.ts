/**
 * A corpus of real-world mails (test/fixtures/mail/*.eml: Outlook, Apple Mail, Gmail, Lotus
 * Notes; ISO-8859-1, Windows-1252, UTF-7 (in every part), raw 8-bit headers; broken MIME; no Date or
 * Message-ID; hostile HTML; auto-replies, lists, a bounce, no sender, bytes that are no mail)
 * sent through the real SMTP port: each one becomes a ticket or is dropped with its reason, and
 * none makes the server fail. What is kept decodes correctly and is safe to show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/tenants.ts';
import { inboundAddress, sendRaw } from '../support/inbound.ts';

const DIR = new URL('../fixtures/mail/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.eml'))
  .sort();

/** What each mail must become: a ticket (`created`), or dropped for that reason (`delivery_event`: a bounce of ours). */
const EXPECTED: Record<string, RegExp> = {
  'garbage.eml': /^250 dropped unparseable$/,
  'no-sender.eml': /^250 dropped unparseable$/,
  'dsn-bounce.eml': /^250 delivery_event$/,
};

interface Detail {
  ticket: { subject: string; description: string };
  messages: { body: string; html?: string; from?: string; attachments: { id: string; name: string; contentType: string; inline?: boolean }[] }[];
}

describe('a corpus of real-world mails through the SMTP port', () => {
  let t: TestTenant;
  const results = new Map<string, string>();

  beforeAll(async () => {
    t = await newTenant('corpus');
    for (const file of FILES) {
      const { response } = await sendRaw(readFileSync(new URL(file, DIR)), { from: 'corpus@sender.example', to: [inboundAddress(t)] });
      results.set(file, response);
    }
  }, 120_000);

  it.each(FILES)('%s becomes a ticket or is dropped with a reason', (file) => {
    expect(results.get(file)).toMatch(EXPECTED[file] ?? /^250 created #\d+$/);
  });

  const detail = async (file: string): Promise<Detail> => {
    const n = /#(\d+)/.exec(results.get(file)!)![1];
    const r = await t.admin.get(`/api/v1/tickets/${n}`);
    expect(r.status, r.text).toBe(200);
    return r.json as Detail;
  };

  it('decodes ISO-8859-1 quoted-printable, encoded words included', async () => {
    const d = await detail('latin1-qp.eml');
    expect(d.ticket.subject).toBe('Grüße aus Köln');
    expect(d.messages[0]!.body).toContain('die Rechnung für März ist fehlerhaft');
    expect(d.messages[0]!.from).toBe('Jürgen Müller <juergen@kunde.example>');
  });

  it('decodes Windows-1252 8-bit text (the euro sign and curly quotes)', async () => {
    expect((await detail('windows-1252-8bit.eml')).messages[0]!.body).toContain('\u20ac 120 but the offer said \u201c\u20ac 100\u201d \u2013 please');
  });

  it('decodes UTF-7', async () => {
    expect((await detail('utf-7.eml')).messages[0]!.body).toContain('aus München, 5 €');
  });

  it('decodes UTF-7 in every part of an Outlook multipart mail: subject, sender, text and HTML; the decoded markup is still sanitised; a file keeps its bytes', async () => {
    const d = await detail('utf-7-multipart.eml');
    const m = d.messages[0]!;
    expect(d.ticket.subject).toBe('Grüße aus München');
    expect(m.from).toBe('Jürgen Bräuer <juergen@legacy.example>');
    expect(m.body).toContain('die Rechnung für März ist doppelt: 2 ~ 5 €.');
    expect(m.body).toContain('Mit freundlichen Grüßen');
    expect(m.html).toContain('die Rechnung für März ist doppelt.');
    expect(m.html).not.toMatch(/\+AD[w4]-|<script|alert/);
    expect(m.attachments.map((a) => a.name)).toEqual(['Posten März.txt']);
    const file = await t.admin.get(`/api/v1/attachments/${m.attachments[0]!.id}`);
    expect(file.status, file.text).toBe(200);
    expect(await (await fetch(file.json.url as string)).text()).toBe('Posten 1: 5 +IKw-\r\n');
  });

  it('reads raw 8-bit UTF-8 headers', async () => {
    const d = await detail('8bit-headers.eml');
    expect(d.ticket.subject).toBe('Überweisung fehlgeschlagen – bitte prüfen');
    expect(d.messages[0]!.from).toBe('Søren Ærø <soeren@firma.example>');
  });

  it('keeps what it can of broken MIME', async () => {
    expect((await detail('broken-mime.eml')).messages[0]!.body).toContain('This body is base64 but the last boundary is missing');
  });

  it('decodes a Lotus Notes base64 ISO-8859-15 body and folds its quoted original', async () => {
    const m = (await detail('lotus-notes.eml')).messages[0]!;
    expect(m.body).toBe('Server ist wieder down.\r\n\r\nMit freundlichen Grüßen'.replace(/\r/g, ''));
    expect(m.html).toMatch(/<blockquote data-quote="">[\s\S]*Original Message/);
  });

  it('Outlook HTML: no script, style, event handler or javascript: link; the tracking pixel is not loaded; the quoted original is folded', async () => {
    const html = (await detail('outlook-html.eml')).messages[0]!.html!;
    expect(html).toContain('Mein Zugang ist immer noch gesperrt.');
    expect(html).not.toMatch(/<script|<style|onload|javascript:|steal\(\)/i);
    expect(html).toContain('data-remote-src="https://tracker.example/pixel.gif?u=42"');
    expect(html).not.toMatch(/<img[^>]* src=/);
    expect(html).toMatch(/<div data-quote>[^<]*<b>From:<\/b> Support/);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('hostile HTML is reduced to harmless text and markup', async () => {
    const html = (await detail('html-only-hostile.eml')).messages[0]!.html!;
    expect(html).toContain('<p>Hello</p>');
    expect(html).not.toMatch(/<iframe|<svg|onerror|onload|<form|<input|<object|<meta|javascript:|position|url\(/i);
    // The metadata address is never requested by a browser: it is only an attribute waiting for a click.
    expect(html).not.toMatch(/<img[^>]* src=/);
  });

  it('an Apple Mail inline image becomes an attachment shown inline; the quoted part is folded', async () => {
    const m = (await detail('apple-inline-image.eml')).messages[0]!;
    const image = m.attachments.find((a) => a.inline);
    expect(image).toMatchObject({ name: 'screenshot.png', contentType: 'image/png', inline: true });
    expect(m.html).toContain(`data-attachment-id="${image!.id}"`);
    expect(m.html).toContain('<blockquote data-quote>On 8 Nov you wrote');
  });

  it('attachments are kept with the type their bytes show, not the one they claim', async () => {
    const m = (await detail('attachment-pdf.eml')).messages[0]!;
    expect(m.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['contract.pdf', 'application/pdf'],
      ['invoice.html', expect.not.stringMatching(/image\/png|text\/html/)],
    ]);
  });

  it('a Gmail reply: own text as the body, quote and signature marked for folding', async () => {
    const m = (await detail('gmail-quote.eml')).messages[0]!;
    expect(m.body).toBe('Still waiting for the order.');
    expect(m.html).toMatch(/<div data-quote><div dir="ltr">On Tue, Nov 11, 2025 Shop wrote:/);
    expect(m.html).toContain('<div data-signature>Greta</div>');
  });

  it('mails without Date or Message-ID are taken in', async () => {
    expect((await detail('no-date-no-message-id.eml')).ticket.subject).toBe('Bare minimum');
  });
});
