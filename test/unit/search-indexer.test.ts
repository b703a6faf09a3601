/**
 * The search indexer (issue 9, Q5): changes from the stream become index writes through the
 * sources; a replayed batch changes nothing, an older change delivered late never overwrites a
 * newer one, a merged ticket leaves the index, a batch is applied whole or not at all, and two
 * batches of one tenant never interleave.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/effects/change.ts';
import { FtsIndex } from '../../shared/search/fts.ts';
import { byTenant, indexBatch, opsOf } from '../../shared/search/indexer.ts';
import { closeLiveIndexes, liveIndex } from '../../shared/search/fts-engine.ts';
import { serialQueues } from '../../infra/local/search-queue.ts';

const TENANT = '00000000000000a1';
const OTHER = '00000000000000b2';
let dir: string;
let n = 0;

const ticket = (number: number, subject: string, updatedAt: string, more: Record<string, unknown> = {}) => ({
  kind: 'ticket',
  number,
  subject,
  description: 'Beschreibung',
  requesterId: 'cora',
  requesterName: 'Cora',
  updatedAt,
  ...more,
});
const change = (type: Change['type'], item: { new?: Record<string, unknown>; old?: Record<string, unknown> }, tenantId = TENANT): Change => ({
  id: `ev-${++n}`,
  type,
  tenantId,
  kind: (item.new ?? item.old)!.kind as string,
  ...item,
});
const found = (index: FtsIndex, q: string) => index.search({ q, viewer: { role: 'staff' }, limit: 10, offset: 0 }).hits.map((h) => h.ref);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'search-indexer-'));
  process.env.SEARCH_DIR = dir;
});
afterAll(() => {
  closeLiveIndexes();
  rmSync(dir, { recursive: true, force: true });
});

describe('opsOf', () => {
  it('upserts what a change’s item stands for and removes the keys it no longer has', () => {
    const t = ticket(7, 'Drucker', '2026-01-02T00:00:00Z');
    expect(opsOf([change('insert', { new: t })])).toEqual([
      { upsert: expect.objectContaining({ key: 'ticket:7', ref: '7', title: 'Drucker', ownerId: 'cora' }) },
    ]);
    const merged = { ...t, mergedInto: 3, updatedAt: '2026-01-03T00:00:00Z' };
    expect(opsOf([change('modify', { old: t, new: merged })])).toEqual([{ remove: 'ticket:7', at: '2026-01-03T00:00:00Z' }]);
  });

  it('ignores items no source reads', () => {
    expect(opsOf([change('insert', { new: { kind: 'session', updatedAt: 'x' } })])).toEqual([]);
    expect([...byTenant([change('insert', { new: { kind: 'session' } })]).keys()]).toEqual([]);
  });

  it('a message is staff only when it is an internal note', () => {
    const msg = { kind: 'message', id: 'm1', number: 7, body: 'Hallo', internal: false, createdAt: '2026-01-02T00:00:00Z' };
    const [pub] = opsOf([change('insert', { new: msg })]);
    const [note] = opsOf([change('insert', { new: { ...msg, id: 'm2', internal: true } })]);
    expect(pub).toMatchObject({ upsert: { key: 'ticket:7:msg:m1', audience: 'customers' } });
    expect(note).toMatchObject({ upsert: { key: 'ticket:7:msg:m2', audience: 'staff' } });
    expect((note as { upsert: { ownerId?: string } }).upsert.ownerId).toBeUndefined();
  });
});

describe('indexBatch', () => {
  it('makes a ticket findable, and a replayed batch changes nothing', async () => {
    const batch = [change('insert', { new: ticket(1, 'Beamer flackert', '2026-01-01T00:00:00Z') })];
    expect(await indexBatch(TENANT, batch)).toEqual({ upserted: 1, removed: 0, skipped: 0 });
    expect(found(liveIndex(TENANT), 'Beamer ')).toEqual(['1']);
    expect(await indexBatch(TENANT, batch)).toEqual({ upserted: 0, removed: 0, skipped: 1 });
    expect(found(liveIndex(TENANT), 'Beamer ')).toEqual(['1']);
  });

  it('an older change delivered after a newer one does not bring the old words back', async () => {
    const v1 = ticket(2, 'Maus defekt', '2026-01-01T00:00:00Z');
    const v2 = ticket(2, 'Tastatur defekt', '2026-01-02T00:00:00Z');
    await indexBatch(TENANT, [change('insert', { new: v1 }), change('modify', { old: v1, new: v2 })]);
    await indexBatch(TENANT, [change('insert', { new: v1 })]);
    expect(found(liveIndex(TENANT), 'Maus ')).toEqual([]);
    expect(found(liveIndex(TENANT), 'Tastatur ')).toEqual(['2']);
  });

  it('a merged ticket leaves the index with its messages, and a late replay does not bring it back', async () => {
    const t = ticket(3, 'Scanner speichert nicht', '2026-01-01T00:00:00Z');
    const msg = { kind: 'message', id: 'm9', number: 3, body: 'Scanordner leer', internal: false, createdAt: '2026-01-01T00:00:00Z' };
    const inserted = [change('insert', { new: t }), change('insert', { new: msg })];
    await indexBatch(TENANT, inserted);
    expect(found(liveIndex(TENANT), 'Scanordner ')).toEqual(['3']);
    await indexBatch(TENANT, [change('modify', { old: t, new: { ...t, mergedInto: 1, updatedAt: '2026-01-02T00:00:00Z' } })]);
    expect(found(liveIndex(TENANT), 'Scanner ')).toEqual([]);
    expect(found(liveIndex(TENANT), 'Scanordner ')).toEqual([]);
    await indexBatch(TENANT, inserted);
    expect(found(liveIndex(TENANT), 'Scanner ')).toEqual([]);
  });

  it('keeps tenants apart: one tenant’s batch never reaches another’s index', async () => {
    await indexBatch(OTHER, [change('insert', { new: ticket(1, 'Fremdes Beamer-Ticket', '2026-01-01T00:00:00Z') }, OTHER)]);
    expect(found(liveIndex(OTHER), 'Fremdes ')).toEqual(['1']);
    expect(found(liveIndex(TENANT), 'Fremdes ')).toEqual([]);
    await expect(indexBatch(TENANT, [change('insert', { new: ticket(9, 'x', 'y') }, OTHER)])).rejects.toThrow(/one tenant/);
  });

  it('applies a batch whole or not at all', () => {
    const index = new FtsIndex(':memory:');
    const good = { upsert: { kind: 'faq' as const, key: 'faq:1', ref: '1', title: 'Gut', body: '', audience: 'public' as const, updatedAt: 'a' } };
    const bad = {
      upsert: { kind: 'faq' as const, key: 'faq:2', ref: '2', title: null as unknown as string, body: '', audience: 'public' as const, updatedAt: 'a' },
    };
    expect(() => index.apply([good, bad])).toThrow();
    expect(index.count()).toBe(0);
  });
});

describe('the per-tenant serial queue', () => {
  it('never runs two batches of one tenant at once, keeps their order, and runs tenants side by side', async () => {
    const events: string[] = [];
    let gate!: () => void;
    const held = new Promise<void>((resolve) => (gate = resolve));
    const queue = serialQueues<string>(async (tenant, batch) => {
      events.push(`start ${tenant} ${batch}`);
      if (batch === 'a1') await held;
      events.push(`end ${tenant} ${batch}`);
    });
    const a1 = queue.push('A', 'a1');
    const a2 = queue.push('A', 'a2');
    await queue.push('B', 'b1');
    // B ran to its end while A's first batch is still held, and A's second has not begun
    expect(events).toEqual(['start A a1', 'start B b1', 'end B b1']);
    gate();
    await Promise.all([a1, a2]);
    expect(events.slice(3)).toEqual(['end A a1', 'start A a2', 'end A a2']);
  });

  it('a failed batch fails its push (redelivered by the stream) and does not stop the batches after it', async () => {
    const ran: string[] = [];
    const queue = serialQueues<string>(async (_t, batch) => {
      if (batch === 'bad') throw new Error('index locked');
      ran.push(batch);
    });
    const bad = queue.push('A', 'bad');
    const next = queue.push('A', 'next');
    await expect(bad).rejects.toThrow('index locked');
    await next;
    expect(ran).toEqual(['next']);
    await queue.settle();
  });
});

describe('a ticket’s rows and its head', () => {
  const cust = (index: FtsIndex, q: string, userId: string) =>
    index.search({ q, viewer: { role: 'customer', userId }, limit: 10, offset: 0 }).hits.map((h) => h.ref);

  it('an answer indexed before its ticket (as a rebuild reads them) is found by the requester once the ticket is', () => {
    const index = new FtsIndex(':memory:');
    const answer = {
      upsert: {
        kind: 'ticket' as const,
        key: 'ticket:5:msg:a',
        ref: '5',
        title: '',
        body: 'Treiber neu installiert',
        audience: 'customers' as const,
        updatedAt: 'a',
      },
    };
    index.apply([answer]);
    expect(cust(index, 'Treiber ', 'cora')).toEqual([]);
    const head = {
      kind: 'ticket' as const,
      key: 'ticket:5',
      ref: '5',
      title: 'Drucker',
      body: '',
      audience: 'customers' as const,
      ownerId: 'cora',
      updatedAt: 'a',
    };
    index.apply([{ upsert: head }]);
    expect(cust(index, 'Treiber ', 'cora')).toEqual(['5']);
    // the requester changes: the answer follows
    index.apply([{ upsert: { ...head, ownerId: 'nils', updatedAt: 'b' } }]);
    expect(cust(index, 'Treiber ', 'cora')).toEqual([]);
    expect(cust(index, 'Treiber ', 'nils')).toEqual(['5']);
  });
});
