/**
 * `npx tsx test/bench/workflow-only.ts`: only the workflow section of `npm run bench` (the take
 * race and the capacity per action, `countTickets` included), on its own local stack with a desk
 * of `BENCH_DESK` tickets (default 2000, about what the full bench's load phases leave: half new,
 * half waiting for support), so the counts' cost is measured on a busy desk without the rest.
 */
import { startLocalStack } from '../../infra/local/stack.ts';
import { db } from '../../shared/db/client.ts';
import { nextTicketNumber, putNewTicket } from '../../shared/db/store.ts';
import type { TicketItem } from '../../shared/db/items.ts';
import { benchWorkflow } from './workflow.ts';

const DESK = Number(process.env.BENCH_DESK ?? 2000);

let capacity: { op: string; units: number }[] = [];
db(null).middlewareStack.add(
  (next, context) => async (args) => {
    (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'INDEXES';
    const r = await next(args);
    const out = (r.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    for (const c of ([] as { CapacityUnits?: number }[]).concat((out as never) ?? []))
      capacity.push({ op: context.commandName ?? '?', units: c.CapacityUnits ?? 0 });
    return r;
  },
  { step: 'initialize', name: 'benchCapacity' },
);

const stack = await startLocalStack({ port: 0, dataDir: null, demo: false });
try {
  const signup = await fetch(`${stack.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisationName: 'Bench Org', slug: 'bench', adminName: 'Bench Admin', email: 'bench@example.com', password: 'bench-password-1' }),
  });
  const session = (await signup.json()) as { token: string; tenant: { id: string }; user: { id: string } };
  const tenantId = session.tenant.id;
  const at = new Date().toISOString();
  const desk: Omit<TicketItem, 'number' | 'status'> = {
    kind: 'ticket',
    subject: 'Printer on floor 2 does not print',
    description: 'Paper jam message since this morning. '.repeat(8),
    priority: 'normal',
    category: 'Hardware',
    requesterId: session.user.id,
    requesterName: 'Bench Admin',
    contact: { name: 'Bench Admin' },
    channel: 'api',
    createdBy: session.user.id,
    createdByName: 'Bench Admin',
    createdAt: at,
    updatedAt: at,
  };
  for (let i = 0; i < DESK; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, DESK - i) }, async (_, k) =>
        putNewTicket(tenantId, { ...desk, status: (i + k) % 2 ? 'open' : 'new', number: await nextTicketNumber(tenantId) }),
      ),
    );
  }
  console.log(`desk: ${DESK} tickets`);
  await benchWorkflow(stack.url, tenantId, session.token, {
    reset: () => void (capacity = []),
    take: () => capacity.splice(0),
    settle: () => stack.settleEffects(),
  });
} finally {
  await stack.stop();
}
