import {
  CLUSTER_CONTEXT_TYPES,
  CLUSTER_STATUSES,
  CONTENT_TYPES,
  IDEA_STATUSES,
  INTENT_SOURCES,
  KEYWORD_INTENTS,
  KEYWORD_SOURCES,
  KEYWORD_STATUSES,
} from '@igny8/db/planner';
import { upperCaseEnumValues } from '@igny8/lib';
import { builder } from '../builder.js';
import { GRANULARITIES } from '../domain/clustering/index.js';
import { CLUSTER_ORDER_FIELDS } from '../store/clusters.js';
import { IDEA_ORDER_FIELDS } from '../store/ideas.js';
import { KEYWORD_ORDER_FIELDS } from '../store/keywords.js';

const enumOf = <const T extends readonly string[]>(name: string, values: T, description: string) =>
  builder.enumType(name, { description, values: upperCaseEnumValues(values) });

export const KeywordIntentEnum = enumOf('KeywordIntent', KEYWORD_INTENTS, 'Why a person searches a keyword.');
export const KeywordStatusEnum = enumOf(
  'KeywordStatus',
  KEYWORD_STATUSES,
  'NEW until clustered; CLUSTERED in a cluster; MAPPED once content targets it; ARCHIVED set aside.',
);
export const KeywordSourceEnum = enumOf('KeywordSource', KEYWORD_SOURCES, 'How a keyword came in.');
export const IntentSourceEnum = enumOf(
  'IntentSource',
  INTENT_SOURCES,
  "Where a keyword's intent came from: the rules, the imported file, the AI provider or a person.",
);
export const ClusterStatusEnum = enumOf('ClusterStatus', CLUSTER_STATUSES, 'Where a cluster is in the pipeline.');
export const ClusterContextTypeEnum = enumOf(
  'ClusterContextType',
  CLUSTER_CONTEXT_TYPES,
  'What kind of page a cluster becomes: a topic article, a product, a service or a category page.',
);
export const ContentTypeEnum = enumOf('ContentType', CONTENT_TYPES, 'The format of a piece of content.');
export const IdeaStatusEnum = enumOf(
  'IdeaStatus',
  IDEA_STATUSES,
  'NEW; QUEUED once sent to the writer; COMPLETED once written.',
);
export const ClusterGranularityEnum = enumOf(
  'ClusterGranularity',
  GRANULARITIES,
  'How finely auto-cluster groups: TIGHT (many small, close-knit clusters), BALANCED (default) or BROAD (fewer, wider topics).',
);
export const KeywordOrderFieldEnum = enumOf(
  'KeywordOrderField',
  KEYWORD_ORDER_FIELDS,
  'What a keyword list is sorted by.',
);
export const ClusterOrderFieldEnum = enumOf(
  'ClusterOrderField',
  CLUSTER_ORDER_FIELDS,
  'What a cluster list is sorted by.',
);
export const IdeaOrderFieldEnum = enumOf('IdeaOrderField', IDEA_ORDER_FIELDS, 'What an idea list is sorted by.');
export const SortDirectionEnum = enumOf('SortDirection', ['asc', 'desc'] as const, 'Sort order.');
