/**
 * Every message says how it was written (issue 8): a customer in the portal `portal`, staff in
 * the workspace `web` (signed in with the web app's cookie), anybody with a bearer token `api`
 * (an integration), an inbound mail `email` (test/api/inbound.test.ts). Staff and the customer
 * read the same channel; a second tenant's ticket of the same number is not touched.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type UserClient } from '../support/api.ts';
import { putInStage } from '../support/stages.ts';
import { newCustomer, newStaff, newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let agent: Awaited<ReturnType<typeof newStaff>>;
let cora: Awaited<ReturnType<typeof newCustomer>>;
let otto: Awaited<ReturnType<typeof newCustomer>>;

/** The same user as an API client: their session token as `Authorization: Bearer`, no cookie. */
function bearer(user: UserClient): UserClient {
  const token = user.cookies.get('hd_session')!;
  const client = apiClient().anonymous();
  const headers = { authorization: `Bearer ${token}` };
  return {
    ...client,
    get: (path, opts) => client.get(path, { ...opts, headers: { ...headers, ...opts?.headers } }),
    post: (path, body, opts) => client.post(path, body, { ...opts, headers: { ...headers, ...opts?.headers } }),
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('channel-a'), newTenant('channel-b')]);
  agent = await newStaff(a, 'agent', 'Alma Agent');
  [cora, otto] = await Promise.all([newCustomer(a, 'Cora Customer'), newCustomer(b, 'Otto Other')]);
});

describe('the channel of a message', () => {
  it('is web for staff in the workspace, portal for the customer in the portal, api for either through a bearer token', async () => {
    const created = await cora.client.post('/api/v1/tickets', { subject: 'Login fails', description: 'Since Monday' });
    expect(created.status, created.text).toBe(201);
    const n = created.json.ticket.number as number;
    const theirs = await otto.client.post('/api/v1/tickets', { subject: 'Other tenant', description: 'Same number, other tenant' });
    expect(theirs.json.ticket.number).toBe(n);
    await putInStage(a.id, n, { stage: 'in_progress', assigneeId: agent.id, assigneeName: 'Alma Agent' });

    const say = async (who: UserClient, body: string, internal = false) => {
      const r = await who.post(`/api/v1/tickets/${n}/messages`, { body, internal });
      expect(r.status, r.text).toBe(201);
      return r.json as { id: string; channel: string };
    };
    const fromWeb = await say(agent.client, 'Please reset your password.');
    expect(fromWeb.channel).toBe('web');
    const note = await say(agent.client, 'Checked the directory', true);
    expect(note.channel).toBe('web');
    const fromPortal = await say(cora.client, 'Did that, still fails');
    expect(fromPortal.channel).toBe('portal');
    const fromIntegration = await say(bearer(agent.client), 'Unlocked by the directory sync.');
    expect(fromIntegration.channel).toBe('api');
    const customerApi = await say(bearer(cora.client), 'Works now, thanks');
    expect(customerApi.channel).toBe('api');

    // Staff and the customer read the channels back as written.
    const staffView = await agent.client.get(`/api/v1/tickets/${n}`);
    const channelOf = (messages: { id: string; channel: string }[], id: string) => messages.find((m) => m.id === id)?.channel;
    expect([fromWeb, note, fromPortal, fromIntegration, customerApi].map((m) => channelOf(staffView.json.messages, m.id))).toEqual([
      'web',
      'web',
      'portal',
      'api',
      'api',
    ]);
    const customerView = await cora.client.get(`/api/v1/tickets/${n}`);
    expect([fromWeb, fromPortal, fromIntegration].map((m) => channelOf(customerView.json.messages, m.id))).toEqual(['web', 'portal', 'api']);

    // The other tenant's ticket of the same number has only its own request, no message of ours.
    const other = await otto.client.get(`/api/v1/tickets/${n}`);
    expect(other.json.messages.map((m: { body: string }) => m.body)).not.toContain('Please reset your password.');
  });
});
