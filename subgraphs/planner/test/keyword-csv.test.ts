// The keyword file importer (CSV and pasted lists) and the CSV export writer, without a database.
import { BadUserInputError } from '@igny8/lib';
import { describe, expect, it } from 'vitest';
import {
  KEYWORD_MAX_LENGTH,
  type KeywordCsvBatch,
  KeywordFileError,
  keywordCsvWriter,
  normalizeKeyword,
  type ParsedKeywordRow,
  type ParseKeywordCsvOptions,
  parseKeywordCsv,
  parseKeywordList,
  type RejectedKeywordRow,
} from '../src/domain/keyword-csv.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { generateKeywordFile } from './fixtures/keyword-csv-fixture.js';

interface Imported {
  rows: ParsedKeywordRow[];
  rejected: RejectedKeywordRow[];
  duplicates: number;
  batches: KeywordCsvBatch[];
}

async function collect(batches: AsyncIterable<KeywordCsvBatch>): Promise<Imported> {
  const imported: Imported = { rows: [], rejected: [], duplicates: 0, batches: [] };
  for await (const batch of batches) {
    imported.batches.push(batch);
    imported.rows.push(...batch.rows);
    imported.rejected.push(...batch.rejected);
    imported.duplicates += batch.duplicatesInFile;
  }
  return imported;
}

const importCsv = (input: Parameters<typeof parseKeywordCsv>[0], options?: ParseKeywordCsvOptions) =>
  collect(parseKeywordCsv(input, options));

