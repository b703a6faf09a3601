/**
 * cdk-nag v3 helpers. Acknowledgments (`Validations.of(c).acknowledge`) match finding ids
 * exactly, e.g. `AwsSolutions-IAM5[Resource::<WebBucket12880F5B.Arn>/*]`; there is no prefix
 * match. For CDK-internal resources whose policies this app does not write (BucketDeployment's
 * handler), this computes the IAM5 findings the same way cdk-nag does and acknowledges them.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The `AwsSolutions-IAM5[...]` findings of one policy document (as cdk-nag reports them). */
export function wildcardFindings(document: { Statement?: Statement[] }): string[] {
  const findings = new Set<string>();
  for (const st of document.Statement ?? []) {
    if (st.Effect !== 'Allow') continue;
    for (const action of list(st.Action)) if (action.includes('*')) findings.add(`Action::${action}`);
    for (const resource of list(st.Resource)) {
      const flat = flattenCfnReference(resource);
      if (flat.includes('*')) findings.add(`Resource::${flat}`);
    }
  }
  return [...findings];
}

/**
 * Acknowledges every IAM5 (wildcard) finding of the IAM policies under `scope`, with `reason`.
 * Call it after the scope is complete; use only for code this app does not control.
 */
export function acknowledgeWildcardPolicies(scope: IConstruct, reason: string): void {
  for (const node of scope.node.findAll()) {
    if (!(node instanceof iam.CfnPolicy)) continue;
    const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: Statement[] };
    for (const finding of wildcardFindings(document)) {
      Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    }
  }
}
