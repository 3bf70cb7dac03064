// The one sanitiser for article HTML, on the way in (a save, a model's answer) and out (an export,
// a publish): the editor's tags only, http(s)/mailto/relative links, images from http(s) or this
// app's files, no scripts, styles, event handlers, frames or forms. H1 becomes H2 (the title is the H1).
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'h2',
  'h3',
  'h4',
  'p',
  'ul',
  'ol',
  'li',
  'a',
  'strong',
  'em',
  'b',
  'i',
  'u',
  's',
  'blockquote',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
  'figure',
  'figcaption',
  'img',
  'br',
  'hr',
];

// Relative links and images: a path, a fragment or a query, never a scheme-relative "//host".
const RELATIVE = /^(?:\/(?!\/)|#|\?|\.{1,2}\/)/;
const IMAGE_SOURCE = /^(?:https?:\/\/|\/(?!\/))/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Whatever is inside these is dropped with them, not kept as text.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'template',
    'iframe',
    'object',
    'svg',
    'math',
  ],
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      const href = attribs.href?.trim() ?? '';
      const safe = /^(?:https?:|mailto:)/i.test(href) || RELATIVE.test(href);
      const next: Record<string, string> = { ...attribs };
      if (!safe) delete next.href;
      if (next.target === '_blank') next.rel = 'noopener noreferrer';
      else delete next.target;
      return { tagName, attribs: next };
    },
    img: (tagName, attribs) => {
      const next: Record<string, string> = { ...attribs };
      if (!IMAGE_SOURCE.test(next.src?.trim() ?? '')) delete next.src;
      if (next.loading && next.loading !== 'lazy' && next.loading !== 'eager') delete next.loading;
      return { tagName, attribs: next };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Article HTML with only what the editor makes: safe to store, render and publish. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
