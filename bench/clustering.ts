// Keyword clustering speed: clusterKeywords on 1,000 and 10,000 generated keywords, median of a few runs.
// Run from the repository root:
//
//   node --import tsx bench/clustering.ts
//
// The keywords are generated deterministically (a seeded generator) the way a keyword research export
// looks: each niche's head terms ("espresso machine", "roth ira") combined with intent modifiers
// ("best …", "buy …", "how to clean …") and qualifiers ("… for beginners", "… under 500"), intents from
// classifyIntent as the product assigns them, Zipf-like volumes. Timed: the whole clusterKeywords call
// (normalise, TF-IDF, sparse neighbour search, merging, ordering) at the default granularity. Peak RSS
// is the growth of the process's high-water mark during a size's runs (sizes run smallest first, so a
// figure is what that size needed beyond all smaller ones).
//
// Knobs (env): BENCH_CLUSTERING_SIZES (1000,10000), BENCH_CLUSTERING_RUNS (3), BENCH_CLUSTERING_EMBEDDINGS
// (a number of dimensions, e.g. 1536: also times each size with stand-in embeddings, hashed bags of words,
// which are as costly as a provider's), BENCH_CLUSTERING_SWEEP=1 (also prints the linkage × threshold
// quality table on the labelled set, the table at the top of subgraphs/planner/src/domain/clustering/index.ts).
//
// Then the quality on the large labelled set (subgraphs/planner/test/fixtures/benchmark-keywords.txt), each
// half apart: ARI / V-measure with all its niches in one sector, mean ARI with one niche per sector, singleton
// share, cluster counts at each granularity, intent macro-F1 and confusion matrix, clusters mixing
// transactional with informational, and the per-niche table (subgraphs/planner/test/clustering-evaluation.ts).
import { cpus, loadavg } from 'node:os';
import { hashedEmbedding } from '@igny8/lib';
import { LINKAGES } from '../subgraphs/planner/src/domain/clustering/agglomerative.js';
import { type ClusterSettings, clusterWithSettings } from '../subgraphs/planner/src/domain/clustering/cluster.js';
import {
  type ClusterableKeyword,
  clusterKeywords,
  DEFAULT_SETTINGS,
  GRANULARITY_LEVELS,
} from '../subgraphs/planner/src/domain/clustering/index.js';
import { classifyIntent, type Intent } from '../subgraphs/planner/src/domain/intent.js';
import { seededRandom } from '../subgraphs/planner/src/domain/seeded-random.js';
import { evaluateHalf, formatHalfReport, type HalfReport } from '../subgraphs/planner/test/clustering-evaluation.js';
import { LABELLED_KEYWORDS } from '../subgraphs/planner/test/fixtures/labelled-keywords.js';
import { adjustedRandIndex, vMeasure } from '../subgraphs/planner/test/metrics.js';
import { addResults, fmt } from './results.js';

