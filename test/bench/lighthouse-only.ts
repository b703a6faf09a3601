/**
 * `npm run bench:lighthouse`: only the Lighthouse part of the bench (a signed-up tenant with a
 * page of tickets, the signed-out portal and the agent workspace), for working on page speed
 * without the whole bench's eight minutes.
 */
import { startLocalStack } from '../../infra/local/stack.ts';
import { lighthouseMobile } from './lighthouse.ts';

const stack = await startLocalStack({ port: 0, dataDir: null, demo: false });
try {
  const signup = await fetch(`${stack.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisationName: 'Bench Org', slug: 'bench', adminName: 'Bench Admin', email: 'bench@example.com', password: 'bench-password-1' }),
  });
  const session = (await signup.json()) as { token: string };
  const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
  for (let i = 0; i < 60; i++) {
    const body = JSON.stringify({
      subject: `Printer ${i} on floor 2 does not print`,
      description: 'Paper jam message since this morning. '.repeat(8),
      priority: 'normal',
    });
    await fetch(`${stack.url}/api/v1/tickets`, { method: 'POST', headers, body });
  }
  await stack.settleEffects();
  const cookies = signup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1) }));
  for (const [name, path, signedIn] of [
    ['signed-out portal', '/bench/', false],
    ['agent workspace', '/bench/agent', true],
  ] as const) {
    const r = await lighthouseMobile(`${stack.url}${path}`, { cookies: signedIn ? cookies : [] });
    console.log(
      `${name.padEnd(18)} ${String(r.score).padStart(3)}   LCP ${(r.lcp / 1000).toFixed(2)} s   TBT ${Math.round(r.tbt)} ms   (showed “${r.heading}”)`,
    );
  }
} finally {
  await stack.stop();
}