async function* chunksOf(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(input: Parameters<typeof parseKeywordCsv>[0]): Promise<KeywordFileError> {
  const batches = parseKeywordCsv(input);
  const error = await batches.next().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(KeywordFileError);
  return error as KeywordFileError;
}

/** Imports one cell under `header` and gives its stored value, or the row's rejection reason. */
async function importCell(header: string, cell: string): Promise<unknown> {
  const { rows, rejected } = await importCsv(`keyword,${header}\nsome keyword,"${cell.replaceAll('"', '""')}"\n`);
  if (rejected.length) return { reason: rejected[0]!.reason };
  const { line: _line, keyword: _keyword, ...values } = rows[0]!;
  return Object.values(values).find((value) => value !== null) ?? null;
}

describe('normalizeKeyword', () => {
  it('trims, lower-cases and collapses every kind of whitespace to one space', () => {
    expect(normalizeKeyword('  Best\tRunning \u00A0 SHOES\n2024\u3000 ')).toBe('best running shoes 2024');
  });

  it('composes accents (NFC) so the two ways of typing é are one keyword', () => {
    const decomposed = 'Cafe\u0301 Paris';
    expect(normalizeKeyword(decomposed)).toBe('caf\u00E9 paris');
    expect(normalizeKeyword(decomposed)).toBe(normalizeKeyword('CAF\u00C9 PARIS'));
  });

  it('strips quotes and exact-match brackets around the keyword, not quotes inside it', () => {
    expect(normalizeKeyword('"running shoes"')).toBe('running shoes');
    expect(normalizeKeyword('\u201CRunning Shoes\u201D')).toBe('running shoes');
    expect(normalizeKeyword("' [running shoes] '")).toBe('running shoes');
    expect(normalizeKeyword('24" monitor')).toBe('24" monitor');
    expect(normalizeKeyword("kid's shoes")).toBe("kid's shoes");
  });

  it('removes zero-width characters but keeps the joiners that spell Persian and emoji', () => {
    expect(normalizeKeyword('\u200Brunning\u200B shoes\uFEFF')).toBe('running shoes');
    expect(normalizeKeyword('\u200Cمی\u200Cخواهم\u200D')).toBe('می\u200Cخواهم');
  });

  it('removes bidirectional controls, so a keyword cannot display as another', () => {
    expect(normalizeKeyword('\u202Eseohs yub')).toBe('seohs yub');
    expect(normalizeKeyword('buy \u2066shoes\u2069 \u202A\u202B\u202C\u202D\u2067\u2068')).toBe('buy shoes');
  });

  it('lower-cases the same way whatever the server locale (Unicode default mapping)', () => {
    expect(normalizeKeyword('ISTANBUL İZMİR')).toBe('istanbul i̇zmi̇r');
  });
});

describe('header', () => {
  // The names the feature promises; each header is written with odd case, spacing and a BOM-free file.
  const aliases: Record<string, string[]> = {
    keyword: ['keyword', 'keywords', 'query', 'search term', 'search query', 'term', 'key phrase', 'phrase'],
    volume: [
      'volume',
      'search volume',
      'avg. monthly searches',
      'avg monthly searches',
      'monthly searches',
      'sv',
      'msv',
    ],
    difficulty: ['difficulty', 'kd', 'keyword difficulty', 'kd %', 'kd%', 'seo difficulty'],
    cpc: ['cpc', 'cpc (usd)', 'top of page bid', 'cost per click'],
    intent: ['intent', 'search intent', 'keyword intent'],
    country: ['country', 'location', 'database', 'market'],
    language: ['language', 'lang'],
  };
  const cells: Record<string, [string, unknown]> = {
    volume: ['1200', 1200],
    difficulty: ['35', 35],
    cpc: ['1.25', 125],
    intent: ['commercial', 'commercial'],
    country: ['us', 'US'],
    language: ['en', 'en'],
  };
  const rowField = { volume: 'volume', difficulty: 'difficulty', cpc: 'cpcCents' } as Record<string, string>;

  for (const [field, names] of Object.entries(aliases)) {
    it.each(names)(`reads a "%s" column as ${field}`, async (name) => {
      const header = ` ${name.toUpperCase()} `;
      if (field === 'keyword') {
        const { rows } = await importCsv(`${header},Volume\nRunning Shoes,10\n`);
        expect(rows.map((row) => row.keyword)).toEqual(['running shoes']);
        return;
      }
      const [cell, stored] = cells[field]!;
      const { rows } = await importCsv(`Keyword,Notes,${header}\nrunning shoes,anything,${cell}\n`);
      expect(rows[0]).toMatchObject({ keyword: 'running shoes', [rowField[field] ?? field]: stored });
    });
  }

  it('reads a Semrush export', async () => {
    const semrush =
      'Keyword,Intent,Volume,Trend,Keyword Difficulty,CPC (USD),Competitive Density,SERP Features,Number of Results\n' +
      'running shoes,"Commercial, Transactional",74000,"0.67,0.82,1.00",87,0.94,1,"Sitelinks, Reviews",2120000000\n';
    const { rows } = await importCsv(semrush);
    expect(rows).toEqual([
      {
        line: 2,
        keyword: 'running shoes',
        volume: 74000,
        difficulty: 87,
        cpcCents: 94,
        intent: 'commercial',
        country: null,
        language: null,
      },
    ]);
  });

  it('reads an Ahrefs export and ignores the columns it does not know', async () => {
    const ahrefs =
      '#,Keyword,Country,Difficulty,Volume,CPC,CPS,Parent Keyword,Last Update,SERP Features,Global volume\n' +
      '1,trail running shoes,us,32,12000,1.10,1.2,trail shoes,2024-05-01,"Image pack, Reviews",41000\n';
    const { rows } = await importCsv(ahrefs);
    expect(rows[0]).toMatchObject({ keyword: 'trail running shoes', country: 'US', difficulty: 32, volume: 12000 });
    expect(rows[0]!.cpcCents).toBe(110);
  });

  it('reads a Google Keyword Planner export: UTF-16 with a BOM, tab-separated, two title lines above the header', async () => {
    const planner =
      'Keyword Stats 2024-05-01 at 10_00_00\nAll locations\n' +
      'Keyword\tCurrency\tAvg. monthly searches\tTop of page bid (low range)\tTop of page bid (high range)\n' +
      'zapatos para correr\tUSD\t1K – 10K\t0.45\t1.80\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(planner, 'utf16le'))]);
    const { rows } = await importCsv(chunksOf(bytes, [1, 7, 100]));
    // The high bid is what a click costs at the top of the page; a range counts as its lower bound.
    expect(rows).toEqual([
      expect.objectContaining({ line: 4, keyword: 'zapatos para correr', volume: 1000, cpcCents: 180 }),
    ]);
  });

  it('refuses a file without a keyword column, naming the columns it found and the names it accepts', async () => {
    const error = await refusal('Top pages,Clicks,Impressions\n/blog,10,200\n');
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('no keyword column');
    expect(error.message).toContain('"Top pages", "Clicks", "Impressions"');
    for (const accepted of ['keyword', 'query', 'search term', 'phrase']) expect(error.message).toContain(accepted);
    expect(error.fields.file).toEqual([error.message]);
  });

  it('refuses an empty file and a file of blank lines', async () => {
    expect((await refusal('')).message).toMatch(/empty/);
    expect((await refusal(chunksOf(utf8('\uFEFF\n  \r\n\n'), [2]))).message).toMatch(/empty/);
  });

  it('refuses a workbook or other binary file, asking for a CSV', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]);
    expect((await refusal(chunksOf(xlsx, []))).message).toContain('save it as "CSV UTF-8"');
  });

  it('refuses a header-less file rather than guessing which column holds keywords', async () => {
    const error = await refusal('running shoes,1200\ntrail shoes,300\n');
    expect(error.message).toContain('"running shoes", "1200"');
  });
});

