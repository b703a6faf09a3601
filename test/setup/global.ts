/**
 * Starts ONE in-memory local stack on a free port for the whole test run and hands its
 * coordinates to every test file (`inject('baseUrl')` etc.); stops it at the end.
 */
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../infra/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The local server, e.g. `http://localhost:41234`. */
    baseUrl: string;
    /** SES local's JSON store of sent mail. */
    sesStoreUrl: string;
    /** The inbound SMTP server's port (issue 8): mail to `{slug}@{INBOUND_MAIL_DOMAIN}` goes here. */
    smtpPort: number;
    /** Environment the handlers run with (table, endpoints, credentials): see test/setup/env.ts. */
    env: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const lines: string[] = [];
  // Every spec signs up its own organisations, all from this one address.
  process.env.SIGNUPS_PER_HOUR ??= '100000';
  // The SLA re-targeting sweep in pages of three open tickets: every suite's rule change pages (test/api/sla-retarget.test.ts).
  process.env.SLA_RETARGET_PAGE_SIZE ??= '3';
  const stack = await startLocalStack({ port: 0, dataDir: null, demo: false, log: (l) => lines.push(l) });
  project.provide('baseUrl', stack.url);
  project.provide('sesStoreUrl', stack.sesStoreUrl);
  project.provide('env', stack.env);
  project.provide('smtpPort', stack.smtpPort);
  return async () => {
    await stack.stop();
    // Handler errors logged by the server during the run, to help read a failure.
    const errors = lines.filter((l) => /failed|error/i.test(l));
    if (errors.length && process.env.STACK_LOG !== '0') console.error(`local stack log:\n${errors.join('\n')}`);
  };
}
