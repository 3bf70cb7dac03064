// The clustering pipeline with every knob exposed: the public entry point fixes the knobs per granularity,
// the measurements vary them.
import { INTENTS } from '../intent.js';
import { agglomerate, type Linkage } from './agglomerative.js';
import { blendEmbeddingSimilarity } from './embeddings.js';
import { buildKeywordVectors, type FeatureSettings, normaliseKeyword } from './features.js';
import { findSimilarPairs, type SimilarityEdges } from './neighbours.js';
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
  /**
   * Topics first: keywords are grouped coarsely (average linkage down to this, whatever their intent), and
   * each topic's keywords are then weighed against that topic only, so a term most of a topic shares (its
   * head entity: "iceland", "plumber") counts for little inside it. 0 weighs every keyword against all, as
   * does clustering with embeddings.
   */
  topicThreshold: number;
  /**
   * After merging, a keyword left alone joins the group of its most similar keyword when they are at least
   * this similar (and that group has more than it): "best dog clippers" near "best dog brush for shedding"
   * is a page's section, not a page. 0 leaves singletons alone.
   */
  attachThreshold: number;
  /**
   * Levels merged and attached before this one, finest first: each level starts from the groups of the one
   * before, so a finer granularity's groups always lie inside a coarser one's.
   */
  finerLevels: ReadonlyArray<{ threshold: number; attachThreshold: number }>;
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
  // Progress: two units per keyword scored against the others (against all, then within its topic), then
  // one per keyword placed by merging.
  const report = progressReporter(3 * n, options.onProgress);

  const texts = prepared.map((keyword) => keyword.normalised);
  const partOf = Int32Array.from(prepared, (keyword) => INTENTS.indexOf(keyword.intent));
  let lexical: SimilarityEdges;
  // With embeddings the topics are left to them: on stand-in embeddings (hashed bags of stems) the topic
  // pass cost 0.03 ARI on the committed set, since their pairs across topics then meet no lexical ones.
  if (settings.topicThreshold > 0 && !options.embeddings) {
    const everything = buildKeywordVectors(texts, settings);
    const topicEdges = findSimilarPairs(everything, new Int32Array(n), settings.floor, settings.neighbourLimit, report);
    const topicOf = agglomerate(n, topicEdges, 'average', settings.topicThreshold);
    lexical = pairsWithinTopics(texts, topicOf, partOf, settings, (done) => report(n + done));
  } else {
    lexical = findSimilarPairs(
      buildKeywordVectors(texts, settings),
      partOf,
      settings.floor,
      settings.neighbourLimit,
      (done) => report(2 * done),
    );
  }
  let edges = lexical;
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
      lexical,
      partOf,
      settings.embeddingShare,
      settings.floor,
      settings.neighbourLimit,
    );
  }
  let merged = 0;
  let clusterOf: Int32Array | undefined;
  for (const level of [...settings.finerLevels, settings]) {
    clusterOf = agglomerate(n, edges, settings.linkage, level.threshold, () => report(2 * n + ++merged), clusterOf);
    // Attached by words shared: an embedding's nearest keyword can be noise for a keyword like no other.
    if (level.attachThreshold > 0) attachSingletons(clusterOf, lexical, level.attachThreshold);
  }
  report(3 * n);

  const members = new Map<number, Prepared[]>();
  prepared.forEach((keyword, k) => {
    const cluster = clusterOf![k]!;
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

/**
 * The similar pairs of each topic, its keywords weighed against each other only (TF-IDF over the topic), as
 * one graph over all keywords: pairs never cross topics.
 */
function pairsWithinTopics(
  texts: readonly string[],
  topicOf: Int32Array,
  partOf: Int32Array,
  settings: ClusterSettings,
  onRow: (done: number) => void,
): SimilarityEdges {
  const members = new Map<number, number[]>();
  topicOf.forEach((topic, k) => {
    const list = members.get(topic);
    if (list) list.push(k);
    else members.set(topic, [k]);
  });
  const from: number[] = [];
  const to: number[] = [];
  const similarity: number[] = [];
  let done = 0;
  for (const list of members.values()) {
    if (list.length > 1) {
      const vectors = buildKeywordVectors(
        list.map((k) => texts[k]!),
        settings,
      );
      const parts = Int32Array.from(list, (k) => partOf[k]!);
      const local = findSimilarPairs(vectors, parts, settings.floor, settings.neighbourLimit, (row) =>
        onRow(done + row),
      );
      // Members are in ascending order, so each pair stays (lower, higher).
      for (let e = 0; e < local.from.length; e++) {
        from.push(list[local.from[e]!]!);
        to.push(list[local.to[e]!]!);
        similarity.push(local.similarity[e]!);
      }
    }
    done += list.length;
    onRow(done);
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), similarity: Float32Array.from(similarity) };
}

/** See `attachThreshold`: decided on the groups as merging left them, so the order of keywords does not matter. */
function attachSingletons(clusterOf: Int32Array, edges: SimilarityEdges, threshold: number): void {
  const size = new Map<number, number>();
  for (const cluster of clusterOf) size.set(cluster, (size.get(cluster) ?? 0) + 1);
  const best = new Int32Array(clusterOf.length).fill(-1);
  const bestSimilarity = new Float32Array(clusterOf.length);
  const offer = (keyword: number, other: number, similarity: number) => {
    if (size.get(clusterOf[keyword]!) !== 1 || size.get(clusterOf[other]!)! < 2) return;
    if (similarity > bestSimilarity[keyword]! || (similarity === bestSimilarity[keyword] && other < best[keyword]!)) {
      best[keyword] = other;
      bestSimilarity[keyword] = similarity;
    }
  };
  for (let e = 0; e < edges.from.length; e++) {
    const similarity = edges.similarity[e]!;
    if (similarity < threshold) continue;
    offer(edges.from[e]!, edges.to[e]!, similarity);
    offer(edges.to[e]!, edges.from[e]!, similarity);
  }
  const joined = Int32Array.from(best, (other, keyword) => (other < 0 ? clusterOf[keyword]! : clusterOf[other]!));
  clusterOf.set(joined);
}
