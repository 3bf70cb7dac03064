// Keyword clustering: intent-split agglomerative clustering over a sparse TF-IDF similarity graph.
//
// How: keywords are normalised and Porter-stemmed; each becomes a TF-IDF vector of stems (50 % of the
// cosine), adjacent stem pairs (20 %) and character 3/4-grams of the stems (30 %, so "groomer" meets
// "grooming"); stopwords are dropped and intent modifiers ("best", "buy", "how", "review", "how long
// does it take") count a quarter, since intent splits the groups anyway and "best creatine" should not
// look like "best protein powder". An inverted index finds the pairs with cosine ≥ 0.05 within the same
// intent, each keyword keeping its 64 most similar; average-linkage agglomerative clustering (as a
// nearest-neighbour chain) merges over that sparse graph, pairs not in it counting as 0.
//
// Intent is a hard split: each intent is clustered on its own, so no group mixes intents. Gold groups
// are what one page targets, and "best espresso machine" (a review listicle) and "buy espresso machine"
// (a shop's category page) are different pages; letting commercial and transactional keywords share
// groups measured worse (row below), not splitting at all worse still.
//
// MEASURED on test/fixtures/labelled-keywords.ts (414 keywords, 51 gold groups, 10 niches), intents from
// classifyIntent as the product assigns them; ARI / V-measure and the number of groups, by threshold:
//
//   threshold               0.04            0.06            0.08            0.10            0.12            0.15            0.20            0.25            0.30
//   average linkage         0.715/0.925 62  0.742/0.930 68  0.754/0.934 73  0.755/0.935 75  0.760/0.935 77  0.747/0.931 84  0.747/0.927 95  0.699/0.915 110 0.659/0.904 136
//   complete linkage        0.726/0.920 91  0.726/0.920 92  0.726/0.920 92  0.726/0.920 92  0.719/0.919 93  0.696/0.912 105 0.651/0.902 123 0.599/0.893 148 0.555/0.882 165
//   single linkage          0.052/0.497 23  0.066/0.598 30  0.066/0.607 32  0.066/0.607 32  0.066/0.607 32  0.066/0.611 34  0.067/0.616 36  0.082/0.673 53  0.101/0.723 64
//   plain TF-IDF baseline*  0.343/0.785 29  0.509/0.845 40  0.613/0.875 53  0.655/0.890 59  0.659/0.895 69  0.671/0.900 79  0.668/0.901 91  0.662/0.898 114 0.613/0.889 132
//   modifiers full weight   0.424/0.827 34  0.621/0.884 52  0.696/0.906 61  0.704/0.912 69  0.714/0.916 75  0.706/0.915 81  0.685/0.908 100 0.626/0.896 126 0.584/0.886 147
//   no char n-grams         0.716/0.923 65  0.747/0.930 72  0.746/0.930 75  0.755/0.933 80  0.749/0.931 81  0.743/0.927 89  0.746/0.926 103 0.668/0.907 133 0.618/0.896 150
//   no bigrams              0.700/0.920 59  0.714/0.923 64  0.735/0.927 69  0.742/0.929 73  0.741/0.929 74  0.744/0.928 78  0.727/0.922 89  0.731/0.921 94  0.690/0.911 108
//   commercial+transact.    0.656/0.904 57  0.708/0.917 63  0.719/0.922 68  0.719/0.923 70  0.723/0.923 72  0.711/0.919 79  0.723/0.919 91  0.675/0.907 106 0.638/0.898 132
//   no intent split         0.604/0.887 44  0.632/0.895 49  0.627/0.895 52  0.631/0.896 54  0.631/0.895 56  0.628/0.894 62  0.641/0.895 72  0.597/0.883 91  0.583/0.878 115
//   * stems only, average linkage, modifiers at full weight: its best, 0.671/0.900, needs its threshold tuned.
//
// Average linkage wins at every threshold; single linkage chains whole niches together. Average's plateau is
// flat from 0.08 to 0.20, so the default does not hang on one tuned value. Per niche (a real account is
// mostly one niche) the mean over the 10 niches is 0.68/0.77 at 0.06, 0.73/0.85 at 0.12 and 0.66/0.81 at
// 0.20; each half of the niches alone, 0.78/0.93 and 0.71/0.90 at 0.12. Hence balanced = 0.12, with tight
// (0.20) and broad (0.06) at the edges of the plateau. With the gold intents instead of classifyIntent's
// the default reaches 0.805/0.952: the rest of the gap is keywords the rules read differently from the
// gold ("espresso machine" bare, "scrum vs kanban"). The neighbour limit changes nothing on this set
// (groups are small) and is what bounds time and memory on large ones (bench/clustering.ts: 10,000
// keywords in about 1.2 s, +160 MB peak; without it, 1.7 million pairs, 2.5 s, +507 MB; with 1,536-d
// embeddings, 3.7 s, candidate pairs then coming from random-hyperplane buckets). Reproduce the table
// with `BENCH_CLUSTERING_SWEEP=1 node --import tsx bench/clustering.ts`.
//
// Embeddings: only synthetic vectors were available (hashed bags of stems plus a shared offset, i.e. a
// weaker lexical signal), on which any share of them costs quality (share 0.5 at 0.12: 0.711/0.913).
// 0.5 is a prior for real provider embeddings, which bring what the lexical side lacks (synonyms, brand
// → category); measure it again on real ones before trusting it.
import { type ClusterSettings, clusterWithSettings } from './cluster.js';
import type { ClusterableKeyword, ClusterOptions, Granularity, KeywordGroup } from './types.js';

export type { ClusterableKeyword, ClusterOptions, Granularity, KeywordGroup } from './types.js';

export const GRANULARITIES: readonly Granularity[] = ['tight', 'balanced', 'broad'];

/**
 * Each granularity's merge threshold (average similarity between two groups) and the similarity at which a
 * keyword left alone joins its nearest group. Coarser levels start from the finer ones' groups, so each
 * group lies inside the next coarser one's.
 */
export const GRANULARITY_LEVELS: Readonly<Record<Granularity, { threshold: number; attachThreshold: number }>> = {
  tight: { threshold: 0.25, attachThreshold: 0.12 },
  balanced: { threshold: 0.12, attachThreshold: 0.05 },
  broad: { threshold: 0.06, attachThreshold: 0.03 },
};

export const DEFAULT_SETTINGS: ClusterSettings = {
  stemWeight: 0.5,
  bigramWeight: 0.2,
  charWeight: 0.3,
  charGramSizes: [3, 4],
  modifierWeight: 0.25,
  linkage: 'average',
  ...GRANULARITY_LEVELS.balanced,
  finerLevels: [GRANULARITY_LEVELS.tight],
  floor: 0.05,
  neighbourLimit: 64,
  embeddingShare: 0.5,
  topicThreshold: 0.03,
};

/**
 * Groups keywords that one page can target: the same input in any order gives the same groups, biggest
 * total volume first; a keyword like no other is a group of its own.
 */
export function clusterKeywords(keywords: readonly ClusterableKeyword[], options: ClusterOptions = {}): KeywordGroup[] {
  const levels = GRANULARITIES.slice(0, GRANULARITIES.indexOf(options.granularity ?? 'balanced') + 1).map(
    (granularity) => GRANULARITY_LEVELS[granularity],
  );
  return clusterWithSettings(
    keywords,
    { ...DEFAULT_SETTINGS, ...levels.at(-1)!, finerLevels: levels.slice(0, -1) },
    options,
  );
}
