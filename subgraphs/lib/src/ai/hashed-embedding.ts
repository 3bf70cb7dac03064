// Embeddings without a model: words and character trigrams hashed into a fixed number of
// dimensions ("feature hashing"). Texts sharing words or word pieces ("running shoes",
// "shoes for runners") get close vectors, unrelated texts near-orthogonal ones, which is what
// keyword clustering needs from the offline provider.

export const HASHED_EMBEDDING_DIMENSIONS = 256;

const WORD_WEIGHT = 1;
// Trigrams match inflections and typos ("shoe"/"shoes"); weighted lower so a shared long word does
// not outweigh a shared short one by its length alone.
const TRIGRAM_WEIGHT = 0.5;

/** A unit-length vector for the text (all zeros when it holds no letters or digits). */
export function hashedEmbedding(text: string, dimensions = HASHED_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature);
    // A hash bit picks the sign so collisions cancel out on average instead of adding up: unrelated
    // texts then score near 0, not a little above it.
    vector[hash % dimensions]! += hash & 0x80000000 ? -weight : weight;
  };
  for (const word of words(text)) {
    add(`w:${word}`, WORD_WEIGHT);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
  }
  const length = Math.hypot(...vector);
  return length === 0 ? vector : vector.map((value) => value / length);
}

/** Lower-cased words without accents, so "Café" and "cafe" are one feature. */
function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** 32-bit FNV-1a: fast, well spread, and the same on every machine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
