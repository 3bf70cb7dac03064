// Streaming CSV reading for keyword files. csv-parse reads the CSV grammar (quoting, escaped quotes, cells).
// Ours is what it cannot do: it stops at the first quoting error, so an unclosed quote loses the rest of the
// file, and it counts the line a record ends on, not the one it starts on. So this file decodes the bytes,
// cuts and numbers physical lines, hands csv-parse a window of lines at a time, and after a quoting error
// rejects the line its record started on and resumes on the next line. It also picks the delimiter from the
// header line: csv-parse's `delimiter_auto` reads the file's first 2 KB (not a header below title lines),
// weighs every character, spaces too, and fails on a quoted header.
import { TextDecoder } from 'node:util';
import { CsvError, type CsvErrorCode, type Options, parse } from 'csv-parse/sync';

export type TextInput = AsyncIterable<Uint8Array | string> | string;
export type Delimiter = ',' | ';' | '\t';

/** Longest line kept: a longer one is dropped unread (a wrong delimiter or a binary file), not buffered. */
export const MAX_LINE_LENGTH = 65_536;
// A whole file given as one string is read in slices of this many characters, so it is still batched as it goes.
const STRING_SLICE = 65_536;
// Most lines a record may span (a quoted cell with line breaks): past that, its quote is taken as never closed.
const MAX_LINES_PER_RECORD = 20;
// Lines csv-parse reads in one call: enough to make its set-up cost small, more than a record may span.
const PARSE_WINDOW_LINES = 128;

export interface PhysicalLine {
  /** 1-based, counting every line break (\r\n, \n or a lone \r). */
  number: number;
  /** Without its line break; empty when `overlong`. */
  text: string;
  overlong: boolean;
}

/** A row's cells, or why its line cannot be read; `line` is where the row starts. */
export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

export const STRAY_QUOTE =
  'a cell has a quote (") in the middle: wrap the whole cell in quotes and double the quote inside it ("")';
export const TEXT_AFTER_CLOSING_QUOTE =
  'a quoted cell has text after its closing quote: wrap the whole cell in quotes and double each quote inside it ("")';
export const UNCLOSED_QUOTE = 'a quote (") opens a cell on this line but is never closed: add the closing quote';
export const OVERLONG_LINE = `the line is longer than ${MAX_LINE_LENGTH} characters`;
// What the quoting errors csv-parse reports mean to the person fixing the file; it reports no other kind
// with the options used here.
const QUOTING_ERRORS: Partial<Record<CsvErrorCode, string>> = {
  INVALID_OPENING_QUOTE: STRAY_QUOTE,
  CSV_INVALID_CLOSING_QUOTE: TEXT_AFTER_CLOSING_QUOTE,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: TEXT_AFTER_CLOSING_QUOTE,
  CSV_QUOTE_NOT_CLOSED: UNCLOSED_QUOTE,
};

/**
 * Text chunks from bytes or strings. The encoding comes from a byte-order mark (UTF-8, UTF-16 LE/BE,
 * as Google Keyword Planner exports), or from NULs in the first two bytes for BOM-less UTF-16; else UTF-8.
 * Bytes that are not valid in the encoding become U+FFFD, so callers can say which row is unreadable.
 */
export async function* decodeText(input: TextInput): AsyncGenerator<string> {
  if (typeof input === 'string') {
    const text = input.replace(/^\uFEFF/, '');
    for (let at = 0; at < text.length; at += STRING_SLICE) yield text.slice(at, at + STRING_SLICE);
    return;
  }
  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  let first = true;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield first ? chunk.replace(/^\uFEFF/, '') : chunk;
      first = false;
      continue;
    }
    if (!decoder) {
      // The encoding is read from the first four bytes, which a stream may hand over one at a time.
      head = concatBytes(head, chunk);
      if (head.length < 4) continue;
      decoder = new TextDecoder(sniffEncoding(head));
      yield decoder.decode(head, { stream: true });
      first = false;
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (decoder) yield decoder.decode();
  else if (head.length) yield new TextDecoder(sniffEncoding(head)).decode(head);
}

function sniffEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  const [b0, b1] = head;
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (head.length >= 2 && b0 !== 0 && b1 === 0) return 'utf-16le';
  if (head.length >= 2 && b0 === 0 && b1 !== 0) return 'utf-16be';
  return 'utf-8';
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Cuts text chunks into physical lines; a line longer than `maxLength` is dropped (not held) and flagged. */
export class LineSplitter {
  private partial = '';
  private overlong = false;
  private nextNumber = 1;

  constructor(private readonly maxLength = MAX_LINE_LENGTH) {}

  push(text: string): PhysicalLine[] {
    const lines: PhysicalLine[] = [];
    const buffer = this.partial + text;
    const breaks = /\r\n|\r|\n/g;
    let start = 0;
    for (let found = breaks.exec(buffer); found; found = breaks.exec(buffer)) {
      // A \r at the very end may be the first half of a \r\n split across chunks.
      if (found[0] === '\r' && found.index === buffer.length - 1) break;
      lines.push(this.line(buffer.slice(start, found.index)));
      start = found.index + found[0].length;
    }
    this.partial = buffer.slice(start);
    if (this.partial.length > this.maxLength) {
      this.overlong = true;
      this.partial = this.partial.endsWith('\r') ? '\r' : '';
    }
    return lines;
  }

