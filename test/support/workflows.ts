/**
 * Waits until the local Step Functions stand-in has nothing left to do (every execution has
 * finished or sits in a Wait state), so a test can check what a workflow did.
 */
export async function settleWorkflows(sfnEndpoint: string = process.env.AWS_ENDPOINT_URL_SFN ?? ''): Promise<void> {
  if (!sfnEndpoint) throw new Error('AWS_ENDPOINT_URL_SFN is not set: is test/setup/env.ts loaded?');
  const res = await fetch(`${sfnEndpoint}/_local/settle`, { method: 'POST' });
  if (!res.ok) throw new Error(`workflows did not settle: ${await res.text()}`);
}
