// Search intent of a keyword from its modifiers: rules first, a confidence that says when to ask an AI instead.
//
// How a guess is made (keywords arrive normalised: lower case, single spaces):
// - Modifiers are matched as whole words, longest phrase first, so "where to buy" is one transactional cue
//   and its "where" is not read again as a question. Most match by Porter stem (so "reviews" is "review"
//   and "buying" is "buy", while "buyer" stays "buyer"); the ambiguous ones match exact forms only, and
//   some only where they are verbs: "book"/"order"/"hire"/"shop" first and not followed by "of" ("book hotel
//   lisbon" but not "recipe book" or "order of operations"), "top" first or before a number ("top 10 tents").
// - Each cue is strong or weak. The intent with the strongest cue wins; between equally strong cues the
//   precedence is navigational > transactional > commercial > informational:
//   * navigational first: "notion login" or "amazon.com returns" name a destination, and whatever else
//     the keyword says happens on that site;
//   * transactional over commercial: "best deals on laptops" wants an offer page, not a comparison — a
//     searcher ready to pay has done the comparing;
//   * commercial over informational: "what is the best espresso machine" asks for a recommendation.
// - A question frame (how, what, why, when, is, can, "best time to", …) before a transactional cue makes
//   that cue weak: "how to buy bitcoin" asks to learn the process, it is not an order. Commercial cues keep
//   their strength in a question, as above.
// - Brand terms (the caller's list) and "app"/"website" next to a brand are weak navigational cues: a bare
//   brand is most likely a visit, but "buy dyson v15" or "notion vs asana" say more than the brand does.
// - "how much is / does / to …" asks a price ("how much does a plumber cost") and is a strong transactional
//   cue, unless it is about the searcher ("how much sleep do i need") or a running cost ("… does it cost").
//   Cost, quotes, estimates, tickets, tours, "sale", "hire" anywhere and "rates" (not "tax rates") are too.
// - No cue at all (below LOW_CONFIDENCE either way, so the caller asks an AI when it can): a brand + model
//   ("hoka clifton 9", "dyson v15") reads commercial; a bare product or service head ("dog nail grinder",
//   "emergency plumber", "pet insurance for dogs": the noun before any "for/with/near …", in a general list
//   of things bought, hired or booked) reads transactional; any other bare topic ("tomato blight") reads
//   informational.
//
// MEASURED against test/fixtures/benchmark-keywords.txt (hand labels; rules tuned on its dev half only):
// macro-F1 / accuracy, dev 0.770 / 75.4 % → 0.931 / 92.6 %, test 0.713 / 68.0 % → 0.828 / 82.0 % (the
// goal, 0.85, is not met). Test half now, rows the hand label, columns the rules:
//
//                    informational  commercial  transactional  navigational
//   informational              565          80             28             1
//   commercial                  27         220              3             4
//   transactional              105          14            397             0
//   navigational                 4           0              0            31
//
// Where they still differ: bare heads outside the list of things bought ("hydro jetting", "pepper seed
// packets") and bare brands ("geico", "gusto") stay informational; "x vs y" between concepts ("knit vs
// purl", "crm vs erp") and guides titled "best …" ("best bars in barcelona") read commercial;
// running costs and cost guides the labels call informational ("how much does a trip to iceland cost")
// read transactional. `npm run bench` prints the matrix of both halves. On the seed library's labels
// (src/seed/library/, 863 keywords labelled by others) agreement went from 85.6 % to 87.4 %; three rules
// came from its disagreements ("how much to" + a paid job, calculators, buying inside a comparison).
import { stemmer } from 'stemmer';

export const INTENTS = ['informational', 'commercial', 'transactional', 'navigational'] as const;
export type Intent = (typeof INTENTS)[number];

export interface IntentGuess {
  intent: Intent;
  /** 0..1 */
  confidence: number;
  /** What decided it, for a person reading the keyword list: e.g. 'modifier "buy"'. */
  reason: string;
}

/** Below this a real AI provider is asked (the caller does that, not you). */
export const LOW_CONFIDENCE = 0.5;

type Strength = 'strong' | 'weak';

interface Modifier {
  intent: Intent;
  strength: Strength;
  /** Words of the phrase as written; compared by stem unless `exact`. */
  words: string[];
  /** Compare surface forms (list each inflection as its own modifier) instead of stems. */
  exact: boolean;
  /** Counts only as the keyword's first words, or (for "top") also right before a number. */
  atStart: boolean;
  /** A question frame: transactional cues after it are weak. */
  frame: boolean;
  phrase: string;
}

