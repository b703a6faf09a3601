/** API shapes of the mail channel (issue 8). */
import * as z from 'zod';
import { MAIL_LIMITS } from './constants.ts';

export const SupportAddress = z.object({
  address: z.email().max(254),
  teamId: z.string().optional().describe('Tickets from mail to this address go to this team'),
});

/** `getInboundSettings`. */
export const InboundSettings = z
  .object({
    inboundAddress: z.string().describe('{slug}@{INBOUND_MAIL_DOMAIN}: forward the organisation’s support address here'),
    supportAddresses: z.array(SupportAddress),
    reopenGraceDays: z.number().int().min(0).max(365),
    version: z.number().int(),
  })
  .meta({ id: 'InboundSettings' });

export const UpdateInboundSettingsInput = z
  .object({
    supportAddresses: z.array(SupportAddress).max(MAIL_LIMITS.maxSupportAddresses).optional(),
    reopenGraceDays: z.number().int().min(0).max(365).optional(),
    version: z.number().int().min(0),
  })
  .meta({ id: 'UpdateInboundSettingsInput' });

/** `mergeTicket`: this ticket (a duplicate) goes into `into`. */
export const MergeTicketInput = z
  .object({
    into: z.number().int().positive(),
    version: z.number().int().min(0).describe('Of the merged (source) ticket'),
    confirmDifferentRequester: z
      .boolean()
      .optional()
      .describe('Merge although the target has another requester (refused with merge_different_requester otherwise)'),
  })
  .meta({ id: 'MergeTicketInput' });

export const MessageIdParam = z.object({ number: z.coerce.number().int().positive(), messageId: z.string().min(1).max(80) });
