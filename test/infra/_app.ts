/**
 * Shared by the infra tests: bundles the functions (once per source content, see
 * functionsDirForTests) and defines/synthesizes the whole app with the feature flags of
 * `cdk.json`, exactly as `cdk synth` would.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import { createStacks, type HelpdeskOptions, type HelpdeskStacks, optionsFromContext } from '../../infra/app.ts';
import { type BuiltFunction, buildFunctions, REPO_ROOT } from '../../infra/build-functions.ts';

/** Context of `cdk.json` (feature flags). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

const tmpRoot = path.join(REPO_ROOT, 'dist', '.test-infra');
const tmpDirs: string[] = [];
/** A fresh folder under `dist/` (inside the repo, so bundles resolve `node_modules`). */
export function tempDir(prefix: string): string {
  mkdirSync(tmpRoot, { recursive: true });
  const dir = mkdtempSync(path.join(tmpRoot, `${prefix}-`));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let built: Promise<string> | undefined;
/**
 * Folder of the function bundles for the stack tests, built once per content of `functions/`,
 * `shared/` and the lockfile: test files running in parallel share it (the first one to finish
 * publishes it with an atomic rename). `build-functions.test.ts` builds its own.
 */
export function functionsDirForTests(): Promise<string> {
  built ??= (async () => {
    const hash = createHash('sha256');
    for (const top of ['functions', 'shared']) {
      for (const f of readdirSync(path.join(REPO_ROOT, top), { recursive: true, encoding: 'utf8' }).sort()) {
        const file = path.join(REPO_ROOT, top, f);
        if (statSync(file).isFile()) hash.update(f).update(readFileSync(file));
      }
    }
    hash.update(readFileSync(path.join(REPO_ROOT, 'package-lock.json')));
    const dir = path.join(tmpRoot, `functions-${hash.digest('hex').slice(0, 16)}`);
    if (existsSync(path.join(dir, '.complete'))) return dir;
    const tmp = tempDir('functions-building');
    await buildFunctions({ outDir: tmp });
    writeFileSync(path.join(tmp, '.complete'), '');
    try {
      renameSync(tmp, dir);
    } catch {
      // Another test file published the same build first: use that one.
    }
    // Builds of older sources are of no use any more.
    for (const old of readdirSync(tmpRoot)) {
      const p = path.join(tmpRoot, old);
      if (/^functions-[0-9a-f]{16}$/.test(old) && p !== dir && Date.now() - statSync(p).mtimeMs > 10 * 60_000) {
        rmSync(p, { recursive: true, force: true });
      }
    }
    return dir;
  })();
  return built;
}

/** Bundles every function into a fresh folder (for the tests of the build itself). */
export async function freshBuild(): Promise<{ dir: string; functions: BuiltFunction[] }> {
  const dir = tempDir('functions');
  return { dir, functions: await buildFunctions({ outDir: dir }) };
}

export interface SynthOptions {
  /** Extra CDK context, as with `cdk synth -c key=value`. */
  context?: Record<string, string>;
  /** @default a folder that does not exist: the placeholder page is deployed */
  webBuildDir?: string;
}

export interface Synthesized {
  app: App;
  stacks: HelpdeskStacks;
  options: HelpdeskOptions;
  templates: { [K in keyof HelpdeskStacks]: Template };
}

/** Defines the whole app (no cdk-nag) and returns a template per stack. */
export async function synthHelpdesk(opts: SynthOptions = {}): Promise<Synthesized> {
  const { app, stacks, options } = await defineHelpdesk(opts);
  const templates = Object.fromEntries(Object.entries(stacks).map(([key, stack]) => [key, Template.fromStack(stack)])) as Synthesized['templates'];
  return { app, stacks, options, templates };
}

/** Defines the whole app without synthesizing it. */
export async function defineHelpdesk(opts: SynthOptions = {}): Promise<Omit<Synthesized, 'templates'>> {
  const dir = await functionsDirForTests();
  const app = new App({ context: { ...cdkJsonContext(), ...opts.context }, outdir: tempDir('cdk.out') });
  const options: HelpdeskOptions = {
    ...optionsFromContext(app),
    functionsDir: dir,
    webBuildDir: opts.webBuildDir ?? path.join(tmpRoot, 'no-web-build'),
  };
  return { app, stacks: createStacks(app, options), options };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>;

/** Resources of one type in a template, by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}
