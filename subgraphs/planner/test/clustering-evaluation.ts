// Clustering and intent quality on a half of the large labelled set (fixtures/benchmark-keywords.txt),
// as the product would produce it: intents from classifyIntent, groups from clusterKeywords. Shared by
// the quality tests and bench/clustering.ts.
import {
  type ClusterableKeyword,
  clusterKeywords,
  GRANULARITIES,
  type Granularity,
} from '../src/domain/clustering/index.js';
import { classifyIntent, INTENTS, type Intent } from '../src/domain/intent.js';
import { type BenchmarkKeyword, type BenchmarkNiche, type Half, nichesOf } from './fixtures/benchmark-keywords.js';
import { adjustedRandIndex, vMeasure } from './metrics.js';

export interface NicheReport {
  niche: string;
  kind: string;
  keywords: number;
  goldGroups: number;
  /** At the default granularity, the niche alone in its sector. */
  ari: number;
  vMeasure: number;
  clusters: Record<Granularity, number>;
  singletons: number;
  intentAccuracy: number;
  mixedClusters: number;
}

export interface HalfReport {
  half: Half;
  keywords: number;
  goldGroups: number;
  /** Every niche of the half in one sector, default granularity. */
  oneSector: { ari: number; vMeasure: number; clusters: number };
  /** The same with the hand-labelled intents instead of classifyIntent's: what grouping alone reaches. */
  oneSectorGoldIntents: { ari: number; vMeasure: number };
  niches: NicheReport[];
  meanNicheAri: number;
  meanNicheV: number;
  /** Share of keywords left alone in a cluster, over the per-niche runs at the default granularity. */
  singletonShare: number;
  /** Clusters over the per-niche runs at each granularity. */
  clusters: Record<Granularity, number>;
  intent: {
    accuracy: number;
    macroF1: number;
    f1: Record<Intent, number>;
    confusion: Record<Intent, Record<Intent, number>>;
  };
  /** Clusters (per-niche runs, default granularity) holding both transactional and informational keywords by the hand labels. */
  mixedClusters: number;
}

type IntentOf = (keyword: string) => Intent;
const ruleIntent: IntentOf = (keyword) => classifyIntent(keyword).intent;

function clusterRows(rows: readonly BenchmarkKeyword[], granularity: Granularity, intentOf: IntentOf) {
  const keywords: ClusterableKeyword[] = rows.map((row, k) => ({
    id: String(k),
    keyword: row.keyword,
    volume: row.volume,
    intent: intentOf(row.keyword),
  }));
  const groups = clusterKeywords(keywords, { granularity });
  const predicted = new Array<string>(rows.length);
  groups.forEach((group, g) => {
    for (const id of group.keywordIds) predicted[Number(id)] = String(g);
  });
  return { groups, predicted };
}

function partitionScores(rows: readonly BenchmarkKeyword[], predicted: readonly string[]) {
  const gold = rows.map((row) => row.group);
  return { ari: adjustedRandIndex(gold, predicted), vMeasure: vMeasure(gold, predicted).vMeasure };
}

function mixedClusters(rows: readonly BenchmarkKeyword[], groups: ReturnType<typeof clusterRows>['groups']) {
  return groups.filter((group) => {
    const intents = new Set(group.keywordIds.map((id) => rows[Number(id)]!.intent));
    return intents.has('transactional') && intents.has('informational');
  }).length;
}

function nicheReport(niche: BenchmarkNiche, intentOf: IntentOf): NicheReport {
  const rows = niche.keywords;
  const clusters = {} as Record<Granularity, number>;
  let balanced: ReturnType<typeof clusterRows> | undefined;
  for (const granularity of GRANULARITIES) {
    const run = clusterRows(rows, granularity, intentOf);
    clusters[granularity] = run.groups.length;
    if (granularity === 'balanced') balanced = run;
  }
  const { groups, predicted } = balanced!;
  return {
    niche: niche.niche,
    kind: niche.kind,
    keywords: rows.length,
    goldGroups: new Set(rows.map((row) => row.group)).size,
    ...partitionScores(rows, predicted),
    clusters,
    singletons: groups.filter((group) => group.keywordIds.length === 1).length,
    intentAccuracy: rows.filter((row) => intentOf(row.keyword) === row.intent).length / rows.length,
    mixedClusters: mixedClusters(rows, groups),
  };
}

