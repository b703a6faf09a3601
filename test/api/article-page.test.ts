/**
 * The public article page (issue 9, Q2) for search engines and link previews: a published
 * article for the audience `public` of a tenant whose knowledge is public is plain HTML with its
 * metadata; a draft, an article for customers or staff, an unknown id, another tenant's portal,
 * and every article while the tenant keeps its knowledge private all get the same 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type UserClient } from '../support/api.ts';
import { newTenant, type TestTenant } from '../support/tenants.ts';

let a: TestTenant;
let b: TestTenant;
let anonymous: UserClient;
let published: string;
let draft: string;
let forCustomers: string;

/** An article by tenant A's admin, moved along to `status`. */
async function article(title: string, audience: string, status: 'draft' | 'published', topicId?: string): Promise<string> {
  const r = await a.admin.post('/api/v1/articles', {
    title,
    body: '<p>Open <strong>Settings</strong>, then <em>Network</em>.</p><script>alert(1)</script>',
    audience,
    tags: ['vpn', 'wlan'],
    ...(topicId ? { topicId } : {}),
  });
  expect(r.status, r.text).toBe(201);
  if (status === 'published') {
    const review = await a.admin.post(`/api/v1/articles/${r.json.id}/status`, { status: 'review', version: r.json.version });
    expect(review.status, review.text).toBe(200);
    const pub = await a.admin.post(`/api/v1/articles/${r.json.id}/status`, { status: 'published', version: review.json.version });
    expect(pub.status, pub.text).toBe(200);
  }
  return r.json.id;
}

const page = (slug: string, id: string, lang?: string) =>
  anonymous.get(`/kb/${slug}/articles/${id}`, { query: lang ? { lang } : {}, headers: { accept: 'text/html' } });

beforeAll(async () => {
  a = await newTenant('kbpage-a', 'de');
  b = await newTenant('kbpage-b');
  anonymous = apiClient().anonymous();
  const topic = await a.admin.post('/api/v1/topics', { name: { de: 'Netzwerk', en: 'Network' } });
  published = await article('VPN einrichten', 'public', 'published', topic.json.id);
  draft = await article('Entwurf: WLAN', 'public', 'draft');
  forCustomers = await article('Nur für Kunden', 'customers', 'published');
  expect((await a.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
  expect((await b.admin.patch('/api/v1/tenant', { publicKnowledge: true })).status).toBe(200);
});

describe('the public article page', () => {
  it('is plain HTML with title, description, canonical link, OpenGraph article and JSON-LD, cacheable by the CDN', async () => {
    const r = await page(a.slug, published);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('cache-control')).toMatch(/^public/);
    expect(r.text).toContain('<html lang="de">');
    expect(r.text).toContain(`<title>VPN einrichten – Org ${a.slug}</title>`);
    expect(r.text).toContain('<meta name="description" content="Open Settings, then Network.">');
    expect(r.text).toMatch(new RegExp(`<link rel="canonical" href="[^"]*/kb/${a.slug}/articles/${published}\\?lang=de">`));
    expect(r.text).toContain('<meta property="og:type" content="article">');
    expect(r.text).toContain('<p>Open <strong>Settings</strong>, then <em>Network</em>.</p>');
    expect(r.text).not.toContain('alert(1)');
    expect(r.text).toContain('Thema: Netzwerk');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(r.text)![1]!);
    expect(ld).toMatchObject({ '@type': 'Article', headline: 'VPN einrichten', articleSection: 'Netzwerk', keywords: 'vpn, wlan' });
    const english = await page(a.slug, published, 'en');
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Topic: Network');
  });

  it('answers a draft, an article for customers, an unknown id and another portal with the same 404', async () => {
    const notFound = (await page(a.slug, 'no-such-article')).text;
    for (const r of [await page(a.slug, draft), await page(a.slug, forCustomers), await page(b.slug, published), await page('no-such-portal-x', published)]) {
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('VPN einrichten');
    }
    expect((await page(a.slug, draft)).text).toBe(notFound);
  });

  it('is gone at once when the tenant keeps its knowledge private again', async () => {
    expect((await a.admin.patch('/api/v1/tenant', { publicKnowledge: false })).status).toBe(200);
    const r = await page(a.slug, published);
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('VPN einrichten');
  });
});