interface ModifierSpec {
  intent: Intent;
  strength: Strength;
  phrases: string[];
  exact?: boolean;
  atStart?: boolean;
  frame?: boolean;
}

const MODIFIER_SPECS: ModifierSpec[] = [
  {
    intent: 'transactional',
    strength: 'strong',
    phrases: [
      'buy',
      'purchase',
      'price',
      'pricing',
      'coupon',
      'coupon code',
      'promo code',
      'discount',
      'discount code',
      'voucher',
      'on sale',
      'near me',
      'where to buy',
      'where can i buy',
      'download',
      'subscribe',
      'subscription',
      'free trial',
      'free shipping',
      'order online',
      'for hire',
      'rental',
      'rent',
      'lease',
      'get a quote',
      'sign up',
      'in my area',
      'open now',
    ],
  },
  {
    intent: 'transactional',
    strength: 'strong',
    exact: true,
    phrases: [
      'deal',
      'deals',
      'sale',
      'for sale',
      'hire',
      'cost',
      'costs',
      'quote',
      'quotes',
      'estimate',
      'ticket',
      'tickets',
      'tour',
      'tours',
      'cruise',
    ],
  },
  {
    intent: 'transactional',
    strength: 'strong',
    exact: true,
    atStart: true,
    phrases: ['book', 'order', 'shop', 'apply'],
  },
  {
    intent: 'transactional',
    strength: 'weak',
    exact: true,
    phrases: [
      'cheap',
      'cheaper',
      'cheapest',
      'affordable',
      'clearance',
      'delivery',
      'outlet',
      'rates',
      'application',
      'service',
      'services',
      'company',
      'software',
    ],
  },
  { intent: 'transactional', strength: 'weak', exact: true, atStart: true, phrases: ['free'] },
  {
    intent: 'commercial',
    strength: 'strong',
    phrases: [
      'best',
      'review',
      'vs',
      'versus',
      'compare',
      'comparison',
      'alternative',
      'competitor',
      'better than',
      'pros and cons',
      'worth it',
      'top rated',
      'highest rated',
      'recommended',
    ],
  },
  { intent: 'commercial', strength: 'strong', exact: true, atStart: true, phrases: ['top'] },
  { intent: 'commercial', strength: 'weak', phrases: ['brands', 'worth'] },
  { intent: 'commercial', strength: 'weak', exact: true, phrases: ['rated'] },
  {
    intent: 'informational',
    strength: 'strong',
    frame: true,
    phrases: [
      'how',
      'what',
      'why',
      'when',
      'who',
      'where',
      'best time to',
      'best way to',
      'best practices',
      'things to do',
      'what to do',
      'where to stay',
      'where to eat',
      'difference between',
      'types of',
      'ways to',
      'how to',
      'how much',
      'how many',
      'how long',
      'what is',
    ],
  },
  {
    intent: 'informational',
    strength: 'strong',
    phrases: [
      'guide',
      'tutorial',
      'tips',
      'ideas',
      'examples',
      'meaning',
      'definition',
      'define',
      'explained',
      'steps',
      'list of',
      'pattern',
      'for beginners',
      'diy',
    ],
  },
  {
    intent: 'informational',
    strength: 'weak',
    frame: true,
    atStart: true,
    exact: true,
    phrases: ['can', 'does', 'do', 'is', 'are', 'should', 'will', 'did', 'was'],
  },
  { intent: 'informational', strength: 'weak', frame: true, phrases: ['which'] },
  {
    intent: 'informational',
    strength: 'weak',
    phrases: [
      'benefits',
      'symptoms',
      'causes',
      'history',
      'learn',
      'recipe',
      'checklist',
      'calculator',
      'template',
      'schedule',
      'plan',
      'treatment',
      'side effects',
    ],
  },
  {
    intent: 'navigational',
    strength: 'strong',
    phrases: [
      'login',
      'log in',
      'sign in',
      'signin',
      'customer service',
      'phone number',
      'contact number',
      'official site',
      'official website',
      'my account',
    ],
  },
];

const stem = (word: string): string => stemmer(word);

/** Longest phrases first, so "where to buy" is tried before "where" and "how to" before "how". */
const MODIFIERS: Modifier[] = MODIFIER_SPECS.flatMap((spec) =>
  spec.phrases.map((phrase) => {
    const words = phrase.split(' ');
    return {
      intent: spec.intent,
      strength: spec.strength,
      words: spec.exact ? words : words.map(stem),
      exact: spec.exact ?? false,
      atStart: spec.atStart ?? false,
      frame: spec.frame ?? false,
      phrase,
    };
  }),
).sort((a, b) => b.words.length - a.words.length || a.phrase.localeCompare(b.phrase));

