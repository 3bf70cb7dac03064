// The offline provider's article: readable sample English built from the brief's outline and keywords,
// the same text for the same brief and seed, and meeting every rule in rules.ts (sections, list, table,
// FAQ, conclusion, keyword placement, SEO fields, length within ±15 % of the target — aimed at ±5 %).
import type { ArticleBlock, ArticleBrief, ArticleDraft, ArticleSection, ContentStructure } from './draft.js';
import { fitMetaDescription, fitMetaTitle } from './fit.js';
import { renderArticle } from './render.js';
import { ARTICLE_LIMITS, contentOutline } from './rules.js';
import { capitalize, countWords, hasKeyword, slugify, squish, words } from './text.js';

/** FNV-1a: a stable 32-bit hash, to seed the generator from the brief. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: the same seed gives the same sequence. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POINT_SENTENCES = [
  'When it comes to {p}, a little planning goes a long way.',
  'Getting {p} right early saves a lot of time later on.',
  'Think about {p} before you commit to a plan or spend any money.',
  'The details of {p} vary from one situation to the next, so test what works for you.',
  'A common question about {p} is where to begin, and the answer is usually smaller than expected.',
  'Paying close attention to {p} tends to show results within a few weeks.',
  'Write down what you already know about {p}, then fill the gaps one at a time.',
  'Experienced people treat {p} as a habit rather than a one-off task.',
  'If you only have a little time, spend it on {p} first.',
  'Small, steady changes to {p} usually beat one big overhaul.',
  'Keep {p} simple at the start and add detail as your confidence grows.',
  'Mistakes with {p} are normal, and each one teaches you something useful.',
  'A short checklist for {p} keeps you from skipping the steps that matter.',
  'Compare your approach to {p} with what worked last time before changing it.',
];

const KEYWORD_SENTENCES = [
  'Anyone looking into {k} meets the same few questions sooner or later.',
  'When it comes to {k}, the basics matter more than any shortcut.',
  'Most advice on {k} agrees on the fundamentals, even when the details differ.',
  'There is no single right way to approach {k}, but some approaches are clearly better.',
  'People new to {k} often underestimate how much consistency matters.',
  'A clear plan makes {k} far less stressful.',
  'The best results with {k} come from steady effort rather than bursts of activity.',
  'It is easy to overcomplicate {k}, so start with what you can do today.',
];

const PLAIN_SENTENCES = [
  'Start with one change, watch what happens, and adjust from there.',
  'Progress is rarely a straight line, and that is perfectly normal.',
  'It helps to set a realistic goal and a date to review it.',
  'Keep notes as you go, because memory is a poor record of progress.',
  'Ask someone with more experience to look over your plan.',
  'Clear, simple routines are easier to keep than clever ones.',
  'Budget a little more time than you think you need.',
  'Not every tip you read will suit your situation, and that is fine.',
  'Quality beats quantity here, especially in the first weeks.',
  'Consistency matters more than intensity over the long run.',
  'The goal is steady improvement, not perfection on day one.',
  'A quick weekly review keeps small problems from growing.',
  'Doing less, but doing it well, is often the faster route.',
  'Real examples teach more than theory, so try things out early.',
  'When something stops working, go back to the basics before adding more.',
  'Celebrate small wins, since they keep motivation high.',
  'Cheap mistakes made early are better than expensive ones made late.',
  'Most problems have simple causes that are easy to overlook.',
  'A good routine leaves room for the odd bad day.',
  'Try one thing at a time, so you know what made the difference.',
  'Short sessions done often tend to work better than long ones done rarely.',
  'If a step feels confusing, break it into two smaller steps.',
  'Free resources cover most of what a beginner needs.',
  'Patience pays off, even when progress feels slow.',
  'It is worth checking the basics again every few months.',
  'The people who succeed are usually the ones who keep going.',
  'A written plan turns good intentions into actual progress.',
  'Friends and family can keep you accountable when motivation dips.',
  'Expect a few setbacks and plan how you will respond to them.',
  'Simple measures, checked regularly, tell you more than complex ones checked once.',
  'When in doubt, choose the option that is easiest to keep doing.',
  'Learning from others saves time, but your own results are the real test.',
  'A calm, steady pace beats rushing to the finish.',
  'Review what went well before fixing what went wrong.',
];

/** Topics for sections the outline gave no points: each section draws two or three of them. */
const GENERAL_POINTS = [
  'the basics',
  'a realistic schedule',
  'the right equipment',
  'common setbacks',
  'measuring progress',
  'small daily habits',
  'expert advice',
  'your budget',
  'the first week',
  'long-term goals',
  'the time you have',
  'the little details',
];

