/**
 * Comments and likes on knowledge (issue 9, Q6): on an article or a suggestion (a ticket under
 * the suggestion topic). Everything about one target shares a partition
 * (`{T}#FEEDBACK#{target}`): its comments (`COMMENT#{createdAt}#{id}`), one like per user
 * (`LIKE#{userId}`, written only if absent, so a like counts once) and the counters (`STATS`),
 * changed in the same transaction as the like or comment.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

const target = { type: 'string', required: true, readOnly: true } as const;
const pk = { field: 'pk', composite: ['tenantId', 'target'], template: '${tenantId}#FEEDBACK#${target}', casing: AS_IS } as const;

export const CommentEntity = new Entity(
  {
    model: { entity: 'comment', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['comment'] as const, required: true, default: 'comment', readOnly: true },
      /** `article#{id}` or `suggestion#{number}`. */
      target,
      commentId: { type: 'string', required: true, readOnly: true },
      authorId: { type: 'string', required: true, readOnly: true },
      authorName: { type: 'string', required: true },
      /** Whether the author is staff (the list marks the support team's voice). */
      byStaff: { type: 'boolean', required: true },
      body: { type: 'string', required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byTarget: { pk, sk: { field: 'sk', composite: ['createdAt', 'commentId'], template: 'COMMENT#${createdAt}#${commentId}', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);

export const LikeEntity = new Entity(
  {
    model: { entity: 'like', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['like'] as const, required: true, default: 'like', readOnly: true },
      target,
      userId: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byTarget: { pk, sk: { field: 'sk', composite: ['userId'], template: 'LIKE#${userId}', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);

export const FeedbackStatsEntity = new Entity(
  {
    model: { entity: 'feedbackStats', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['feedbackStats'] as const, required: true, default: 'feedbackStats', readOnly: true },
      target,
      likes: { type: 'number' },
      comments: { type: 'number' },
    },
    indexes: {
      byTarget: { pk, sk: { field: 'sk', composite: [], template: 'STATS', casing: AS_IS } },
    },
  },
  { ignoreOwnership: true },
);
