/**
 * `npm run search:rebuild -- <tenant-slug|--all>`: re-indexes tenants' search from the table
 * (after a change of shared/search/analyzer.ts, or a lost index).
 *  - In AWS: run with the account's credentials and TABLE_NAME, BUCKET_NAME (and AWS_REGION)
 *    set; the new index is published as the tenant's next snapshot generation.
 *  - Locally: with the stack STOPPED (DynamoDB Local holds its files), it starts DynamoDB Local
 *    on DATA_DIR (default .data) and rewrites `<DATA_DIR>/search/<tenant>.sqlite`. (Deleting
 *    `<DATA_DIR>/search` and starting does the same for every tenant.)
 */
import { useTable } from './local/offline-table.ts';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run search:rebuild -- <tenant-slug|--all>');
  process.exit(2);
}

const stopTable = await useTable((dataDir) => ({ SEARCH_DIR: `${dataDir}/search` }));

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
  await stopTable();
}
