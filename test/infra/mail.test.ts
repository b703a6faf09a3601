import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthHelpdesk, type Synthesized } from './_app.ts';

describe('mail stack: SES v2 identity and configuration set', () => {
  let s: Synthesized;
  beforeAll(async () => {
    s = await synthHelpdesk({ context: { mailDomain: 'mail.acme.test', stage: 'qa' } });
  });

  it('verifies the domain from context `mailDomain` with Easy DKIM', () => {
    s.templates.mail.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.acme.test',
      DkimAttributes: { SigningEnabled: true },
    });
  });

  it('sends through a configuration set that requires TLS and suppresses bounces and complaints', () => {
    s.templates.mail.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'helpdesk-qa-mail',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
  });

  it('outputs the three DKIM records to publish', () => {
    expect(Object.keys(s.templates.mail.findOutputs('*')).filter((k) => k.startsWith('DkimRecord'))).toHaveLength(3);
  });

  it('sends as no-reply@<mailDomain> unless context `mailFrom` says otherwise', async () => {
    expect(s.stacks.mail.mailFrom).toBe('Helpdesk <no-reply@mail.acme.test>');
    const other = await synthHelpdesk({ context: { mailFrom: 'Support <support@acme.test>' } });
    expect(other.stacks.mail.mailFrom).toBe('Support <support@acme.test>');
    other.templates.api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MAIL_FROM: 'Support <support@acme.test>' }) },
    });
  });

  it('defaults the mail domain to helpdesk.example.com', async () => {
    const d = await synthHelpdesk();
    d.templates.mail.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'helpdesk.example.com' });
  });
});
