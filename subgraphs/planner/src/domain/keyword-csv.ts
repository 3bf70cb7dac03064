// Keyword import: streams a keyword file (or a pasted list) into batches of validated, normalised rows,
// deduplicated within the file, with the line and a reason for every row it rejects.
import { BadUserInputError } from '@igny8/lib';
import {
  type CsvRecord,
  CsvRecordReader,
  type Delimiter,
  decodeText,
  detectDelimiter,
  LineSplitter,
  MAX_LINE_LENGTH,
  OVERLONG_LINE,
  type PhysicalLine,
  type TextInput,
} from './csv-records.js';
import { HEADER_ALIASES, type KeywordColumns, mapKeywordColumns } from './keyword-csv-columns.js';
import {
  type CellResult,
  type KeywordIntent,
  parseCountry,
  parseCpcCents,
  parseDifficulty,
  parseIntent,
  parseLanguage,
  parseVolume,
} from './keyword-fields.js';
import { KEYWORD_MAX_LENGTH, keywordEcho, keywordLength, normalizeKeyword } from './keyword-text.js';

export { type CsvColumn, type CsvWriterOptions, keywordCsvWriter } from './keyword-csv-writer.js';
export type { KeywordIntent } from './keyword-fields.js';
export { KEYWORD_MAX_LENGTH, normalizeKeyword } from './keyword-text.js';

export interface ParsedKeywordRow {
  /** 1-based line number of the row in the file, as a spreadsheet shows it (header is line 1). */
  line: number;
  keyword: string;
  volume: number | null;
  difficulty: number | null;
  cpcCents: number | null;
  intent: KeywordIntent | null;
  country: string | null;
  language: string | null;
}
export interface RejectedKeywordRow {
  line: number;
  keyword: string | null;
  reason: string;
}
export interface KeywordCsvBatch {
  rows: ParsedKeywordRow[];
  rejected: RejectedKeywordRow[];
  duplicatesInFile: number;
}
export interface ParseKeywordCsvOptions {
  /** Valid rows per batch (default 1000); a batch also closes at this many rejected rows. */
  batchSize?: number;
  /**
   * Rows read at most (default 200,000; blank lines do not count). The row after the limit is
   * rejected with a reason saying the rest of the file was not read, and reading stops there.
   */
  maxRows?: number;
}

/** Thrown before any row is read when the file cannot be imported at all; the message says what to fix. */
export class KeywordFileError extends BadUserInputError {
  constructor(message: string) {
    super(message, { file: [message] });
  }
}

export const KEYWORD_FILE_MAX_ROWS = 200_000;
const DEFAULT_BATCH_SIZE = 1000;
// Lines a header may be preceded by: Keyword Planner puts a title and a date range above its header.
const HEADER_SEARCH_LINES = 10;
// Control characters other than tab, CR, LF: a text CSV has none, a workbook or other binary file has many.
const BINARY = /[^\P{Cc}\t\r\n]/u;
// The apostrophe a CSV export (ours included) puts before a cell a spreadsheet would run as a formula.
const FORMULA_GUARD = /^(\s*)'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;

type RowResult = ParsedKeywordRow | RejectedKeywordRow;
interface RowSource {
  read(lines: readonly PhysicalLine[]): RowResult[];
  end(): RowResult[];
}

/**
 * Streams the file: yields batches of valid, normalised rows (deduplicated within the file: the first
 * occurrence wins, later ones are counted in duplicatesInFile) and the rejected rows of the same stretch of file.
 * The header is the first of the first 10 non-blank lines that names a keyword column (lines above it are
 * ignored); its delimiter (comma, semicolon or tab) is the one used by the whole file.
 */
export function parseKeywordCsv(
  input: AsyncIterable<Uint8Array | string> | string,
  options: ParseKeywordCsvOptions = {},
): AsyncGenerator<KeywordCsvBatch> {
  return batchesOf(input, new KeywordFileReader(), options);
}

/**
 * A pasted list: one keyword per line (no header), or CSV with a header — detect. Same output.
 * It is CSV when its first non-blank line names a keyword column; otherwise each line is one keyword,
 * and a line copied from a spreadsheet (tab-separated) gives its first cell.
 */
export async function* parseKeywordList(
  text: string,
  options: ParseKeywordCsvOptions = {},
): AsyncGenerator<KeywordCsvBatch> {
  const firstLine = /^.*\S.*$/m.exec(text)?.[0];
  if (firstLine === undefined) throw new KeywordFileError('The list is empty: paste one keyword per line.');
  const header = readHeader(firstLine);
  yield* batchesOf(text, header?.columns ? new KeywordFileReader() : new KeywordListReader(), options);
}

