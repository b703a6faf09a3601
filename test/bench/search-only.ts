/** `npx tsx test/bench/search-only.ts`: only the search section of `npm run bench`, on its own local stack. */
import { startLocalStack } from '../../infra/local/stack.ts';
import { benchSearch } from './search.ts';

const stack = await startLocalStack({ port: 0, dataDir: null, demo: false });
try {
  const signup = await fetch(`${stack.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisationName: 'Bench Org', slug: 'bench', adminName: 'Bench Admin', email: 'bench@example.com', password: 'bench-password-1' }),
  });
  const session = (await signup.json()) as { token: string; tenant: { id: string } };
  await benchSearch(stack.url, session.tenant.id, session.token);
} finally {
  await stack.stop();
}
