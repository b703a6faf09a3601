/** Input and output of the reply lease (K14), for the route table (no store behind it). */
import * as z from 'zod';
import { TicketLock } from './schemas.ts';

export const LockInput = z
  .object({ takeOver: z.boolean().optional().describe("Take the lease even if someone else holds it (recorded in the ticket's history)") })
  .meta({ id: 'LockInput' });
export type LockInput = z.infer<typeof LockInput>;

export const LockResponse = z.object({ lock: TicketLock }).meta({ id: 'LockResponse' });
export type LockResponse = z.infer<typeof LockResponse>;
