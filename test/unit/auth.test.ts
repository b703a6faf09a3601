import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../shared/auth/passwords.ts';
import { mintSecret, parseSecret } from '../../shared/auth/secrets.ts';
import { newTenantId } from '../../shared/ids.ts';
import { mails } from '../../shared/mail/templates.ts';

describe('passwords', () => {
  it('are stored as argon2id and only the right password verifies', async () => {
    const phc = await hashPassword('correct horse battery');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(phc).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', phc)).toBe(true);
    expect(await verifyPassword('wrong horse battery', phc)).toBe(false);
    expect(await verifyPassword('anything', undefined)).toBe(false);
  });
});

describe('secrets', () => {
  it('carry their tenant, are stored only as a hash, and a forged tenant prefix changes the hash', () => {
    const a = newTenantId();
    const b = newTenantId();
    const { secret, hash } = mintSecret(a);
    expect(parseSecret(secret)).toEqual({ tenantId: a, hash });
    expect(hash).not.toContain(secret.split('.')[1]);
    const forged = `${b}.${secret.split('.')[1]}`;
    expect(parseSecret(forged)?.hash).not.toBe(hash);
    expect(parseSecret('not-a-token')).toBeUndefined();
  });
});

describe('mails', () => {
  it('exist in German and English and carry the link', () => {
    const de = mails.verifyEmail('de', { portal: 'Acme', name: 'Anna', url: 'http://x/acme/verify?token=t' });
    const en = mails.verifyEmail('en', { portal: 'Acme', name: 'Anna', url: 'http://x/acme/verify?token=t' });
    expect(de.subject).toContain('bestätigen');
    expect(en.subject).toContain('confirm');
    expect(de.text).toContain('http://x/acme/verify?token=t');
    expect(en.html).toContain('href="http://x/acme/verify?token=t"');
  });

  it('escape what users typed before it goes into HTML', () => {
    const m = mails.ticketAcknowledged('en', { portal: 'P', name: '<script>x</script>', number: 1, subject: 's', url: 'http://x' });
    expect(m.html).not.toContain('<script>');
  });
});
