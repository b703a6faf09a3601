/**
 * `npm run tenant:suspend -- <tenant-slug> [--lift]`: the operator suspends a tenant (or lifts it).
 * While suspended, mail to its addresses is dropped with reason `suspended_tenant` and never
 * filed (issue 8, M3); the platform issue extends suspension to sign-in and the portal.
 *  - In AWS: run with the account's credentials and TABLE_NAME (and AWS_REGION) set.
 *  - Locally: with the stack STOPPED (DynamoDB Local holds its files), on DATA_DIR (default .data).
 */
import { useTable } from './local/offline-table.ts';

const [slug, flag] = process.argv.slice(2);
if (!slug || (flag && flag !== '--lift')) {
  console.error('usage: npm run tenant:suspend -- <tenant-slug> [--lift]');
  process.exit(2);
}

const stopTable = await useTable();

try {
  const { setTenantSuspension, tenantIdBySlug } = await import('../shared/db/store.ts');
  const tenantId = await tenantIdBySlug(slug);
  if (!tenantId) throw new Error(`no tenant with the address "${slug}"`);
  await setTenantSuspension(tenantId, flag === '--lift' ? null : new Date().toISOString());
  console.log(flag === '--lift' ? `${slug}: suspension lifted` : `${slug}: suspended (mail to it is dropped)`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await stopTable();
}
