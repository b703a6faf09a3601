/**
 * How a search snippet marks the words that matched (issue 9, Q5): two private-use characters
 * around each match. They never occur in indexed text (the indexer strips them), so the web can
 * escape the snippet as plain text and only then turn these two into <mark> and </mark>: a
 * snippet can never smuggle HTML. Zod-free, shared with the web.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** A snippet split into plain and marked parts, for rendering without HTML strings. */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const re = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g');
  let at = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index > at) parts.push({ text: snippet.slice(at, m.index), marked: false });
    parts.push({ text: m[1]!, marked: true });
    at = m.index + m[0].length;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts.map((p) => ({ ...p, text: p.text.replace(new RegExp(`[${MARK_START}${MARK_END}]`, 'g'), '') }));
}
