// A small tolerant reader of article HTML (already sanitised): the headings, paragraphs, lists, tables,
// links and images in document order, and the plain text. Regex tokens, no DOM: it runs in the
// browser and in Node alike. It is not a sanitiser and must not be used as one.
import { decodeEntities, squish } from './text.js';

export type ScannedBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  /** `rows` counts the body rows; `headerCells` the cells of the header row. */
  | { kind: 'table'; rows: number; headerCells: number };

export interface ScannedLink {
  href: string;
  text: string;
}

export interface ScannedImage {
  src: string;
  alt: string;
}

export interface ScannedHtml {
  blocks: ScannedBlock[];
  links: ScannedLink[];
  images: ScannedImage[];
  /** The readable text: blocks separated by blank lines, entities decoded. */
  text: string;
  h1Count: number;
}

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
  'tr',
  'ul',
  'ol',
  'table',
  'caption',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'div',
  'section',
  'br',
  'hr',
]);
const RAW_TEXT = new Set(['script', 'style', 'template', 'textarea', 'title']);

export function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (name in attributes) continue;
    attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

interface OpenCapture {
  tag: string;
  text: string[];
}

export function scanHtml(html: string): ScannedHtml {
  const blocks: ScannedBlock[] = [];
  const links: ScannedLink[] = [];
  const images: ScannedImage[] = [];
  const textParts: string[] = [];
  let h1Count = 0;
  // What is being collected: the heading or paragraph text, the list's items, the table's rows.
  let capture: OpenCapture | null = null;
  const lists: { ordered: boolean; items: string[]; item: string[] | null }[] = [];
  let table: { rows: number; headerCells: number; inHead: boolean; rowCells: number; rowHeaders: number } | null = null;
  let link: { href: string; text: string[] } | null = null;
  let skipUntil: string | null = null;

  const addText = (raw: string, plain = decodeEntities(raw)) => {
    textParts.push(plain);
    capture?.text.push(plain);
    link?.text.push(plain);
    lists.at(-1)?.item?.push(plain);
  };
  // A block boundary: a blank line in the text, a space inside whatever is being collected.
  const addBreak = () => {
    textParts.push('\n\n');
    capture?.text.push(' ');
    link?.text.push(' ');
    lists.at(-1)?.item?.push(' ');
  };

  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    if (token.startsWith('<!--')) continue;
    const tag = match[2]?.toLowerCase();
    if (skipUntil) {
      if (tag === skipUntil && match[1] === '/') skipUntil = null;
      continue;
    }
    if (!tag) {
      addText(token);
      continue;
    }
    const closing = match[1] === '/';
    if (BLOCK_TAGS.has(tag)) addBreak();
    if (!closing && RAW_TEXT.has(tag)) {
      skipUntil = tag;
      continue;
    }
    if (!closing) {
      const attributes = parseAttributes(match[3] ?? '');
      if (/^h[1-6]$/.test(tag) || tag === 'p') {
        if (tag === 'h1') h1Count++;
        capture = { tag, text: [] };
      } else if (tag === 'ul' || tag === 'ol') {
        lists.push({ ordered: tag === 'ol', items: [], item: null });
      } else if (tag === 'li') {
        const list = lists.at(-1);
        if (list) list.item = [];
      } else if (tag === 'table') {
        table = { rows: 0, headerCells: 0, inHead: false, rowCells: 0, rowHeaders: 0 };
      } else if (tag === 'thead' && table) {
        table.inHead = true;
      } else if (tag === 'tr' && table) {
        table.rowCells = 0;
        table.rowHeaders = 0;
      } else if ((tag === 'th' || tag === 'td') && table) {
        table.rowCells++;
        if (tag === 'th') table.rowHeaders++;
      } else if (tag === 'a') {
        link = { href: attributes.href ?? '', text: [] };
      } else if (tag === 'img') {
        images.push({ src: attributes.src ?? '', alt: attributes.alt ?? '' });
      }
      continue;
    }
    if (capture && tag === capture.tag) {
      const text = squish(capture.text.join(''));
      if (tag === 'p') {
        if (text) blocks.push({ kind: 'paragraph', text });
      } else {
        blocks.push({ kind: 'heading', level: Number(tag.slice(1)), text });
      }
      capture = null;
    } else if (tag === 'li') {
      const list = lists.at(-1);
      if (list?.item) {
        list.items.push(squish(list.item.join('')));
        list.item = null;
      }
    } else if ((tag === 'ul' || tag === 'ol') && lists.length > 0) {
      const list = lists.pop()!;
      blocks.push({ kind: 'list', ordered: list.ordered, items: list.items });
    } else if (tag === 'thead' && table) {
      table.inHead = false;
    } else if (tag === 'tr' && table) {
      const headerRow = table.inHead || (table.rowHeaders === table.rowCells && table.headerCells === 0);
      if (headerRow && table.headerCells === 0) table.headerCells = table.rowCells;
      else if (!headerRow) table.rows++;
    } else if (tag === 'table' && table) {
      blocks.push({ kind: 'table', rows: table.rows, headerCells: table.headerCells });
      table = null;
    } else if (tag === 'a' && link) {
      links.push({ href: link.href, text: squish(link.text.join('')) });
      link = null;
    }
  }
  const text = textParts
    .join('')
    .split(/\n{2,}/)
    .map(squish)
    .filter(Boolean)
    .join('\n\n');
  return { blocks, links, images, text, h1Count };
}

/** The plain text of an HTML fragment (for diffs, similarity and word counts). */
export function htmlToText(html: string): string {
  return scanHtml(html).text;
}

export interface ScannedSection {
  heading: string;
  /** H3 headings under this H2. */
  subheadings: string[];
  blocks: ScannedBlock[];
}

/** The body split at its H2 headings: what comes before the first H2 (the intro) and each section. */
export function sectionsOf(scanned: ScannedHtml): { intro: ScannedBlock[]; sections: ScannedSection[] } {
  const intro: ScannedBlock[] = [];
  const sections: ScannedSection[] = [];
  for (const block of scanned.blocks) {
    if (block.kind === 'heading' && block.level <= 2) {
      sections.push({ heading: block.text, subheadings: [], blocks: [] });
      continue;
    }
    const current = sections.at(-1);
    if (!current) {
      intro.push(block);
      continue;
    }
    if (block.kind === 'heading' && block.level === 3) current.subheadings.push(block.text);
    current.blocks.push(block);
  }
  return { intro, sections };
}