const ENV = process.env;
const SIZES = (ENV.BENCH_CLUSTERING_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(ENV.BENCH_CLUSTERING_RUNS ?? 3);
const EMBEDDING_DIMENSIONS = Number(ENV.BENCH_CLUSTERING_EMBEDDINGS ?? 0);

/** Head terms per niche: what an account's keyword research is about. */
const HEADS: Record<string, string[]> = {
  gardening: [
    'tomato plants',
    'raised garden bed',
    'compost bin',
    'hydrangeas',
    'lawn mower',
    'succulents',
    'fiddle leaf fig',
    'garden hose',
    'potting soil',
    'basil plant',
    'rose bushes',
    'vegetable garden',
    'greenhouse',
    'pruning shears',
    'lavender',
    'blueberry bushes',
    'grass seed',
    'weed killer',
    'drip irrigation',
    'hostas',
  ],
  fitness: [
    'adjustable dumbbells',
    'creatine',
    'protein powder',
    'running shoes',
    'yoga mat',
    'kettlebell workout',
    'resistance bands',
    'home gym',
    'treadmill',
    'pre workout',
    'rowing machine',
    'pull up bar',
    'foam roller',
    'squat rack',
    'exercise bike',
    'whey protein',
    'jump rope',
    'weightlifting belt',
    'fitness tracker',
    'ab roller',
  ],
  finance: [
    'high yield savings account',
    'roth ira',
    'credit score',
    'emergency fund',
    'budgeting app',
    'index funds',
    'credit card',
    'student loans',
    'mortgage rates',
    'life insurance',
    'personal loan',
    'cd rates',
    'brokerage account',
    'debt consolidation',
    '401k',
    'health savings account',
    'tax return',
    'home equity loan',
    'dividend stocks',
    'car insurance',
  ],
  dogs: [
    'puppy potty training',
    'dog food',
    'crate training',
    'dog grooming',
    'dog bed',
    'dog harness',
    'puppy teething',
    'dog anxiety',
    'dog toys',
    'dog training collar',
    'golden retriever puppy',
    'dog dental chews',
    'flea treatment',
    'dog shampoo',
    'dog crate',
    'leash training',
    'dog separation anxiety',
    'dog walker',
    'dog insurance',
    'dog ramp',
  ],
  coffee: [
    'espresso machine',
    'cold brew',
    'coffee grinder',
    'pour over coffee',
    'french press',
    'moka pot',
    'decaf coffee',
    'coffee beans',
    'milk frother',
    'aeropress',
    'nespresso pods',
    'latte art',
    'chemex',
    'coffee subscription',
    'drip coffee maker',
    'matcha latte',
    'espresso beans',
    'burr grinder',
    'iced coffee',
    'coffee scale',
  ],
  skincare: [
    'retinol',
    'vitamin c serum',
    'sunscreen for oily skin',
    'niacinamide',
    'hyaluronic acid',
    'acne treatment',
    'moisturizer for dry skin',
    'eye cream',
    'chemical exfoliant',
    'face wash',
    'salicylic acid',
    'night cream',
    'toner',
    'sheet masks',
    'dark spot corrector',
    'lip balm',
    'tinted moisturizer',
    'micellar water',
    'azelaic acid',
    'peptide serum',
  ],
  software: [
    'project management software',
    'gantt chart',
    'scrum board',
    'kanban board',
    'time tracking app',
    'crm software',
    'asana',
    'trello',
    'notion',
    'clickup',
    'jira',
    'monday.com',
    'resource planning',
    'okr software',
    'team calendar',
    'invoicing software',
    'help desk software',
    'note taking app',
    'password manager',
    'video conferencing',
  ],
  travel: [
    'lisbon hotels',
    'japan itinerary',
    'jr pass',
    'travel insurance',
    'carry on luggage',
    'paris hotels',
    'rome itinerary',
    'iceland ring road',
    'bali villas',
    'flights to tokyo',
    'travel backpack',
    'car rental lisbon',
    'barcelona tapas tour',
    'amalfi coast',
    'eurail pass',
    'packing cubes',
    'noise cancelling headphones',
    'london museums',
    'new york hotels',
    'swiss travel pass',
  ],
  ev: [
    'home ev charger',
    'ev tax credit',
    'tesla model 3',
    'tesla model y',
    'ev lease',
    'level 2 charger',
    'electric car battery',
    'chargepoint',
    'ev range',
    'electric suv',
    'hybrid vs electric',
    'ev charging stations',
    'ioniq 5',
    'ford mustang mach e',
    'used electric cars',
    'kia ev6',
    'ev home battery',
    'solar panels',
    'electric bike',
    'rivian r1s',
  ],
  baking: [
    'sourdough starter',
    'sourdough bread',
    'banana bread',
    'stand mixer',
    'pizza dough',
    'cinnamon rolls',
    'gluten free bread',
    'bread machine',
    'croissants',
    'focaccia',
    'dutch oven',
    'chocolate chip cookies',
    'pie crust',
    'baking steel',
    'brioche',
    'bagels',
    'proofing basket',
    'cake pans',
    'macarons',
    'yeast',
  ],
};

/** Modifier templates by what they do to a head term; `{}` is the head. */
const TEMPLATES = [
  'best {}',
  'top {}',
  '{} review',
  '{} reviews',
  '{} vs',
  'best {} for beginners',
  'best cheap {}',
  '{} alternatives',
  'buy {}',
  '{} price',
  'cheap {}',
  '{} for sale',
  '{} deals',
  '{} near me',
  '{} discount code',
  'order {} online',
  'how to use {}',
  'what is {}',
  'how to choose {}',
  '{} tips',
  '{} ideas',
  '{} guide',
  'why {}',
  '{} for beginners',
  '{} benefits',
  '{} problems',
  'how to clean {}',
  'diy {}',
  '{} explained',
  'is {} worth it',
  '{}',
];
const QUALIFIERS = [
  '',
  '',
  '',
  'for small spaces',
  'for women',
  'for men',
  'under 100',
  'under 500',
  '2024',
  'at home',
  'for kids',
  'uk',
  'on a budget',
  'for apartments',
  'for seniors',
  'with pictures',
];

export function generateKeywords(count: number, seed = 42): ClusterableKeyword[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const niches = Object.values(HEADS);
  const seen = new Set<string>();
  const keywords: ClusterableKeyword[] = [];
  while (keywords.length < count) {
    const head = pick(pick(niches));
    const qualifier = pick(QUALIFIERS);
    const keyword = `${pick(TEMPLATES).replace('{}', head)}${qualifier ? ` ${qualifier}` : ''}`;
    if (seen.has(keyword)) continue;
    seen.add(keyword);
    keywords.push({
      id: `kw-${keywords.length}`,
      keyword,
      volume: Math.max(10, Math.round(100_000 / (1 + random() * 2_000))),
      intent: classifyIntent(keyword).intent,
    });
  }
  return keywords;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

interface SizeResult {
  keywords: number;
  embeddingDimensions: number;
  medianSeconds: number;
  seconds: number[];
  keywordsPerSecond: number;
  groups: number;
  peakRssGrowthMb: number;
}

function benchSize(size: number, embeddingDimensions: number): SizeResult {
  const keywords = generateKeywords(size);
  const embeddings = embeddingDimensions
    ? new Map(keywords.map((keyword) => [keyword.id, hashedEmbedding(keyword.keyword, embeddingDimensions)]))
    : undefined;
  const peakBefore = peakRssMb();
  const seconds: number[] = [];
  let groups = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    groups = clusterKeywords(keywords, { embeddings }).length;
    seconds.push((performance.now() - started) / 1000);
  }
  const time = median(seconds);
  const what = embeddingDimensions ? ` + ${embeddingDimensions}-d embeddings` : '';
  const peakRssGrowthMb = peakRssMb() - peakBefore;
  console.log(
    `  ${fmt(size).padStart(6)} keywords${what}  ${fmt(time, 3).padStart(6)} s median of ${RUNS} ` +
      `(${seconds.map((s) => fmt(s, 3)).join(', ')})  ${fmt(size / time).padStart(7)} keywords/s  ` +
      `${fmt(groups)} groups  peak RSS +${fmt(peakRssGrowthMb)} MB`,
  );
  return {
    keywords: size,
    embeddingDimensions,
    medianSeconds: time,
    seconds,
    keywordsPerSecond: size / time,
    groups,
    peakRssGrowthMb,
  };
}

/** ARI and V-measure of one setting on the labelled set, intents from classifyIntent unless `intentOf` says. */
function quality(settings: ClusterSettings, intentOf = (keyword: string): Intent => classifyIntent(keyword).intent) {
  const keywords = LABELLED_KEYWORDS.map((row, k) => ({ ...row, id: String(k), intent: intentOf(row.keyword) }));
  const groupOf = new Map<string, number>();
  const groups = clusterWithSettings(keywords, settings);
  groups.forEach((group, g) => {
    for (const id of group.keywordIds) groupOf.set(id, g);
  });
  const gold = keywords.map((keyword) => keyword.group);
  const predicted = keywords.map((keyword) => String(groupOf.get(keyword.id)));
  return `${fmt(adjustedRandIndex(gold, predicted), 3)}/${fmt(vMeasure(gold, predicted).vMeasure, 3)} ${String(groups.length).padStart(3)}`;
}

function sweep() {
  const thresholds = [0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3];
  console.log(`\nquality on the labelled set (${LABELLED_KEYWORDS.length} keywords): ARI/V-measure groups`);
  console.log(`  ${'threshold'.padEnd(22)}${thresholds.map((t) => String(t).padEnd(17)).join('')}`);
  const row = (name: string, settings: Partial<ClusterSettings>, intentOf?: (keyword: string) => Intent) =>
    console.log(
      `  ${name.padEnd(22)}${thresholds.map((threshold) => quality({ ...DEFAULT_SETTINGS, finerLevels: [], ...settings, threshold }, intentOf).padEnd(17)).join('')}`,
    );
  for (const linkage of LINKAGES) row(`${linkage} linkage`, { linkage });
  row('baseline: stems only', {
    stemWeight: 1,
    bigramWeight: 0,
    charWeight: 0,
    modifierWeight: 1,
    topicThreshold: 0,
    attachThreshold: 0,
  });
  row('no topics', { topicThreshold: 0 });
  row('no attaching', { attachThreshold: 0 });
  row('neither (as before)', { topicThreshold: 0, attachThreshold: 0 });
  row('modifiers full weight', { modifierWeight: 1 });
  row('no char n-grams', { charWeight: 0 });
  row('no bigrams', { bigramWeight: 0 });
  const sameFamily = (keyword: string): Intent => {
    const { intent } = classifyIntent(keyword);
    return intent === 'transactional' ? 'commercial' : intent;
  };
  row('commercial+transact.', {}, sameFamily);
  row('no intent split', {}, () => 'informational');
  console.log(`  granularity levels: ${JSON.stringify(GRANULARITY_LEVELS)}`);
}

console.log(`clustering: clusterKeywords (balanced) on generated keywords, ${RUNS} runs per size`);
const results: SizeResult[] = [];
for (const size of SIZES) {
  results.push(benchSize(size, 0));
  if (EMBEDDING_DIMENSIONS) results.push(benchSize(size, EMBEDDING_DIMENSIONS));
}
const load = loadavg()[0]!;
if (load > cpus().length + 1)
  console.log(`  note: load average ${fmt(load, 1)} on ${cpus().length} cores: figures are noisy`);
if (ENV.BENCH_CLUSTERING_SWEEP === '1') sweep();

// Quality on the large labelled set: tuned on the dev half, the test half is the figure to quote.
console.log('\nquality on subgraphs/planner/test/fixtures/benchmark-keywords.txt (intents from classifyIntent)');
const halves: HalfReport[] = [];
for (const half of ['dev', 'test'] as const) {
  const report = evaluateHalf(half);
  console.log(`${formatHalfReport(report)}\n`);
  halves.push(report);
}
addResults('clustering', {
  date: new Date().toISOString(),
  runs: RUNS,
  sizes: results,
  loadAverage: load,
  quality: halves,
});
