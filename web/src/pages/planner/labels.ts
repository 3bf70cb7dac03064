// The planner's codes as a page shows them: option lists for filters and the badge tone of each status.
import type { ClusterContextType, ClusterStatus, IdeaStatus, KeywordIntent, KeywordStatus } from '../../gql/graphql';

type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'accent';

export const KEYWORD_STATUSES: KeywordStatus[] = ['NEW', 'CLUSTERED', 'MAPPED', 'ARCHIVED'];
export const KEYWORD_INTENTS: KeywordIntent[] = ['INFORMATIONAL', 'COMMERCIAL', 'TRANSACTIONAL', 'NAVIGATIONAL'];
export const CLUSTER_STATUSES: ClusterStatus[] = ['NEW', 'IDEAS_GENERATED', 'MAPPED', 'ARCHIVED'];
export const CLUSTER_CONTEXT_TYPES: ClusterContextType[] = ['TOPIC', 'PRODUCT', 'SERVICE', 'CATEGORY'];
export const IDEA_STATUSES: IdeaStatus[] = ['NEW', 'QUEUED', 'COMPLETED'];

export const KEYWORD_STATUS_TONE: Record<KeywordStatus, Tone> = {
  NEW: 'neutral',
  CLUSTERED: 'accent',
  MAPPED: 'success',
  ARCHIVED: 'warning',
};

export const CLUSTER_STATUS_TONE: Record<ClusterStatus, Tone> = {
  NEW: 'neutral',
  IDEAS_GENERATED: 'accent',
  MAPPED: 'success',
  ARCHIVED: 'warning',
};

export const IDEA_STATUS_TONE: Record<IdeaStatus, Tone> = {
  NEW: 'neutral',
  QUEUED: 'accent',
  COMPLETED: 'success',
};

/** A cluster's average difficulty (one decimal), or a dash while none is known. */
export const formatDifficulty = (difficulty: number | null) =>
  difficulty === null ? '—' : difficulty.toLocaleString(undefined, { maximumFractionDigits: 1 });
