// The shipped seed keyword library: keywords with US volume, difficulty and intent, by industry and sector slug.
import { automotiveKeywords } from './library/automotive.js';
import { b2bSaasKeywords } from './library/b2b-saas.js';
import { educationKeywords } from './library/education.js';
import { fashionBeautyKeywords } from './library/fashion-beauty.js';
import { financeKeywords } from './library/finance.js';
import { foodDrinkKeywords } from './library/food-drink.js';
import { healthWellnessKeywords } from './library/health-wellness.js';
import { homeGardenKeywords } from './library/home-garden.js';
import { petsKeywords } from './library/pets.js';
import { realEstateKeywords } from './library/real-estate.js';
import type { IndustryKeywordRows, IntentCode } from './library/rows.js';
import { technologyKeywords } from './library/technology.js';
import { travelKeywords } from './library/travel.js';

export type SeedKeywordIntent = 'informational' | 'commercial' | 'transactional' | 'navigational';

export interface SeedKeywordEntry {
  industry: string;
  sector: string;
  keyword: string;
  volume: number;
  difficulty: number;
  intent: SeedKeywordIntent;
}

// Keys are the industry slugs the system subgraph seeds; sector keys inside each file are its sector slugs.
const ROWS_BY_INDUSTRY: Readonly<Record<string, IndustryKeywordRows>> = {
  'home-garden': homeGardenKeywords,
  'health-wellness': healthWellnessKeywords,
  technology: technologyKeywords,
  finance: financeKeywords,
  travel: travelKeywords,
  'food-drink': foodDrinkKeywords,
  'fashion-beauty': fashionBeautyKeywords,
  pets: petsKeywords,
  automotive: automotiveKeywords,
  'real-estate': realEstateKeywords,
  education: educationKeywords,
  'b2b-saas': b2bSaasKeywords,
};

const INTENT_BY_CODE: Readonly<Record<IntentCode, SeedKeywordIntent>> = {
  i: 'informational',
  c: 'commercial',
  t: 'transactional',
  n: 'navigational',
};

function expandRows(rowsByIndustry: Readonly<Record<string, IndustryKeywordRows>>): SeedKeywordEntry[] {
  return Object.entries(rowsByIndustry).flatMap(([industry, sectors]) =>
    Object.entries(sectors).flatMap(([sector, rows]) =>
      rows.map(([keyword, volume, difficulty, intent]) => ({
        industry,
        sector,
        keyword,
        volume,
        difficulty,
        intent: INTENT_BY_CODE[intent],
      })),
    ),
  );
}

export const SEED_KEYWORDS: readonly SeedKeywordEntry[] = expandRows(ROWS_BY_INDUSTRY);
