// Sparse similarity graph: the keyword pairs whose cosine reaches a floor, found through an inverted index.
import type { SparseVector } from './features.js';

/** Pair k joins keywords `from[k] < to[k]` with similarity `similarity[k]`. */
export interface SimilarityEdges {
  from: Int32Array;
  to: Int32Array;
  similarity: Float32Array;
}

/** A growable list of edges, so no n×n matrix is ever allocated. */
class EdgeList {
  #from = new Int32Array(1024);
  #to = new Int32Array(1024);
  #similarity = new Float32Array(1024);
  #length = 0;

  push(from: number, to: number, similarity: number): void {
    if (this.#length === this.#from.length) {
      const grow = <A extends Int32Array | Float32Array>(array: A, make: (size: number) => A): A => {
        const bigger = make(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.#from = grow(this.#from, (size) => new Int32Array(size));
      this.#to = grow(this.#to, (size) => new Int32Array(size));
      this.#similarity = grow(this.#similarity, (size) => new Float32Array(size));
    }
    this.#from[this.#length] = from;
    this.#to[this.#length] = to;
    this.#similarity[this.#length] = similarity;
    this.#length++;
  }

  finish(): SimilarityEdges {
    return {
      from: this.#from.slice(0, this.#length),
      to: this.#to.slice(0, this.#length),
      similarity: this.#similarity.slice(0, this.#length),
    };
  }
}

/**
 * Each keyword's `limit` most similar keywords, ties to the lower index: a min-heap per keyword, in one
 * flat array, of the best pairs offered so far.
 */
export class NearestNeighbours {
  readonly #keyword: Int32Array;
  readonly #similarity: Float32Array;
  readonly #count: Int32Array;

  constructor(
    keywordCount: number,
    private readonly limit: number,
  ) {
    this.#keyword = new Int32Array(keywordCount * limit);
    this.#similarity = new Float32Array(keywordCount * limit);
    this.#count = new Int32Array(keywordCount);
  }

  /** Whether slot a is worse than slot b: lower similarity, or equal and the higher keyword index. */
  #worse(a: number, b: number): boolean {
    const sa = this.#similarity[a]!;
    const sb = this.#similarity[b]!;
    return sa !== sb ? sa < sb : this.#keyword[a]! > this.#keyword[b]!;
  }

  #swap(a: number, b: number): void {
    [this.#keyword[a], this.#keyword[b]] = [this.#keyword[b]!, this.#keyword[a]!];
    [this.#similarity[a], this.#similarity[b]] = [this.#similarity[b]!, this.#similarity[a]!];
  }

  offer(owner: number, keyword: number, similarity: number): void {
    const base = owner * this.limit;
    const count = this.#count[owner]!;
    if (count < this.limit) {
      let at = count;
      this.#keyword[base + at] = keyword;
      this.#similarity[base + at] = similarity;
      this.#count[owner] = count + 1;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (!this.#worse(base + at, base + up)) break;
        this.#swap(base + at, base + up);
        at = up;
      }
      return;
    }
    const root = this.#similarity[base]!;
    if (similarity < root || (similarity === root && keyword > this.#keyword[base]!)) return;
    this.#keyword[base] = keyword;
    this.#similarity[base] = similarity;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      let worst = at;
      if (left < this.limit && this.#worse(base + left, base + worst)) worst = left;
      if (left + 1 < this.limit && this.#worse(base + left + 1, base + worst)) worst = left + 1;
      if (worst === at) return;
      this.#swap(base + at, base + worst);
      at = worst;
    }
  }

  has(owner: number, keyword: number): boolean {
    const base = owner * this.limit;
    for (let k = 0; k < this.#count[owner]!; k++) if (this.#keyword[base + k] === keyword) return true;
    return false;
  }

  /** Every pair either side kept, once, as (lower index, higher index). */
  edges(): SimilarityEdges {
    const edges = new EdgeList();
    for (let owner = 0; owner < this.#count.length; owner++) {
      const base = owner * this.limit;
      for (let k = 0; k < this.#count[owner]!; k++) {
        const other = this.#keyword[base + k]!;
        // A pair both sides kept is listed by its lower side only.
        if (owner < other || !this.has(other, owner)) {
          edges.push(Math.min(owner, other), Math.max(owner, other), this.#similarity[base + k]!);
        }
      }
    }
    return edges.finish();
  }
}

/**
 * The pairs in the same part (intent) whose cosine reaches `floor` and that are among the `neighbourLimit`
 * most similar keywords of either side. Each keyword's dot products with the later keywords are summed
 * over the postings of its features, so the work is the number of pairs that share a feature, and the
 * memory is one accumulator row plus the neighbour lists: never an n×n matrix.
 */
export function findSimilarPairs(
  vectors: readonly SparseVector[],
  partOf: Int32Array,
  floor: number,
  neighbourLimit: number,
  onRow?: (done: number) => void,
): SimilarityEdges {
  const n = vectors.length;
  let featureCount = 0;
  for (const vector of vectors) for (const id of vector.ids) featureCount = Math.max(featureCount, id + 1);

  // Postings in CSR form, keywords ascending within each feature.
  const postingStart = new Int32Array(featureCount + 1);
  for (const vector of vectors) for (const id of vector.ids) postingStart[id + 1]!++;
  for (let f = 0; f < featureCount; f++) postingStart[f + 1]! += postingStart[f]!;
  const postingKeyword = new Int32Array(postingStart[featureCount]!);
  const postingWeight = new Float32Array(postingStart[featureCount]!);
  const fill = postingStart.slice(0, featureCount);
  vectors.forEach((vector, keyword) => {
    vector.ids.forEach((id, k) => {
      const at = fill[id]!++;
      postingKeyword[at] = keyword;
      postingWeight[at] = vector.weights[k]!;
    });
  });
  // Where each feature's postings pass the keyword being scored: postings before it were paired already.
  const cursor = postingStart.slice(0, featureCount);

  const dot = new Float64Array(n);
  const touched = new Int32Array(n);
  const nearest = new NearestNeighbours(n, neighbourLimit);
  for (let i = 0; i < n; i++) {
    const { ids, weights } = vectors[i]!;
    let touchedCount = 0;
    for (let k = 0; k < ids.length; k++) {
      const feature = ids[k]!;
      const weight = weights[k]!;
      const end = postingStart[feature + 1]!;
      const begin = ++cursor[feature]!; // skips keyword i itself, the first posting left
      for (let at = begin; at < end; at++) {
        const j = postingKeyword[at]!;
        if (dot[j] === 0) touched[touchedCount++] = j;
        dot[j]! += weight * postingWeight[at]!;
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      const similarity = Math.min(1, dot[j]!);
      if (similarity >= floor && partOf[i] === partOf[j]) {
        nearest.offer(i, j, similarity);
        nearest.offer(j, i, similarity);
      }
      dot[j] = 0;
    }
    onRow?.(i + 1);
  }
  return nearest.edges();
}
