/**
 * The inbound mail stack (issue 8): an SES receipt rule for the inbound domain stores the raw
 * mail in the files bucket under `inbound/`, then invokes the inbound function; the function may
 * read only `inbound/*`, write only the tenants' raw copies and files, and reach the table only
 * through tenant-scoped credentials.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthHelpdesk, type Synthesized } from './_app.ts';

describe('inbound mail stack', () => {
  let s: Synthesized;
  beforeAll(async () => {
    s = await synthHelpdesk({ context: { mailDomain: 'mail.acme.test', stage: 'qa' } });
  });

  it('receives mail for in.<mailDomain>: raw mail to the bucket under inbound/, then the function, spam and virus scanned, TLS required', () => {
    s.templates.inbound.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Recipients: ['in.mail.acme.test'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Enabled: true,
        Actions: [{ S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/' }) }, { LambdaAction: Match.objectLike({ InvocationType: 'Event' }) }],
      },
    });
  });

  it('SES’s raw mail under inbound/ expires after two weeks (the tenant’s copy stays with the ticket); the rule set to activate is an output', () => {
    s.templates.files.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([{ Id: 'inbound-raw-mail', Prefix: 'inbound/', ExpirationInDays: 14, Status: 'Enabled' }]),
      },
    });
    // No rule touches the tenants' raw copies ({T}/raw/) or attached files.
    const bucket = Object.values(s.templates.files.findResources('AWS::S3::Bucket')).find((b) =>
      b.Properties?.LifecycleConfiguration?.Rules?.some((r: { Id?: string }) => r.Id === 'inbound-raw-mail'),
    );
    const rules = bucket!.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number; TagFilters?: unknown }[];
    expect(rules.filter((r) => r.ExpirationInDays !== undefined && !r.TagFilters).map((r) => r.Prefix)).toEqual(['inbound/']);
    s.templates.inbound.hasOutput('ReceiptRuleSetName', { Value: Match.anyValue() });
  });

  it('the function reads inbound/* and writes only tenants’ raw mail and files', () => {
    const policies = s.templates.inbound.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );
    const s3 = statements.filter((st) => JSON.stringify(st.Action).includes('s3:'));
    expect(s3.map((st) => st.Action)).toEqual(['s3:GetObject', ['s3:PutObject', 's3:PutObjectTagging']]);
    expect(JSON.stringify(s3[0]!.Resource)).toContain('/inbound/*');
    expect(JSON.stringify(s3[1]!.Resource)).toContain('/*/raw/*');
    expect(JSON.stringify(s3[1]!.Resource)).toContain('/*/att/*');
    expect(JSON.stringify(statements)).not.toMatch(/"s3:\*"|"dynamodb:\*"|"dynamodb:Scan"/);
  });

  it('the function knows its table, bucket and inbound domain', () => {
    s.templates.inbound.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ INBOUND_MAIL_DOMAIN: 'in.mail.acme.test', BUCKET_NAME: Match.anyValue(), TABLE_NAME: Match.anyValue() }) },
    });
  });

  it('the API functions know the inbound domain (the admin page shows each tenant its address)', () => {
    s.templates.api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ INBOUND_MAIL_DOMAIN: 'in.mail.acme.test' }) },
    });
  });

  it('the tenant-access role may claim support addresses (platform keys ~mailaddr#…)', () => {
    expect(JSON.stringify(s.templates.data.toJSON())).toContain('~mailaddr#*');
  });
});
