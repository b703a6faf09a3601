/**
 * `npm run search:rebuild -- <tenant-slug|--all>`: re-indexes tenants' search from the table
 * (after a change of shared/search/analyzer.ts, or a lost index).
 *  - In AWS: run with the account's credentials and TABLE_NAME, BUCKET_NAME (and AWS_REGION)
 *    set; the new index is published as the tenant's next snapshot generation.
 *  - Locally: with the stack STOPPED (DynamoDB Local holds its files), it starts DynamoDB Local
 *    on DATA_DIR (default .data) and rewrites `<DATA_DIR>/search/<tenant>.sqlite`. (Deleting
 *    `<DATA_DIR>/search` and starting does the same for every tenant.)
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run search:rebuild -- <tenant-slug|--all>');
  process.exit(2);
}

let stopLocal: (() => Promise<void>) | undefined;
if (!process.env.TABLE_NAME) {
  const dataDir = resolve(process.env.DATA_DIR || join(ROOT, '.data'));
  const { startDynamoDb, LOCAL_CREDENTIALS, LOCAL_REGION } = await import('./local/dynamodb.ts');
  const db = await startDynamoDb({ storage: { dataDir: `${dataDir}/dynamodb` } });
  stopLocal = () => db.stop();
  Object.assign(process.env, {
    TABLE_NAME: 'helpdesk',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    SEARCH_DIR: `${dataDir}/search`,
  });
}

try {
  const { rebuildAll, rebuildTenant } = await import('../shared/search/rebuild.ts');
  if (arg === '--all') {
    console.log(`rebuilt every tenant's search index: ${await rebuildAll()} documents`);
  } else {
    const { tenantIdBySlug } = await import('../shared/db/store.ts');
    const tenantId = await tenantIdBySlug(arg);
    if (!tenantId) throw new Error(`no tenant with the address "${arg}"`);
    console.log(`rebuilt the search index of ${arg}: ${await rebuildTenant(tenantId)} documents`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await stopLocal?.();
}
