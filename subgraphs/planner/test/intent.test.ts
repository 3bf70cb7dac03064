// The keyword intent rules: modifiers, precedence, whole words, brand terms and confidence.
import { describe, expect, it } from 'vitest';
import { classifyIntent, INTENTS, type Intent, LOW_CONFIDENCE } from '../src/domain/intent.js';
import { SEED_KEYWORDS } from '../src/seed/library.js';
import { GOLD_GROUP_INTENTS, LABELLED_KEYWORDS } from './fixtures/labelled-keywords.js';

const intentOf = (keyword: string, brandTerms?: readonly string[]) => classifyIntent(keyword, { brandTerms }).intent;

const expectEach = (intent: Intent, keywords: readonly string[]) => {
  for (const keyword of keywords) expect({ keyword, intent: intentOf(keyword) }).toEqual({ keyword, intent });
};

describe('classifyIntent', () => {
  it('reads buying, booking and local modifiers as transactional', () => {
    expectEach('transactional', [
      'buy espresso machine',
      'espresso machine price',
      'notion pricing',
      'raised garden beds for sale',
      'dog grooming near me',
      'where to buy creatine',
      'espresso machine coupon code',
      'adjustable dumbbells deals',
      'book hotel lisbon',
      'order raised garden bed online',
      'download ynab',
      'cheapest electric car to lease',
    ]);
  });

  it('reads best, reviews, comparisons and alternatives as commercial', () => {
    expectEach('commercial', [
      'best espresso machine',
      'ynab review',
      'espresso machine reviews',
      'asana vs trello',
      'ynab alternatives',
      'compare budgeting apps',
      'top 10 running shoes',
      'top rated dog food brands',
      'is the jr pass worth it',
      'coffee or tea',
    ]);
  });

  it('reads questions, guides and how-tos as informational', () => {
    expectEach('informational', [
      'how to make cold brew',
      'what is a roth ira',
      'why are my tomato leaves curling',
      'is creatine safe',
      'composting tips',
      'gantt chart examples',
      'pour over coffee guide',
      'backdoor roth ira explained',
    ]);
  });

  it('reads logins and domains as navigational', () => {
    expectEach('navigational', ['asana login', 'trello sign in', 'asana log in', 'amazon.com', 'trello.com login']);
  });

  describe('keywords with no modifier', () => {
    it('reads a bare product or service head as a shop or service page, unsure', () => {
      for (const keyword of ['dog nail grinder', 'emergency plumber', 'pet insurance for dogs', 'barcelona hotels']) {
        expect(classifyIntent(keyword)).toMatchObject({ intent: 'transactional' });
        expect(classifyIntent(keyword).confidence).toBeLessThan(LOW_CONFIDENCE);
      }
    });

    it('reads a brand + model as researching that model, and not a number that is a type or a length', () => {
      expectEach('commercial', ['hoka clifton 9', 'dyson v15 detect', 'flexispot e7']);
      expectEach('informational', ['type 2 diabetes', 'iceland itinerary 7 days', 'waking up every 2 hours']);
    });

    it('finds the head past a trailing "online" or a slip of one letter', () => {
      expectEach('transactional', ['car insurance online', 'dog training colar', 'seo agancy']);
    });

    it('keeps a bare topic informational', () => {
      // "blight" is one letter from "flight", but not a slip of it.
      expectEach('informational', ['tomato blight', 'hybrid work', 'lower back pain']);
    });
  });

  it('reads the price of something paid for as transactional, and a quantity question as informational', () => {
    expectEach('transactional', [
      'how much does a plumber cost',
      'how much is invisalign',
      'how much to replace a water heater',
      'roof replacement cost',
      'car insurance quotes',
      'mortgage rates',
      'sagrada familia tickets',
      'iceland car hire',
      'dog harness sale',
      'plumbers in my area',
    ]);
    expectEach('informational', [
      'how much sleep do i need',
      'how much melatonin should i take',
      'payroll tax rates 2024',
    ]);
  });

  it('reads a quantity, a calculator or a comparison of buying with renting as no purchase', () => {
    expectEach('informational', [
      'how much to feed a puppy',
      'how much to tip at a restaurant',
      'closing costs calculator',
    ]);
    expect(intentOf('best reits to buy')).toBe('commercial');
    expect(intentOf('renting vs buying a house')).not.toBe('transactional');
    expect(intentOf('starbucks app')).not.toBe('transactional');
  });

  it('reads competitors as commercial, and "best way to" or "best practices" as informational', () => {
    expect(intentOf('salesforce competitors')).toBe('commercial');
    expectEach('informational', ['best way to unclog a drain', 'email marketing best practices', 'types of crm']);
  });

  describe('precedence', () => {
    it('puts an offer above a comparison: transactional beats commercial', () => {
      expect(classifyIntent('best deals on laptops')).toMatchObject({ intent: 'transactional' });
      expect(classifyIntent('best deals on laptops').reason).toContain('"deals"');
    });

    it('puts a recommendation above a question: commercial beats informational', () => {
      expect(intentOf('what is the best espresso machine')).toBe('commercial');
      expect(intentOf('which espresso machine is best')).toBe('commercial');
    });

    it('reads a purchase inside a how-to question as learning the process', () => {
      expect(intentOf('how to buy bitcoin')).toBe('informational');
      expect(intentOf('best time to buy a car')).toBe('informational');
      expect(intentOf('cheap meal ideas')).toBe('informational');
    });

    it('keeps "where to buy" a purchase, not a where-question', () => {
      expect(classifyIntent('where to buy raised garden beds')).toMatchObject({ intent: 'transactional' });
      expect(classifyIntent('where to buy raised garden beds').reason).toContain('where to buy');
    });

    it('sends a login inside a question to the site: navigational beats the rest', () => {
      expect(intentOf('how to log in to asana')).toBe('navigational');
      expect(intentOf('ynab.com pricing')).toBe('navigational');
    });
  });

  describe('whole words', () => {
    it('does not take a longer word for a modifier', () => {
      expect(intentOf('buyer persona')).not.toBe('transactional');
      expect(intentOf('dealing with puppy anxiety')).not.toBe('transactional');
      expect(intentOf('bestiary of garden pests')).not.toBe('commercial');
      expect(intentOf('gluten free sourdough bread')).not.toBe('transactional');
    });

    it('matches inflections of a modifier through its stem', () => {
      expect(intentOf('buying a raised garden bed')).toBe('transactional');
      expect(intentOf('comparing budgeting apps')).toBe('commercial');
      expect(intentOf('chargepoint reviews')).toBe('commercial');
    });

    it('takes booking and ordering verbs only as a first word with an object', () => {
      expect(intentOf('recipe book')).not.toBe('transactional');
      expect(intentOf('order of operations')).not.toBe('transactional');
      expect(intentOf('crop top sewing pattern')).not.toBe('commercial');
    });
  });

  describe('brand terms', () => {
    const brandTerms = ['dyson', 'home depot', 'notion'];

    it('reads a bare brand as a visit to it', () => {
      expect(intentOf('dyson', brandTerms)).toBe('navigational');
      expect(intentOf('home depot', brandTerms)).toBe('navigational');
      expect(intentOf('dyson')).toBe('informational');
    });

    it('reads "app" or "website" next to a brand as navigational, and not without one', () => {
      expect(intentOf('notion app', brandTerms)).toBe('navigational');
      expect(intentOf('budgeting app', brandTerms)).not.toBe('navigational');
    });

    it('lets a stronger modifier say more than the brand does', () => {
      expect(intentOf('buy dyson v15', brandTerms)).toBe('transactional');
      expect(intentOf('dyson v15 review', brandTerms)).toBe('commercial');
      expect(intentOf('notion vs asana', brandTerms)).toBe('commercial');
      expect(intentOf('notion login', brandTerms)).toBe('navigational');
    });

    it('takes brand terms whatever their case and spacing', () => {
      expect(intentOf('home depot', ['  Home   Depot '])).toBe('navigational');
    });
  });

  describe('confidence', () => {
    const confidence = (keyword: string) => classifyIntent(keyword).confidence;

    it('is highest for agreeing strong modifiers, lower for one, lower again against a weak rival', () => {
      expect(confidence('best espresso machine reviews')).toBeGreaterThan(confidence('best espresso machine'));
      expect(confidence('best espresso machine')).toBeGreaterThan(confidence('best cheap espresso machine'));
      expect(confidence('best cheap espresso machine')).toBeGreaterThan(confidence('best deals on laptops'));
    });

    it('drops below LOW_CONFIDENCE when only weak modifiers disagree, or there is no modifier at all', () => {
      expect(classifyIntent('tomato blight')).toMatchObject({ intent: 'informational' });
      expect(confidence('tomato blight')).toBeLessThan(LOW_CONFIDENCE);
      expect(confidence('which espresso machine to buy')).toBeLessThan(LOW_CONFIDENCE);
      expect(confidence('buy espresso machine')).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    });

    it('always says why, within 0..1, with one of the four intents', () => {
      for (const keyword of ['buy espresso machine', 'tomato blight', 'best deals on laptops', 'asana login']) {
        const guess = classifyIntent(keyword);
        expect(INTENTS).toContain(guess.intent);
        expect(guess.confidence).toBeGreaterThanOrEqual(0);
        expect(guess.confidence).toBeLessThanOrEqual(1);
        expect(guess.reason.length).toBeGreaterThan(0);
      }
    });
  });

  it('agrees with the seed library, labelled by others', () => {
    const agreeing = SEED_KEYWORDS.filter(({ keyword, intent }) => intentOf(keyword) === intent).length;
    console.log(`intent vs the seed library: ${agreeing}/${SEED_KEYWORDS.length} agree`);
    // Measured 754 / 863 (87.4 %; 85.6 % before this round of rules). Three rules came from reading where
    // it disagreed ("how much to" + a paid job, calculators, buying inside a comparison), so it is not
    // untouched. Most of the rest: "<brand> app" and bare brands it calls navigational, bare product
    // heads it calls commercial (the large set's labels call them transactional).
    expect(agreeing / SEED_KEYWORDS.length).toBeGreaterThanOrEqual(0.86);
  });

  it('agrees with the labelled set where it is confident', () => {
    const guesses = LABELLED_KEYWORDS.map((row) => ({
      guess: classifyIntent(row.keyword),
      gold: GOLD_GROUP_INTENTS.get(row.group)!,
    }));
    const confident = guesses.filter(({ guess }) => guess.confidence >= LOW_CONFIDENCE);
    const agreeing = confident.filter(({ guess, gold }) => guess.intent === gold).length;
    const overall = guesses.filter(({ guess, gold }) => guess.intent === gold).length;
    console.log(
      `intent vs gold: ${agreeing}/${confident.length} of the confident guesses agree, ` +
        `${overall}/${guesses.length} of all (the rest goes to an AI)`,
    );
    expect(agreeing / confident.length).toBeGreaterThanOrEqual(0.95);
    expect(confident.length / guesses.length).toBeGreaterThanOrEqual(0.7);
  });
});
