// The shipped prompt for every AI operation: its default text, what it is for, and the
// `{{variables}}` the operation fills in. An account may override a text (prompt_overrides);
// the variables an operation supplies are fixed here, so an override can only use these.
import { PROMPT_PLACEHOLDER, variablesIn } from '@igny8/lib';

export const PROMPT_TYPES = ['clustering', 'ideas', 'content', 'image_prompt', 'image', 'optimize', 'linking'] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

export interface PromptVariable {
  name: string;
  description: string;
  /** The operation cannot do its work without it: an override must use it. */
  required: boolean;
}

export interface PromptDefinition {
  type: PromptType;
  label: string;
  description: string;
  variables: readonly PromptVariable[];
  defaultText: string;
}

/** Longest text an override may have: far above any useful prompt, well below a model's context. */
export const PROMPT_MAX_LENGTH = 20_000;

const required = (name: string, description: string): PromptVariable => ({ name, description, required: true });
const optional = (name: string, description: string): PromptVariable => ({ name, description, required: false });

// Variables several operations share, described once.
const SITE = optional('site', 'The site the work is for: its name and domain.');
const SECTOR = optional('sector', 'The sector (topical area of the site) the keywords belong to.');
const LANGUAGE = optional('language', 'The language to write in, e.g. en or pt-BR.');
const AUTHOR_PROFILE = optional(
  'author_profile',
  'The chosen author profile: name, tone, style, audience and a writing sample (empty when none is chosen).',
);
const STRATEGY = optional(
  'strategy',
  'The chosen strategy: content types, rules and length target (empty when none is chosen).',
);

const CLUSTERING = `You are a senior SEO strategist. A clustering algorithm has already grouped the keywords below by meaning and search intent; your job is to name and describe each group so an editor instantly knows which page it becomes.

Site: {{site}}
Sector: {{sector}}
Language: {{language}}

Keyword groups (each keyword with its monthly search volume and intent):
{{keyword_groups}}

For every group:
- name: 2–5 words naming the topic a searcher has in mind, in the site's language. Write it for people: no keyword stuffing, no numbering, no quotes.
- description: one sentence saying what a single page serving this whole group would cover and for whom.
- intent: the dominant search intent of the group (informational, commercial, transactional or navigational).
- outliers: keywords that clearly do not belong with the rest (a different intent or topic). Leave the list empty when the group is coherent; never move keywords yourself.

Answer with JSON only, in the order of the groups:
{"clusters": [{"group": 1, "name": "…", "description": "…", "intent": "informational", "outliers": []}]}`;

const IDEAS = `You are a content strategist planning articles that will rank in search and genuinely help readers.

Site: {{site}}
Sector: {{sector}}
Language: {{language}}
Strategy: {{strategy}}

Topic cluster: {{cluster}}
About the cluster: {{cluster_description}}
Keywords in the cluster (keyword | monthly volume | difficulty | intent):
{{keywords}}
The cluster's dominant intent is {{intent}}: prefer the content types {{content_types}}. Propose exactly {{ideas_count}} ideas.

Propose {{ideas_count}} distinct article ideas for this cluster (3 to 7 when no number is given).
- Each idea targets 1–2 primary keywords from the list and covers 2–3 more naturally; together the ideas should cover the cluster's important keywords without two ideas competing for the same primary keyword.
- Match the format to the intent: how-to guides and explainers for informational keywords, comparisons, reviews and best-of lists for commercial ones, product or service pages for transactional ones.
- Titles are specific and promise a concrete benefit; no clickbait, no years unless the topic is time-bound.
- The outline has 6–10 H2 sections in a logical reading order, each with 2–4 points it must cover. Include a section answering the questions searchers ask most.
- Estimate the word count the topic needs to be complete (usually 1,200–1,800 words); respect the strategy's length target when one is given.

Answer with JSON only:
{"ideas": [{"title": "…", "description": "…", "content_type": "guide", "primary_keywords": ["…"], "covered_keywords": ["…"], "outline": [{"heading": "…", "points": ["…"]}], "estimated_word_count": 1500}]}
content_type is one of: post, page, product, guide, comparison, review, listicle, how_to.`;

