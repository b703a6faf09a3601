/**
 * `npm run tickets:backfill -- [<tenant-slug>] [--from <number>]`: after a release that added
 * index attributes (a new work list), re-derives every ticket's index attributes the way a change
 * does, so tickets stored before it appear in the new lists at once (`shared/tickets/backfill.ts`).
 * No history entry, no mail, no notification; running it again changes nothing. Without a slug:
 * every tenant. It prints a cursor after each batch: `--from` it (with the same slug) goes on there.
 *  - In AWS: run with the account's credentials and TABLE_NAME (and AWS_REGION) set.
 *  - Locally: with the stack STOPPED (DynamoDB Local holds its files), on DATA_DIR (default .data).
 */
import { parseArgs } from 'node:util';
import { useTable } from './local/offline-table.ts';

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { from: { type: 'string' } } });
}
try {
  args = parse();
  if (args.positionals.length > 1 || (args.values.from !== undefined && !/^\d+$/.test(args.values.from))) throw new Error('bad arguments');
  if (args.values.from !== undefined && args.positionals.length === 0) throw new Error('--from needs a tenant');
} catch {
  console.error('usage: npm run tickets:backfill -- [<tenant-slug>] [--from <ticket number>]');
  process.exit(2);
}

const stopTable = await useTable();

try {
  const { tenantIdBySlug } = await import('../shared/db/store.ts');
  const { listTenantSlugs } = await import('../shared/db/backfill.ts');
  const { backfillTickets } = await import('../shared/tickets/backfill.ts');
  const slugs = args.positionals.length ? args.positionals : await listTenantSlugs();
  for (const slug of slugs) {
    const tenantId = await tenantIdBySlug(slug);
    if (!tenantId) throw new Error(`no tenant with the address "${slug}"`);
    const from = args.values.from ? Number(args.values.from) : 1;
    const r = await backfillTickets(tenantId, {
      from,
      progress: (p) => console.log(`${slug}: up to #${p.next - 1} (cursor: --from ${p.next})`),
    });
    console.log(`${slug}: ${r.changed} tickets re-derived, ${r.unchanged} already right, ${r.missing} numbers without a ticket`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await stopTable();
}