describe('cells', () => {
  it.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['1 200', 1200],
    ['1\u202F200', 1200],
    ['1.200.000', 1200000],
    ['1.5K', 1500],
    ['2M', 2000000],
    ['1K-10K', 1000],
    ['10 – 100', 10],
    ['10K+', 10000],
    ['0', 0],
    ['', null],
    ['-', null],
  ])('reads volume %j as %j', async (cell, volume) => {
    expect(await importCell('volume', cell)).toEqual(volume);
  });

  it.each([
    ['abc', 'volume "abc" is not a whole number'],
    ['12.5', 'volume "12.5" is not a whole number'],
    ['-5', 'volume must be 0 or more (got -5)'],
  ])('rejects volume %j: %s', async (cell, reason) => {
    expect(await importCell('volume', cell)).toEqual({ reason });
  });

  it.each([
    ['0', 0],
    ['45', 45],
    ['45%', 45],
    ['100', 100],
  ])('reads difficulty %j as %j', async (cell, difficulty) => {
    expect(await importCell('kd', cell)).toEqual(difficulty);
  });

  it.each([
    ['-5', 'difficulty must be between 0 and 100 (got -5)'],
    ['101', 'difficulty must be between 0 and 100 (got 101)'],
    ['4.5', 'difficulty "4.5" is not a whole number'],
    ['hard', 'difficulty "hard" is not a whole number'],
  ])('rejects difficulty %j: %s', async (cell, reason) => {
    expect(await importCell('kd', cell)).toEqual({ reason });
  });

  it.each([
    ['1.25', 125],
    ['$1.25', 125],
    ['1,25', 125],
    ['€0,5', 50],
    ['USD 2', 200],
    ['0.125', 13],
    ['1,234.56', 123456],
    ['0', 0],
  ])('reads cpc %j as %j cents', async (cell, cents) => {
    expect(await importCell('cpc', cell)).toEqual(cents);
  });

  it.each([
    ['-1.25', 'cpc must be 0 or more (got -1.25)'],
    ['cheap', 'cpc "cheap" is not an amount (write it like 1.25)'],
  ])('rejects cpc %j: %s', async (cell, reason) => {
    expect(await importCell('cpc', cell)).toEqual({ reason });
  });

  it.each([
    ['Commercial, Transactional', 'commercial'],
    ['informational', 'informational'],
    ['I', 'informational'],
    ['t', 'transactional'],
    ['N, C', 'navigational'],
    ['Branded, Non-branded', null],
  ])('reads intent %j as %j', async (cell, intent) => {
    expect(await importCell('intent', cell)).toEqual(intent);
  });

  it('rejects an intent it cannot place', async () => {
    expect(await importCell('intent', 'purchase')).toEqual({
      reason: 'intent "purchase" is not one of informational, commercial, transactional, navigational',
    });
  });

  it.each([
    ['us', 'US'],
    ['US', 'US'],
    ['United States', 'US'],
    ['uk', 'GB'],
    ['united kingdom', 'GB'],
    ['Côte d’Ivoire', 'CI'],
    ['Worldwide', null],
  ])('reads country %j as %j', async (cell, country) => {
    expect(await importCell('country', cell)).toEqual(country);
  });

  it.each(['Narnia', 'XX', 'U.S.A.!'])('rejects country %j', async (cell) => {
    expect(await importCell('country', cell)).toEqual({
      reason: `country "${cell}" is not a country code or name (use a two-letter code like US)`,
    });
  });

  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['pt_BR', 'pt'],
    ['English', 'en'],
    ['iw', 'he'],
  ])('reads language %j as %j', async (cell, language) => {
    expect(await importCell('language', cell)).toEqual(language);
  });

  it('rejects a language it does not know', async () => {
    expect(await importCell('language', 'xyz')).toEqual({
      reason: 'language "xyz" is not a language code or name (use a code like en)',
    });
  });

  it('lists every problem of a row in its one reason', async () => {
    const { rejected } = await importCsv('keyword,volume,kd\nrunning shoes,abc,-5\n');
    expect(rejected).toEqual([
      {
        line: 2,
        keyword: 'running shoes',
        reason: 'volume "abc" is not a whole number; difficulty must be between 0 and 100 (got -5)',
      },
    ]);
  });
});

