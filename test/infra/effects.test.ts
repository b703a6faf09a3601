import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOfType, synthHelpdesk, type Synthesized } from './_app.ts';

let s: Synthesized;
beforeAll(async () => {
  s = await synthHelpdesk();
});

const statements = (t: Synthesized['templates']['effects']) =>
  Object.values(resourcesOfType(t, 'AWS::IAM::Policy')).flatMap(
    (p) => (p.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
  );
const actions = (t: Synthesized['templates']['effects']) => statements(t).flatMap((st) => [st.Action].flat());

describe('effects stack: the consumer of the table stream', () => {
  it('is one Node.js 24 function fed by the table stream from its start, in batches (beside the SES events function, issue 8)', () => {
    const fns = Object.values(resourcesOfType(s.templates.effects, 'AWS::Lambda::Function'));
    expect(fns.map((f) => [f.Properties!.Description, f.Properties!.Runtime])).toEqual([
      ['helpdesk stream/effects', 'nodejs24.x'],
      ['helpdesk mail/ses-events', 'nodejs24.x'],
    ]);
    s.templates.effects.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.anyValue(),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 10,
    });
  });

  it('retries a failed record from where it failed, splits failing batches, and keeps what still fails', () => {
    s.templates.effects.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86400,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    s.templates.effects.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86400 });
  });

  it('only receives changes of tickets, messages, the SLA rules, the re-targeting sweep and knowledge items with files (not sessions, rate windows or its own records)', () => {
    const [mapping] = Object.values(resourcesOfType(s.templates.effects, 'AWS::Lambda::EventSourceMapping'));
    // tickets and their thread, notifications (expiry), what the clocks are computed by and the re-targeting sweep's progress (issue 7)
    // and (issue 9) articles, documents and FAQ entries, whose dropped files leave storage
    const KINDS = ['article', 'document', 'event', 'faq', 'message', 'notification', 'slaCalendar', 'slaHead', 'slaPolicy', 'slaRetarget', 'team', 'ticket'];
    const filters = (mapping!.Properties!.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
    expect(filters).toEqual([{ dynamodb: { NewImage: { kind: { S: KINDS } } } }, { dynamodb: { OldImage: { kind: { S: KINDS } } } }]);
  });

  it('may send mail, start the ticket workflow, and read and write items, but not scan', () => {
    const a = actions(s.templates.effects);
    expect(a).toContain('ses:SendEmail');
    expect(a).toContain('states:StartExecution');
    expect(a).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:GetRecords']));
    expect(a).not.toContain('dynamodb:Scan');
  });

  it('may delete files (issue 9: those knowledge items dropped), only under the tenants’ att/ prefixes', () => {
    const deletes = statements(s.templates.effects).filter((st) => [st.Action].flat().includes('s3:DeleteObject'));
    expect(deletes).toHaveLength(1);
    expect([deletes[0]!.Action].flat()).toEqual(['s3:DeleteObject']);
    expect(JSON.stringify(deletes[0]!.Resource)).toMatch(/-files-.*\/\*\/att\/\*"/);
  });

  it('the HTTP functions no longer start workflows themselves', () => {
    expect(actions(s.templates.api)).not.toContain('states:StartExecution');
  });
});
