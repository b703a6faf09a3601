import * as z from 'zod';

/** Field-error code of text that carries control, invisible or direction-changing characters. */
export const FORBIDDEN_CHARACTERS = 'forbidden_characters';

// Control characters never belong in user text (NUL, escapes, CR/LF smuggled into a subject, C1
// controls like U+0085 NEL or U+009B CSI); tabs and line breaks are fine in multi-line text.
// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make text read
// differently from what it is ("invoice\u202Efdp.exe"), anywhere. A single line also refuses line
// and paragraph separators (U+2028/U+2029) and zero-width characters (U+200B–U+200D, U+2060,
// U+FEFF), which make two different names look alike. Lone surrogates are not text at all.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE = /[\u2028\u2029\u200b-\u200d\u2060\ufeff]/;

const refusal = (message: string) => ({ message, params: { code: FORBIDDEN_CHARACTERS } });

/** A one-line text field (names, subjects, titles): trimmed, bounded, no control or invisible characters. */
export function singleLine(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(
      (s) => !CONTROL.test(s) && !BIDI.test(s) && !INVISIBLE.test(s) && s.isWellFormed(),
      refusal('must be one line of text without control, invisible or direction-changing characters'),
    );
}

/** A multi-line text field (descriptions, messages): line breaks and tabs allowed. */
export function multiLine(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(
      (s) => !CONTROL_EXCEPT_LINES.test(s) && !BIDI.test(s) && s.isWellFormed(),
      refusal('must be text without control or direction-changing characters'),
    );
}
