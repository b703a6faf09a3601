/** API shape of a contact's mail suppression (issue 8, bounces and complaints). */
import * as z from 'zod';

export const MailSuppressionView = z
  .object({
    suppressed: z.boolean(),
    reason: z.enum(['hard_bounce', 'complaint']).optional(),
    detail: z.string().optional().describe('What the receiving server said, e.g. `550 5.1.1 user unknown`'),
    at: z.string().optional(),
  })
  .meta({ id: 'MailSuppression' });
export type MailSuppressionView = z.infer<typeof MailSuppressionView>;