describe('rows', () => {
  it('rejects each bad row with its line and a reason, and keeps every good row around them', async () => {
    const long = 'x'.repeat(300);
    const file = [
      'keyword,volume,kd', // 1
      'good one,10,1', // 2
      '   ,10,1', // 3 empty keyword
      `${long},10,1`, // 4
      '', // 5 blank: skipped, not counted
      'good two,20,2', // 6
      ',,', // 7 a row of empty cells: skipped like a blank line
      'good three,30,3,', // 8 an empty extra cell is harmless
      'good four', // 9 missing cells are empty
      'too,many,cells,here', // 10
      'good five,50,5', // 11
    ].join('\n');
    const { rows, rejected, duplicates } = await importCsv(file);
    expect(rows.map((row) => [row.line, row.keyword, row.volume])).toEqual([
      [2, 'good one', 10],
      [6, 'good two', 20],
      [8, 'good three', 30],
      [9, 'good four', null],
      [11, 'good five', 50],
    ]);
    expect(rejected).toEqual([
      { line: 3, keyword: null, reason: 'keyword is empty' },
      {
        line: 4,
        keyword: `${long.slice(0, 50)}…`,
        reason: `keyword is 300 characters long; the limit is ${KEYWORD_MAX_LENGTH}`,
      },
      {
        line: 10,
        keyword: 'too',
        reason: 'the row has 4 cells but the header has 3 columns: wrap cells that contain "," in quotes',
      },
    ]);
    expect(duplicates).toBe(0);
  });

  it('accepts a keyword of exactly the limit and counts characters, not UTF-16 units', async () => {
    const emoji = '👟'.repeat(KEYWORD_MAX_LENGTH);
    const { rows } = await importCsv(`keyword\n${emoji}\n`);
    expect(rows.map((row) => row.keyword)).toEqual([emoji]);
  });

  it('reports an unclosed quote on its line and still reads the rows after it', async () => {
    const file = ['keyword,volume', 'first,1', '"unterminated,5', 'second,2', 'third,3'].join('\n');
    const { rows, rejected } = await importCsv(file);
    expect(rows.map((row) => [row.line, row.keyword])).toEqual([
      [2, 'first'],
      [4, 'second'],
      [5, 'third'],
    ]);
    expect(rejected).toEqual([{ line: 3, keyword: null, reason: expect.stringContaining('is never closed') }]);
  });

  it('recovers from an unclosed quote that later rows with quotes seem to close', async () => {
    const file = ['keyword,volume', '"unterminated,5', 'plain,1', '"quoted, keyword",2', 'last,3'].join('\r\n');
    const { rows, rejected } = await importCsv(file);
    expect(rows.map((row) => [row.line, row.keyword])).toEqual([
      [3, 'plain'],
      [4, 'quoted, keyword'],
      [5, 'last'],
    ]);
    expect(rejected.map((row) => row.line)).toEqual([2]);
  });

  it('gives up on a quote still open after 20 lines and reads those lines again as rows', async () => {
    const plain = Array.from({ length: 30 }, (_, index) => `plain ${index},${index}`);
    const { rows, rejected } = await importCsv(['keyword,volume', '"open,1', ...plain].join('\n'));
    expect(rejected.map((row) => row.line)).toEqual([2]);
    expect(rows.map((row) => row.line)).toEqual(plain.map((_, index) => index + 3));
  });

  it('reads a quoted cell of 20 lines, and gives up on a longer one even when a later quote closes it', async () => {
    const twentyLines = Array.from({ length: 20 }, (_, index) => `part ${index}`).join('\n');
    const plain = Array.from({ length: 19 }, (_, index) => `plain ${index},${index}`);
    const file = ['keyword,volume', `"${twentyLines}",1`, '"opened', ...plain, 'closed",2', 'after,3'].join('\n');
    const { rows, rejected } = await importCsv(file);
    expect(rows[0]).toMatchObject({ line: 2, keyword: twentyLines.replaceAll('\n', ' '), volume: 1 });
    // The quote opened on line 22 closes on line 42, its 21st line: line 22 is rejected and lines 23..41 are rows.
    expect(rejected.map((row) => [row.line, row.reason])).toEqual([
      [22, expect.stringContaining('is never closed')],
      [42, expect.stringContaining('a quote (") in the middle')],
    ]);
    expect(rows.slice(1).map((row) => row.line)).toEqual([...plain.map((_, index) => index + 23), 43]);
  });

  it('keeps commas in the cells of a one-column file', async () => {
    const { rows } = await importCsv('Keyword\nshoes, red\n"boots, ""hiking"""\n');
    expect(rows.map((row) => row.keyword)).toEqual(['shoes, red', 'boots, "hiking"']);
  });

  it('rejects a stray quote in the middle of a cell and text after a closing quote, on their own lines', async () => {
    const file = ['keyword,volume', 'stray"quote,1', '"closed"then text,2', 'fine,3'].join('\n');
    const { rows, rejected } = await importCsv(file);
    expect(rows.map((row) => row.line)).toEqual([4]);
    expect(rejected).toEqual([
      { line: 2, keyword: null, reason: expect.stringContaining('a quote (") in the middle') },
      { line: 3, keyword: null, reason: expect.stringContaining('text after its closing quote') },
    ]);
  });

  it('numbers rows by the physical line they start on when a quoted cell holds line breaks', async () => {
    const file = 'keyword,notes\r\n"multi\r\nline",x\r\nnext,"a\nb\rc"\rafter,\n';
    const { rows } = await importCsv(file);
    expect(rows.map((row) => [row.line, row.keyword])).toEqual([
      [2, 'multi line'],
      [4, 'next'],
      [7, 'after'],
    ]);
  });

  it('rejects a line too long to be a row without holding it, and reads on', async () => {
    const { rows, rejected } = await importCsv(`keyword\nfirst\n${'z'.repeat(70_000)}\nsecond\n`);
    expect(rows.map((row) => [row.line, row.keyword])).toEqual([
      [2, 'first'],
      [4, 'second'],
    ]);
    expect(rejected).toEqual([{ line: 3, keyword: null, reason: 'the line is longer than 65536 characters' }]);
  });

  it('accepts escaped quotes and spaces around a quoted cell', async () => {
    const { rows } = await importCsv('keyword,volume\n  "24"" monitor"  , 5\n');
    expect(rows).toEqual([expect.objectContaining({ keyword: '24" monitor', volume: 5 })]);
  });

  it('reads a formula-guarded cell (as exports write it) without the guard', async () => {
    const { rows } = await importCsv("keyword\n'=vlookup tutorial\n'-shoes\n");
    expect(rows.map((row) => row.keyword)).toEqual(['=vlookup tutorial', '-shoes']);
  });

  it('rejects a keyword whose bytes are not UTF-8, asking for a UTF-8 file', async () => {
    const latin1 = new Uint8Array([...utf8('keyword\ncaf'), 0xe9, ...utf8('\nplain\n')]);
    const { rows, rejected } = await importCsv(chunksOf(latin1, []));
    expect(rows.map((row) => row.keyword)).toEqual(['plain']);
    expect(rejected).toEqual([
      { line: 2, keyword: 'caf\uFFFD', reason: expect.stringContaining('save the file as "CSV UTF-8"') },
    ]);
  });

  it('counts duplicates that differ only in case and spacing; the first one wins', async () => {
    const file = ['keyword,volume', 'Running Shoes,100', 'bad,xyz', ' running   SHOES ,200', 'RUNNING SHOES,300'].join(
      '\n',
    );
    const { rows, duplicates } = await importCsv(file);
    expect(rows).toEqual([expect.objectContaining({ line: 2, keyword: 'running shoes', volume: 100 })]);
    expect(duplicates).toBe(2);
  });

  it('takes a later copy of a keyword when the first one was rejected', async () => {
    const { rows, rejected, duplicates } = await importCsv('keyword,volume\nshoes,lots\nShoes,100\n');
    expect(rejected.map((row) => row.line)).toEqual([2]);
    expect(rows).toEqual([expect.objectContaining({ line: 3, volume: 100 })]);
    expect(duplicates).toBe(0);
  });
});

