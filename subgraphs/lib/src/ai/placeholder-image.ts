// The offline provider's image: an SVG of the requested size showing the prompt, on a background
// colour derived from it, so a person sees at once which prompt a placeholder stands for.

const CHAR_WIDTH = 0.6; // of the font size, for a sans-serif face: enough to wrap lines sensibly
const LINE_HEIGHT = 1.3;

/** `seed` picks the background hue (0–359 after wrapping), the same for the same prompt. */
export function placeholderSvg(prompt: string, width: number, height: number, seed: number): string {
  const hue = seed % 360;
  const fontSize = Math.max(12, Math.round(Math.min(width, height) / 16));
  const padding = Math.round(fontSize * 1.5);
  const captionSize = Math.max(10, Math.round(fontSize * 0.6));
  const maxChars = Math.max(8, Math.floor((width - 2 * padding) / (fontSize * CHAR_WIDTH)));
  const maxLines = Math.max(1, Math.floor((height - 2 * padding - captionSize * 2) / (fontSize * LINE_HEIGHT)));
  const lines = wrap(xmlSafe(prompt).replace(/\s+/g, ' ').trim() || '(empty prompt)', maxChars, maxLines);
  const tspans = lines
    .map((line, i) => `<tspan x="${padding}" dy="${i === 0 ? 0 : fontSize * LINE_HEIGHT}">${escapeXml(line)}</tspan>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
    ` role="img" aria-label="${escapeXml(excerptFor(prompt))}">`,
    `<rect width="100%" height="100%" fill="hsl(${hue} 45% 30%)"/>`,
    `<text x="${padding}" y="${padding + fontSize}" fill="#ffffff" font-family="sans-serif" font-size="${fontSize}">`,
    tspans,
    '</text>',
    `<text x="${padding}" y="${height - padding}" fill="#ffffff" fill-opacity="0.7" font-family="sans-serif" font-size="${captionSize}">`,
    'Offline placeholder image',
    '</text>',
    '</svg>',
  ].join('');
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]!);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function excerptFor(prompt: string): string {
  const flat = xmlSafe(prompt).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

// XML 1.0 forbids most control characters even escaped; one in a prompt would make the SVG unreadable.
function xmlSafe(text: string): string {
  return [...text].filter((char) => char.charCodeAt(0) >= 0x20 || char === '\t' || char === '\n').join('');
}

/** Greedy word wrap; an over-long word is split, and text beyond the last line ends in "…". */
function wrap(text: string, maxChars: number, maxLines: number): string[] {
  const pieces = text.split(' ').flatMap((word) => {
    const chars = Array.from(word);
    const chunks: string[] = [];
    for (let i = 0; i < chars.length; i += maxChars) chunks.push(chars.slice(i, i + maxChars).join(''));
    return chunks;
  });
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + piece.length <= maxChars) lines[lines.length - 1] = `${last} ${piece}`;
    else lines.push(piece);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, maxChars - 1)}…`;
  return kept;
}
