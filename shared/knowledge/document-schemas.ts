/** The API shapes of documents (issue 9, Q3), validated with zod. */
import * as z from 'zod';
import { multiLine, singleLine } from '../text.ts';
import { AttachmentIdParam, AttachmentRef } from '../attachments/schemas.ts';
import { TopicRef } from './topic-schemas.ts';
import { AUDIENCES, DOCUMENT_TYPES, KNOWLEDGE_LIMITS } from './constants.ts';

export const DocumentType = z.enum(DOCUMENT_TYPES).meta({ id: 'DocumentType', description: 'What the file is: its icon and player' });
export const Audience = z
  .enum(AUDIENCES)
  .meta({ id: 'Audience', description: 'public: everybody; customers: signed-in customers of the tenant; staff: staff only' });

const Id = z.string().regex(/^[\w-]{1,64}$/);

/** Tags: trimmed, lower-case, each once; at most KNOWLEDGE_LIMITS.tags of KNOWLEDGE_LIMITS.tag characters. */
export const Tags = z
  .array(singleLine(1, KNOWLEDGE_LIMITS.tag))
  .max(KNOWLEDGE_LIMITS.tags)
  .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))])
  .describe(`At most ${KNOWLEDGE_LIMITS.tags} tags`);

export const Document = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    topicId: z.string().optional(),
    topic: TopicRef.optional().describe('The topic named (a deleted one is marked)'),
    tags: z.array(z.string()),
    type: DocumentType,
    audience: Audience,
    file: AttachmentRef.describe('Download it with getAttachment (videos and images are served inline)'),
    authorName: z.string(),
    updatedAt: z.string(),
    version: z.number().int().describe('Send it back with a change (optimistic concurrency)'),
  })
  .meta({ id: 'Document' });
export type Document = z.infer<typeof Document>;

export const DocumentList = z.object({ items: z.array(Document) }).meta({ id: 'DocumentList' });
export type DocumentList = z.infer<typeof DocumentList>;

export const ListDocumentsQuery = z
  .object({
    topicId: Id.optional().describe('Only documents of this topic'),
    tag: z.string().trim().toLowerCase().max(KNOWLEDGE_LIMITS.tag).optional().describe('Only documents with this tag'),
    type: DocumentType.optional(),
  })
  .meta({ id: 'ListDocumentsQuery' });
export type ListDocumentsFilter = z.output<typeof ListDocumentsQuery>;

export const CreateDocumentInput = z
  .object({
    attachmentId: AttachmentIdParam.shape.attachmentId.describe('The file: an upload of the caller (createAttachmentUpload)'),
    title: singleLine(1, KNOWLEDGE_LIMITS.title),
    description: multiLine(0, KNOWLEDGE_LIMITS.description).optional(),
    topicId: Id.optional(),
    tags: Tags.optional(),
    type: DocumentType.optional().describe('Default: told from the file (image, video, PDF → manual, else other)'),
    audience: Audience.default('customers'),
  })
  .meta({ id: 'CreateDocumentInput' });
export type CreateDocumentInput = z.input<typeof CreateDocumentInput>;

export const UpdateDocumentInput = z
  .object({
    attachmentId: AttachmentIdParam.shape.attachmentId.optional().describe('A new file replacing the old one'),
    title: singleLine(1, KNOWLEDGE_LIMITS.title).optional(),
    description: multiLine(0, KNOWLEDGE_LIMITS.description).optional(),
    topicId: Id.nullable().optional().describe('null: no topic'),
    tags: Tags.optional(),
    type: DocumentType.optional(),
    audience: Audience.optional(),
    version: z.number().int().min(0),
  })
  .meta({ id: 'UpdateDocumentInput' });
export type UpdateDocumentInput = z.input<typeof UpdateDocumentInput>;

export const DocumentIdParam = z.object({ id: Id });

export const DeleteDocumentQuery = z.object({
  version: z.coerce.number().int().min(0).optional().describe('The version the caller saw: refused with 409 if it changed meanwhile'),
});