describe('delimiters and encodings', () => {
  const expected = [
    { line: 2, keyword: 'running shoes', volume: 1200, difficulty: 35, cpcCents: 125 },
    { line: 3, keyword: 'trail shoes', volume: 300, difficulty: 12, cpcCents: 80 },
  ];
  const shapeOf = (rows: ParsedKeywordRow[]) =>
    rows.map(({ line, keyword, volume, difficulty, cpcCents }) => ({ line, keyword, volume, difficulty, cpcCents }));

  it('reads a tab-separated file', async () => {
    const { rows } = await importCsv(
      'Keyword\tSearch Volume\tKD\tCPC\nrunning shoes\t1,200\t35\t1.25\ntrail shoes\t300\t12\t0.80\n',
    );
    expect(shapeOf(rows)).toEqual(expected);
  });

  it('reads a semicolon-separated file with decimal commas and dot thousands', async () => {
    const { rows } = await importCsv(
      'Keyword;Volume;KD;CPC\nrunning shoes;1.200;35;1,25 €\ntrail shoes;300;12;0,80 €\n',
    );
    expect(shapeOf(rows)).toEqual(expected);
  });

  it('reads UTF-8 with a byte-order mark, whose header is then still recognised', async () => {
    const bytes = utf8('\uFEFFKeyword,Volume,KD,CPC\r\nrunning shoes,1200,35,1.25\r\ntrail shoes,300,12,0.8\r\n');
    expect(shapeOf((await importCsv(chunksOf(bytes, [1, 2]))).rows)).toEqual(expected);
  });

  it('reads UTF-16 LE with a BOM split at odd byte offsets', async () => {
    const text = 'Keyword,Volume,KD,CPC\nrunning shoes,1200,35,1.25\ntrail shoes,300,12,0.8\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect(shapeOf((await importCsv(chunksOf(bytes, [3, 9, 41]))).rows)).toEqual(expected);
  });

  it('reads a file handed over as string chunks', async () => {
    async function* strings() {
      yield 'Keyword,Volume,KD,CPC\nrunning sh';
      yield 'oes,1200,35,1.25\r';
      yield '\ntrail shoes,300,12,0.8';
    }
    expect(shapeOf((await importCsv(strings())).rows)).toEqual(expected);
  });
});

