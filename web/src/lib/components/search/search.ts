/**
 * The web side of search (issue 9, Q5): the hit shape of the `search` operation, where a hit
 * leads, its highlighted snippet as plain segments (never HTML), and a live query that follows
 * typing: debounced, and each newer request aborts the one before it.
 */
import { resolve } from '$app/paths';
import { api } from '../../api.ts';
import type { SearchKind } from '#shared/knowledge/constants.ts';

export { SEARCH_KINDS, type SearchKind } from '#shared/knowledge/constants.ts';

/** One hit of `search` (or of `suggestAnswers`). */
export interface SearchHit {
  kind: SearchKind;
  /** FAQ entry, article or document. */
  id?: string;
  /** A ticket. */
  number?: number;
  title: string;
  snippet: string;
  /** The topic's id. */
  topic?: string;
  score: number;
}

export interface SearchResult {
  items: SearchHit[];
  nextCursor?: string;
}

export { snippetParts } from '#shared/search/marks.ts';

/**
 * Where a hit leads: the FAQ entry, the article, the document, or the ticket (the staff view for
 * staff). Signed out (`anonymous`), an article opens as its public page (server rendered, outside
 * the app: the link needs a full load), a document as its file.
 */
export function hitHref(slug: string, hit: SearchHit, staff: boolean, anonymous = false): string {
  if (anonymous && hit.kind === 'article') return `/kb/${encodeURIComponent(slug)}/articles/${encodeURIComponent(hit.id ?? '')}`;
  if (anonymous && hit.kind === 'document') return `/api/v1/knowledge/${encodeURIComponent(slug)}/documents/${encodeURIComponent(hit.id ?? '')}/file`;
  const id = encodeURIComponent(hit.id ?? '');
  switch (hit.kind) {
    case 'ticket': {
      const params = { slug, number: String(hit.number ?? hit.id ?? '') };
      return staff ? resolve('/[slug]/agent/tickets/[number]', params) : resolve('/[slug]/tickets/[number]', params);
    }
    case 'faq':
      return `${resolve('/[slug]/faq', { slug })}#faq-${id}`;
    case 'article':
      return resolve('/[slug]/kb/[id]', { slug, id: hit.id ?? '' });
    case 'document':
      return `${resolve('/[slug]/docs', { slug })}#doc-${id}`;
  }
}

/** A topic as `listTopics` returns it. */
export interface TopicOption {
  id: string;
  name: { de: string; en: string };
  deleted?: boolean;
}

/** The name of a hit's topic in `lang` (marked when deleted); nothing when the hit has none or it is unknown. */
export function topicName(
  id: string | undefined,
  topics: readonly TopicOption[],
  lang: 'de' | 'en',
  deletedLabel: (name: string) => string,
): string | undefined {
  const topic = id ? topics.find((x) => x.id === id) : undefined;
  if (!topic) return undefined;
  const name = topic.name[lang] || topic.name.en || topic.name.de;
  return topic.deleted ? deletedLabel(name) : name;
}

/** The tenant's topics, deleted ones too (a hit may name one); none when they cannot be read. */
export const loadTopics = () =>
  api<{ items: TopicOption[] }>('/topics?includeDeleted=true') // customers get the live ones
    .then((r) => r.items)
    .catch((): TopicOption[] => []);

/** A public portal's live topics for a visitor who is not signed in (they come with its public FAQ, `getPublicFaq`). */
export const loadPublicTopics = (slug: string) =>
  api<{ topics: TopicOption[] }>(`/knowledge/${encodeURIComponent(slug)}/faq`)
    .then((r) => r.topics)
    .catch((): TopicOption[] => []);

/**
 * The API path of a search; with `publicSlug`, the anonymous search of that portal's public
 * knowledge (`searchPublic`: a visitor who is not signed in).
 */
export function searchPath(
  q: string,
  opts: { kinds?: readonly SearchKind[]; topicId?: string; limit?: number; cursor?: string; publicSlug?: string } = {},
): string {
  const p = new URLSearchParams({ q });
  if (opts.kinds?.length) p.set('kinds', opts.kinds.join(','));
  if (opts.topicId) p.set('topicId', opts.topicId);
  if (opts.limit) p.set('limit', String(opts.limit));
  if (opts.cursor) p.set('cursor', opts.cursor);
  return `${opts.publicSlug ? `/search/public/${encodeURIComponent(opts.publicSlug)}` : '/search'}?${p.toString()}`;
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/**
 * A request that follows input: `run(key)` waits `delay` ms of quiet, aborts the request still
 * running for an older input, and hands only the newest answer to `onResult`/`onError`.
 */
export class LiveRequest<T> {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ctrl: AbortController | undefined;
  constructor(
    private readonly load: (signal: AbortSignal) => Promise<T>,
    private readonly onResult: (r: T) => void,
    private readonly onError: (e: unknown) => void,
    private readonly delay = 250,
  ) {}

  /** Ask again after the quiet time (or at once with `now`). */
  run(now = false): void {
    this.cancel();
    const go = () => {
      const ctrl = new AbortController();
      this.#ctrl = ctrl;
      this.load(ctrl.signal).then(
        (r) => ctrl === this.#ctrl && this.onResult(r),
        (e) => ctrl === this.#ctrl && !isAbort(e) && !ctrl.signal.aborted && this.onError(e),
      );
    };
    if (now) go();
    else this.#timer = setTimeout(go, this.delay);
  }

  /** Forget the pending and running request (the input was cleared, the component left). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#ctrl?.abort();
    this.#ctrl = undefined;
  }
}

/** One page of hits (`api` with the live request's signal). */
export const fetchHits = (path: string, signal?: AbortSignal) => api<SearchResult>(path, { signal });
