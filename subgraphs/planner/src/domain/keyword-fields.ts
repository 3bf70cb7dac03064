// Reading one keyword-metric cell (volume, difficulty, CPC, intent, country, language) as keyword tools export it.

export type KeywordIntent = 'informational' | 'commercial' | 'transactional' | 'navigational';
/** A cell's value (null when the cell is empty), or why it cannot be read. */
export type CellResult<T> = { value: T | null } | { error: string };

// Largest value a PostgreSQL integer column takes: keeps a typo from failing the batch insert.
const INTEGER_MAX = 2_147_483_647;
// What tools and people write in a cell that has no value.
const EMPTY_MARKERS = new Set(['', '-', '--', '\u2013', '\u2014', 'n/a', 'na', 'null', 'none', '?']);
const GROUPING_SPACES = /[\s'\u2019]/g;
const CURRENCY = /^(?:[A-Z]{3}|[A-Z]{0,2}\$|[€£¥₹₩₽₺₪₫฿])|(?:[A-Z]{3}|\$|[€£¥₹₩₽₺₪₫฿])$/i;
const SCALE: Record<string, number> = { k: 1_000, m: 1_000_000, b: 1_000_000_000 };

const isEmpty = (cell: string) => EMPTY_MARKERS.has(cell.trim().toLowerCase());

/**
 * Search volume, a whole number ≥ 0. Accepts thousands separators ("1,200", "1.200", "1 200"),
 * scaled forms ("1.5K", "2M") and ranges as Keyword Planner writes them ("1K – 10K", "10K+"):
 * a range counts as its lower bound, the one figure the file vouches for.
 */
export function parseVolume(cell: string): CellResult<number> {
  if (isEmpty(cell)) return { value: null };
  const notWhole = { error: `volume "${cell.trim()}" is not a whole number` };
  const text = cell.trim().replace(/\+$/, '');
  const range = /^(.*?\d.*?)\s*(?:[-\u2013\u2014]|\bto\b)\s*(.*\d.*)$/i.exec(text);
  const volume = scaledNumber(range ? range[1]! : text);
  if (volume === null) return notWhole;
  if (volume < 0) return { error: `volume must be 0 or more (got ${volume})` };
  if (!Number.isInteger(volume)) return notWhole;
  if (volume > INTEGER_MAX) return { error: `volume ${volume} is too large (at most ${INTEGER_MAX})` };
  return { value: volume };
}

/** Keyword difficulty, a whole number 0..100 ("45", "45%", "45.0"). */
export function parseDifficulty(cell: string): CellResult<number> {
  if (isEmpty(cell)) return { value: null };
  const difficulty = decimal(cell.trim().replace(/\s*%$/, ''), 'grouping');
  if (difficulty === null || !Number.isInteger(difficulty)) {
    return { error: `difficulty "${cell.trim()}" is not a whole number` };
  }
  if (difficulty < 0 || difficulty > 100) return { error: `difficulty must be between 0 and 100 (got ${difficulty})` };
  return { value: difficulty };
}

/**
 * Cost per click in minor units (cents), rounded half up: "1.25", "$1.25", "1,25 €", "USD 0.5".
 * A lone "," or "." is always the decimal mark here (nobody pays 1,250 per click).
 */
export function parseCpcCents(cell: string): CellResult<number> {
  if (isEmpty(cell)) return { value: null };
  let text = cell.trim();
  for (let strip = text.replace(CURRENCY, '').trim(); strip !== text; strip = text.replace(CURRENCY, '').trim()) {
    text = strip;
  }
  const parts = decimalParts(text, 'decimal');
  if (!parts) return { error: `cpc "${cell.trim()}" is not an amount (write it like 1.25)` };
  const fraction = `${parts.fraction}000`;
  const cents = Number(parts.whole) * 100 + Number(fraction.slice(0, 2)) + (Number(fraction[2]) >= 5 ? 1 : 0);
  if (parts.negative && cents > 0) return { error: `cpc must be 0 or more (got ${cell.trim()})` };
  if (cents > INTEGER_MAX) return { error: `cpc ${cell.trim()} is too large` };
  return { value: cents };
}

const INTENT_WORDS: Record<string, KeywordIntent> = {
  informational: 'informational',
  information: 'informational',
  info: 'informational',
  i: 'informational',
  commercial: 'commercial',
  c: 'commercial',
  transactional: 'transactional',
  transaction: 'transactional',
  t: 'transactional',
  navigational: 'navigational',
  navigation: 'navigational',
  nav: 'navigational',
  n: 'navigational',
};
// Labels Ahrefs puts in its "Intents" cell beside the four intents: not an intent, not an error either.
const NON_INTENT_LABELS = new Set(['branded', 'non', 'local', 'investigation', 'unknown']);

/**
 * Search intent: the first recognised one of a list ("Commercial, Transactional" → commercial),
 * words or Semrush's letter badges (I, C, T, N).
 */
export function parseIntent(cell: string): CellResult<KeywordIntent> {
  if (isEmpty(cell)) return { value: null };
  const words = cell
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  for (const word of words) {
    const intent = INTENT_WORDS[word];
    if (intent) return { value: intent };
  }
  if (words.every((word) => NON_INTENT_LABELS.has(word))) return { value: null };
  return { error: `intent "${cell.trim()}" is not one of informational, commercial, transactional, navigational` };
}

// ISO 3166-1 alpha-2, officially assigned, plus XK (Kosovo), which ad platforms target.
const COUNTRY_CODES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
  CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
  JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
  MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
  RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
  TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`.split(/\s+/),
);
// Names and codes tools use that are not the ISO code or its English name (Semrush's "uk" database).
const COUNTRY_ALIASES: Record<string, string> = {
  uk: 'GB',
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  'great britain': 'GB',
  england: 'GB',
  'czech republic': 'CZ',
  turkey: 'TR',
  holland: 'NL',
  'south korea': 'KR',
  korea: 'KR',
  russia: 'RU',
  'ivory coast': 'CI',
  uae: 'AE',
};
// Cells that say "no particular country": the keyword is kept without one.
const ANY_COUNTRY = new Set(['worldwide', 'global', 'all', 'all locations', 'international', 'any']);
let countriesByName: Map<string, string> | undefined;

/** Country as an upper-case ISO 3166-1 alpha-2 code, from a code ("us", "UK") or an English name ("United States"). */
export function parseCountry(cell: string): CellResult<string> {
  if (isEmpty(cell)) return { value: null };
  const name = comparableName(cell);
  if (ANY_COUNTRY.has(name)) return { value: null };
  const code = cell.trim().toUpperCase();
  if (COUNTRY_CODES.has(code)) return { value: code };
  countriesByName ??= englishNames(COUNTRY_CODES, 'region');
  const found = COUNTRY_ALIASES[name] ?? countriesByName.get(name);
  if (found) return { value: found };
  return { error: `country "${cell.trim()}" is not a country code or name (use a two-letter code like US)` };
}

const knownLanguages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
let languagesByName: Map<string, string> | undefined;

/** Language as a lower-case ISO 639 code: "en", "EN", "en-US" and "English" all give "en". */
export function parseLanguage(cell: string): CellResult<string> {
  if (isEmpty(cell)) return { value: null };
  const text = cell.trim().replace(/_/g, '-');
  const invalid = { error: `language "${cell.trim()}" is not a language code or name (use a code like en)` };
  if (/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(text)) {
    try {
      // Canonicalising maps retired codes (iw → he, in → id) and drops region/script subtags.
      const language = new Intl.Locale(Intl.getCanonicalLocales(text)[0]!).language;
      return knownLanguages.of(language) ? { value: language } : invalid;
    } catch {
      return invalid;
    }
  }
  languagesByName ??= englishNames(twoLetterCodes(), 'language');
  const found = languagesByName.get(comparableName(cell));
  return found ? { value: found } : invalid;
}

/** A decimal number written with any common grouping/decimal marks and an optional K/M/B scale. */
function scaledNumber(text: string): number | null {
  const scaled = /^(.*?)\s*([kmb])$/i.exec(text);
  if (!scaled) return decimal(text, 'grouping');
  const base = decimal(scaled[1]!, 'decimal');
  return base === null ? null : Math.round(base * SCALE[scaled[2]!.toLowerCase()]!);
}

function decimal(text: string, loneMark: 'grouping' | 'decimal'): number | null {
  const parts = decimalParts(text, loneMark);
  if (!parts) return null;
  const value = Number(`${parts.whole}.${parts.fraction || '0'}`);
  return parts.negative ? -value : value;
}

/**
 * Splits "1,234.5", "1.234,5", "1 234", "-3" into sign, whole digits and fraction digits. When only one
 * mark appears once, `loneMark` says how to read it, except that a whole-number reading needs exactly
 * three digits after it ("1,200" is 1200 but "1,5" is 1.5).
 */
function decimalParts(
  text: string,
  loneMark: 'grouping' | 'decimal',
): { negative: boolean; whole: string; fraction: string } | null {
  const match = /^([-\u2212+]?)([\d.,]*\d[\d.,]*)$/.exec(text.replace(GROUPING_SPACES, ''));
  if (!match) return null;
  const negative = match[1] === '-' || match[1] === '\u2212';
  const digits = match[2]!;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) decimalAt = Math.max(lastDot, lastComma);
  else {
    const mark = lastDot >= 0 ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    const single = at >= 0 && digits.indexOf(mark) === at;
    const looksGrouped = /^\d{1,3}$/.test(digits.slice(0, at)) && /^\d{3}$/.test(digits.slice(at + 1));
    if (single && (loneMark === 'decimal' || !looksGrouped)) decimalAt = at;
  }
  const wholePart = decimalAt >= 0 ? digits.slice(0, decimalAt) : digits;
  const fraction = decimalAt >= 0 ? digits.slice(decimalAt + 1) : '';
  if (!/^\d*$/.test(fraction)) return null;
  // Grouping marks must sit between groups of three digits.
  if (!/^(?:\d+|\d{1,3}(?:[.,]\d{3})+)?$/.test(wholePart)) return null;
  const whole = wholePart.replace(/[.,]/g, '') || '0';
  return { negative, whole, fraction };
}

function comparableName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function englishNames(codes: Iterable<string>, type: 'region' | 'language'): Map<string, string> {
  const names = new Intl.DisplayNames(['en'], { type, fallback: 'none' });
  const byName = new Map<string, string>();
  for (const code of codes) {
    const name = names.of(code);
    if (name) byName.set(comparableName(name), type === 'region' ? code : code.toLowerCase());
  }
  return byName;
}

function twoLetterCodes(): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return [...letters].flatMap((first) => [...letters].map((second) => first + second));
}
