// CSV export of any records (keywords, clusters, ideas): streamed text, safe to open in a spreadsheet.

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

// Characters that make a spreadsheet read a text cell as a formula (CSV injection), full-width forms included.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// Text is handed out in pieces of about this many characters rather than one string per row.
const CHUNK_CHARACTERS = 16_384;

/**
 * CSV export: header row + rows, streamed from an async iterable of records with the given columns.
 * RFC 4180 quoting, CRLF line ends; text cells starting with = + - @ (or tab/CR) get a leading ' so a
 * spreadsheet shows them instead of running them. Numbers, booleans and dates are written as values.
 * Feed the result to `Readable.from` for an HTTP response.
 */
export async function* keywordCsvWriter<Row extends Record<string, unknown>>(
  columns: readonly CsvColumn<Row>[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: CsvWriterOptions = {},
): AsyncGenerator<string> {
  const delimiter = options.delimiter ?? ',';
  const line = (cells: string[]) => `${cells.map((cell) => quoted(cell, delimiter)).join(delimiter)}\r\n`;
  let chunk = ((options.bom ?? true) ? '\uFEFF' : '') + line(columns.map((column) => guarded(column.header)));
  for await (const row of rows) {
    chunk += line(
      columns.map((column) => {
        const value = row[column.key];
        return cellText(column.format ? column.format(value, row) : value);
      }),
    );
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function cellText(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return guarded(plainText(value));
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(plainText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function guarded(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quoted(cell: string, delimiter: string): string {
  const needsQuotes = cell.includes(delimiter) || /["\r\n]/.test(cell) || cell !== cell.trim();
  return needsQuotes ? `"${cell.replaceAll('"', '""')}"` : cell;
}