describe('pasted lists', () => {
  it('reads one keyword per line, skipping blank lines and counting duplicates', async () => {
    const { rows, duplicates } = await collect(
      parseKeywordList('Running Shoes\n\n  trail shoes \r\n"running shoes"\n'),
    );
    expect(rows.map((row) => [row.line, row.keyword, row.volume])).toEqual([
      [1, 'running shoes', null],
      [3, 'trail shoes', null],
    ]);
    expect(duplicates).toBe(1);
  });

  it('keeps commas in a pasted keyword and takes the first cell of a row copied from a spreadsheet', async () => {
    const { rows } = await collect(parseKeywordList('shoes, red\ntrail shoes\t300\t12\n'));
    expect(rows.map((row) => row.keyword)).toEqual(['shoes, red', 'trail shoes']);
  });

  it('reads a pasted CSV with a header as CSV', async () => {
    const { rows } = await collect(parseKeywordList('\nKeyword,Volume\nrunning shoes,1200\n'));
    expect(rows).toEqual([expect.objectContaining({ line: 3, keyword: 'running shoes', volume: 1200 })]);
  });

  it('rejects a pasted keyword that is too long or only quotes, with its line and the start of the keyword', async () => {
    const { rejected } = await collect(parseKeywordList(`ok\n${'y'.repeat(10_000)}\n""\n`));
    expect(rejected).toEqual([
      { line: 2, keyword: `${'y'.repeat(50)}…`, reason: 'keyword is 10000 characters long; the limit is 200' },
      { line: 3, keyword: null, reason: 'keyword is empty' },
    ]);
  });

  it('refuses an empty paste', async () => {
    await expect(collect(parseKeywordList(' \n\t\n'))).rejects.toBeInstanceOf(KeywordFileError);
  });
});