const LIST_CLAUSES = [
  'start small and build up',
  'check progress every week',
  'keep it consistent',
  'ask for help when you are stuck',
  'note what works and repeat it',
  'avoid changing too much at once',
  'set a clear, realistic goal',
  'review the results before moving on',
];

const FAQ_QUESTIONS: [string, string][] = [
  ['What is the first step with {n}?', 'Start with the basics and one clear goal.'],
  ['How long does it take to see results with {n}?', 'Most people notice a difference within a few weeks.'],
  ['Do I need special tools for {n}?', 'No, the essentials are enough to begin.'],
  ['What are the most common mistakes with {n}?', 'Rushing and skipping the basics are the usual culprits.'],
  ['Is {n} suitable for beginners?', 'Yes, as long as you start small and stay patient.'],
  ['How can I tell whether my approach to {n} is working?', 'Track one or two simple measures over time.'],
];

const INVENTED_HEADINGS: Record<ContentStructure, [string, string[]]> = {
  article: [
    'the essentials',
    ['Why it matters', 'Getting started', 'Common mistakes to avoid', 'Tips for better results', 'Useful tools'],
  ],
  guide: [
    'a quick overview',
    ['What you need before you start', 'A step-by-step approach', 'Common mistakes to avoid', 'Going further'],
  ],
  how_to: [
    'what you need',
    ['Step 1: prepare', 'Step 2: start small', 'Step 3: build a routine', 'Step 4: check your progress'],
  ],
  comparison: ['the options at a glance', ['How the options differ', 'Cost and value', 'Ease of use', 'How to decide']],
  review: ['first impressions', ['Features and design', 'Performance in daily use', 'Value for money', 'Who it suits']],
  listicle: [
    'our top picks',
    ['The simple starter option', 'The budget-friendly choice', 'The all-rounder', 'The expert pick'],
  ],
  landing_page: ['why it works', ['What you get', 'How it works', 'Who it is for', 'Getting started today']],
  service_page: ['what we offer', ['How the service works', 'What is included', 'Pricing and packages', 'How to book']],
  product_page: ['key features', ['Specifications', 'Who it is for', 'Care and support', 'Why choose it']],
  cluster_hub: ['where to start', ['Core concepts', 'Beginner guides', 'Advanced topics', 'Related reading']],
};

const TITLE_TEMPLATES: Record<ContentStructure, string> = {
  article: '{K}: what you need to know',
  guide: '{K}: a practical guide',
  how_to: '{K}: a step-by-step guide',
  comparison: '{K} compared: which option fits you',
  review: '{K} review: what works and what does not',
  listicle: '{K}: {count} ideas worth trying',
  landing_page: '{K}, made simple',
  service_page: '{K}: what to expect',
  product_page: '{K}: features and who it suits',
  cluster_hub: '{K}: the complete hub',
};

const QUESTION_START = /^(how|what|why|when|where|which|who|can|should|is|are|do|does)\b/i;

