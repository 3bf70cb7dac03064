// Clustering and intent on the large labelled set's test half (fixtures/benchmark-keywords.txt): lists the
// rules and thresholds were not tuned on. The figures are what `npm run bench` prints; each floor is the
// measured value less a small margin, so a change that loses quality fails here.
import { describe, expect, it } from 'vitest';
import { evaluateHalf, formatHalfReport } from './clustering-evaluation.js';
import { BENCHMARK_NICHES, NICHE_KINDS, nichesOf, parseBenchmarkKeywords } from './fixtures/benchmark-keywords.js';

describe('the large labelled keyword set', () => {
  it('is as large and as varied as a fair measurement needs, split by niche into two halves', () => {
    const keywords = BENCHMARK_NICHES.flatMap((niche) => niche.keywords);
    expect(keywords.length).toBeGreaterThanOrEqual(3_000);
    expect(BENCHMARK_NICHES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(keywords.map((keyword) => keyword.group)).size).toBeGreaterThanOrEqual(250);
    for (const half of ['dev', 'test'] as const) {
      expect(nichesOf(half)).toHaveLength(BENCHMARK_NICHES.length / 2);
      expect(new Set(nichesOf(half).map((niche) => niche.kind))).toEqual(new Set(NICHE_KINDS));
    }
  });

  it('says which line is wrong and how to write it', () => {
    expect(() => parseBenchmarkKeywords('niche dogs pets dev')).toThrow(
      /line 1: write "niche <slug> <products\|local-services\|.*> <dev\|test>"/,
    );
    expect(() => parseBenchmarkKeywords('niche dogs products dev\ngroup collars shopping')).toThrow(
      /line 2: write "group <slug> <informational\|commercial\|transactional\|navigational>"/,
    );
    expect(() => parseBenchmarkKeywords('niche dogs products dev\ndog collar')).toThrow(
      /line 2: a keyword before any group/,
    );
    expect(() =>
      parseBenchmarkKeywords('niche dogs products dev\ngroup collars transactional\ndog collar\ndog collar'),
    ).toThrow(/line 4: "dog collar" is listed twice/);
  });
});

describe('clustering and intent on the test half', () => {
  const report = evaluateHalf('test');
  console.log(formatHalfReport(report));

  it('groups several niches in one sector, and one niche alone, near the hand-made groups', () => {
    // Measured 0.443 / 0.853 all in one sector (0.327 / 0.820 before topics came first), mean per niche
    // 0.444 (0.373). The goals, 0.75 / 0.90 and 0.70, are not met: see the notes in
    // src/domain/clustering/index.ts.
    expect(report.oneSector.ari).toBeGreaterThanOrEqual(0.42);
    expect(report.oneSector.vMeasure).toBeGreaterThanOrEqual(0.84);
    expect(report.meanNicheAri).toBeGreaterThanOrEqual(0.42);
  });

  it('leaves few keywords alone, and makes the granularities visibly different', () => {
    // Measured 6.2 % singletons (12.2 % before the attaching pass); tight ÷ broad 1.63×.
    expect(report.singletonShare).toBeLessThanOrEqual(0.08);
    expect(report.clusters.tight / report.clusters.broad).toBeGreaterThanOrEqual(1.5);
    expect(report.clusters.tight).toBeGreaterThan(report.clusters.balanced);
    expect(report.clusters.balanced).toBeGreaterThan(report.clusters.broad);
  });

  it('reads intents close to the hand labels', () => {
    // Measured macro-F1 0.828 (0.713 before the rules for bare heads, brand + model and prices); the goal
    // of 0.85 is not met. The mixed clusters come from intents the rules read wrong: 38 measured, the goal
    // being none.
    expect(report.intent.macroF1).toBeGreaterThanOrEqual(0.8);
    expect(report.intent.f1.transactional).toBeGreaterThanOrEqual(0.8);
    expect(report.mixedClusters).toBeLessThanOrEqual(42);
  });
});
