// An article's HTML as Markdown, for "Export as Markdown": headings, paragraphs, lists, quotes,
// links, images, emphasis, code and tables (GitHub style); anything else keeps its text.

const inline = (node: Node): string => [...node.childNodes].map(toMarkdown).join('');

function cellText(cell: Element): string {
  return inline(cell).replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();
}

function table(element: Element): string {
  const rows = [...element.querySelectorAll('tr')].map((row) => [...row.children].map(cellText));
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((row) => row.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, index) => cells[index] ?? '').join(' | ')} |`;
  const [head = [], ...body] = rows;
  return `${[line(head), line(Array(width).fill('---')), ...body.map(line)].join('\n')}\n\n`;
}

function list(element: Element, ordered: boolean): string {
  const items = [...element.children].filter((child) => child.tagName === 'LI');
  return `${items
    .map((item, index) => {
      const text = inline(item).trim().replace(/\n+/g, '\n   ');
      return `${ordered ? `${index + 1}.` : '-'} ${text}`;
    })
    .join('\n')}\n\n`;
}

function toMarkdown(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
  if (!(node instanceof Element)) return '';
  const tag = node.tagName;
  const heading = /^H([1-6])$/.exec(tag);
  if (heading) return `${'#'.repeat(Number(heading[1]))} ${inline(node).trim()}\n\n`;
  switch (tag) {
    case 'P':
      return `${inline(node).trim()}\n\n`;
    case 'BR':
      return '  \n';
    case 'STRONG':
    case 'B':
      return `**${inline(node)}**`;
    case 'EM':
    case 'I':
      return `*${inline(node)}*`;
    case 'CODE':
      return `\`${node.textContent ?? ''}\``;
    case 'PRE':
      return `\`\`\`\n${node.textContent ?? ''}\n\`\`\`\n\n`;
    case 'A':
      return `[${inline(node)}](${node.getAttribute('href') ?? ''})`;
    case 'IMG':
      return `![${node.getAttribute('alt') ?? ''}](${node.getAttribute('src') ?? ''})`;
    case 'UL':
      return list(node, false);
    case 'OL':
      return list(node, true);
    case 'BLOCKQUOTE':
      return `${inline(node)
        .trim()
        .split('\n')
        .map((line) => `> ${line}`.trimEnd())
        .join('\n')}\n\n`;
    case 'HR':
      return '---\n\n';
    case 'TABLE':
      return table(node);
    default:
      return inline(node);
  }
}

/** The article (title as its H1, then the body) as Markdown. */
export function htmlToMarkdown(title: string, html: string): string {
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  return `# ${title}\n\n${toMarkdown(body)
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** The article as a standalone HTML fragment: its H1, then the body. */
export function articleHtml(title: string, html: string): string {
  const escaped = title.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<h1>${escaped}</h1>\n${html}\n`;
}
