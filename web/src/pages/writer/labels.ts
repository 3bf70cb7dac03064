// The writer's codes as a page shows them: option lists for filters and the badge tone of each status.
import type { ContentStatus, ContentStructure, TaskStatus } from '../../gql/graphql';

type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'accent';

export const TASK_STATUSES: TaskStatus[] = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'];
export const CONTENT_STATUSES: ContentStatus[] = ['DRAFT', 'REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED'];
export const CONTENT_STRUCTURES: ContentStructure[] = [
  'ARTICLE',
  'GUIDE',
  'HOW_TO',
  'COMPARISON',
  'REVIEW',
  'LISTICLE',
  'LANDING_PAGE',
  'SERVICE_PAGE',
  'PRODUCT_PAGE',
  'CLUSTER_HUB',
];

export const TASK_STATUS_TONE: Record<TaskStatus, Tone> = {
  QUEUED: 'neutral',
  IN_PROGRESS: 'accent',
  COMPLETED: 'success',
  FAILED: 'danger',
};

export const CONTENT_STATUS_TONE: Record<ContentStatus, Tone> = {
  DRAFT: 'neutral',
  REVIEW: 'accent',
  APPROVED: 'success',
  PUBLISHED: 'success',
  ARCHIVED: 'warning',
};
