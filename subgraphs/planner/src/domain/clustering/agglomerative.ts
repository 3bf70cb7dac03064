// Agglomerative clustering over a sparse similarity graph: a pair never listed counts as similarity 0.
import type { SimilarityEdges } from './neighbours.js';

export type Linkage = 'average' | 'complete' | 'single';
export const LINKAGES: readonly Linkage[] = ['average', 'complete', 'single'];

/**
 * What is known of the keyword pairs between each two linked clusters, enough for any of the linkages:
 * one slot per link in typed arrays (a million links as objects would cost several times the memory).
 */
class LinkPool {
  readonly sum: Float64Array;
  readonly count: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;

  constructor(edges: SimilarityEdges) {
    this.sum = Float64Array.from(edges.similarity);
    this.count = new Float64Array(edges.similarity.length).fill(1);
    this.min = Float64Array.from(edges.similarity);
    this.max = Float64Array.from(edges.similarity);
  }

  /** Adds link `from`'s pairs to link `into`. */
  absorb(into: number, from: number): void {
    this.sum[into]! += this.sum[from]!;
    this.count[into]! += this.count[from]!;
    this.min[into] = Math.min(this.min[into]!, this.min[from]!);
    this.max[into] = Math.max(this.max[into]!, this.max[from]!);
  }

  score(linkage: Linkage, link: number, sizeA: number, sizeB: number): number {
    if (linkage === 'average') return this.sum[link]! / (sizeA * sizeB);
    if (linkage === 'single') return this.max[link]!;
    return this.count[link] === sizeA * sizeB ? this.min[link]! : 0;
  }
}

/**
 * Merges the two most similar clusters while their linkage reaches `threshold`, and returns each keyword's
 * cluster as the index of one of its members.
 *
 * It runs as a nearest-neighbour chain: follow each cluster to its most similar neighbour until two
 * clusters are each other's nearest, and merge those. Average, complete and single linkage are reducible
 * (a merged cluster is never more similar to a third than the closer of its parts was), so this makes the
 * same merges as always taking the globally best pair, without a heap of candidate pairs (millions at
 * 10,000 keywords). A cluster whose best neighbour is under the threshold is final for the same reason.
 * Ties go to the lower cluster index, and to the chain's previous cluster first, so no cycle forms.
 */
export function agglomerate(
  keywordCount: number,
  edges: SimilarityEdges,
  linkage: Linkage,
  threshold: number,
  onMerge?: () => void,
  /** Clusters to start from (each keyword's cluster as the index of a member), e.g. a finer level's. */
  initial?: Int32Array,
): Int32Array {
  const size = new Int32Array(keywordCount).fill(1);
  const parent = Int32Array.from({ length: keywordCount }, (_, k) => k);
  const final = new Uint8Array(keywordCount);
  const pool = new LinkPool(edges);
  // Each cluster's linked clusters → the slot of their link in `pool`, the same slot from both sides.
  const links: Array<Map<number, number>> = Array.from({ length: keywordCount }, () => new Map());
  for (let k = 0; k < edges.from.length; k++) {
    links[edges.from[k]!]!.set(edges.to[k]!, k);
    links[edges.to[k]!]!.set(edges.from[k]!, k);
  }
  const score = (a: number, b: number) => pool.score(linkage, links[a]!.get(b)!, size[a]!, size[b]!);

  /** The most similar neighbour of `cluster` if it reaches the threshold, else -1; ties as described above. */
  const nearest = (cluster: number, previous: number): number => {
    let best = previous;
    let bestScore = previous < 0 ? Number.NEGATIVE_INFINITY : score(cluster, previous);
    const clusterSize = size[cluster]!;
    // forEach, not for…of: no entry array per link on this, the hottest loop.
    links[cluster]!.forEach((link, other) => {
      const candidate = pool.score(linkage, link, clusterSize, size[other]!);
      if (candidate > bestScore || (candidate === bestScore && best !== previous && other < best)) {
        best = other;
        bestScore = candidate;
      }
    });
    return bestScore >= threshold ? best : -1;
  };

  // The initial clusters are rebuilt by the same merges (their links summed), not reported as progress.
  let replaying = false;
  const merge = (a: number, b: number) => {
    // The cluster with fewer links is folded into the other, so relinking costs the smaller side.
    const [kept, folded] = links[a]!.size >= links[b]!.size ? [a, b] : [b, a];
    const keptLinks = links[kept]!;
    for (const [other, link] of links[folded]!) {
      links[other]!.delete(folded);
      if (other === kept) continue;
      const existing = keptLinks.get(other);
      if (existing !== undefined) {
        // Both clusters' maps hold this slot, so `other` sees the update too.
        pool.absorb(existing, link);
      } else {
        keptLinks.set(other, link);
        links[other]!.set(kept, link);
      }
    }
    links[folded] = new Map();
    parent[folded] = kept;
    size[kept]! += size[folded]!;
    if (!replaying) onMerge?.();
    return kept;
  };

  const root = (keyword: number): number => {
    let at = keyword;
    while (parent[at] !== at) at = parent[at]!;
    for (let step = keyword; parent[step] !== at; ) [step, parent[step]] = [parent[step]!, at];
    return at;
  };

  if (initial) {
    replaying = true;
    for (let k = 0; k < keywordCount; k++) {
      const a = root(k);
      const b = root(initial[k]!);
      if (a !== b) merge(a, b);
    }
  }
  replaying = false;

  // Every cluster starts a chain once; a merged cluster is queued to start one again.
  const starts = Array.from({ length: keywordCount }, (_, k) => k);
  const chain: number[] = [];
  for (let s = 0; s < starts.length; s++) {
    const start = starts[s]!;
    if (parent[start] !== start || final[start]) continue;
    chain.push(start);
    while (chain.length > 0) {
      const top = chain[chain.length - 1]!;
      const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
      const next = nearest(top, previous);
      if (next < 0) {
        final[top] = 1;
        chain.pop();
      } else if (next === previous) {
        chain.length -= 2;
        starts.push(merge(top, previous));
      } else {
        chain.push(next);
      }
    }
  }

  return Int32Array.from({ length: keywordCount }, (_, k) => root(k));
}
