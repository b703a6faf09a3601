/**
 * Knowledge topics (issue 9, Q4) as an ElectroDB entity. All topics of a tenant share one
 * partition (`{T}#TOPICS` / `TOPIC#{id}`): a tenant keeps dozens, so one Query lists them all and
 * every FAQ, article or document page resolves its topic names from that one page. A deleted
 * topic stays (with `deletedAt`), so whatever still names it keeps a readable label.
 */
import { Entity } from 'electrodb';
import { AS_IS, tenantIdAttribute } from './tenant.ts';

export const TopicEntity = new Entity(
  {
    model: { entity: 'topic', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['topic'] as const, required: true, default: 'topic', readOnly: true },
      topicId: { type: 'string', required: true, readOnly: true },
      /** The topic's name in each language (`{ de, en }`). */
      name: { type: 'any', required: true },
      /** A well-known role of the topic (e.g. the suggestion scheme's); absent for ordinary topics. */
      key: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Soft delete: the topic is no longer offered, but still names what it was given to. */
      deletedAt: { type: 'string' },
      /** Optimistic concurrency: raised by every change. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#TOPICS', casing: AS_IS },
        sk: { field: 'sk', composite: ['topicId'], template: 'TOPIC#${topicId}', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);

/**
 * A topic name claimed in one language, or a topic's well-known key (`{T}#TOPICNAME#{scope}#{key}`,
 * scope `de`, `en` or `key`): written with the topic in one transaction under
 * `attribute_not_exists`, so two live topics of a tenant never share a name in a language, even
 * when two people save at the same instant. Released when the topic is renamed or deleted.
 * `key` is the name folded (trimmed, spaces collapsed, lower case), or the topic's key as is.
 */
export const TopicNameEntity = new Entity(
  {
    model: { entity: 'topicName', version: '1', service: 'helpdesk' },
    attributes: {
      tenantId: tenantIdAttribute,
      kind: { type: ['topicName'] as const, required: true, default: 'topicName', readOnly: true },
      scope: { type: 'string', required: true, readOnly: true },
      key: { type: 'string', required: true, readOnly: true },
      topicId: { type: 'string', required: true },
    },
    indexes: {
      byName: {
        pk: { field: 'pk', composite: ['tenantId', 'scope', 'key'], template: '${tenantId}#TOPICNAME#${scope}#${key}', casing: AS_IS },
        sk: { field: 'sk', composite: [], template: 'TOPICNAME', casing: AS_IS },
      },
    },
  },
  { ignoreOwnership: true },
);