describe('a generated 10,000-row file with 3 % bad rows', () => {
  const file = generateKeywordFile(10_000, 0.03, 42);

  it('yields every good row exactly once and every bad row with its line and reason', async () => {
    const { rows, rejected, duplicates } = await importCsv(file.text);
    expect(file.rejected.length).toBeGreaterThan(200);
    expect(rows).toEqual(file.rows);
    expect(rejected.map((row) => row.line)).toEqual(file.rejected.map((row) => row.line));
    for (const [index, row] of rejected.entries()) expect(row.reason).toContain(file.rejected[index]!.reasonIncludes);
    expect(duplicates).toBe(file.duplicates);
  });

  it('gives the same result whatever byte offsets the file arrives split at, even inside a character', async () => {
    const random = seededRandom(7);
    // CRLF line ends too: a chunk may end between the \r and the \n.
    for (const text of [file.text, file.text.replaceAll('\n', '\r\n')]) {
      const bytes = utf8(text);
      const insideCharacter = bytes.findIndex((byte) => (byte & 0b1100_0000) === 0b1000_0000);
      for (let attempt = 0; attempt < 3; attempt++) {
        const cuts = Array.from({ length: 300 }, () => Math.floor(random() * bytes.length));
        const split = await importCsv(chunksOf(bytes, [...cuts, insideCharacter]));
        expect(split.rows).toEqual(file.rows);
        expect(split.rejected.map((row) => row.line)).toEqual(file.rejected.map((row) => row.line));
        expect(split.duplicates).toBe(file.duplicates);
      }
    }
  });

  it('gives the same result fed one byte at a time', async () => {
    const small = generateKeywordFile(300, 0.05, 3);
    const bytes = utf8(small.text);
    const oneByOne = await importCsv(
      chunksOf(
        bytes,
        Array.from({ length: bytes.length }, (_, index) => index),
      ),
    );
    expect(oneByOne.rows).toEqual(small.rows);
    expect(oneByOne.rejected.map((row) => row.line)).toEqual(small.rejected.map((row) => row.line));
  });
});