const CALCULATOR = /\b(?:calculator|estimator)\b/;

/** A comparison between two options: "x vs y", "x or y". */
const COMPARED = / (?:vs|versus|or) /;

/** "amazon.com", "monday.com", "web.dev": a site named outright. Not "2.5" or "v1.2". */
const DOMAIN = /^(?:[a-z0-9-]+\.)+[a-z]{2,12}$/;
const NUMBER = /^\d+$/;

/**
 * What a model is asked about the keywords the rules were unsure of. Not in the Thinker's prompt
 * library: a new prompt type there would change the documented prompts list (REST included).
 */
export function intentQuestion(keywords: readonly string[]): { role: 'system' | 'user'; content: string }[] {
  return [
    {
      role: 'system',
      content:
        'You classify the search intent of keywords as informational, commercial, transactional or navigational. Answer with JSON only: {"intents": [{"keyword": "…", "intent": "…"}]}.',
    },
    { role: 'user', content: keywords.join('\n') },
  ];
}

/** Words that navigate when they sit next to a named brand ("notion app", "ynab website"). */
const BRAND_COMPANIONS = new Set(['app', 'website', 'site', 'portal', 'dashboard']);

interface Cue {
  intent: Intent;
  strength: Strength;
  label: string;
}

const PRECEDENCE: readonly Intent[] = ['navigational', 'transactional', 'commercial', 'informational'];

function matchesAt(modifier: Modifier, tokens: readonly string[], stems: readonly string[], at: number): boolean {
  if (at + modifier.words.length > tokens.length) return false;
  const source = modifier.exact ? tokens : stems;
  for (let k = 0; k < modifier.words.length; k++) if (source[at + k] !== modifier.words[k]) return false;
  if (!modifier.atStart) return true;
  // A verb takes an object, not "of": "order of operations", "book of kells" are not orders.
  if (at === 0) return tokens[1] !== 'of';
  // "top" also counts right before a number: "camping tents top 10".
  return modifier.phrase === 'top' && NUMBER.test(tokens[at + 1] ?? '');
}

function findBrands(tokens: readonly string[], brandTerms: readonly string[]): Array<{ at: number; length: number }> {
  const found: Array<{ at: number; length: number }> = [];
  const brands = brandTerms
    .map((term) => term.trim().toLowerCase().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0)
    .sort((a, b) => b.length - a.length);
  const taken = new Set<number>();
  for (const words of brands) {
    for (let at = 0; at + words.length <= tokens.length; at++) {
      if (words.some((word, k) => taken.has(at + k) || tokens[at + k] !== word)) continue;
      for (let k = 0; k < words.length; k++) taken.add(at + k);
      found.push({ at, length: words.length });
    }
  }
  return found;
}

function findCues(keyword: string, brandTerms: readonly string[]): Cue[] {
  const tokens = keyword.split(' ').filter(Boolean);
  const stems = tokens.map(stem);
  const cues: Cue[] = [];

  const brands = findBrands(tokens, brandTerms);
  const brandTokens = new Set(brands.flatMap(({ at, length }) => Array.from({ length }, (_, k) => at + k)));
  for (const { at, length } of brands) {
    cues.push({
      intent: 'navigational',
      strength: 'weak',
      label: `brand "${tokens.slice(at, at + length).join(' ')}"`,
    });
  }

  let framed = false;
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at]!;
    if (brandTokens.has(at)) {
      at++;
      continue;
    }
    if (DOMAIN.test(token)) {
      cues.push({ intent: 'navigational', strength: 'strong', label: `domain "${token}"` });
      at++;
      continue;
    }
    if (brands.length > 0 && BRAND_COMPANIONS.has(token)) {
      cues.push({ intent: 'navigational', strength: 'weak', label: `"${token}" of a brand` });
      at++;
      continue;
    }
    if (token === 'or' && at > 0 && at < tokens.length - 1) {
      cues.push({ intent: 'commercial', strength: 'weak', label: `"${tokens[at - 1]} or ${tokens[at + 1]}"` });
      at++;
      continue;
    }
    const price = priceQuestionLength(tokens, at);
    if (price > 0) {
      cues.push({
        intent: 'transactional',
        strength: 'strong',
        label: `price question "${tokens.slice(at, at + price).join(' ')}"`,
      });
      at += price;
      continue;
    }
    const modifier = MODIFIERS.find((candidate) => matchesAt(candidate, tokens, stems, at));
    // "tax rates" are a fact to look up, "mortgage rates" an offer.
    if (modifier?.phrase === 'rates' && tokens[at - 1] === 'tax') {
      at++;
      continue;
    }
    if (!modifier) {
      at++;
      continue;
    }
    // "how to buy bitcoin" learns the process, "best reits to buy" asks which, "renting vs buying a house"
    // weighs the two: the purchase is not the page.
    const demoted =
      modifier.intent === 'transactional' && (framed || tokens[at - 1] === 'to' || COMPARED.test(keyword));
    cues.push({
      intent: modifier.intent,
      strength: demoted ? 'weak' : modifier.strength,
      label: `${modifier.words.length > 1 ? 'phrase' : 'modifier'} "${tokens.slice(at, at + modifier.words.length).join(' ')}"`,
    });
    framed ||= modifier.frame;
    at += modifier.words.length;
  }
  return cues;
}