const CONTENT = `You are an expert writer producing a complete, publish-ready article that ranks in search because it is the most useful page on its topic.

Title: {{title}}
Primary keyword: {{primary_keyword}}
Secondary keywords: {{keywords}}
Content type: {{content_type}}
Target length: about {{word_count}} words
Outline to follow (adapt it when the topic demands):
{{outline}}

Site: {{site}}
Language: {{language}}
Author profile (write in this voice): {{author_profile}}
Strategy (follow its rules): {{strategy}}

Writing rules:
- Open with a 2–3 sentence introduction that states what the reader will get; use the primary keyword once, naturally, in the first 100 words.
- Structure the body with 4–10 H2 sections following the outline (H3s where a section has parts); headings are descriptive, one contains the primary keyword and some contain secondary keywords where they read naturally.
- Paragraphs of 40–80 words. Include at least one bulleted or numbered list, and a table when the content type is a comparison, review or listicle.
- Be specific: concrete numbers, examples and steps instead of generalities. Never invent statistics, quotes, studies or product facts; leave a claim out rather than guess.
- Use the secondary keywords where they fit; never repeat a keyword just to repeat it.
- Add 3–5 frequently asked questions with short answers, then a short conclusion that tells the reader what to do next.
- Meta title at most 60 characters with the primary keyword near the start; meta description 120–160 characters with the primary keyword and a reason to click.

The writer adds the exact JSON shape to answer in below this prompt.`;

const IMAGE_PROMPT = `You are an art director choosing the images for a blog article.

Article title: {{title}}
Image style: {{image_style}}
Article:
{{content}}

Write one featured image and {{image_count}} in-article images (2 when no number is given).
- The featured image sums up the article's topic at a glance; each in-article image illustrates one specific section and says which H2 it follows.
- Each prompt describes a concrete scene for an image generator: subject, setting, composition, lighting and mood, in one or two sentences. Follow the image style.
- No text, letters, numbers, logos, watermarks or real people's likenesses in any image.
- alt: a plain description of the image for screen readers (at most 125 characters), using the article's topic words where they are true to the image.
- caption: one short sentence a reader sees under the image (in-article images only).

Answer with JSON only:
{"featured": {"prompt": "…", "alt": "…"}, "in_article": [{"after_heading": "…", "prompt": "…", "alt": "…", "caption": "…"}]}`;

const IMAGE = `{{image_prompt}}

Style: {{image_style}}. Made for a {{image_type}} image of an article titled "{{title}}".
High detail, natural colours, balanced composition with a clear focal point and room around the subject for cropping. No text, letters, logos, watermarks or borders.`;

const OPTIMIZE = `You are an SEO editor improving an existing article so it serves searchers better and ranks higher, without changing what it says is true.

Title: {{title}}
Primary keyword: {{primary_keyword}}
Secondary keywords: {{keywords}}
Target length: about {{word_count}} words
Language: {{language}}
Author profile (keep this voice): {{author_profile}}

What the analysis found (fix these first):
{{findings}}

Article HTML:
{{content}}

Rules:
- Fix every finding above. Then improve what else holds the article back: a vague introduction, thin sections, missing steps or examples, headings that do not say what the section is about, keywords that never appear or appear too often.
- Keep every fact, figure, link and image that is already there; do not invent new facts, statistics or quotes.
- Keep the H2/H3 structure unless a finding asks to change it; add sections only to cover what searchers need and the article lacks.
- Use the primary keyword in the title, the first 100 words and at least one H2, naturally.
- Keep the same HTML elements the original uses (p, h2, h3, ul, ol, li, table, strong, em, a, img).

Answer with JSON only:
{"title": "…", "meta_title": "… (at most 60 characters)", "meta_description": "… (140–160 characters)", "html": "…", "changes": ["one line per change you made and why"]}`;

const LINKING = `You are an SEO editor adding internal links that help readers find related articles on the same site.

Article title: {{title}}
Article HTML:
{{content}}

Articles on the site that may be linked to (title | URL | target keywords):
{{candidates}}

Choose at most {{max_links}} links (5 when no number is given).
- Link only where the other article genuinely helps a reader at that point of the text.
- The anchor text is an exact phrase that already appears in the article, 2–6 words long, describing the target page (preferably one of its target keywords); never "click here" or a bare URL.
- At most one link per target page and per paragraph; never inside headings; never to this article itself; keep every existing link.

Answer with JSON only:
{"links": [{"anchor_text": "…", "target_url": "…", "reason": "…"}]}`;

