/** aria-describedby for an input rendered inside `Field`. */
export function describedBy(id: string, error?: string, hint?: string | boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