/** Who a "how much" question is about when it asks what the searcher needs, not what something costs. */
const PERSONAL = new Set(['i', 'you', 'we', 'my', 'it', 'should']);

/**
 * "how much is invisalign", "how much does a plumber cost", "how much to replace a water heater": the
 * price of something paid for, which a price or quote page answers. Not "how much sleep do i need" or
 * "how much does it cost to run a dryer" (a quantity, a running cost). Returns the words it covers.
 */
function priceQuestionLength(tokens: readonly string[], at: number): number {
  if (tokens[at] !== 'how' || tokens[at + 1] !== 'much') return 0;
  const verb = tokens[at + 2];
  if (!verb || !['is', 'are', 'does', 'do', 'to', 'would'].includes(verb)) return 0;
  if (tokens.slice(at + 3).some((token) => PERSONAL.has(token))) return 0;
  // "how much to replace a roof" prices a job; "how much to feed a puppy" or "… to tip" is a quantity.
  if (verb === 'to' && !PAID_JOBS.has(stem(tokens[at + 3] ?? ''))) return 0;
  return 3;
}

/** Jobs people pay for, after "how much to": stems. */
const PAID_JOBS = new Set(
  'replace install fix repair build paint remodel renovate hire rent ship move clean remove insulate tile charge service'
    .split(' ')
    .map(stem),
);

/**
 * Stems of the nouns that name something bought, hired or booked: the head of "dog nail grinder", "emergency
 * plumber", "pet insurance for dogs", "barcelona hotels". A general shop-and-services vocabulary, not any one
 * niche's (see the notes at the top).
 */
const OFFER_HEADS = new Set(
  (
    'collar harness leash grinder clipper trimmer crate kennel bed shoe sneaker boot sandal jacket coat desk chair ' +
    'sofa couch table mat rug mattress pillow blanket vacuum purifier humidifier dehumidifier heater fan ' +
    'machine maker blender mixer kettle fridge freezer dishwasher washer dryer tv television laptop computer pc ' +
    'monitor headphones earbuds speaker camera phone tablet smartwatch tracker charger battery printer router drone ' +
    'bike bicycle scooter helmet tent backpack luggage suitcase kit set supplies mask brace corrector pad unit ' +
    'stretcher seeds needles yarn fabric tank aquarium filter pump lamp tires parts forklift jack truck trailer ' +
    'insurance card loan crm plumber electrician roofer contractor dentist orthodontist lawyer attorney accountant ' +
    'cpa physio chiropractor cleaner cleaning maid installation replacement repair removal inspection company ' +
    'agency consultant expert firm provider outsourcing bureau lessons classes coach tutor hotel hostel apartment ' +
    'ryokan resort villa flight ticket transfer rental office workspace package platform system solution tools'
  )
    .split(' ')
    .map(stem),
);

/** Words that qualify the head before them: "car insurance online", "running shoes uk". */
const TRAILING_QUALIFIERS = new Set(['online', 'uk', 'usa', 'us', 'canada', 'australia', 'today', 'now']);

/** At most one letter added, dropped or changed: "dog training colar", "seo agancy". */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  return rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1);
}

/**
 * A head from the list, or a misspelling of one: a stem of 5 letters or more, one edit away, its first two
 * letters right (people slip inside a word; "blight" is not a misspelt "flight").
 */
function isOfferHead(headStem: string): boolean {
  if (OFFER_HEADS.has(headStem)) return true;
  if (headStem.length < 5) return false;
  for (const known of OFFER_HEADS) {
    if (known.length >= 5 && known.startsWith(headStem.slice(0, 2)) && withinOneEdit(headStem, known)) return true;
  }
  return false;
}

