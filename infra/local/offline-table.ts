/**
 * For operator commands (`search:rebuild`, `tenant:suspend`): the table they work on. With
 * `TABLE_NAME` set (AWS credentials in the environment) the real one; otherwise DynamoDB Local on
 * `DATA_DIR` (default `.data`; the stack must be stopped, DynamoDB Local holds its files), with the
 * environment the shared clients read. Returns how to stop what it started.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Points the shared clients at the table; `extraEnv` gets the local data folder (e.g. the search files' place). */
export async function useTable(extraEnv: (dataDir: string) => Record<string, string> = () => ({})): Promise<() => Promise<void>> {
  if (process.env.TABLE_NAME) return async () => {};
  const dataDir = resolve(process.env.DATA_DIR || join(ROOT, '.data'));
  const { startDynamoDb, LOCAL_CREDENTIALS, LOCAL_REGION } = await import('./dynamodb.ts');
  const db = await startDynamoDb({ storage: { dataDir: `${dataDir}/dynamodb` } });
  Object.assign(process.env, {
    TABLE_NAME: 'helpdesk',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    ...extraEnv(dataDir),
  });
  return () => db.stop();
}
