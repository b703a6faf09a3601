/**
 * Search's figures for `npm run bench` (issue 9, Q5): 100 000 synthetic German/English tickets
 * of one tenant (plus one answer each; a third of the words from ~150 helpdesk words, a third
 * fill words, a third a Zipf-like long tail of 30 000 rarer words) indexed through the indexer (not via HTTP), then: index
 * build time, file and gzip'd snapshot size, search p50/p95 in the engine and over HTTP for a
 * mix of queries (words, umlaut spelled out, compound part, typo, prefix; staff and customer),
 * the cold load of a snapshot as the search Lambda does it (pointer, S3 download, gunzip,
 * open, first query), and the lag from a ticket write over HTTP to it being found.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Change } from '../../shared/effects/change.ts';
import { indexBatch } from '../../shared/search/indexer.ts';
import { liveIndex } from '../../shared/search/fts-engine.ts';
import { publishRebuilt, readSnapshot } from '../../shared/search/snapshots.ts';
import type { Viewer } from '../../shared/search/fts.ts';

const TICKETS = Number(process.env.BENCH_SEARCH_TICKETS ?? 100_000);
const CHUNK = 2_000;
const RUNS = 30;
const LAG_TICKETS = 20;

const WORDS_DE = (
  'Drucker Netzwerkdrucker Farblaserdrucker Störung Anmeldung Passwort Konto Rechnung Lieferung Bildschirm Tastatur Maus Laptop ' +
  'Server Zugang Berechtigung Fehlermeldung Verbindung Netzwerk Installation Aktualisierung Software Lizenz Benutzer Kennwort ' +
  'Telefon Headset Besprechungsraum Beamer Scanner Papierstau Toner Abteilung Urlaub Antrag Freigabe Zertifikat Postfach ' +
  'Speicherplatz Sicherung Wiederherstellung Datenbank Schnittstelle Rechenzentrum Stromausfall Monitor Kabel Steckdose'
).split(' ');
const WORDS_EN = (
  'printer outage login password account invoice delivery screen keyboard mouse laptop server access permission error ' +
  'connection network installation update software licence user phone headset meeting room projector scanner paper jam ' +
  'toner department holiday request approval certificate mailbox storage backup restore database interface datacenter'
).split(' ');
const FILL_DE = 'der die das und ist nicht seit heute morgen bitte dringend wieder im am zweiten Stock kein keine mehr'.split(' ');
const FILL_EN = 'the a is not since today this morning please urgent again on floor second no more does work'.split(' ');

/** A deterministic generator, so every run indexes the same corpus. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
const rand = rng(42);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
/** A long tail of rarer words (names, products, error codes), drawn with a Zipf-like skew, like real ticket text. */
const SYLLABLES = 'ka be ro mi tan sel dor fen gu lin pra vo stu wer zel ha nor qui ber lo'.split(' ');
const TAIL = Array.from({ length: 30_000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYLLABLES)).join(''));
const tail = () => TAIL[Math.floor(TAIL.length * rand() ** 3)]!;
function sentence(words: number): string {
  const de = rand() < 0.6;
  return Array.from({ length: words }, (_, i) => (i % 3 === 1 ? pick(de ? WORDS_DE : WORDS_EN) : i % 3 === 2 ? tail() : pick(de ? FILL_DE : FILL_EN))).join(
    ' ',
  );
}

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { p50: at(50), p95: at(95), n: s.length };
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Prints its own section. `tenantId` and `token`: the bench tenant and its admin. */
export async function benchSearch(url: string, tenantId: string, token: string, customerToken?: string): Promise<void> {
  // 1. Build through the indexer, in batches as the queue would hand them over.
  const at = new Date().toISOString();
  let n = 0;
  const t0 = performance.now();
  for (let from = 1; from <= TICKETS; from += CHUNK) {
    const changes: Change[] = [];
    for (let number = 100_000 + from; number < 100_000 + from + CHUNK && number <= 100_000 + TICKETS; number++) {
      const ticket = {
        kind: 'ticket',
        number,
        subject: sentence(6),
        description: sentence(40),
        requesterId: `u${number % 5000}`,
        requesterName: `Kunde ${number % 5000}`,
        company: `Firma ${number % 300}`,
        updatedAt: at,
      };
      const message = { kind: 'message', id: `m${number}`, number, body: sentence(30), internal: number % 4 === 0, createdAt: at };
      changes.push(
        { id: `b${++n}`, type: 'insert', tenantId, kind: 'ticket', new: ticket },
        { id: `b${++n}`, type: 'insert', tenantId, kind: 'message', new: message },
      );
    }
    await indexBatch(tenantId, changes);
  }
  const buildMs = performance.now() - t0;
  const index = liveIndex(tenantId);
  index.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const file = join(process.env.SEARCH_DIR!, `${tenantId}.sqlite`);
  const bytes = statSync(file).size;
  const gz = gzipSync(readFileSync(file));
  console.log(`\nSearch (FTS5): ${TICKETS} tickets + ${TICKETS} answers of one tenant, ${index.count()} documents`);
  console.log(
    `  index build through the indexer: ${(buildMs / 1000).toFixed(1)} s   file ${(bytes / 2 ** 20).toFixed(1)} MB   snapshot gzip'd ${(gz.byteLength / 2 ** 20).toFixed(1)} MB`,
  );

  // 2. Queries, in the engine (what the Lambda spends) and over HTTP (plus session and routing).
  const queries = [
    'Drucker ',
    'Stoerung Netzwerk ',
    'drucker Papierstau ',
    'Pasword ',
    'Netzwerkdr',
    'printer jam ',
    'Kunde 42 ',
    'Rechenzentrum Stromausfall ',
  ];
  const staff: Viewer = { role: 'staff' };
  const customer: Viewer = { role: 'customer', userId: 'u42' };
  for (const [label, viewer] of [
    ['staff', staff],
    ['customer', customer],
  ] as const) {
    const samples: number[] = [];
    let hits = 0;
    for (let r = 0; r < RUNS; r++)
      for (const q of queries) {
        const s = performance.now();
        hits += index.search({ q, viewer, limit: 20, offset: 0 }).hits.length;
        samples.push(performance.now() - s);
      }
    const p = percentiles(samples);
    console.log(`  search in the engine, ${label}: p50 ${ms(p.p50)}   p95 ${ms(p.p95)}   (${p.n} queries, ${(hits / p.n).toFixed(1)} hits each)`);
  }
  for (const [label, bearer] of [
    ['staff', token],
    ['customer', customerToken],
  ] as const) {
    if (!bearer) continue;
    const samples: number[] = [];
    for (let r = 0; r < 10; r++)
      for (const q of queries) {
        const s = performance.now();
        const res = await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${bearer}` } });
        if (res.status !== 200) throw new Error(`search answered ${res.status}`);
        await res.json();
        samples.push(performance.now() - s);
      }
    const p = percentiles(samples);
    console.log(`  search over HTTP (local server), ${label}: p50 ${ms(p.p50)}   p95 ${ms(p.p95)}   (${p.n} requests, one at a time)`);
  }

  // 3. Cold load as the search Lambda does it: pointer, download, gunzip into /tmp, open, first query.
  const tmp = mkdtempSync(join(tmpdir(), 'bench-search-'));
  const live = process.env.SEARCH_DIR;
  try {
    await publishRebuilt(tenantId, file, index.count());
    delete process.env.SEARCH_DIR;
    process.env.SEARCH_TMP_DIR = tmp;
    const c0 = performance.now();
    const snapshot = await readSnapshot(tenantId);
    const loaded = performance.now() - c0;
    const q0 = performance.now();
    snapshot!.search({ q: 'Drucker ', viewer: staff, limit: 20, offset: 0 });
    const first = performance.now() - q0;
    console.log(`  cold load of the snapshot (pointer + S3 download + gunzip + open): ${ms(loaded)}, then its first query ${ms(first)}`);
  } finally {
    process.env.SEARCH_DIR = live;
    rmSync(tmp, { recursive: true, force: true });
  }

  // 4. Lag from a ticket written over HTTP to it being found (stream poll → queue → indexer).
  const lags: number[] = [];
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (let i = 0; i < LAG_TICKETS; i++) {
    const word = `lagprobe${i}x${Date.now().toString(36)}`;
    const s = performance.now();
    const res = await fetch(`${url}/api/v1/tickets`, { method: 'POST', headers, body: JSON.stringify({ subject: `Probe ${word}`, description: 'lag' }) });
    if (res.status !== 201) throw new Error(`createTicket answered ${res.status}`);
    for (;;) {
      const r = (await (await fetch(`${url}/api/v1/search?q=${word}`, { headers })).json()) as { items: unknown[] };
      if (r.items.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    lags.push(performance.now() - s);
  }
  const lag = percentiles(lags);
  console.log(`  lag from a ticket write to searchable (local stack, 250 ms stream poll): p50 ${ms(lag.p50)}   p95 ${ms(lag.p95)}   (${lag.n} tickets)`);
}
