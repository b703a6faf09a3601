import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_READ_WRITE_ACTIONS } from '../../infra/stacks/data.ts';
import { STATES, ticketWorkflowDefinition } from '../../shared/workflow/definition.ts';
import { resourcesOfType, type Synthesized, synthHelpdesk } from './_app.ts';

let s: Synthesized;
let definition: Record<string, unknown>;
let taskLogicalId: string;
beforeAll(async () => {
  s = await synthHelpdesk();
  const [machine] = Object.values(resourcesOfType(s.templates.workflow, 'AWS::StepFunctions::StateMachine'));
  // DefinitionString is Fn::Join(['', [json…, {Fn::GetAtt: [fn, 'Arn']}, …json]]): substitute a marker.
  const [, parts] = (machine!.Properties!.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const refs = parts.filter((p): p is { 'Fn::GetAtt': [string, string] } => typeof p === 'object');
  taskLogicalId = refs[0]!['Fn::GetAtt'][0];
  definition = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : `arn:TASK:${(p as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]}`)).join(''));
});

describe('workflow stack: the ticket state machine', () => {
  it('deploys exactly the shared ASL definition, with the task Lambda as CheckTicketTimers', () => {
    expect(definition).toEqual(ticketWorkflowDefinition({ checkTicketTimers: `arn:TASK:${taskLogicalId}` }));
    expect(Object.keys(definition.States as object)).toContain(STATES.checkTicketTimers);
    expect(STATES.checkTicketTimers).toBe('CheckTicketTimers');
    const fns = resourcesOfType(s.templates.workflow, 'AWS::Lambda::Function');
    expect(fns[taskLogicalId]?.Properties?.Description).toBe('helpdesk workflow/check-ticket-timers');
  });

  it('only waits until absolute instants (no relative waits, no polling loop)', () => {
    const waits = Object.values(definition.States as Record<string, { Type: string }>).filter((st) => st.Type === 'Wait');
    expect(waits).toEqual([{ Type: 'Wait', TimestampPath: '$.wakeAt', Next: STATES.checkTicketTimers }]);
  });

  it('is a standard workflow (it waits until SLA deadlines) with X-Ray tracing', () => {
    s.templates.workflow.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
    });
  });

  it('logs ALL events to a log group with retention, without execution data (personal data)', () => {
    s.templates.workflow.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: Match.anyValue() },
    });
    s.templates.workflow.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/'),
      RetentionInDays: 30,
    });
  });

  it('may invoke exactly its task function (no version wildcard)', () => {
    s.templates.workflow.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [taskLogicalId, 'Arn'] } }]),
      },
    });
  });

  it('lets the task start a successor execution of this very state machine (the hand-over before an execution’s year ends), and nothing else', () => {
    const fn = resourcesOfType(s.templates.workflow, 'AWS::Lambda::Function')[taskLogicalId]!;
    const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    const [machine] = Object.values(resourcesOfType(s.templates.workflow, 'AWS::StepFunctions::StateMachine'));
    const name = machine!.Properties!.StateMachineName as string;
    expect(name).toMatch(/-tickets$/);
    const arn = JSON.stringify(vars.STATE_MACHINE_ARN);
    expect(arn).toContain(`:stateMachine:${name}`);
    const starts = Object.values(resourcesOfType(s.templates.workflow, 'AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement.filter((st) =>
        [st.Action].flat().some((a) => a.startsWith('states:')),
      ),
    );
    expect(starts.map((st) => [st.Action, JSON.stringify(st.Resource)])).toEqual([['states:StartExecution', arn]]);
  });

  it('gives the task only what checking a ticket needs: the table name, write access (it resumes a pending ticket), its state machine, no mail', () => {
    const fn = resourcesOfType(s.templates.workflow, 'AWS::Lambda::Function')[taskLogicalId]!;
    const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars).sort()).toEqual(['STATE_MACHINE_ARN', 'TABLE_ACCESS', 'TABLE_NAME', 'TENANT_ACCESS_ROLE_ARN']);
    expect(vars.TABLE_ACCESS).toBe('write');
    const actions = Object.values(resourcesOfType(s.templates.workflow, 'AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap((st) => [st.Action].flat()),
    );
    expect(actions).not.toContain('ses:SendEmail');
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([...TABLE_READ_WRITE_ACTIONS].sort());
  });
});