async function* batchesOf(
  input: TextInput,
  source: RowSource,
  options: ParseKeywordCsvOptions,
): AsyncGenerator<KeywordCsvBatch> {
  const batcher = new KeywordBatcher(options.batchSize ?? DEFAULT_BATCH_SIZE, options.maxRows ?? KEYWORD_FILE_MAX_ROWS);
  const splitter = new LineSplitter();
  for await (const text of decodeText(input)) {
    batcher.add(source.read(splitter.push(text)));
    yield* batcher.fullBatches();
    // Leaving the loop early closes the input stream: the rest of the file is never read.
    if (batcher.stopped) break;
  }
  if (!batcher.stopped) {
    batcher.add(source.read(splitter.end()));
    batcher.add(source.end());
  }
  yield* batcher.fullBatches();
  const last = batcher.rest();
  if (last) yield last;
}

/** Collects row results into batches: deduplicates keywords within the file and stops at the row limit. */
class KeywordBatcher {
  private readonly seen = new Set<string>();
  private readonly ready: KeywordCsvBatch[] = [];
  private current: KeywordCsvBatch = emptyBatch();
  private rowsRead = 0;
  stopped = false;

  constructor(
    private readonly batchSize: number,
    private readonly maxRows: number,
  ) {}

  add(results: RowResult[]): void {
    for (const result of results) {
      if (this.stopped) return;
      if (++this.rowsRead > this.maxRows) {
        this.stopped = true;
        this.current.rejected.push({
          line: result.line,
          keyword: null,
          reason: `the file has more than ${this.maxRows.toLocaleString('en-US')} rows: this row and the rows after it were not read; import them as a second file`,
        });
      } else if ('reason' in result) this.current.rejected.push(result);
      else if (this.seen.has(result.keyword)) this.current.duplicatesInFile++;
      else {
        this.seen.add(result.keyword);
        this.current.rows.push(result);
      }
      if (this.current.rows.length >= this.batchSize || this.current.rejected.length >= this.batchSize) {
        this.ready.push(this.current);
        this.current = emptyBatch();
      }
    }
  }

  *fullBatches(): Generator<KeywordCsvBatch> {
    while (this.ready.length) yield this.ready.shift()!;
  }

  rest(): KeywordCsvBatch | null {
    const { rows, rejected, duplicatesInFile } = this.current;
    return rows.length || rejected.length || duplicatesInFile ? this.current : null;
  }
}

const emptyBatch = (): KeywordCsvBatch => ({ rows: [], rejected: [], duplicatesInFile: 0 });

interface Header {
  delimiter: Delimiter | null;
  cells: string[];
  columns: KeywordColumns | null;
}

function readHeader(text: string): Header | null {
  const delimiter = detectDelimiter(text);
  const [record] = new CsvRecordReader(delimiter).push([{ number: 1, text, overlong: false }]);
  if (!record || 'error' in record) return null;
  return { delimiter, cells: record.cells, columns: mapKeywordColumns(record.cells) };
}

/** A CSV file with a header: finds the header, then turns each record into a row or a rejection. */
class KeywordFileReader implements RowSource {
  private header: { columns: KeywordColumns; width: number; delimiter: Delimiter | null } | null = null;
  private records: CsvRecordReader | null = null;
  private firstLineCells: string[] | null = null;
  private linesSearched = 0;

  read(lines: readonly PhysicalLine[]): RowResult[] {
    let at = 0;
    while (!this.records && at < lines.length) this.searchHeader(lines[at++]!);
    return this.records ? this.rows(this.records.push(lines.slice(at))) : [];
  }

  end(): RowResult[] {
    if (!this.records) throw this.missingHeader();
    return this.rows(this.records.end());
  }

  private rows(records: CsvRecord[]): RowResult[] {
    const header = this.header!;
    return records.flatMap((record) => {
      if ('error' in record) return [{ line: record.line, keyword: null, reason: record.error }];
      return isBlank(record.cells) ? [] : [keywordRow(record.line, record.cells, header)];
    });
  }

