// The plain data that goes into and comes out of keyword clustering.
import type { Intent } from '../intent.js';

export type Granularity = 'tight' | 'balanced' | 'broad';

export interface ClusterableKeyword {
  id: string;
  keyword: string;
  volume: number;
  intent: Intent;
}

export interface KeywordGroup {
  /** The members: by volume, highest first, then by keyword. */
  keywordIds: string[];
  /** The one intent family of every member: groups never mix intents. */
  intent: Intent;
}

export interface ClusterOptions {
  /** Default 'balanced'. */
  granularity?: Granularity;
  /**
   * Provider embeddings by keyword id; when given (for all keywords) similarity blends their centred
   * cosine with the lexical one.
   */
  embeddings?: ReadonlyMap<string, readonly number[]>;
  /** Called now and then with (done, total) so a job can report progress. */
  onProgress?: (done: number, total: number) => void;
}
