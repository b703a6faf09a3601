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

  it('sends ticket mail from the inbound domain (`in.<mailDomain>` unless context says otherwise), a DKIM identity of its own', async () => {
    s.templates.mail.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'in.mail.acme.test', DkimAttributes: { SigningEnabled: true } });
    const other = await synthHelpdesk({ context: { inboundMailDomain: 'reply.acme.test' } });
    other.templates.mail.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'reply.acme.test' });
    other.templates.effects.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ INBOUND_MAIL_DOMAIN: 'reply.acme.test' }) },
    });
  });

  it('publishes bounces, complaints and deliveries to an encrypted topic that the SES events function reads', () => {
    s.templates.mail.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'delivery']),
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
    s.templates.mail.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    s.templates.effects.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    s.templates.effects.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'helpdesk mail/ses-events',
      Environment: { Variables: Match.objectLike({ INBOUND_MAIL_DOMAIN: 'in.mail.acme.test', TABLE_ACCESS: 'write' }) },
    });
  });
});
