/**
 * What an article written from a ticket must not carry (issue 9, Q2): the customer's names,
 * addresses, phone numbers, company, bank details and signature are gone, while the problem and
 * its solution (error codes, versions, dates, machine addresses) stay as written.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, redactPersonalData } from '../../shared/knowledge/redact.ts';

const people = {
  names: ['Petra Müller', 'Jan de Vries', 'Arne Agent'],
  emails: ['petra.mueller@kunde.example'],
  phones: ['+49 171 2345678'],
  companies: ['Kunde GmbH'],
};

describe('redactPersonalData', () => {
  it('replaces the known people by name, whole and in parts, but not inside other words', () => {
    const out = redactPersonalData('Frau Müller meldet: Petra Müller kann nicht drucken. Annahme: Jan hat den Treiber.', people);
    expect(out).toBe(`Frau ${REDACTED.name} meldet: ${REDACTED.name} kann nicht drucken. Annahme: ${REDACTED.name} hat den Treiber.`);
    expect(redactPersonalData('Die Müllerstraße ist gesperrt.', people)).toBe('Die Müllerstraße ist gesperrt.');
  });

  it('replaces every e-mail address, known or not', () => {
    const out = redactPersonalData('Bitte an petra.mueller@kunde.example oder it-leitung@kunde.example schreiben.', people);
    expect(out).toBe(`Bitte an ${REDACTED.email} oder ${REDACTED.email} schreiben.`);
  });

  it('replaces phone numbers in their usual spellings', () => {
    for (const phone of ['+49 171 2345678', '0171/2345678', '(030) 123 45 67', '+49 (0)30 1234-567', '0049 30 1234567']) {
      expect(redactPersonalData(`Rückruf unter ${phone} erbeten.`, people)).toBe(`Rückruf unter ${REDACTED.phone} erbeten.`);
    }
  });

  it('keeps dates, versions, error codes and machine addresses, which are part of the solution', () => {
    const text = 'Seit 2026-11-28 meldet Treiber 10.0.19045 den Fehler 0x80070005 auf 192.168.10.24; Ticket #4711.';
    expect(redactPersonalData(text, people)).toBe(text);
  });

  it('replaces IBAN-like account numbers, grouped or not', () => {
    expect(redactPersonalData('Erstattung auf DE89 3704 0044 0532 0130 00 bitte.', people)).toBe(`Erstattung auf ${REDACTED.iban} bitte.`);
    expect(redactPersonalData('IBAN: GB29NWBK60161331926819', people)).toBe(`IBAN: ${REDACTED.iban}`);
  });

  it('replaces the company', () => {
    expect(redactPersonalData('Bei der Kunde GmbH fällt der Drucker aus.', people)).toBe(`Bei der ${REDACTED.company} fällt der Drucker aus.`);
  });

  it('cuts the closing and signature off, German and English', () => {
    const de = 'Der Drucker druckt nicht.\n\nMit freundlichen Grüßen\nPetra Müller\nKunde GmbH\nTel. 0171 2345678';
    expect(redactPersonalData(de, people)).toBe('Der Drucker druckt nicht.');
    const en = 'Reinstalled the driver, works now.\n\nKind regards,\nArne';
    expect(redactPersonalData(en, people)).toBe('Reinstalled the driver, works now.');
    const dashes = 'Please restart the spooler.\n-- \nSupport team, +49 30 1234567';
    expect(redactPersonalData(dashes, people)).toBe('Please restart the spooler.');
  });

  it('cuts the salutation that opens a message, German and English', () => {
    expect(redactPersonalData('Hallo Frau Müller,\nbitte den Spooler neu starten.', people)).toBe('bitte den Spooler neu starten.');
    expect(redactPersonalData('Dear Petra,\n\nplease restart the spooler.', people)).toBe('please restart the spooler.');
    expect(redactPersonalData('Sehr geehrte Damen und Herren,\nder Drucker streikt.', people)).toBe('der Drucker streikt.');
    // a first line that only starts like a greeting is content
    expect(redactPersonalData('Hallo, der Drucker druckt seit heute nicht\nDanke', people)).toBe('Hallo, der Drucker druckt seit heute nicht\nDanke');
    expect(redactPersonalData('Hinweis: den Spooler neu starten.\nDanach drucken.', people)).toBe('Hinweis: den Spooler neu starten.\nDanach drucken.');
  });

  it('leaves a message that is only a greeting line alone rather than emptying it', () => {
    expect(redactPersonalData('Viele Grüße', people)).toBe('Viele Grüße');
  });
});