export const PROMPT_CATALOG: Readonly<Record<PromptType, PromptDefinition>> = {
  clustering: {
    type: 'clustering',
    label: 'Keyword clustering',
    description: 'Names and describes the keyword groups the clustering algorithm found (Planner → Auto-cluster).',
    variables: [
      required(
        'keyword_groups',
        'The groups found by the algorithm, numbered; each keyword with its volume and intent.',
      ),
      SITE,
      SECTOR,
      LANGUAGE,
    ],
    defaultText: CLUSTERING,
  },
  ideas: {
    type: 'ideas',
    label: 'Content ideas',
    description: 'Turns a keyword cluster into article ideas with outlines (Planner → Generate ideas).',
    variables: [
      required('cluster', 'The cluster name.'),
      optional('cluster_description', 'What the cluster is about.'),
      required('keywords', 'The keywords of the cluster, one per line with volume, difficulty and intent.'),
      optional('ideas_count', 'How many ideas to propose.'),
      optional('intent', "The cluster's dominant search intent."),
      optional('content_types', 'The content types that fit that intent, best first.'),
      SITE,
      SECTOR,
      LANGUAGE,
      STRATEGY,
    ],
    defaultText: IDEAS,
  },
  content: {
    type: 'content',
    label: 'Article writing',
    description: 'Writes the article for a task: HTML body, meta title and description (Writer → Generate content).',
    variables: [
      required('title', 'The working title of the task.'),
      required('primary_keyword', 'The keyword the article must rank for.'),
      optional('keywords', 'Secondary keywords, comma-separated.'),
      optional('outline', 'The outline from the idea or task brief: H2 sections with their points.'),
      optional('content_type', 'post, page, product, guide, comparison, review, listicle or how_to.'),
      optional('word_count', 'The target length in words.'),
      SITE,
      LANGUAGE,
      AUTHOR_PROFILE,
      STRATEGY,
    ],
    defaultText: CONTENT,
  },
  image_prompt: {
    type: 'image_prompt',
    label: 'Image prompts',
    description: 'Chooses the featured and in-article images of an article and writes their prompts and alt text.',
    variables: [
      required('content', 'The article (HTML).'),
      optional('title', 'The article title.'),
      optional('image_count', 'How many in-article images to plan.'),
      optional('image_style', 'The image style from the AI settings, e.g. photorealistic or flat illustration.'),
    ],
    defaultText: IMAGE_PROMPT,
  },
  image: {
    type: 'image',
    label: 'Image generation',
    description: 'The text sent to the image model for each image, wrapped around its image prompt.',
    variables: [
      required('image_prompt', 'The scene described for this image by the image-prompts step.'),
      optional('image_type', 'featured or in-article.'),
      optional('image_style', 'The image style from the AI settings.'),
      optional('title', 'The article title.'),
    ],
    defaultText: IMAGE,
  },
  optimize: {
    type: 'optimize',
    label: 'Content optimisation',
    description: "Rewrites an article to fix the optimizer's findings (Optimizer → Optimise).",
    variables: [
      required('content', 'The current article (HTML).'),
      optional('title', 'The current title.'),
      required('primary_keyword', 'The keyword the article must rank for.'),
      optional('keywords', 'Secondary keywords, comma-separated.'),
      optional('findings', "The optimizer's findings, one per line."),
      optional('word_count', 'The target length in words.'),
      LANGUAGE,
      AUTHOR_PROFILE,
    ],
    defaultText: OPTIMIZE,
  },
  linking: {
    type: 'linking',
    label: 'Internal linking',
    description: 'Picks internal links and their anchor text for an article (Linker).',
    variables: [
      required('content', 'The article (HTML).'),
      optional('title', 'The article title.'),
      required('candidates', 'Other articles of the site, one per line: title | URL | target keywords.'),
      optional('max_links', 'The most links to add.'),
    ],
    defaultText: LINKING,
  },
};

const VARIABLE_NAME = /^[a-z][a-z0-9_]*$/;

export interface PromptTextProblems {
  /** Placeholders whose name the prompt type does not supply. */
  unknown: string[];
  /** Required variables the text never uses. */
  missing: string[];
  /** `{{…}}` whose inside is not a variable name, or a `{{` never closed. */
  malformed: string[];
}

/** What is wrong with `text` as the prompt of `type` (all lists empty: nothing). */
export function checkPromptText(type: PromptType, text: string): PromptTextProblems {
  const known = new Set(PROMPT_CATALOG[type].variables.map((v) => v.name));
  const used = variablesIn(text);
  const malformed = used.filter((name) => !VARIABLE_NAME.test(name)).map((name) => `{{${name}}}`);
  if (text.replace(PROMPT_PLACEHOLDER, '').includes('{{')) malformed.push('{{ without a closing }}');
  return {
    unknown: used.filter((name) => VARIABLE_NAME.test(name) && !known.has(name)),
    missing: PROMPT_CATALOG[type].variables.filter((v) => v.required && !used.includes(v.name)).map((v) => v.name),
    malformed,
  };
}
