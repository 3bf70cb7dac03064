// Provider embeddings in the similarity graph: centred cosines, blended with the lexical graph.

import { seededRandom } from '../seeded-random.js';
import { NearestNeighbours, type SimilarityEdges } from './neighbours.js';

/**
 * Above this many multiply-adds (pairs × dimensions) candidate pairs come from random-hyperplane hashing
 * instead of every pair: 10,000 keywords of 1,536 dimensions would be 77 billion.
 */
const EXACT_BUDGET = 300_000_000;
const HASH_TABLES = 8;
const HASH_BITS = 10;
const PLANE_DENSITY = 1 / 8;
/** A hash bucket bigger than this only pairs each keyword with its next few bucket mates. */
const BUCKET_WINDOW = 64;

/** How many keywords it takes before the mean is subtracted in full; fewer shrink it (see below). */
const CENTRING_SAMPLE = 50;

/**
 * Unit vectors after subtracting the mean vector. Provider embeddings crowd into a narrow cone (unrelated
 * texts still score 0.2-0.4), which centring removes, so their cosines sit on the same scale as the
 * lexical ones and one threshold serves both. The mean of a handful of keywords is mostly their own
 * topics (two keywords centred would point in opposite directions), so it is shrunk by n / (n + 50).
 */
function centredUnitVectors(embeddings: ReadonlyArray<readonly number[]>): Float32Array[] {
  const dimensions = embeddings[0]?.length ?? 0;
  const mean = new Float64Array(dimensions);
  const weight = 1 / (embeddings.length + CENTRING_SAMPLE);
  for (const embedding of embeddings) {
    if (embedding.length !== dimensions) {
      throw new RangeError(`embeddings differ in length: ${embedding.length} and ${dimensions}`);
    }
    for (let d = 0; d < dimensions; d++) mean[d]! += embedding[d]! * weight;
  }
  return embeddings.map((embedding) => {
    const vector = new Float32Array(dimensions);
    let squares = 0;
    for (let d = 0; d < dimensions; d++) {
      const value = embedding[d]! - mean[d]!;
      vector[d] = value;
      squares += value * value;
    }
    const length = Math.sqrt(squares) || 1;
    for (let d = 0; d < dimensions; d++) vector[d]! /= length;
    return vector;
  });
}

function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

/** Pairs that fall in one bucket of some random-hyperplane (SimHash) table: likely to have a high cosine. */
function hashedCandidatePairs(
  vectors: readonly Float32Array[],
  partOf: Int32Array,
  addPair: (i: number, j: number) => void,
) {
  const dimensions = vectors[0]?.length ?? 0;
  const random = seededRandom(0x1697);
  // Sparse ±1 hyperplanes (a random eighth of the dimensions each) split space about as well as dense
  // Gaussian ones, at an eighth of the multiply-adds.
  const plane = () => {
    const coordinates = Array.from({ length: dimensions }, (_, d) => d).filter(() => random() < PLANE_DENSITY);
    return { coordinates, signs: coordinates.map(() => (random() < 0.5 ? -1 : 1)) };
  };
  for (let table = 0; table < HASH_TABLES; table++) {
    const planes = Array.from({ length: HASH_BITS }, plane);
    const buckets = new Map<string, number[]>();
    vectors.forEach((vector, keyword) => {
      let bits = 0;
      planes.forEach(({ coordinates, signs }, bit) => {
        let side = 0;
        for (let k = 0; k < coordinates.length; k++) side += vector[coordinates[k]!]! * signs[k]!;
        if (side >= 0) bits |= 1 << bit;
      });
      const key = `${partOf[keyword]}:${bits}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(keyword);
      else buckets.set(key, [keyword]);
    });
    for (const bucket of buckets.values()) {
      for (let a = 0; a < bucket.length; a++) {
        for (let b = a + 1; b < Math.min(bucket.length, a + 1 + BUCKET_WINDOW); b++) addPair(bucket[a]!, bucket[b]!);
      }
    }
  }
}

/**
 * The similarity graph when embeddings are given: for each candidate pair, `share` × the centred
 * embedding cosine + (1 − share) × the lexical cosine (0 where the lexical graph has no edge: under its
 * floor or past the neighbour limit), kept when it reaches `floor` and is among either side's
 * `neighbourLimit` best. Candidates
 * are every pair in one part, or for large inputs the lexical edges plus the pairs random-hyperplane
 * hashing puts together.
 */
export function blendEmbeddingSimilarity(
  embeddings: ReadonlyArray<readonly number[]>,
  lexical: SimilarityEdges,
  partOf: Int32Array,
  share: number,
  floor: number,
  neighbourLimit: number,
): SimilarityEdges {
  const n = embeddings.length;
  const vectors = centredUnitVectors(embeddings);
  const lexicalByPair = new Map<number, number>();
  for (let k = 0; k < lexical.from.length; k++) {
    lexicalByPair.set(lexical.from[k]! * n + lexical.to[k]!, lexical.similarity[k]!);
  }

  const nearest = new NearestNeighbours(n, neighbourLimit);
  const score = (i: number, j: number) => {
    const key = i * n + j;
    const similarity = share * cosine(vectors[i]!, vectors[j]!) + (1 - share) * (lexicalByPair.get(key) ?? 0);
    if (similarity < floor) return;
    nearest.offer(i, j, Math.min(1, similarity));
    nearest.offer(j, i, Math.min(1, similarity));
  };

  const dimensions = vectors[0]?.length ?? 0;
  if ((n * (n - 1) * dimensions) / 2 <= EXACT_BUDGET) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (partOf[i] === partOf[j]) score(i, j);
    return nearest.edges();
  }
  const seen = new Set<number>();
  const consider = (a: number, b: number) => {
    const [i, j] = a < b ? [a, b] : [b, a];
    if (seen.has(i * n + j)) return;
    seen.add(i * n + j);
    score(i, j);
  };
  for (let k = 0; k < lexical.from.length; k++) consider(lexical.from[k]!, lexical.to[k]!);
  hashedCandidatePairs(vectors, partOf, consider);
  return nearest.edges();
}
