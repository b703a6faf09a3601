/**
 * The search stack (issue 9, Q5): the stream reaches the indexer through a FIFO queue whose
 * message group is the tenant, so one tenant's batches never run at once; only changes of items
 * a search source reads are forwarded; the indexer may read and write the pointer and the
 * snapshots but not scan, and delete old snapshot generations only; the search function may read them.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOfType, synthHelpdesk, type Synthesized } from './_app.ts';
import { SEARCH_ITEM_KINDS } from '../../shared/search/indexer.ts';

let s: Synthesized;
beforeAll(async () => {
  s = await synthHelpdesk();
});

type Statement = { Action: string | string[]; Resource: unknown };
const statementsOf = (t: Synthesized['templates']['search']) =>
  Object.values(resourcesOfType(t, 'AWS::IAM::Policy')).flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
const actions = (t: Synthesized['templates']['search']) => statementsOf(t).flatMap((st) => [st.Action].flat());

describe('search stack', () => {
  it('is a forwarder on the table stream and an indexer on a FIFO queue, both Node.js 24', () => {
    const fns = Object.values(resourcesOfType(s.templates.search, 'AWS::Lambda::Function'));
    expect(fns.map((f) => [f.Properties!.Description, f.Properties!.Runtime])).toEqual([
      ['helpdesk stream/search-forward', 'nodejs24.x'],
      ['helpdesk stream/search-indexer', 'nodejs24.x'],
    ]);
    s.templates.search.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 10 }),
    });
    s.templates.search.hasResourceProperties('AWS::Lambda::EventSourceMapping', { StartingPosition: 'TRIM_HORIZON', FunctionResponseTypes: Match.absent() });
    s.templates.search.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('forwards only changes of the items the search sources read', () => {
    const stream = Object.values(resourcesOfType(s.templates.search, 'AWS::Lambda::EventSourceMapping')).find((m) => m.Properties!.StartingPosition);
    const filters = (stream!.Properties!.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) => JSON.parse(f.Pattern) as unknown);
    expect(SEARCH_ITEM_KINDS).toEqual(expect.arrayContaining(['message', 'ticket']));
    expect(filters).toEqual([
      { dynamodb: { NewImage: { kind: { S: [...SEARCH_ITEM_KINDS] } } } },
      { dynamodb: { OldImage: { kind: { S: [...SEARCH_ITEM_KINDS] } } } },
    ]);
  });

  it('the forwarder may send to the queue; the indexer may read and write the pointer and the snapshots, but not scan', () => {
    const a = actions(s.templates.search);
    expect(a).toEqual(
      expect.arrayContaining(['sqs:SendMessage', 'dynamodb:GetItem', 'dynamodb:PutItem', 's3:GetObject', 's3:PutObject', 'sqs:ReceiveMessage']),
    );
    expect(a).not.toContain('dynamodb:Scan');
    expect(a).not.toContain('s3:ListBucket');
  });

  it('the indexer may delete old snapshot generations, exactly under the tenants’ search/ prefixes and nowhere else', () => {
    const deletes = statementsOf(s.templates.search).filter((st) => [st.Action].flat().includes('s3:DeleteObject'));
    expect(deletes).toHaveLength(1);
    expect([deletes[0]!.Action].flat()).toEqual(['s3:DeleteObject']);
    expect(JSON.stringify(deletes[0]!.Resource)).toMatch(/-files-.*\/\*\/search\/\*"/);
    // no function of the API may delete
    expect(actions(s.templates.api)).not.toContain('s3:DeleteObject');
  });

  it('the search function reads the pointer and the snapshots, and writes nothing', () => {
    const fns = resourcesOfType(s.templates.api, 'AWS::Lambda::Function');
    const search = Object.entries(fns).find(([, f]) => f.Properties!.Description === 'helpdesk http/search');
    expect(search).toBeDefined();
    expect((search![1].Properties!.Environment as { Variables: Record<string, unknown> }).Variables).toHaveProperty('BUCKET_NAME');
  });
});
