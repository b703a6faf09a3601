import * as z from 'zod';

// Control characters never belong in user text (NUL, escapes, CR/LF smuggled into a subject);
// tabs and line breaks are fine in multi-line text. Lone surrogates are not text at all.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A one-line text field (names, subjects, titles): trimmed, bounded, no control characters. */
export function singleLine(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL.test(s) && s.isWellFormed(), 'must be one line of text without control characters');
}

/** A multi-line text field (descriptions, messages): line breaks and tabs allowed. */
export function multiLine(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL_EXCEPT_LINES.test(s) && s.isWellFormed(), 'must be text without control characters');
}