/** Words after which the rest of a keyword qualifies its head: "collar for dogs", "hotels near the beach". */
const QUALIFIER_WORDS = new Set(['for', 'with', 'without', 'near', 'in', 'from', 'to', 'under', 'on', 'at']);

/** "v15", "e7", "xm5", "s23": a model code. Not "401k" or "1099" (forms) or "24" (a number). */
const MODEL_CODE = /^[a-z]{1,3}\d{1,4}[a-z]{0,3}$/;
/** Words a number may follow without naming a model: "type 2", "top 10", "every 2 hours". */
const NOT_MODEL_NAMES = new Set(['type', 'top', 'under', 'over', 'level', 'stage', 'step', 'in', 'for', 'every']);
const YEAR = /^(?:19|20)\d\d$/;
/** Units after a number: "itinerary 7 days", "20 gallon". */
const UNITS = new Set(
  'day days hour hours minute minutes week weeks month months year years mile miles gallon gallons percent'.split(' '),
);

/**
 * A keyword with no modifier. Three readings, all below LOW_CONFIDENCE (a model is asked when one is there):
 * a brand + model ("hoka clifton 9", "dyson v15 detect") is researched before it is bought, so commercial;
 * a bare product or service head ("dog nail grinder", "emergency plumber") is a shop or service page, so
 * transactional; any other bare topic ("tomato blight", "hybrid work") is informational.
 */
function bareGuess(keyword: string): IntentGuess {
  const tokens = keyword.split(' ').filter(Boolean);
  const model = tokens.find(
    (token, k) =>
      MODEL_CODE.test(token) ||
      (NUMBER.test(token) &&
        k > 0 &&
        token.length <= 4 &&
        !YEAR.test(token) &&
        !NOT_MODEL_NAMES.has(tokens[k - 1]!) &&
        !NUMBER.test(tokens[k - 1]!) &&
        !UNITS.has(tokens[k + 1] ?? '')),
  );
  if (model) return { intent: 'commercial', confidence: 0.45, reason: `a brand + model ("${model}") with no modifier` };
  let end = tokens.findIndex((token, k) => k > 0 && QUALIFIER_WORDS.has(token));
  if (end < 0) end = tokens.length;
  while (end > 1 && TRAILING_QUALIFIERS.has(tokens[end - 1]!)) end--;
  const head = tokens[end - 1];
  if (head && isOfferHead(stem(head))) {
    return {
      intent: 'transactional',
      confidence: 0.4,
      reason: `a bare product or service ("${head}") with no modifier`,
    };
  }
  return { intent: 'informational', confidence: 0.3, reason: 'no modifier: a bare topic reads as informational' };
}

const quoteList = (labels: readonly string[]) => labels.join(', ');

export function classifyIntent(keyword: string, options: { brandTerms?: readonly string[] } = {}): IntentGuess {
  let cues = findCues(keyword, options.brandTerms ?? []);
  // A calculator works a figure out, whatever it prices: "closing costs calculator", "rent affordability calculator".
  if (CALCULATOR.test(keyword)) cues = cues.filter((cue) => cue.intent !== 'transactional');
  if (cues.length === 0) return bareGuess(keyword);

  const rank = (strength: Strength) => (strength === 'strong' ? 2 : 1);
  const best = Math.max(...cues.map((cue) => rank(cue.strength)));
  const intent = PRECEDENCE.find((candidate) =>
    cues.some((cue) => cue.intent === candidate && rank(cue.strength) === best),
  )!;
  const own = cues.filter((cue) => cue.intent === intent);
  const rivals = cues.filter((cue) => cue.intent !== intent);
  const rivalBest = rivals.length ? Math.max(...rivals.map((cue) => rank(cue.strength))) : 0;
  const ownStrong = own.filter((cue) => cue.strength === 'strong').length;

  let confidence: number;
  if (best === 2) confidence = rivalBest === 2 ? 0.6 : rivalBest === 1 ? 0.75 : ownStrong > 1 ? 0.95 : 0.9;
  else confidence = rivalBest === 1 ? 0.45 : 0.65;

  const reason =
    rivals.length === 0
      ? quoteList(own.map((cue) => cue.label))
      : `${quoteList(own.map((cue) => cue.label))} over ${quoteList(rivals.map((cue) => cue.label))}` +
        (rivalBest === best ? `: ${intent} takes precedence` : '');
  return { intent, confidence, reason };
}
