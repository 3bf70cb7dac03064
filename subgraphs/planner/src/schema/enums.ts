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
import { enumOf, SORT_DIRECTIONS } from '@igny8/lib';
import { builder } from '../builder.js';
import { GRANULARITIES } from '../domain/clustering/index.js';
import { CLUSTER_ORDER_FIELDS } from '../domain/clusters.js';
import { IDEA_ORDER_FIELDS } from '../domain/ideas.js';
import { KEYWORD_ORDER_FIELDS } from '../domain/keywords.js';

export const KeywordIntentEnum = enumOf(builder, 'KeywordIntent', KEYWORD_INTENTS, 'Why a person searches a keyword.');
export const KeywordStatusEnum = enumOf(
  builder,
  'KeywordStatus',
  KEYWORD_STATUSES,
  'NEW until clustered; CLUSTERED in a cluster; MAPPED once content targets it; ARCHIVED set aside.',
);
export const KeywordSourceEnum = enumOf(builder, 'KeywordSource', KEYWORD_SOURCES, 'How a keyword came in.');
export const IntentSourceEnum = enumOf(
  builder,
  'IntentSource',
  INTENT_SOURCES,
  "Where a keyword's intent came from: the rules, the imported file, the AI provider or a person.",
);
export const ClusterStatusEnum = enumOf(
  builder,
  'ClusterStatus',
  CLUSTER_STATUSES,
  'Where a cluster is in the pipeline.',
);
export const ClusterContextTypeEnum = enumOf(
  builder,
  'ClusterContextType',
  CLUSTER_CONTEXT_TYPES,
  'What kind of page a cluster becomes: a topic article, a product, a service or a category page.',
);
export const ContentTypeEnum = enumOf(builder, 'ContentType', CONTENT_TYPES, 'The format of a piece of content.');
export const IdeaStatusEnum = enumOf(
  builder,
  'IdeaStatus',
  IDEA_STATUSES,
  'NEW; QUEUED once sent to the writer; COMPLETED once written.',
);
export const ClusterGranularityEnum = enumOf(
  builder,
  'ClusterGranularity',
  GRANULARITIES,
  'How finely auto-cluster groups: TIGHT (many small, close-knit clusters), BALANCED (default) or BROAD (fewer, wider topics).',
);
export const KeywordOrderFieldEnum = enumOf(
  builder,
  'KeywordOrderField',
  KEYWORD_ORDER_FIELDS,
  'What a keyword list is sorted by.',
);
export const ClusterOrderFieldEnum = enumOf(
  builder,
  'ClusterOrderField',
  CLUSTER_ORDER_FIELDS,
  'What a cluster list is sorted by.',
);
export const IdeaOrderFieldEnum = enumOf(
  builder,
  'IdeaOrderField',
  IDEA_ORDER_FIELDS,
  'What an idea list is sorted by.',
);
export const SortDirectionEnum = enumOf(builder, 'SortDirection', SORT_DIRECTIONS, 'Sort order.');
