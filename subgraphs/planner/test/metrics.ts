// Clustering quality against gold labels: adjusted Rand index and V-measure (homogeneity, completeness).

/** Counts of each (gold, predicted) label pair, and of each label on either side. */
function contingency(gold: readonly string[], predicted: readonly string[]) {
  if (gold.length !== predicted.length)
    throw new RangeError(`${gold.length} gold labels, ${predicted.length} predicted`);
  const cells = new Map<string, number>();
  const goldCounts = new Map<string, number>();
  const predictedCounts = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  gold.forEach((label, k) => {
    bump(cells, JSON.stringify([label, predicted[k]]));
    bump(goldCounts, label);
    bump(predictedCounts, predicted[k]!);
  });
  return {
    cells: [...cells.values()],
    goldCounts: [...goldCounts.values()],
    predictedCounts: [...predictedCounts.values()],
  };
}

const pairs = (count: number) => (count * (count - 1)) / 2;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** 1 for identical partitions, about 0 for a random one (it can go below 0). */
export function adjustedRandIndex(gold: readonly string[], predicted: readonly string[]): number {
  const { cells, goldCounts, predictedCounts } = contingency(gold, predicted);
  const together = sum(cells.map(pairs));
  const goldPairs = sum(goldCounts.map(pairs));
  const predictedPairs = sum(predictedCounts.map(pairs));
  const expected = (goldPairs * predictedPairs) / pairs(gold.length);
  const best = (goldPairs + predictedPairs) / 2;
  return best === expected ? 1 : (together - expected) / (best - expected);
}

const entropy = (counts: readonly number[], total: number) =>
  -sum(counts.map((count) => (count / total) * Math.log(count / total)));

export interface VMeasure {
  /** Each predicted group holds one gold group only. */
  homogeneity: number;
  /** Each gold group lies in one predicted group only. */
  completeness: number;
  /** Their harmonic mean. */
  vMeasure: number;
}

export function vMeasure(gold: readonly string[], predicted: readonly string[]): VMeasure {
  const { cells, goldCounts, predictedCounts } = contingency(gold, predicted);
  const n = gold.length;
  const joint = entropy(cells, n);
  const goldEntropy = entropy(goldCounts, n);
  const predictedEntropy = entropy(predictedCounts, n);
  // H(gold | predicted) = H(gold, predicted) − H(predicted), and the other way round.
  const homogeneity = goldEntropy === 0 ? 1 : 1 - (joint - predictedEntropy) / goldEntropy;
  const completeness = predictedEntropy === 0 ? 1 : 1 - (joint - goldEntropy) / predictedEntropy;
  const both = homogeneity + completeness;
  return { homogeneity, completeness, vMeasure: both === 0 ? 0 : (2 * homogeneity * completeness) / both };
}
