import { describe, expect, it } from 'vitest';
import { addNagChecks } from '../../infra/app.ts';
import { defineHelpdesk } from './_app.ts';

// Synthesising the whole app is CPU work (about 10 s alone, three times that on a busy 2-core
// machine): a generous limit, since a slow machine is not a failure.
describe('cdk-nag AwsSolutions pack on the whole app', { timeout: 180_000 }, () => {
  it('reports no unacknowledged finding (error or warning), and synth succeeds', async () => {
    const { app } = await defineHelpdesk();
    const checks = addNagChecks(app);
    // With the pack registered, synth fails on any finding (cdk-nag v3 is a validation plugin).
    expect(() => app.synth()).not.toThrow();
    const report = checks.validateScope(app);
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('would catch a finding (the checks really run)', async () => {
    const { app, stacks } = await defineHelpdesk();
    const checks = addNagChecks(app);
    const { Bucket } = await import('aws-cdk-lib/aws-s3');
    new Bucket(stacks.web, 'CarelessBucket');
    const report = checks.validateScope(app);
    const rules = report.violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});
