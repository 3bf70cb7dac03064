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
// - No cue at all reads as informational with a low confidence: most bare head terms ("tomato blight")
//   are topics, but "espresso machine" could be anything, so the caller asks an AI below LOW_CONFIDENCE.
// - "x or y" between two words is a weak commercial cue ("coffee or tea"): a comparison, but a loose one.
// Confidence: several strong cues of one intent 0.95, one strong cue 0.9, strong over weak rivals 0.75,
// weak cues of one intent 0.65, strong cues of rival intents settled by precedence 0.6; below
// LOW_CONFIDENCE: weak cues of rival intents 0.45, no cue 0.3.
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
      'for sale',
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
    ],
  },
  { intent: 'transactional', strength: 'strong', exact: true, phrases: ['deal', 'deals'] },
  {
    intent: 'transactional',
    strength: 'strong',
    exact: true,
    atStart: true,
    phrases: ['book', 'order', 'hire', 'shop'],
  },
  {
    intent: 'transactional',
    strength: 'weak',
    exact: true,
    phrases: ['cheap', 'cheaper', 'cheapest', 'affordable', 'clearance', 'delivery'],
  },
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
      'better than',
      'pros and cons',
      'worth it',
      'top rated',
      'highest rated',
      'recommended',
    ],
  },
  { intent: 'commercial', strength: 'strong', exact: true, atStart: true, phrases: ['top'] },
  { intent: 'commercial', strength: 'weak', phrases: ['brands', 'rated', 'worth'] },
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
    const modifier = MODIFIERS.find((candidate) => matchesAt(candidate, tokens, stems, at));
    if (!modifier) {
      at++;
      continue;
    }
    const demoted = framed && modifier.intent === 'transactional';
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

const quoteList = (labels: readonly string[]) => labels.join(', ');

export function classifyIntent(keyword: string, options: { brandTerms?: readonly string[] } = {}): IntentGuess {
  const cues = findCues(keyword, options.brandTerms ?? []);
  if (cues.length === 0) {
    return { intent: 'informational', confidence: 0.3, reason: 'no modifier: a bare topic reads as informational' };
  }

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
