// The clustering pipeline with every knob exposed: the public entry point fixes the knobs per granularity,
// the measurements vary them.
import { INTENTS } from '../intent.js';
import { agglomerate, type Linkage } from './agglomerative.js';
import { blendEmbeddingSimilarity } from './embeddings.js';
import { buildKeywordVectors, type FeatureSettings, normaliseKeyword } from './features.js';
import { findSimilarPairs } from './neighbours.js';
import type { ClusterableKeyword, ClusterOptions, KeywordGroup } from './types.js';

export interface ClusterSettings extends FeatureSettings {
  linkage: Linkage;
  /** Clusters merge while their linkage is at least this. */
  threshold: number;
  /** Pairs less similar than this are not kept, i.e. count as 0: what keeps the graph sparse. */
  floor: number;
  /** Each keyword keeps its pairs with this many most similar keywords (and theirs with it), no more. */
  neighbourLimit: number;
  /** Share of the embedding cosine in a pair's similarity when embeddings are given. */
  embeddingShare: number;
}

interface Prepared extends ClusterableKeyword {
  normalised: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How often progress is reported: about every percent. */
const progressReporter = (total: number, onProgress: ClusterOptions['onProgress']) => {
  const step = Math.max(1, Math.floor(total / 100));
  let last = 0;
  return (done: number) => {
    if (onProgress && (done - last >= step || done === total)) {
      last = done;
      onProgress(done, total);
    }
  };
};

export function clusterWithSettings(
  keywords: readonly ClusterableKeyword[],
  settings: ClusterSettings,
  options: Pick<ClusterOptions, 'embeddings' | 'onProgress'> = {},
): KeywordGroup[] {
  // One order whatever the caller's, so every tie below breaks the same way.
  const prepared: Prepared[] = keywords
    .map((keyword) => ({ ...keyword, normalised: normaliseKeyword(keyword.keyword) }))
    .sort((a, b) => byText(a.normalised, b.normalised) || byText(a.id, b.id));
  const n = prepared.length;
  // Progress: a unit per keyword scored against the others, then one per keyword placed by merging.
  const report = progressReporter(2 * n, options.onProgress);

  const vectors = buildKeywordVectors(
    prepared.map((keyword) => keyword.normalised),
    settings,
  );
  const partOf = Int32Array.from(prepared, (keyword) => INTENTS.indexOf(keyword.intent));
  let edges = findSimilarPairs(vectors, partOf, settings.floor, settings.neighbourLimit, report);
  if (options.embeddings) {
    const { embeddings } = options;
    const vectorsById = prepared.map((keyword) => {
      const embedding = embeddings.get(keyword.id);
      if (!embedding) {
        throw new RangeError(`no embedding for keyword ${keyword.id}: give one for every keyword or none`);
      }
      return embedding;
    });
    edges = blendEmbeddingSimilarity(
      vectorsById,
      edges,
      partOf,
      settings.embeddingShare,
      settings.floor,
      settings.neighbourLimit,
    );
  }
  let merged = 0;
  const clusterOf = agglomerate(n, edges, settings.linkage, settings.threshold, () => report(n + ++merged));
  report(2 * n);

  const members = new Map<number, Prepared[]>();
  prepared.forEach((keyword, k) => {
    const cluster = clusterOf[k]!;
    const list = members.get(cluster);
    if (list) list.push(keyword);
    else members.set(cluster, [keyword]);
  });
  const groups = [...members.values()].map((list) => {
    list.sort((a, b) => b.volume - a.volume || byText(a.normalised, b.normalised) || byText(a.id, b.id));
    return { list, volume: list.reduce((total, keyword) => total + keyword.volume, 0) };
  });
  groups.sort(
    (a, b) =>
      b.volume - a.volume ||
      byText(a.list[0]!.normalised, b.list[0]!.normalised) ||
      byText(a.list[0]!.id, b.list[0]!.id),
  );
  return groups.map(({ list }) => ({ keywordIds: list.map((keyword) => keyword.id), intent: list[0]!.intent }));
}
