/** API shapes of the anonymous reads of a public portal's knowledge (issue 9): search and files. */
import * as z from 'zod';
import { AttachmentIdParam } from '../attachments/schemas.ts';
import { SearchQuery } from '../search/schemas.ts';

const Slug = z.string().min(1).max(64);

/** The portal whose public knowledge is searched. */
export const PublicSearchParams = z.object({ slug: Slug });

/** The query of `searchPublic`: the same fields as `search` (tickets are never found anonymously). */
export const PublicSearchQuery = SearchQuery;

/** A file of a public knowledge item of a portal. */
export const PublicFileParams = z.object({ slug: Slug }).extend(AttachmentIdParam.shape);
