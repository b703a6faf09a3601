/** The API shapes of the suggestion scheme (issue 9, Q6), validated with zod. */
import * as z from 'zod';

export const SuggestionSettings = z
  .object({
    enabled: z.boolean().describe('Customers may submit suggestions (requests under the suggestion topic)'),
    customersJoin: z.boolean().describe('Other customers see the suggestions (title and description) and may comment and like'),
    topicId: z.string().optional().describe('The topic suggestions come in under (created on first enabling)'),
    version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  })
  .meta({ id: 'SuggestionSettings' });
export type SuggestionSettings = z.infer<typeof SuggestionSettings>;

export const UpdateSuggestionSettingsInput = z
  .object({ enabled: z.boolean(), customersJoin: z.boolean(), version: z.number().int().min(0) })
  .meta({ id: 'UpdateSuggestionSettingsInput' });
export type UpdateSuggestionSettingsInput = z.input<typeof UpdateSuggestionSettingsInput>;

export const Suggestion = z
  .object({
    number: z.number().int().describe('The request it came in as'),
    title: z.string(),
    description: z.string(),
    authorName: z.string().optional().describe('Staff and the author only: another customer reads the idea, not who had it'),
    mine: z.boolean(),
    createdAt: z.string(),
    likes: z.number().int(),
    comments: z.number().int(),
    liked: z.boolean(),
    articleId: z.string().optional().describe('Accepted: the knowledge-base article it became'),
  })
  .meta({ id: 'Suggestion' });
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionList = z.object({ items: z.array(Suggestion).describe('Most liked first, then newest') }).meta({ id: 'SuggestionList' });
export type SuggestionList = z.infer<typeof SuggestionList>;

export const SuggestionNumberParam = z.object({ number: z.coerce.number().int().positive().max(1e12) });

export const AcceptSuggestionInput = z
  .object({ credit: z.boolean().default(true).describe('Name the author in the article ("Vorschlag von …"); false: leave the name out') })
  .meta({ id: 'AcceptSuggestionInput' });

export const AcceptSuggestionResult = z
  .object({ articleId: z.string().describe('The draft article (topic: the suggestion topic, crediting the author) to review and publish') })
  .meta({ id: 'AcceptSuggestionResult' });