  private searchHeader(line: PhysicalLine): void {
    if (!line.overlong && line.text.trim() === '') return;
    if (BINARY.test(line.text) || line.overlong) {
      throw new KeywordFileError(
        `The file is not CSV text (line ${line.number} is binary data or longer than ${MAX_LINE_LENGTH} characters; ` +
          'is it a spreadsheet workbook?): save it as "CSV UTF-8" and import that file.',
      );
    }
    const header = readHeader(line.text);
    this.firstLineCells ??= header?.cells ?? [line.text];
    if (header?.columns) {
      this.header = { columns: header.columns, width: header.cells.length, delimiter: header.delimiter };
      this.records = new CsvRecordReader(header.delimiter);
      return;
    }
    if (++this.linesSearched >= HEADER_SEARCH_LINES) throw this.missingHeader();
  }

  private missingHeader(): KeywordFileError {
    if (!this.firstLineCells) {
      return new KeywordFileError(
        'The file is empty: it needs a header row naming a keyword column (for example "keyword,volume") and one keyword per row.',
      );
    }
    const found = this.firstLineCells
      .slice(0, 20)
      .map((cell) => `"${cell.trim().slice(0, 60)}"`)
      .join(', ');
    return new KeywordFileError(
      `The file has no keyword column. Its first line has the columns ${found}. ` +
        `Name the column that holds the keywords one of: ${HEADER_ALIASES.keyword.join(', ')} (any letter case). ` +
        'Other columns are optional: volume, difficulty, cpc, intent, country, language.',
    );
  }
}

const NO_METRICS = { volume: null, difficulty: null, cpcCents: null, intent: null, country: null, language: null };

/** A pasted list without a header: each non-blank line is a keyword (its first tab-separated cell). */
class KeywordListReader implements RowSource {
  read(lines: readonly PhysicalLine[]): RowResult[] {
    return lines.flatMap((line): RowResult[] => {
      if (line.overlong) return [{ line: line.number, keyword: null, reason: OVERLONG_LINE }];
      if (line.text.trim() === '') return [];
      const { keyword, problem } = readKeyword(line.text.split('\t')[0]!);
      if (problem) return [{ line: line.number, keyword: keyword || null, reason: problem }];
      return [{ line: line.number, keyword, ...NO_METRICS }];
    });
  }

  end(): RowResult[] {
    return [];
  }
}

/** One record of a file with a header: a valid row, or every reason it is not. */
function keywordRow(
  line: number,
  cells: string[],
  header: { columns: KeywordColumns; width: number; delimiter: Delimiter | null },
): RowResult {
  const { columns, width } = header;
  const { keyword, problem } = readKeyword(cells[columns.keyword] ?? '');
  if (cells.length > width && cells.slice(width).some((cell) => cell.trim() !== '')) {
    const delimiter = header.delimiter === '\t' ? 'a tab' : `"${header.delimiter}"`;
    return {
      line,
      keyword: keyword || null,
      reason: `the row has ${cells.length} cells but the header has ${width} columns: wrap cells that contain ${delimiter} in quotes`,
    };
  }
  const problems = problem ? [problem] : [];
  const cell = <T>(index: number | undefined, parse: (cell: string) => CellResult<T>): T | null => {
    if (index === undefined) return null;
    const result = parse(cells[index] ?? '');
    if ('error' in result) {
      problems.push(result.error);
      return null;
    }
    return result.value;
  };
  const row: ParsedKeywordRow = {
    line,
    keyword,
    volume: cell(columns.volume, parseVolume),
    difficulty: cell(columns.difficulty, parseDifficulty),
    cpcCents: cell(columns.cpc, parseCpcCents),
    intent: cell(columns.intent, parseIntent),
    country: cell(columns.country, parseCountry),
    language: cell(columns.language, parseLanguage),
  };
  return problems.length ? { line, keyword: keyword || null, reason: problems.join('; ') } : row;
}

/** The normalised keyword of a cell, and what is wrong with it if anything (then as a report echoes it). */
function readKeyword(cell: string): { keyword: string; problem: string | null } {
  const keyword = normalizeKeyword(cell.replace(FORMULA_GUARD, '$1'));
  if (!keyword) return { keyword, problem: 'keyword is empty' };
  if (keyword.includes('\uFFFD')) {
    return {
      keyword: keywordEcho(keyword),
      problem: 'keyword has characters that could not be read: save the file as "CSV UTF-8"',
    };
  }
  const length = keywordLength(keyword);
  if (length > KEYWORD_MAX_LENGTH) {
    return {
      keyword: keywordEcho(keyword),
      problem: `keyword is ${length} characters long; the limit is ${KEYWORD_MAX_LENGTH}`,
    };
  }
  return { keyword, problem: null };
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
