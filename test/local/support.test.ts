/**
 * The test helpers themselves: the cookie-jar API client and the SES mail reader.
 */
import type { Server } from 'node:http';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../infra/local/ports.ts';
import { createHttpServer, type ApiGatewayV2Event } from '../../infra/local/server.ts';
import { apiClient } from '../support/api.ts';
import { linkIn, mailTo, waitForMail } from '../support/mail.ts';
import { settleWorkflows } from '../support/workflows.ts';

describe('apiClient', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createHttpServer({
      routes: [
        { method: 'POST', path: '/api/v1/portals/{slug}/login', handler: 'login' },
        { method: 'POST', path: '/api/v1/auth/logout', handler: 'logout' },
        { method: 'GET', path: '/api/v1/me', handler: 'me' },
      ],
      loadHandler: async (name) => async (e: ApiGatewayV2Event) => {
        if (name === 'login') {
          const who = JSON.parse(e.body ?? '{}').email as string;
          return {
            statusCode: 200,
            cookies: [`sid=${e.pathParameters!.slug}:${who}; Path=/; HttpOnly`],
            body: '{}',
            headers: { 'content-type': 'application/json' },
          };
        }
        if (name === 'logout') return { statusCode: 204, cookies: ['sid=; Path=/; Max-Age=0'] };
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cookies: e.cookies ?? [] }) };
      },
      log: () => {},
    });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('keeps one cookie jar per user, across two tenants', async () => {
    const api = apiClient(base);
    await api.as('ada').post('/api/v1/portals/tenant-a/login', { email: 'ada@a.example' });
    await api.as('bob').post('/api/v1/portals/tenant-b/login', { email: 'bob@b.example' });
    expect((await api.as('ada').get('/api/v1/me')).json).toEqual({ cookies: ['sid=tenant-a:ada@a.example'] });
    expect((await api.as('bob').get('/api/v1/me')).json).toEqual({ cookies: ['sid=tenant-b:bob@b.example'] });
    expect((await api.anonymous().get('/api/v1/me')).json).toEqual({ cookies: [] });

    const out = await api.as('ada').post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(api.as('ada').cookies.size).toBe(0);
    expect(api.as('bob').cookies.get('sid')).toBe('tenant-b:bob@b.example');
  });
});

describe('mail helpers against SES local', () => {
  const ses = new SESv2Client({}); // endpoint, region and credentials from the injected env
  afterAll(() => ses.destroy());
  const send = (to: string, subject: string, html: string) =>
    ses.send(
      new SendEmailCommand({
        FromEmailAddress: process.env.MAIL_FROM,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Html: { Data: html }, Text: { Data: html.replace(/<[^>]+>/g, '') } } } },
      }),
    );

  it('finds the newest mail to an address and the link in it', async () => {
    const id = Math.random().toString(36).slice(2);
    const anna = `anna.${id}@tenant-a.example`;
    const bob = `Bob <bob.${id}@tenant-b.example>`;
    await send(anna, 'Welcome', `<a href="${process.env.PUBLIC_URL}/tenant-a/welcome">hi</a>`);
    const before = await mailTo(anna);
    await send(anna, 'Verify your address', `<p><a href="${process.env.PUBLIC_URL}/tenant-a/verify?token=abc&amp;x=1">Verify</a></p>`);
    await send(bob, 'Verify your address', `<a href="${process.env.PUBLIC_URL}/tenant-b/verify?token=def">Verify</a>`);

    const mail = await waitForMail(anna, { subject: /verify/i, notIn: before });
    const link = linkIn(mail, '/tenant-a/verify');
    expect(link.searchParams.get('token')).toBe('abc');
    expect(link.searchParams.get('x')).toBe('1');
    const bobs = await waitForMail(`bob.${id}@tenant-b.example`);
    expect(linkIn(bobs, /verify/).searchParams.get('token')).toBe('def');
    await expect(waitForMail(`nobody.${id}@tenant-a.example`, { tries: 3, intervalMs: 10 })).rejects.toThrow(/no mail/);
  });

  it('settleWorkflows answers for the shared stack', async () => {
    await expect(settleWorkflows()).resolves.toBeUndefined();
  });
});
