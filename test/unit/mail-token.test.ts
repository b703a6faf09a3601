import { describe, expect, it } from 'vitest';
import { newMailSecret, parseInboundAddress, parseTicketMessageId, replyAddress, signTicket, ticketMessageId, verifyTicket } from '../../shared/mail/token.ts';

const domain = 'in.helpdesk.example';
const secret = newMailSecret();
const tenant = { id: 'tenant-one', slug: 'demo' };

describe('a reply token', () => {
  it('in a Reply-To names its ticket, and verifies only for that tenant, ticket and secret', () => {
    const address = replyAddress(secret, tenant, 1042, domain);
    const parsed = parseInboundAddress(address, domain)!;
    expect(parsed).toMatchObject({ slug: 'demo', number: 1042 });
    expect(verifyTicket(secret, tenant.id, 1042, parsed.sig!)).toBe(true);
    expect(verifyTicket(secret, tenant.id, 1043, parsed.sig!)).toBe(false); // another ticket
    expect(verifyTicket(secret, 'tenant-two', 1042, parsed.sig!)).toBe(false); // another tenant
    expect(verifyTicket(newMailSecret(), tenant.id, 1042, parsed.sig!)).toBe(false); // a guessed secret
    expect(verifyTicket(secret, tenant.id, 1042, 'aaaaaaaaaaaaaaaa')).toBe(false);
  });

  it('in a Message-ID survives a round trip through In-Reply-To', () => {
    const id = ticketMessageId(secret, tenant.id, 7, domain);
    const parsed = parseTicketMessageId(id, domain)!;
    expect(parsed.number).toBe(7);
    expect(verifyTicket(secret, tenant.id, 7, parsed.sig)).toBe(true);
    expect(ticketMessageId(secret, tenant.id, 7, domain)).not.toBe(id); // each mail its own id
  });

  it('is not read from another domain, and a plain address names only the tenant', () => {
    expect(parseInboundAddress(`demo+1-${signTicket(secret, tenant.id, 1)}@evil.example`, domain)).toBeUndefined();
    expect(parseInboundAddress(`Demo@${domain.toUpperCase()}`, domain)).toEqual({ slug: 'demo' });
    expect(parseTicketMessageId('<CAF=abc@mail.gmail.com>', domain)).toBeUndefined();
  });
});
