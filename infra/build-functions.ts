/**
 * Bundles every Lambda entry point with esbuild, one self-contained ESM file per function:
 *
 * - HTTP: one bundle per area of `shared/http/routes.ts`, holding the area's router and every
 *   operation of it (`functions/http/<area>.ts` → `dist/functions/http/<area>/index.mjs`);
 * - workflow, stream and mail: one bundle per `functions/<kind>/*.ts` not starting with `_`
 *   (`→ dist/functions/<kind>/<name>/index.mjs`).
 *
 * `@aws-sdk/*` stays external: the Lambda Node.js runtime ships SDK v3. ElectroDB (with its
 * schema validator, ~220 KB minified, CommonJS so nothing of it tree-shakes) stays external too:
 * it is bundled once into a Lambda layer (`<outDir>/_layer/nodejs/node_modules/electrodb`) that
 * every function carries, instead of once into each of them; `temporal-polyfill` (the SLA maths,
 * issue 7) likewise. The CDK stacks point each function's code at its folder and add the layer
 * (`infra/constructs/function.ts`).
 *
 * Run directly: `npm run build:functions` (or `npx tsx infra/build-functions.ts [outDir]`).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { AREAS } from '../shared/http/routes.ts';

export type FunctionKind = 'http' | 'workflow' | 'stream' | 'mail';

export interface BuiltFunction {
  /** Function name: the entry file's base name, e.g. `tickets`. */
  name: string;
  kind: FunctionKind;
  /** Absolute path of the bundle (`<outDir>/<kind>/<name>/index.mjs`). */
  file: string;
  /** Size of the bundle in bytes. */
  bytes: number;
}

/** Repository root (this file lives in `<root>/infra/`). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Default output folder of the bundles; the CDK stacks read from here. */
export const DEFAULT_FUNCTIONS_DIR = path.join(REPO_ROOT, 'dist', 'functions');

/**
 * ESM bundles have no `require`; some CommonJS dependencies call it for Node built-ins.
 * Aliased import so it cannot clash with a bundled top-level `createRequire`.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __helpdeskCreateRequire } from 'node:module'; const require = __helpdeskCreateRequire(import.meta.url);";

/**
 * Modules served by the shared layer instead of each bundle (`external` in every function): a
 * package, or one module of it by the path our code imports (nodemailer's MIME composer, without
 * the rest of nodemailer). Issue 8 added the mail libraries: `mailparser` (with iconv-lite's
 * charset tables and libmime, ~1 MB), mailsplit (the MIME splitter under it, which
 * `mail/utf7.ts` uses too), `sanitize-html` (htmlparser2 and postcss, ~250 KB) and
 * nodemailer's MailComposer (~140 KB) put `mail/inbound` and `stream/effects` far over 250 KB.
 * Issue 9 added `html-to-text` (rich text as plain text for the index and page descriptions: its
 * htmlparser2 and HTML entity tables, ~180 KB, put `http/knowledge` at 380 KB).
 */
export const LAYER_PACKAGES = [
  'electrodb',
  'temporal-polyfill',
  'zod',
  'file-type',
  'mailparser',
  '@zone-eu/mailsplit',
  'sanitize-html',
  'html-to-text',
  'nodemailer/lib/mail-composer/index.js',
] as const;
/** Folder of the shared layer inside the functions folder (its content is the layer's `/opt`). */
export const LAYER_DIR = '_layer';

export interface Entry {
  name: string;
  kind: FunctionKind;
  source: string;
}

/**
 * Every function to bundle: the HTTP areas (default: the `AREAS` of the route table), then the
 * workflow tasks and the stream consumers. Rejects, naming every missing file, if one has no source file.
 */
export async function functionEntries(httpNames: readonly string[] = AREAS): Promise<Entry[]> {
  const httpDir = path.join(REPO_ROOT, 'functions', 'http');
  const entries: Entry[] = httpNames.map((name) => ({ name, kind: 'http' as const, source: path.join(httpDir, `${name}.ts`) }));
  for (const kind of ['workflow', 'stream', 'mail'] as const) {
    const dir = path.join(REPO_ROOT, 'functions', kind);
    const names = (await readdir(dir))
      .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -'.ts'.length))
      .sort();
    entries.push(...names.map((name) => ({ name, kind, source: path.join(dir, `${name}.ts`) })));
  }
  const missing = entries.filter((e) => !existsSync(e.source));
  if (missing.length > 0) {
    throw new Error(
      `build-functions: missing area file(s) named in shared/http/routes.ts:\n${missing.map((e) => `  - ${path.relative(REPO_ROOT, e.source)}`).join('\n')}`,
    );
  }
  return entries;
}