  end(): PhysicalLine[] {
    const rest = this.partial.replace(/\r$/, '');
    const ended = this.partial !== '' || this.overlong ? [this.line(rest)] : [];
    this.partial = '';
    return ended;
  }

  private line(text: string): PhysicalLine {
    const overlong = this.overlong || text.length > this.maxLength;
    this.overlong = false;
    return { number: this.nextNumber++, text: overlong ? '' : text, overlong };
  }
}

/**
 * Turns physical lines into records. csv-parse reads the lines it is handed (RFC 4180 quoting, spaces around
 * a quoted cell allowed); this class decides which lines it hands over. A quoted cell may run over line
 * breaks, at most 20 lines: a quote still open after that, at the end of the file or before an overlong
 * line, or any other quoting error rejects the line the record started on, and reading resumes on the next
 * line, so only a bounded window of lines is ever held between chunks.
 */
export class CsvRecordReader {
  // Lines not yet read into records; between pushes, only the start of a record whose quoted cell is still open.
  private held: PhysicalLine[] = [];

  constructor(private readonly delimiter: Delimiter | null) {}

  push(lines: readonly PhysicalLine[]): CsvRecord[] {
    const records: CsvRecord[] = [];
    for (const line of lines) {
      if (!line.overlong) {
        this.held.push(line);
        continue;
      }
      this.read(records, true);
      records.push({ line: line.number, error: OVERLONG_LINE });
    }
    this.read(records, false);
    return records;
  }

  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    this.read(records, true);
    return records;
  }

  /** Reads the held lines into `records`; `final` when no line can continue them. */
  private read(records: CsvRecord[], final: boolean): void {
    while (this.held.length) {
      // A window of lines at a time: a quoting error then costs a re-read of the window, not of a whole chunk.
      const window = this.held.length > PARSE_WINDOW_LINES ? this.held.slice(0, PARSE_WINDOW_LINES) : this.held;
      const parsed = parseLines(window, this.delimiter);
      let start = 0;
      let failure = parsed.failure;
      for (const cells of parsed.records) {
        const lines = lineCount(cells);
        if (lines > MAX_LINES_PER_RECORD) {
          failure = { reason: UNCLOSED_QUOTE, line: start + lines - 1 };
          break;
        }
        records.push({ line: this.held[start]!.number, cells });
        start += lines;
      }
      if (!failure) {
        this.held = this.held.slice(window.length);
        continue;
      }
      const moreHeld = window.length < this.held.length;
      if (failure.reason === UNCLOSED_QUOTE && window.length - start < MAX_LINES_PER_RECORD && (moreHeld || !final)) {
        // The window ended inside a quoted cell that the lines after it may close.
        this.held = this.held.slice(start);
        if (moreHeld) continue;
        return;
      }
      // A quoting error on a later line of the record means its first line opened a quote that never closed.
      const reason = failure.line > start ? UNCLOSED_QUOTE : failure.reason;
      records.push({ line: this.held[start]!.number, error: reason });
      this.held = this.held.slice(start + 1);
    }
  }
}

interface ParsedLines {
  /** The records csv-parse read before its first error. */
  records: string[][];
  /** That error: its reason and the index of the line it was found on. */
  failure: { reason: string; line: number } | null;
}

function parseLines(lines: readonly PhysicalLine[], delimiter: Delimiter | null): ParsedLines {
  const text = lines.map((line) => line.text).join('\n');
  const options: Options = {
    // No delimiter at all for a one-column file: a comma in its cells is text.
    delimiter: delimiter ?? [],
    record_delimiter: '\n',
    relax_column_count: true,
    // Allows spaces around a quoted cell; unquoted cells come trimmed, as every reader of them wants.
    trim: true,
  };
  try {
    return { records: parse(text, options), failure: null };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const reason = QUOTING_ERRORS[error.code];
    if (!reason) throw error;
    // The sync API drops the records it read before the error: read them again, stopping before it.
    const recordsBefore = Number(error.records);
    const records = recordsBefore ? parse(text, { ...options, to: recordsBefore }) : [];
    return { records, failure: { reason, line: Number(error.lines) - 1 } };
  }
}

/** Physical lines a record spans: the joined lines' breaks are all inside its quoted cells. */
function lineCount(cells: readonly string[]): number {
  let count = 1;
  for (const cell of cells) for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) count++;
  return count;
}

/** The delimiter a header line uses (most frequent outside quotes), or null for a one-column file. */
export function detectDelimiter(headerLine: string): Delimiter | null {
  const counts: Record<Delimiter, number> = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as Delimiter]++;
  }
  // Ties go to the rarer character in header names: tab, then semicolon, then comma.
  let best: Delimiter | null = null;
  for (const delimiter of ['\t', ';', ','] as const) {
    if (counts[delimiter] > (best ? counts[best] : 0)) best = delimiter;
  }
  return best;
}
