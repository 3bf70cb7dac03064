// The shipped seed keyword library: coverage of the seeded industries/sectors and well-formed entries.
import { describe, expect, it } from 'vitest';
import { SEED_KEYWORDS, type SeedKeywordEntry } from '../src/seed/library.js';

// The industries and sectors the system subgraph seeds (subgraphs/system/src/seed.ts).
const SEEDED_INDUSTRIES: [string, string[]][] = [
  ['home-garden', ['Gardening', 'Home Improvement', 'Interior Design', 'Outdoor Living', 'Cleaning']],
  ['health-wellness', ['Fitness', 'Nutrition', 'Mental Health', 'Sleep', 'Supplements']],
  ['technology', ['Software', 'Consumer Electronics', 'Cybersecurity', 'Cloud Computing', 'AI']],
  ['finance', ['Personal Finance', 'Investing', 'Credit & Loans', 'Insurance', 'Crypto']],
  ['travel', ['Destinations', 'Travel Gear', 'Budget Travel', 'Hotels', 'Road Trips']],
  ['food-drink', ['Recipes', 'Baking', 'Coffee', 'Wine', 'Restaurants']],
  ['fashion-beauty', ['Skincare', 'Makeup', 'Menswear', 'Womenswear', 'Hair Care']],
  ['pets', ['Dogs', 'Cats', 'Aquariums', 'Pet Health', 'Pet Training']],
  ['automotive', ['Car Maintenance', 'Electric Vehicles', 'Car Buying', 'Car Accessories']],
  ['real-estate', ['Buying a Home', 'Renting', 'Mortgages', 'Property Investing']],
  ['education', ['Online Courses', 'Language Learning', 'Test Prep', 'Study Skills']],
  ['b2b-saas', ['Marketing', 'Sales', 'HR', 'Project Management', 'Analytics']],
];

// Same rule as the system seed uses for sector slugs.
const sectorSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const SEEDED_SECTORS = SEEDED_INDUSTRIES.flatMap(([industry, sectors]) =>
  sectors.map((name) => ({ industry, sector: sectorSlug(name) })),
);

const keywordsOf = (industry: string, sector?: string): SeedKeywordEntry[] =>
  SEED_KEYWORDS.filter((entry) => entry.industry === industry && (sector === undefined || entry.sector === sector));

describe('seed keyword library', () => {
  it('only files keywords under industries and sectors the system seeds', () => {
    const seeded = new Set(SEEDED_SECTORS.map(({ industry, sector }) => `${industry}/${sector}`));
    const unknown = [...new Set(SEED_KEYWORDS.map(({ industry, sector }) => `${industry}/${sector}`))].filter(
      (key) => !seeded.has(key),
    );
    expect(unknown).toEqual([]);
  });

  it.each(SEEDED_SECTORS)('offers at least 12 keywords for $industry / $sector', ({ industry, sector }) => {
    expect(keywordsOf(industry, sector).length).toBeGreaterThanOrEqual(12);
  });

  it.each(SEEDED_INDUSTRIES.map(([industry]) => industry))('offers at least 64 keywords for %s', (industry) => {
    expect(keywordsOf(industry).length).toBeGreaterThanOrEqual(64);
  });

  it('stores keywords normalised: lower-case, trimmed, single-spaced, NFC', () => {
    const unnormalised = SEED_KEYWORDS.map(({ keyword }) => keyword).filter(
      (keyword) =>
        keyword !== keyword.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ') || keyword.length === 0,
    );
    expect(unnormalised).toEqual([]);
  });

  it('lists each keyword once per industry and sector', () => {
    const seen = new Set<string>();
    const duplicates = SEED_KEYWORDS.map(({ industry, sector, keyword }) => `${industry}/${sector}/${keyword}`).filter(
      (key) => seen.has(key) || !seen.add(key),
    );
    expect(duplicates).toEqual([]);
  });

  it('gives whole, non-negative volumes and difficulties between 0 and 100', () => {
    const invalid = SEED_KEYWORDS.filter(
      ({ volume, difficulty }) =>
        !Number.isInteger(volume) || volume < 0 || !Number.isInteger(difficulty) || difficulty < 0 || difficulty > 100,
    );
    expect(invalid).toEqual([]);
  });

  it('tags every keyword with a known intent, and each industry with at least three kinds', () => {
    const intents = ['informational', 'commercial', 'transactional', 'navigational'];
    expect(SEED_KEYWORDS.filter(({ intent }) => !intents.includes(intent))).toEqual([]);
    for (const [industry] of SEEDED_INDUSTRIES) {
      const used = new Set(keywordsOf(industry).map(({ intent }) => intent));
      expect(used.size, industry).toBeGreaterThanOrEqual(3);
    }
  });

  it('tags questions informational, logins navigational and buying phrases transactional', () => {
    const expectedIntent = (keyword: string) => {
      if (/^(how|what|why|when)\b/.test(keyword)) return 'informational';
      if (/\blogin$/.test(keyword)) return 'navigational';
      if (/^buy\b|\bnear me$|\bcoupons?\b|\bpromo code$|\bfor sale\b/.test(keyword)) return 'transactional';
      return undefined;
    };
    const mistagged = SEED_KEYWORDS.filter(({ keyword, intent }) => {
      const expected = expectedIntent(keyword);
      return expected !== undefined && expected !== intent;
    });
    expect(mistagged).toEqual([]);
  });
});
