import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api.ts';
import { newStaff, newTenant, PASSWORD } from '../support/tenants.ts';

describe('signing up an organisation (T1)', () => {
  it('creates the tenant, signs its admin in with an HttpOnly cookie, and opens the portal at /{slug}/', async () => {
    const t = await newTenant('acme');
    const cookie = t.admin.cookies.get('hd_session');
    expect(cookie).toMatch(new RegExp(`^${t.id}\\.`));
    const me = await t.admin.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ role: 'admin', email: t.adminEmail });
    expect(me.json.user).not.toHaveProperty('passwordHash');
    const portal = await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`);
    expect(portal.json).toMatchObject({ slug: t.slug, defaultLanguage: 'en' });
    expect(portal.json).not.toHaveProperty('id');
  });

  it('sets the session cookie HttpOnly and SameSite', async () => {
    const c = apiClient().anonymous();
    const r = await c.post('/api/v1/signup', {
      organisationName: 'Cookie Org',
      slug: `cookie-${Date.now()}`,
      adminName: 'A',
      email: 'a@cookie.example',
      password: PASSWORD,
    });
    const line = r.headers.getSetCookie()[0]!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
  });

  it('refuses a slug that is already taken, and keeps the first owner', async () => {
    const t = await newTenant('taken');
    const r = await apiClient()
      .anonymous()
      .post('/api/v1/signup', { organisationName: 'Copycat', slug: t.slug, adminName: 'Eve', email: 'eve@evil.example', password: PASSWORD });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('slug_taken');
    expect((await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json.name).toBe(`Org ${t.slug}`);
  });

  it('refuses an invalid slug naming the field', async () => {
    const r = await apiClient()
      .anonymous()
      .post('/api/v1/signup', { organisationName: 'Bad', slug: 'Not A Slug!', adminName: 'B', email: 'b@bad.example', password: PASSWORD });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.json.code).toBe('validation_failed');
    expect(r.json.errors.map((e: { path: string }) => e.path)).toContain('slug');
  });

  it('an unknown portal is not found', async () => {
    const r = await apiClient().anonymous().get('/api/v1/portals/no-such-portal-here');
    expect(r.status).toBe(404);
    expect(r.json.code).toBe('not_found');
  });
});

describe('branding and invitations (T1, T2)', () => {
  it('the admin sets title, colour, logo, language and time zone, and the portal shows them', async () => {
    const t = await newTenant('brand');
    const r = await t.admin.patch('/api/v1/tenant', {
      branding: { title: 'Acme Support', primaryColor: '#aa3300', logoUrl: 'https://acme.example/logo.png' },
      defaultLanguage: 'de',
      timeZone: 'America/New_York',
    });
    expect(r.status, r.text).toBe(200);
    const portal = (await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json;
    expect(portal).toMatchObject({
      branding: { title: 'Acme Support', primaryColor: '#aa3300', logoUrl: 'https://acme.example/logo.png' },
      defaultLanguage: 'de',
      timeZone: 'America/New_York',
    });
  });

  it('changing only the colour keeps the logo and title', async () => {
    const t = await newTenant('keep');
    await t.admin.patch('/api/v1/tenant', { branding: { title: 'Kept', logoUrl: 'https://k.example/l.png' } });
    await t.admin.patch('/api/v1/tenant', { branding: { primaryColor: '#000000' } });
    expect((await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json.branding).toEqual({
      title: 'Kept',
      logoUrl: 'https://k.example/l.png',
      primaryColor: '#000000',
    });
  });

  it.each([
    ['a backslash after the slash', '/\\evil.example/logo.png'],
    ['a protocol-relative address', '//evil.example/logo.png'],
    ['a backslash before the slash', '\\/evil.example/logo.png'],
    ['a tab hidden in the slashes', '/\t/evil.example/logo.png'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:image/svg+xml,<svg onload=alert(1)>'],
    ['plain http of another host', 'http://evil.example/logo.png'],
    ['https written with backslashes', 'https:\\\\evil.example/logo.png'],
  ])('a logo URL with %s is refused and the logo stays', async (_what, logoUrl) => {
    const t = await newTenant('logo');
    await t.admin.patch('/api/v1/tenant', { branding: { logoUrl: '/assets/logo.png' } });
    const r = await t.admin.patch('/api/v1/tenant', { branding: { logoUrl } });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ path: 'branding.logoUrl', code: 'logo_url' })]);
    expect((await apiClient().anonymous().get(`/api/v1/portals/${t.slug}`)).json.branding.logoUrl).toBe('/assets/logo.png');
  });

  it('a logo on the portal itself or on any https address is accepted', async () => {
    const t = await newTenant('logook');
    for (const logoUrl of ['/assets/logo.png', 'https://cdn.example/l.png', '']) {
      const r = await t.admin.patch('/api/v1/tenant', { branding: { logoUrl } });
      expect(r.status, logoUrl).toBe(200);
      expect(r.json.branding.logoUrl).toBe(logoUrl);
    }
  });

  it('refuses an unknown time zone and a colour that is not a hex colour', async () => {
    const t = await newTenant('badbrand');
    const r = await t.admin.patch('/api/v1/tenant', { timeZone: 'Mars/Olympus', branding: { primaryColor: 'red' } });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['branding.primaryColor', 'timeZone']);
  });

  it('an invited agent and coordinator join with the role of their invitation', async () => {
    const t = await newTenant('invite');
    const agent = await newStaff(t, 'agent');
    const coordinator = await newStaff(t, 'coordinator');
    expect((await agent.client.get('/api/v1/me')).json.user.role).toBe('agent');
    expect((await coordinator.client.get('/api/v1/me')).json.user.role).toBe('coordinator');
  });

  it('only an admin may change branding or invite', async () => {
    const t = await newTenant('roles');
    const agent = await newStaff(t, 'agent');
    expect((await agent.client.patch('/api/v1/tenant', { name: 'Hijacked' })).status).toBe(403);
    const r = await agent.client.post('/api/v1/invitations', { email: 'x@y.example', role: 'admin' });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('forbidden');
  });
});
