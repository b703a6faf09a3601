import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AREAS } from '../../shared/http/routes.ts';
import { type BuiltFunction, functionEntries } from '../../infra/build-functions.ts';
import { freshBuild } from './_app.ts';

let dir: string;
let built: BuiltFunction[];
beforeAll(async () => {
  ({ dir, functions: built } = await freshBuild());
});

describe('build-functions: one esbuild bundle per Lambda', () => {
  it('bundles each area of the API (auth, tenancy, users, tickets, teams, templates, notifications), each workflow task and the stream consumer', () => {
    const http = built.filter((b) => b.kind === 'http').map((b) => b.name);
    expect(http.sort()).toEqual(['attachments', 'auth', 'knowledge', 'notifications', 'search', 'sla', 'teams', 'templates', 'tenancy', 'tickets', 'users']);
    expect([...AREAS].sort()).toEqual(http);
    expect(built.filter((b) => b.kind === 'workflow').map((b) => b.name)).toEqual(['check-ticket-timers']);
    expect(built.filter((b) => b.kind === 'stream').map((b) => b.name)).toEqual(['effects', 'search-forward', 'search-indexer']);
  });

  it('writes dist/functions/<kind>/<name>/index.mjs', () => {
    for (const b of built) {
      expect(b.file).toBe(path.join(dir, b.kind, b.name, 'index.mjs'));
      expect(b.bytes).toBeGreaterThan(0);
    }
  });

  it('emits minified ESM with a createRequire banner, and leaves @aws-sdk/* to the Lambda runtime', () => {
    for (const b of built) {
      const code = readFileSync(b.file, 'utf8');
      expect(code.startsWith("import { createRequire as __helpdeskCreateRequire } from 'node:module';")).toBe(true);
      // No source map comment of our own (a bundled library may mention the word in its code: postcss, via sanitize-html).
      expect(code).not.toMatch(/\n\/\/# sourceMappingURL=/);
      // An inlined SDK would carry its package names; an external one stays an import.
      expect(code).not.toMatch(/@aws-sdk\/(client|lib)-[a-z0-9-]+\/dist-/);
    }
  });

  it('leaves ElectroDB to the shared layer, which holds it once as an ESM package with its named exports', async () => {
    for (const b of built) expect(readFileSync(b.file, 'utf8'), `${b.kind}/${b.name}`).not.toContain('ElectroDB');
    const layerPkg = path.join(dir, '_layer', 'nodejs', 'node_modules', 'electrodb');
    expect(JSON.parse(readFileSync(path.join(layerPkg, 'package.json'), 'utf8'))).toMatchObject({ type: 'module', exports: './index.mjs' });
    const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(layerPkg, 'index.mjs')).href)}); console.log(JSON.stringify([typeof m.Entity, typeof m.Service]));`;
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))).toEqual(['function', 'function']);
  });

  it('each bundle loads in plain Node as ESM and exports a handler function', () => {
    // Loaded by a plain Node process, as the Lambda runtime does (not through vite's transform).
    const script = `const out = {}; for (const f of ${JSON.stringify(built.map((b) => pathToFileURL(b.file).href))}) { out[f] = typeof (await import(f)).handler; } console.log(JSON.stringify(out));`;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const types = JSON.parse(stdout) as Record<string, string>;
    for (const b of built) expect(types[pathToFileURL(b.file).href], `${b.kind}/${b.name}`).toBe('function');
  });

  it('fails loudly, naming the file, when an area has no source', async () => {
    await expect(functionEntries(['auth', 'no-such-area'])).rejects.toThrow(/functions\/http\/no-such-area\.ts/);
  });
});
