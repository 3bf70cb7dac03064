// CSV export of any records (keywords, clusters, ideas): streamed text, safe to open in a spreadsheet.
import { type Options, stringify } from 'csv-stringify/sync';

export interface CsvColumn<Row> {
  /** The record's property to write. */
  key: keyof Row & string;
  header: string;
  /** Turns the value into what the cell shows (e.g. cents → "1.25"); default: the value as text. */
  format?: (value: Row[keyof Row & string], row: Row) => unknown;
}

export interface CsvWriterOptions {
  /** Default ",". */
  delimiter?: ',' | ';' | '\t';
  /** Start with a UTF-8 byte-order mark so Excel reads accents and non-Latin keywords right. Default true. */
  bom?: boolean;
}

// Rows written per csv-stringify call, and so per piece of text handed out.
const ROWS_PER_PIECE = 500;
// Cell text for values that are not text; csv-stringify's own defaults write true as "1", false as ""
// and dates as epoch milliseconds.
const CELL_TEXT: Options['cast'] = {
  boolean: (value) => String(value),
  date: (value) => value.toISOString(),
  number: (value) => (Number.isFinite(value) ? String(value) : ''),
  object: (value) => plainText(value),
};

/**
 * CSV export: header row + rows, streamed from an async iterable of records with the given columns.
 * csv-stringify writes them with RFC 4180 quoting and CRLF line ends, and puts a ' before text cells
 * starting with = + - @ (or tab/CR, full-width forms too) so a spreadsheet shows them instead of
 * running them; numbers, booleans and dates are written as values. Feed the result to `Readable.from`
 * for an HTTP response.
 */
export async function* keywordCsvWriter<Row extends Record<string, unknown>>(
  columns: readonly CsvColumn<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: CsvWriterOptions = {},
): AsyncGenerator<string> {
  const format: Options = {
    delimiter: options.delimiter ?? ',',
    record_delimiter: 'windows',
    // Off by default with a record_delimiter set: a line break inside a cell must be quoted.
    quote_record_delimiter: true,
    escape_formulas: true,
    // Leading or trailing spaces are quoted so a spreadsheet keeps them.
    quoted_match: /^\s|\s$/,
    cast: CELL_TEXT,
  };
  let bom = options.bom ?? true;
  let piece: unknown[][] = [columns.map((column) => column.header)];
  const write = () => {
    const text = stringify(piece, { ...format, bom });
    bom = false;
    piece = [];
    return text;
  };
  for await (const row of rows) {
    piece.push(
      columns.map((column) => {
        const value = row[column.key];
        return column.format ? column.format(value, row) : value;
      }),
    );
    if (piece.length >= ROWS_PER_PIECE) yield write();
  }
  if (piece.length) yield write();
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(plainText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
