/**
 * Search snapshots as in AWS (issue 9, Q5), against the local S3 and DynamoDB: each indexed
 * batch publishes a new generation and moves the tenant's pointer; a replayed batch publishes
 * nothing; the reader downloads a generation once and keeps using it until the pointer moves;
 * a writer that lost the race for the pointer starts again from the winner's snapshot; old
 * generations are deleted, keeping the current one and the one before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/effects/change.ts';
import { newTenantId } from '../../shared/ids.ts';
import { getSearchPointer, putSearchPointer } from '../../shared/db/search.ts';
import { indexBatch } from '../../shared/search/indexer.ts';
import { pruneGenerations, readSnapshot, snapshotKey } from '../../shared/search/snapshots.ts';
import { headObject, putObject } from '../../shared/files/storage.ts';

let dir: string;
let n = 0;
const tenantId = newTenantId();
const insert = (number: number, subject: string, at = '2026-01-01T00:00:00Z'): Change => ({
  id: `e${++n}`,
  type: 'insert',
  tenantId,
  kind: 'ticket',
  new: { kind: 'ticket', number, subject, description: '-', requesterId: 'u1', updatedAt: at },
});
const refs = async (q: string) => (await readSnapshot(tenantId))!.search({ q, viewer: { role: 'staff' }, limit: 10, offset: 0 }).hits.map((h) => h.ref);

beforeAll(() => {
  delete process.env.SEARCH_DIR; // the AWS path: snapshots in S3, pointer in the table
  dir = mkdtempSync(join(tmpdir(), 'search-snap-'));
  process.env.SEARCH_TMP_DIR = dir;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshots', () => {
  it('a tenant without an index finds nothing', async () => {
    expect(await readSnapshot(tenantId)).toBeUndefined();
  });

  it('each batch publishes the next generation; the reader follows the pointer', async () => {
    await indexBatch(tenantId, [insert(1, 'Beamer flackert')]);
    expect(await getSearchPointer(tenantId)).toMatchObject({ generation: 1, objectKey: snapshotKey(tenantId, 1), docs: 1 });
    expect(await headObject(snapshotKey(tenantId, 1))).toMatchObject({ contentType: 'application/gzip' });
    expect(await refs('Beamer ')).toEqual(['1']);
    const first = await readSnapshot(tenantId);
    expect(await readSnapshot(tenantId)).toBe(first); // no new generation: the cached file

    await indexBatch(tenantId, [insert(2, 'Beamer brummt')]);
    expect((await getSearchPointer(tenantId))?.generation).toBe(2);
    expect(await readSnapshot(tenantId)).not.toBe(first);
    expect((await refs('Beamer ')).sort()).toEqual(['1', '2']);
  });

  it('a replayed batch publishes nothing', async () => {
    const batch = [insert(3, 'Drucker')];
    await indexBatch(tenantId, batch);
    const generation = (await getSearchPointer(tenantId))!.generation;
    expect(await indexBatch(tenantId, batch)).toEqual({ upserted: 0, removed: 0, skipped: 1 });
    expect((await getSearchPointer(tenantId))!.generation).toBe(generation);
  });

  it('a pointer moved by another writer meanwhile: the batch is applied again on top of the winner', async () => {
    const before = (await getSearchPointer(tenantId))!;
    // Another instance published a generation (same content) this writer has not seen.
    expect(await putSearchPointer(tenantId, before.generation, { ...before, generation: before.generation + 1 })).toBe(true);
    expect(await putSearchPointer(tenantId, before.generation, { ...before, generation: before.generation + 1 })).toBe(false);
    await indexBatch(tenantId, [insert(4, 'Scanner')]);
    expect((await getSearchPointer(tenantId))!.generation).toBe(before.generation + 2);
    expect(await refs('Scanner ')).toEqual(['4']);
    expect(await refs('Drucker ')).toEqual(['3']);
  });
});

describe('old generations', () => {
  const gens = async (tenant: string, upTo: number) => {
    const present: number[] = [];
    for (let g = 1; g <= upTo; g++) if (await headObject(snapshotKey(tenant, g))) present.push(g);
    return present;
  };

  it('after each move, only the current generation and the one before stay (a reader may still load it)', async () => {
    const t = newTenantId();
    const change = (number: number): Change => ({ ...insert(number, `Monitor ${number}`), tenantId: t });
    await indexBatch(t, [change(1)]);
    await indexBatch(t, [change(2)]);
    expect(await gens(t, 2)).toEqual([1, 2]);
    await indexBatch(t, [change(3)]);
    expect(await gens(t, 3)).toEqual([2, 3]);
    for (let i = 4; i <= 6; i++) await indexBatch(t, [change(i)]);
    expect(await gens(t, 6)).toEqual([5, 6]);
    // the reader still finds everything, from the current generation
    const hits = (await readSnapshot(t))!.search({ q: 'Monitor ', viewer: { role: 'staff' }, limit: 10, offset: 0 }).hits;
    expect(hits.map((h) => h.ref).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('a prune that failed is made up for by the next one; another tenant’s generations are never touched', async () => {
    const t = newTenantId();
    const neighbour = newTenantId();
    const change = (tenant: string, number: number): Change => ({ ...insert(number, `Tastatur ${number}`), tenantId: tenant });
    await indexBatch(neighbour, [change(neighbour, 1)]);
    await indexBatch(neighbour, [change(neighbour, 2)]);
    // generations 1–4 as if earlier prunes had failed (or come before pruning existed)
    for (let g = 1; g <= 4; g++) await putObject(snapshotKey(t, g), new Uint8Array([g]), 'application/gzip');
    expect(await putSearchPointer(t, 0, { generation: 4, objectKey: snapshotKey(t, 4), docs: 0, bytes: 1, updatedAt: '2026-01-01T00:00:00Z' })).toBe(true);
    await pruneGenerations(t, 5);
    expect(await gens(t, 4)).toEqual([4]);
    expect(await gens(neighbour, 2)).toEqual([1, 2]);
  });
});