/** The keyword as it reads mid-sentence: Title-Cased words lowered, acronyms and brand casing kept. */
function midSentence(keyword: string): string {
  return squish(keyword)
    .split(' ')
    .map((word) => (/^[A-Z][a-z'’]+$/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}

/** The keyword as a noun phrase a sentence can hold ("learning how to train a puppy"). */
function nounPhrase(keyword: string): string {
  if (/^how to\b/i.test(keyword)) return `learning ${keyword}`;
  if (QUESTION_START.test(keyword)) return `the question “${keyword}”`;
  return keyword;
}

/** The point as a phrase for a sentence slot: "Choosing Treats." → "choosing treats". */
function pointPhrase(point: string): string {
  const phrase = midSentence(point).replace(/[.!?:;]+$/, '');
  return QUESTION_START.test(phrase) ? `the question of ${phrase.charAt(0).toLowerCase()}${phrase.slice(1)}` : phrase;
}

/**
 * A heading ready to show in sentence case: "Set Up A Routine" → "Set up a routine" (acronyms and
 * mixed-case names kept), single spaces, no trailing full stop.
 */
export function sentenceCase(heading: string): string {
  const tokens = squish(heading).replace(/\.$/, '').split(' ');
  const titleCased = tokens.length > 2 && tokens.filter((word) => /^[a-z]/.test(word)).length <= 1;
  const cased = titleCased
    ? tokens.map((word, index) => (index > 0 && /^[A-Z][a-z'’]*$/.test(word) ? word.toLowerCase() : word))
    : tokens;
  return capitalize(cased.join(' '));
}

/** A title repeats itself when a two-word phrase occurs twice ("How To Get How To Train…"). */
export function repeatsPhrase(title: string): boolean {
  const tokens = words(title.toLowerCase());
  const seen = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const pair = `${tokens[i]} ${tokens[i + 1]}`;
    if (seen.has(pair)) return true;
    seen.add(pair);
  }
  return false;
}

class Deck<T> {
  private order: T[] = [];
  constructor(
    private readonly items: readonly T[],
    private readonly random: () => number,
  ) {}
  next(): T {
    if (this.order.length === 0) {
      this.order = [...this.items];
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
      }
    }
    return this.order.pop()!;
  }
}

interface PlannedSection {
  heading: string;
  points: string[];
  subsections: { heading: string; points: string[] }[];
}

/** Paragraph text being written for one section, sentence by sentence. */
interface SectionText {
  plan: PlannedSection;
  paragraphs: string[][];
  subsections: string[][][];
}

export function offlineArticle(brief: ArticleBrief, seed = 0): ArticleDraft {
  const structure = brief.contentStructure;
  const keyword = squish(brief.primaryKeyword) || squish(brief.title) || 'this topic';
  const k = midSentence(keyword);
  const n = nounPhrase(k);
  const random = seededRandom(hashString(`${keyword}|${brief.title}|${structure}|${brief.targetWords}|${seed}`));
  const pointDeck = new Deck(POINT_SENTENCES, random);
  const keywordDeck = new Deck(KEYWORD_SENTENCES, random);
  const plainDeck = new Deck(PLAIN_SENTENCES, random);
  const clauseDeck = new Deck(LIST_CLAUSES, random);
  const target = Math.max(300, brief.targetWords);

  const sections = planSections(brief, k, target);
  const generalDeck = new Deck(GENERAL_POINTS, random);
  for (const section of sections) {
    if (section.points.length === 0) section.points = [generalDeck.next(), generalDeck.next(), generalDeck.next()];
  }
  const title = articleTitle(brief, k, sections.length);
  const secondary = brief.secondaryKeywords.map(squish).filter(Boolean);

  let pointTurn = 0;
  // A sentence not in `paragraph` yet, when a few draws find one (the template decks cycle).
  const sentenceAbout = (points: string[], paragraph: string[] = []): string => {
    let sentence = drawSentence(points);
    for (let attempt = 0; attempt < 8 && paragraph.includes(sentence); attempt++) sentence = drawSentence(points);
    return sentence;
  };
  const drawSentence = (points: string[]): string => {
    const roll = random();
    if (points.length > 0 && roll < 0.5) {
      const point = points[pointTurn++ % points.length]!;
      return pointDeck.next().replace('{p}', pointPhrase(point));
    }
    if (roll < 0.6) return keywordDeck.next().replace('{k}', n);
    return plainDeck.next();
  };

  const intro = [
    [
      `${capitalize(n)} is one of those topics that looks simple until you try it.`,
      keywordDeck.next().replace('{k}', n),
      plainDeck.next(),
    ],
    [
      'The sections below go from the basics to practical detail, and the questions at the end cover what people ask most.',
      ...(secondary.length > 0 ? [`Along the way, we look at ${joinPhrases(secondary.map(nounPhrase))}.`] : []),
      ...(brief.audience?.trim() ? [`It is written for ${squish(brief.audience).replace(/[.!]+$/, '')}.`] : []),
    ],
  ];

  const faqCount = target < 900 ? 3 : target < 2000 ? 4 : 5;
  const faq = FAQ_QUESTIONS.slice(0, faqCount).map(([question, opener]) => ({
    question: question.replace('{n}', n),
    answer: [opener, sentenceAbout([])].join(' '),
  }));
  const conclusionParagraphs = [
    [
      `${capitalize(n)} does not have to be complicated.`,
      plainDeck.next(),
      'Pick one idea from this article and try it this week.',
    ],
  ];
  const keywordInHeading = sections.some((section) => hasKeyword(section.heading, keyword));
  const conclusionHeadingText = keywordInHeading ? 'Final thoughts' : `Final thoughts on ${k}`;

  const texts: SectionText[] = sections.map((plan) => ({
    plan,
    paragraphs: [[sentenceAbout(plan.points)]],
    subsections: plan.subsections.map((sub) => [[sentenceAbout(sub.points.length ? sub.points : plan.points)]]),
  }));

  const extras = structureBlocks(structure, sections, k, clauseDeck, random);
  const build = (): ArticleDraft => ({
    title,
    metaTitle: fitMetaTitle(title, keyword),
    metaDescription: fitMetaDescription(metaDescriptionFor(structure, n), keyword),
    slug: slugify(keyword),
    intro: intro.map((sentences) => sentences.join(' ')),
    sections: texts.map((text, index) => sectionDraft(text, extras.get(index) ?? [])),
    faq,
    conclusion: { heading: conclusionHeadingText, paragraphs: conclusionParagraphs.map((p) => p.join(' ')) },
  });

  // Grow the sections a sentence at a time, round robin, until the body reaches the target.
  const current = () => renderArticle(brief, build()).wordCount;
  let count = current();
  let turn = 0;
  const slots = texts.flatMap((text) => [{ text, sub: -1 }, ...text.subsections.map((_, sub) => ({ text, sub }))]);
  while (count < target - 8 && slots.length > 0) {
    const slot = slots[turn++ % slots.length]!;
    const paragraphs = slot.sub < 0 ? slot.text.paragraphs : slot.text.subsections[slot.sub]!;
    const points = slot.sub < 0 ? slot.text.plan.points : (slot.text.plan.subsections[slot.sub]?.points ?? []);
    const last = paragraphs.at(-1)!;
    const full = last.length >= 4 || countWords(last.join(' ')) > 60;
    const sentence = sentenceAbout(points.length ? points : slot.text.plan.points, full ? [] : last);
    if (full) paragraphs.push([sentence]);
    else last.push(sentence);
    count += countWords(sentence);
    if (turn % slots.length === 0) count = current();
  }
  return build();
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}

/** The brief's title when it reads well and holds the keyword, else one made for the structure. */
function articleTitle(brief: ArticleBrief, k: string, sectionCount: number): string {
  const given = sentenceCase(brief.title);
  if (given && hasKeyword(given, brief.primaryKeyword) && !repeatsPhrase(given) && given.length <= 90) return given;
  // "Laptop review review: …" would repeat the keyword's own last word.
  if (brief.contentStructure === 'review' && /\breview$/i.test(k))
    return `${capitalize(k)}: what works and what does not`;
  const title = TITLE_TEMPLATES[brief.contentStructure]
    .replace('{K}', capitalize(k))
    .replace('{count}', String(sectionCount));
  // A question keyword asks its question: "What is a heat pump? What you need to know".
  const question = QUESTION_START.test(k) && !/^how to\b/i.test(k) && title.startsWith(`${capitalize(k)}: `);
  return question ? `${capitalize(k)}? ${capitalize(title.slice(k.length + 2))}` : title;
}

function metaDescriptionFor(structure: ContentStructure, n: string): string {
  const lead =
    structure === 'review'
      ? `An honest review of ${n}`
      : structure === 'comparison'
        ? `A clear comparison for ${n}`
        : `A practical look at ${n}`;
  return `${lead}: the essentials, common mistakes to avoid and answers to the questions people ask most.`;
}

function planSections(brief: ArticleBrief, k: string, target: number): PlannedSection[] {
  const { min } = ARTICLE_LIMITS.sections;
  const planned: PlannedSection[] = contentOutline(brief.outline).map((section) => ({
    heading: sentenceCase(section.heading),
    points: section.points.map(squish).filter(Boolean),
    subsections: (section.subsections ?? [])
      .filter((sub) => squish(sub.heading))
      .map((sub) => ({ heading: sentenceCase(sub.heading), points: sub.points.map(squish).filter(Boolean) })),
  }));
  const wanted = brief.outline.length > 0 ? min : target < 900 ? 4 : target < 1800 ? 5 : 6;
  const [keywordSuffix, others] = INVENTED_HEADINGS[brief.contentStructure];
  const invented = [`${capitalize(k)}: ${keywordSuffix}`, ...others];
  for (const heading of invented) {
    if (planned.length >= wanted) break;
    if (planned.some((section) => section.heading.toLowerCase() === heading.toLowerCase())) continue;
    planned.push({ heading, points: [], subsections: [] });
  }
  return planned;
}

function sectionDraft(text: SectionText, extras: ArticleBlock[]): ArticleSection {
  const paragraphs: ArticleBlock[] = text.paragraphs.map((sentences) => ({
    type: 'paragraph',
    text: sentences.join(' '),
  }));
  const blocks = [paragraphs[0]!, ...extras, ...paragraphs.slice(1)];
  const subsections = text.plan.subsections.map((sub, index) => ({
    heading: sub.heading,
    blocks: text.subsections[index]!.map(
      (sentences): ArticleBlock => ({ type: 'paragraph', text: sentences.join(' ') }),
    ),
  }));
  return { heading: text.plan.heading, blocks, ...(subsections.length > 0 ? { subsections } : {}) };
}

const TABLE_CELLS = {
  bestFor: ['Beginners', 'Busy schedules', 'Tight budgets', 'Long-term results', 'Small teams', 'Quick wins'],
  effort: ['Low', 'Moderate', 'High'],
  found: ['Solid and consistent', 'Good, with minor gaps', 'Better than expected', 'Average for the price'],
  rating: ['4/5', '3.5/5', '4.5/5', '3/5'],
  why: ['Easy to start with', 'Good value', 'Works in most situations', 'Rewards extra effort', 'Saves time'],
};

/** The list and, where the structure calls for one, the table, keyed by the section they go in. */
function structureBlocks(
  structure: ContentStructure,
  sections: PlannedSection[],
  k: string,
  clauses: Deck<string>,
  random: () => number,
): Map<number, ArticleBlock[]> {
  const extras = new Map<number, ArticleBlock[]>();
  const add = (index: number, block: ArticleBlock) => extras.set(index, [...(extras.get(index) ?? []), block]);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const topics = (section: PlannedSection) =>
    section.points.length >= 2 ? section.points : sections.map((other) => other.heading).slice(0, 4);

  const first = sections[0]!;
  const listItems = topics(first)
    .slice(0, 5)
    .map((topic) => `${capitalize(pointPhrase(topic))}: ${clauses.next()}.`);
  add(0, { type: 'list', ordered: structure === 'how_to', items: listItems });

  const labels = sections.map((section) => section.heading.replace(/^[^:]*:\s*/, '')).map(capitalize);
  if (structure === 'comparison') {
    const options = k.split(/\s+(?:vs\.?|versus|or)\s+/i);
    const rows = (options.length >= 2 ? options.map(capitalize) : labels.slice(0, 4)).map((option) => [
      option,
      pick(TABLE_CELLS.bestFor),
      pick(TABLE_CELLS.effort),
      pick(TABLE_CELLS.effort),
    ]);
    add(0, {
      type: 'table',
      caption: `How the options compare`,
      headers: ['Option', 'Best for', 'Effort', 'Cost'],
      rows,
    });
  } else if (structure === 'review') {
    const rows = labels.slice(0, 4).map((aspect) => [aspect, pick(TABLE_CELLS.found), pick(TABLE_CELLS.rating)]);
    add(sections.length - 1, {
      type: 'table',
      caption: 'Our ratings at a glance',
      headers: ['Aspect', 'What we found', 'Rating'],
      rows,
    });
  } else if (structure === 'listicle') {
    const rows = labels.map((item, index) => [String(index + 1), item, pick(TABLE_CELLS.why)]);
    add(0, { type: 'table', caption: 'The list at a glance', headers: ['#', 'Pick', 'Why it made the list'], rows });
  }
  return extras;
}
