// Streaming CSV reading by physical line: decodes bytes, numbers lines as a spreadsheet does and
// contains broken quoting to the line that has it, so one bad row never swallows the rows after it.
import { TextDecoder } from 'node:util';

export type TextInput = AsyncIterable<Uint8Array | string> | string;
export type Delimiter = ',' | ';' | '\t';

/** Longest line kept: a longer one is dropped unread (a wrong delimiter or a binary file), not buffered. */
export const MAX_LINE_LENGTH = 65_536;
// A whole file given as one string is read in slices of this many characters, so it is still batched as it goes.
const STRING_SLICE = 65_536;

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
 * Turns physical lines into records (RFC 4180 quoting; spaces around a quoted cell are allowed).
 * A quoted cell may run over line breaks, at most `maxLinesPerRecord` lines: a quote still open after
 * that, at the end of the file, or any quoting error rejects the line the record started on, and
 * reading resumes on the next line, so only a bounded window of lines is ever held.
 */
export class CsvRecordReader {
  private open: { lines: PhysicalLine[]; cells: string[]; field: string } | null = null;

  constructor(
    private readonly delimiter: Delimiter | null,
    private readonly maxLinesPerRecord = 20,
  ) {}

  push(line: PhysicalLine): CsvRecord[] {
    const records: CsvRecord[] = [];
    const queue = [line];
    for (let next = queue.shift(); next; next = queue.shift()) queue.unshift(...this.take(next, records));
    return records;
  }

  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    while (this.open) {
      const [start, ...replay] = this.open.lines;
      this.open = null;
      records.push({ line: start!.number, error: UNCLOSED_QUOTE });
      for (const line of replay) records.push(...this.push(line));
    }
    return records;
  }

  /** Reads one line into the current record; returns the lines to read again after a rejection. */
  private take(line: PhysicalLine, records: CsvRecord[]): PhysicalLine[] {
    const open = this.open;
    if (line.overlong) {
      if (open) return this.reject(open.lines, UNCLOSED_QUOTE, records, line);
      records.push({ line: line.number, error: `the line is longer than ${MAX_LINE_LENGTH} characters` });
      return [];
    }
    const lines = open ? [...open.lines, line] : [line];
    const cells = open ? open.cells : [];
    const scanned = scanLine(line.text, this.delimiter, cells, open ? `${open.field}\n` : null);
    this.open = null;
    if ('error' in scanned) return this.reject(lines, lines.length > 1 ? UNCLOSED_QUOTE : scanned.error, records);
    if ('openField' in scanned) {
      if (lines.length >= this.maxLinesPerRecord) return this.reject(lines, UNCLOSED_QUOTE, records);
      this.open = { lines, cells, field: scanned.openField };
      return [];
    }
    records.push({ line: lines[0]!.number, cells });
    return [];
  }

  private reject(lines: PhysicalLine[], error: string, records: CsvRecord[], ...after: PhysicalLine[]) {
    this.open = null;
    records.push({ line: lines[0]!.number, error });
    return [...lines.slice(1), ...after];
  }
}

type ScanResult = { done: true } | { openField: string } | { error: string };

/** Appends one line's cells to `cells`; `openField` is a quoted cell carried over from the line before. */
function scanLine(text: string, delimiter: Delimiter | null, cells: string[], openField: string | null): ScanResult {
  let field = openField;
  let at = 0;
  for (;;) {
    if (field !== null) {
      const quote = text.indexOf('"', at);
      if (quote < 0) return { openField: field + text.slice(at) };
      field += text.slice(at, quote);
      if (text[quote + 1] === '"') {
        field += '"';
        at = quote + 2;
        continue;
      }
      at = quote + 1;
      while (at < text.length && (text[at] === ' ' || (text[at] === '\t' && delimiter !== '\t'))) at++;
      if (at < text.length && text[at] !== delimiter) return { error: TEXT_AFTER_CLOSING_QUOTE };
      cells.push(field);
      field = null;
      if (at === text.length) return { done: true };
      at++;
      if (at === text.length) {
        cells.push('');
        return { done: true };
      }
      continue;
    }
    const next = delimiter === null ? -1 : text.indexOf(delimiter, at);
    const stop = next < 0 ? text.length : next;
    const quote = text.indexOf('"', at);
    if (quote >= 0 && quote < stop) {
      if (text.slice(at, quote).trim() !== '') return { error: STRAY_QUOTE };
      field = '';
      at = quote + 1;
      continue;
    }
    cells.push(text.slice(at, stop));
    if (next < 0) return { done: true };
    at = next + 1;
  }
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