describe('streaming', () => {
  it('reads a 100,000-row file in chunks, yielding batches before the whole file has been read', async () => {
    const totalRows = 100_000;
    const rowsPerChunk = 2000;
    let chunksRead = 0;
    async function* file(): AsyncGenerator<Uint8Array> {
      yield utf8('keyword,volume,kd\n');
      for (let start = 0; start < totalRows; start += rowsPerChunk) {
        let text = '';
        for (let index = start; index < start + rowsPerChunk; index++)
          text += `keyword ${index},${index},${index % 101}\n`;
        chunksRead++;
        yield utf8(text);
      }
    }
    let rows = 0;
    let batches = 0;
    let chunksReadAtFirstBatch = -1;
    for await (const batch of parseKeywordCsv(file(), { batchSize: 500 })) {
      if (chunksReadAtFirstBatch < 0) chunksReadAtFirstBatch = chunksRead;
      expect(batch.rows.length).toBeLessThanOrEqual(500);
      rows += batch.rows.length;
      batches++;
    }
    expect(rows).toBe(totalRows);
    expect(batches).toBe(totalRows / 500);
    expect(chunksReadAtFirstBatch).toBeLessThanOrEqual(1);
  });

  it('yields batches of batchSize valid rows; the last one holds the rest', async () => {
    const file = `keyword\n${Array.from({ length: 10 }, (_, index) => `k${index}`).join('\n')}`;
    const { batches } = await importCsv(file, { batchSize: 3 });
    expect(batches.map((batch) => batch.rows.length)).toEqual([3, 3, 3, 1]);
  });

  it('stops at maxRows, rejecting the first row past it, and stops reading the input', async () => {
    let closed = false;
    let linesHandedOver = 0;
    async function* file(): AsyncGenerator<string> {
      try {
        yield 'keyword\n';
        for (let index = 0; index < 1000; index++) {
          linesHandedOver++;
          yield `k${index}\n${index % 2 ? '\n' : ''}`;
        }
      } finally {
        closed = true;
      }
    }
    const { rows, rejected } = await importCsv(file(), { maxRows: 5 });
    expect(rows.map((row) => row.keyword)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    // Lines 2..8 hold k0..k4 and the blank lines after k1 and k3; k5 is on line 9.
    expect(rejected).toEqual([{ line: 9, keyword: null, reason: expect.stringContaining('more than 5 rows') }]);
    expect(closed).toBe(true);
    expect(linesHandedOver).toBeLessThan(10);
  });
});

describe('keywordCsvWriter', () => {
  async function write<Row extends Record<string, unknown>>(
    ...args: Parameters<typeof keywordCsvWriter<Row>>
  ): Promise<string> {
    let text = '';
    for await (const chunk of keywordCsvWriter(...args)) text += chunk;
    return text;
  }
  interface ExportRow extends Record<string, unknown> {
    keyword: string;
    volume: number | null;
    cpcCents: number | null;
  }
  const columns = [
    { key: 'keyword', header: 'Keyword' },
    { key: 'volume', header: 'Volume' },
    {
      key: 'cpcCents',
      header: 'CPC',
      format: (cents: unknown) => (cents === null ? null : (Number(cents) / 100).toFixed(2)),
    },
  ] as const;

  it('writes a BOM, the header and CRLF rows, quoting cells that need it', async () => {
    const rows: ExportRow[] = [
      { keyword: 'shoes, red', volume: 10, cpcCents: 125 },
      { keyword: '24" monitor', volume: null, cpcCents: null },
      { keyword: 'two\nlines', volume: 0, cpcCents: 5 },
      { keyword: ' padded ', volume: 1, cpcCents: 0 },
    ];
    expect(await write(columns, rows)).toBe(
      '\uFEFFKeyword,Volume,CPC\r\n' +
        '"shoes, red",10,1.25\r\n' +
        '"24"" monitor",,\r\n' +
        '"two\nlines",0,0.05\r\n' +
        '" padded ",1,0.00\r\n',
    );
  });

  it('prefixes text cells that a spreadsheet would run as a formula, but not numbers', async () => {
    const rows = ['=HYPERLINK("http://evil")', '+1', '-shoes', '@SUM(A1)', '\tcmd', 'safe = fine'].map((keyword) => ({
      keyword,
      volume: -1,
    }));
    const text = await write(
      [
        { key: 'keyword', header: 'Keyword' },
        { key: 'volume', header: 'Volume' },
      ],
      rows,
      {
        bom: false,
      },
    );
    expect(text.split('\r\n')).toEqual([
      'Keyword,Volume',
      `"'=HYPERLINK(""http://evil"")",-1`,
      "'+1,-1",
      "'-shoes,-1",
      "'@SUM(A1),-1",
      // Quoted because the cell starts with whitespace (the tab).
      `"'\tcmd",-1`,
      'safe = fine,-1',
      '',
    ]);
  });

  it('writes dates, booleans, lists and other delimiters', async () => {
    const text = await write(
      [
        { key: 'name', header: 'Cluster' },
        { key: 'keywords', header: 'Keywords' },
        { key: 'createdAt', header: 'Created' },
        { key: 'archived', header: 'Archived' },
      ],
      [
        {
          name: 'shoes',
          keywords: ['red shoes', 'blue shoes'],
          createdAt: new Date(Date.UTC(2024, 0, 2)),
          archived: false,
        },
      ],
      { delimiter: ';', bom: false },
    );
    expect(text).toBe(
      'Cluster;Keywords;Created;Archived\r\nshoes;red shoes, blue shoes;2024-01-02T00:00:00.000Z;false\r\n',
    );
  });

  it('streams a large export in pieces from an async source', async () => {
    async function* source(): AsyncGenerator<ExportRow> {
      for (let index = 0; index < 5000; index++) yield { keyword: `keyword ${index}`, volume: index, cpcCents: index };
    }
    const pieces: string[] = [];
    for await (const piece of keywordCsvWriter(columns, source())) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('').split('\r\n')).toHaveLength(5002);
  });

  it('writes a file the importer reads back to the same keywords, formula-like ones included', async () => {
    const keywords = [
      'running shoes',
      '=sum formula',
      '-minus keyword',
      'shoes, "red"',
      '@mention',
      '\uFF0Bfull-width plus',
      'café 日本語 👟',
    ];
    const exported = await write(
      columns,
      keywords.map((keyword, index) => ({ keyword, volume: index * 10, cpcCents: index })),
    );
    const { rows } = await importCsv(exported);
    expect(rows.map((row) => [row.keyword, row.volume, row.cpcCents])).toEqual(
      keywords.map((keyword, index) => [keyword, index * 10, index]),
    );
  });
});