function intentScores(rows: readonly BenchmarkKeyword[], intentOf: IntentOf): HalfReport['intent'] {
  const confusion = Object.fromEntries(
    INTENTS.map((gold) => [gold, Object.fromEntries(INTENTS.map((guess) => [guess, 0]))]),
  ) as Record<Intent, Record<Intent, number>>;
  for (const row of rows) confusion[row.intent][intentOf(row.keyword)]++;
  const f1 = {} as Record<Intent, number>;
  for (const intent of INTENTS) {
    const truePositives = confusion[intent][intent];
    const goldCount = INTENTS.reduce((sum, guess) => sum + confusion[intent][guess], 0);
    const guessCount = INTENTS.reduce((sum, gold) => sum + confusion[gold][intent], 0);
    const precision = guessCount ? truePositives / guessCount : 0;
    const recall = goldCount ? truePositives / goldCount : 0;
    f1[intent] = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  const correct = INTENTS.reduce((sum, intent) => sum + confusion[intent][intent], 0);
  return {
    accuracy: correct / rows.length,
    macroF1: INTENTS.reduce((sum, intent) => sum + f1[intent], 0) / INTENTS.length,
    f1,
    confusion,
  };
}

export function evaluateHalf(half: Half, intentOf: IntentOf = ruleIntent): HalfReport {
  const niches = nichesOf(half);
  const rows = niches.flatMap((niche) => niche.keywords);
  const all = clusterRows(rows, 'balanced', intentOf);
  const goldIntents = new Map(rows.map((row) => [row.keyword, row.intent]));
  const withGold = clusterRows(rows, 'balanced', (keyword) => goldIntents.get(keyword)!);
  const reports = niches.map((niche) => nicheReport(niche, intentOf));
  const mean = (pick: (report: NicheReport) => number) =>
    reports.reduce((sum, report) => sum + pick(report), 0) / reports.length;
  const total = (pick: (report: NicheReport) => number) => reports.reduce((sum, report) => sum + pick(report), 0);
  return {
    half,
    keywords: rows.length,
    goldGroups: new Set(rows.map((row) => row.group)).size,
    oneSector: { ...partitionScores(rows, all.predicted), clusters: all.groups.length },
    oneSectorGoldIntents: partitionScores(rows, withGold.predicted),
    niches: reports,
    meanNicheAri: mean((report) => report.ari),
    meanNicheV: mean((report) => report.vMeasure),
    singletonShare: total((report) => report.singletons) / rows.length,
    clusters: Object.fromEntries(
      GRANULARITIES.map((granularity) => [granularity, total((report) => report.clusters[granularity])]),
    ) as Record<Granularity, number>,
    intent: intentScores(rows, intentOf),
    mixedClusters: total((report) => report.mixedClusters),
  };
}

const f3 = (value: number) => value.toFixed(3);
const pct = (value: number) => `${(value * 100).toFixed(1)} %`;

/** The report as people read it: the headline figures, the per-niche table, the intent confusion matrix. */
export function formatHalfReport(report: HalfReport): string {
  const { clusters } = report;
  const lines = [
    `${report.half} half: ${report.keywords} keywords, ${report.niches.length} niches, ${report.goldGroups} gold groups`,
    `  all niches in one sector   ARI ${f3(report.oneSector.ari)}  V ${f3(report.oneSector.vMeasure)}  ${report.oneSector.clusters} clusters` +
      `  (hand-labelled intents: ARI ${f3(report.oneSectorGoldIntents.ari)}  V ${f3(report.oneSectorGoldIntents.vMeasure)})`,
    `  one niche per sector       mean ARI ${f3(report.meanNicheAri)}  mean V ${f3(report.meanNicheV)}  singletons ${pct(report.singletonShare)}`,
    `  clusters tight/balanced/broad  ${clusters.tight}/${clusters.balanced}/${clusters.broad}  (tight ÷ broad ${(clusters.tight / clusters.broad).toFixed(2)}×)`,
    `  intent                     macro-F1 ${f3(report.intent.macroF1)}  accuracy ${pct(report.intent.accuracy)}  ` +
      INTENTS.map((intent) => `${intent} ${f3(report.intent.f1[intent])}`).join('  '),
    `  clusters mixing transactional and informational: ${report.mixedClusters}`,
    '',
    `  ${'niche'.padEnd(18)}${'kind'.padEnd(16)}${'kw'.padStart(4)}${'gold'.padStart(5)}${'ARI'.padStart(7)}${'V'.padStart(7)}${'t/b/B'.padStart(12)}${'single'.padStart(7)}${'intent'.padStart(8)}${'mixed'.padStart(6)}`,
    ...report.niches.map(
      (niche) =>
        `  ${niche.niche.padEnd(18)}${niche.kind.padEnd(16)}${String(niche.keywords).padStart(4)}${String(niche.goldGroups).padStart(5)}` +
        `${f3(niche.ari).padStart(7)}${f3(niche.vMeasure).padStart(7)}` +
        `${`${niche.clusters.tight}/${niche.clusters.balanced}/${niche.clusters.broad}`.padStart(12)}` +
        `${String(niche.singletons).padStart(7)}${pct(niche.intentAccuracy).padStart(8)}${String(niche.mixedClusters).padStart(6)}`,
    ),
    '',
    `  intent confusion (rows: hand label, columns: rules)  ${INTENTS.map((intent) => intent.slice(0, 5).padStart(7)).join('')}`,
    ...INTENTS.map(
      (gold) =>
        `  ${gold.padEnd(51)}${INTENTS.map((guess) => String(report.intent.confusion[gold][guess]).padStart(7)).join('')}`,
    ),
  ];
  return lines.join('\n');
}
