/**
 * The reply lease of the open ticket (K14), as the reply box uses it: taken when the box gets
 * focus or text, renewed every 30 s while it is in use (the server keeps a lease 2 minutes),
 * given up on send, cancel and leaving the page. It also remembers the ticket version the
 * answer was begun on, so the server can refuse it if the ticket changed meanwhile.
 */
import { api, ApiError } from '../../api.ts';
import type { TicketDetail } from '../../types.ts';

export type Lock = NonNullable<TicketDetail['ticket']['lock']>;
/** One change the sender missed (409 `ticket_changed`). */
export interface MissedChange {
  type: string;
  actorName: string;
  at: string;
}

const RENEW_MS = 30_000;

export class ReplyLease {
  /** Someone else's live lease: sending is disabled until it ends or is taken over. */
  other = $state<{ name: string; until: string } | null>(null);
  /** The caller holds the lease. */
  held = $state(false);
  /** What changed since the answer was begun, after a `ticket_changed` refusal. */
  changes = $state<MissedChange[] | null>(null);
  /** The version the answer is written against (set when writing begins). */
  baseVersion = $state<number | undefined>(undefined);

  /** When the lease was last asked for (taken, renewed or refused): at most once per 30 s while typing. */
  #askedAt = 0;
  #pending: Promise<void> | null = null;
  readonly #number: () => number;
  readonly #me: () => string;
  readonly #version: () => number;

  constructor(number: () => number, me: () => string, version: () => number) {
    this.#number = number;
    this.#me = me;
    this.#version = version;
  }

  get #path() {
    return `/tickets/${this.#number()}/lock`;
  }

  /** Sending is refused while someone else is answering. */
  get blocked(): boolean {
    return this.other !== null;
  }

  /** The reply box is in use (focus, typing): take the lease, or renew it when it is due. */
  touch = (): void => {
    this.baseVersion ??= this.#version();
    if (this.other || this.#pending) return;
    // (a little early, so the 30 s timer of the box never finds it not yet due)
    if (Date.now() - this.#askedAt < RENEW_MS - 5000) return;
    void this.#claim(false);
  };

  /** Take the lease from whoever holds it (recorded in the history). */
  takeOver = async (): Promise<void> => {
    await this.#claim(true);
  };

  async #claim(takeOver: boolean): Promise<void> {
    this.#askedAt = Date.now();
    const run = (async () => {
      try {
        await api(this.#path, { method: 'POST', body: takeOver ? { takeOver: true } : {} });
        this.held = true;
        this.other = null;
      } catch (e) {
        this.refused(e);
      }
    })();
    this.#pending = run;
    await run.finally(() => (this.#pending = null));
  }

  /** Learn from a refusal of the server who is answering, or what changed. */
  refused(e: unknown): void {
    if (!(e instanceof ApiError)) return;
    const params = e.rawParams as { by?: string; until?: string; changes?: MissedChange[] };
    if (e.code === 'locked' && params.by) {
      this.other = { name: params.by, until: params.until ?? '' };
      this.held = false;
    }
    if (e.code === 'ticket_changed') {
      this.changes = params.changes ?? [];
      // The sender has now seen what changed: the next send goes against the ticket as it is.
      this.baseVersion = undefined;
    }
  }

  /** The ticket as the last poll saw it: whose lease is live now. */
  observe(lock: Lock | undefined): void {
    if (lock && lock.userId !== this.#me()) {
      this.other = { name: lock.name, until: lock.until };
      this.held = false;
    } else {
      // free again (or ours): the next keystroke may take it at once
      if (this.other) this.#askedAt = 0;
      this.other = null;
    }
  }

  /** The answer went out: the server ended the lease with it. */
  sent(): void {
    this.held = false;
    this.changes = null;
    this.baseVersion = undefined;
  }

  /** Give the lease up (cancel, leaving the page); `keepalive` lets it outlive an unloading page. */
  release = (keepalive = false): void => {
    const had = this.held;
    this.held = false;
    this.#askedAt = 0;
    this.baseVersion = undefined;
    this.changes = null;
    if (!had) return;
    if (keepalive) {
      void fetch(`/api/v1${this.#path}`, { method: 'DELETE', credentials: 'same-origin', keepalive: true }).catch(() => {});
    } else {
      void api(this.#path, { method: 'DELETE' }).catch(() => {});
    }
  };
}

/** Poll `load` every `ms` while the page is visible (and at once when it becomes visible again); returns the stop. */
export function pollWhileVisible(load: () => Promise<void>, ms = 5000): () => void {
  let busy = false;
  const tick = async () => {
    if (busy || document.visibilityState !== 'visible') return;
    busy = true;
    try {
      await load();
    } catch {
      // a missed poll is harmless: the next one tries again
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(tick, ms);
  const onVisible = () => void tick();
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