/** Bundles every function in parallel; rejects (with esbuild's messages) if any fails. */
export async function buildFunctions(opts: { outDir?: string } = {}): Promise<BuiltFunction[]> {
  const outDir = path.resolve(opts.outDir ?? DEFAULT_FUNCTIONS_DIR);
  const entries = await functionEntries();
  // Bundles of functions that no longer exist would otherwise linger (and be measured, deployed).
  await rm(outDir, { recursive: true, force: true });
  const results = await Promise.allSettled(
    entries.map(async (e): Promise<BuiltFunction> => {
      const dir = path.join(outDir, e.kind, e.name);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, 'index.mjs');
      await build({
        entryPoints: [e.source],
        outfile: file,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        minify: true,
        sourcemap: false,
        treeShaking: true,
        legalComments: 'none',
        external: ['@aws-sdk/*', ...LAYER_PACKAGES],
        // Prefer ESM builds of dependencies: better tree-shaking.
        mainFields: ['module', 'main'],
        banner: { js: ESM_REQUIRE_BANNER },
        absWorkingDir: REPO_ROOT,
        logLevel: 'silent',
      });
      return { name: e.name, kind: e.kind, file, bytes: (await stat(file)).size };
    }),
  );
  await buildLayer(outDir);
  // As in Lambda, where a function's bare imports fall through to the layer's node_modules: a
  // plain Node process importing a bundle from here (tests, bench) finds the layer, not the
  // repository's own copy of the package.
  await symlink(path.join(LAYER_DIR, 'nodejs', 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ entry: entries[i]!, reason: r.reason }] : []));
  if (failures.length > 0) {
    const details = failures
      .map(({ entry, reason }) => `  - ${entry.kind}/${entry.name}: ${reason instanceof Error ? reason.message : String(reason)}`)
      .join('\n');
    throw new Error(`build-functions: ${failures.length} function(s) failed to bundle:\n${details}`);
  }
  return results.map((r) => (r as PromiseFulfilledResult<BuiltFunction>).value);
}

/** The package a module specifier names (`nodemailer/lib/x.js` → `nodemailer`) and the module's path inside it (`.` for the package). */
export function layerModule(specifier: string): { pkg: string; subpath: string; file: string } {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  const pkg = parts.slice(0, n).join('/');
  const rest = parts.slice(n).join('/');
  return rest ? { pkg, subpath: `./${rest}`, file: rest.replace(/\.[cm]?js$/, '') + '.mjs' } : { pkg, subpath: '.', file: 'index.mjs' };
}

/**
 * The shared layer: each of `LAYER_PACKAGES` as one minified ESM file under
 * `nodejs/node_modules/<package>/` (`index.mjs` for a package, its own path for one module of
 * it, named in the package's `exports`), where the Lambda Node.js runtime resolves bare imports
 * from layers. Its named exports are re-exported one by one (esbuild can name a CommonJS module's
 * exports only when they are spelled out), read off the module itself so none is forgotten; a
 * CommonJS module that exports one function or class gives it as the default export
 * (`import sanitizeHtml from 'sanitize-html'`).
 */
async function buildLayer(outDir: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const exportsOf = new Map<string, Record<string, string>>();
  for (const specifier of LAYER_PACKAGES) {
    const { pkg, subpath, file } = layerModule(specifier);
    const dir = path.join(outDir, LAYER_DIR, 'nodejs', 'node_modules', pkg);
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    const mod = require(specifier) as object;
    const names = Object.keys(mod).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    if (typeof mod === 'function' && !names.includes('default')) names.push('default');
    await build({
      stdin: { contents: `export { ${names.join(', ')} } from '${specifier}';`, resolveDir: REPO_ROOT, loader: 'js' },
      outfile: path.join(dir, file),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      minify: true,
      legalComments: 'none',
      external: ['@aws-sdk/*'],
      banner: { js: ESM_REQUIRE_BANNER },
      logLevel: 'silent',
    });
    exportsOf.set(pkg, { ...exportsOf.get(pkg), [subpath]: `./${file}` });
  }
  for (const [pkg, map] of exportsOf) {
    const exports = Object.keys(map).length === 1 && map['.'] ? map['.'] : map;
    await writeFile(path.join(outDir, LAYER_DIR, 'nodejs', 'node_modules', pkg, 'package.json'), `${JSON.stringify({ name: pkg, type: 'module', exports })}\n`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const outDir = process.argv[2];
  const built = await buildFunctions(outDir ? { outDir } : {});
  const width = Math.max(...built.map((b) => `${b.kind}/${b.name}`.length));
  for (const b of built) {
    console.log(`${`${b.kind}/${b.name}`.padEnd(width)}  ${(b.bytes / 1024).toFixed(1).padStart(8)} KiB`);
  }
  const ms = Math.round(performance.now() - started);
  console.log(
    `built ${built.length} functions into ${path.relative(process.cwd(), path.dirname(path.dirname(path.dirname(built[0]!.file)))) || '.'} in ${ms} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
