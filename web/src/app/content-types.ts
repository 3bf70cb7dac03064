// The content types ideas are planned as and strategies are written for, in the order a person
// picks them: the Planner's ContentType and the Thinker's StrategyContentType name the same types.
import type { ContentType } from '../gql/graphql';

export const CONTENT_TYPES: readonly ContentType[] = [
  'POST',
  'PAGE',
  'PRODUCT',
  'GUIDE',
  'COMPARISON',
  'REVIEW',
  'LISTICLE',
  'HOW_TO',
];
