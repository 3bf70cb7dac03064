// Writing an article for a task: the brief the model (or the offline writer) gets, the prompt, the
// checks its answer must pass (repaired where the fix is mechanical, asked again where not), the
// warnings against the site's other articles, and the save — the article, its AI revision with
// provenance and the task COMPLETED, in one transaction.
import { createHash } from 'node:crypto';
import type { Tx } from '@igny8/db';
import type { ContentFlag, RevisionProvenance } from '@igny8/db/writer';
import type { AccountAiSetup, AccountWorkspace } from '@igny8/lib';
import { z } from 'zod';
import * as contentsStore from '../store/contents.js';
import type { TaskRow } from '../store/tasks.js';
import * as tasksStore from '../store/tasks.js';
import {
  type ArticleBrief,
  type ArticleViolation,
  articleJsonInstructions,
  htmlToText,
  nearDuplicates,
  type RenderedArticle,
  sanitizeArticleHtml,
} from './article/index.js';
import { keepRevision } from './contents.js';

export const GENERATE_CONTENT_JOB = 'writer.generate-content';
export const CONTENT_GENERATION_OPERATION = 'content_generation';
/** Tasks one writing job takes (the original's REST took 10; the GraphQL API takes up to this). */
export const MAX_TASKS_PER_JOB = 50;

/** 1 credit per 100 target words. */
export const creditsForTask = (task: Pick<TaskRow, 'wordCountTarget'>) => Math.ceil(task.wordCountTarget / 100);

export const generateContentInputSchema = z.object({
  taskIds: z.array(z.string().uuid()).min(1).max(MAX_TASKS_PER_JOB),
  /** Each task's units of content_generation (per 100 target words), fixed when the job was started. */
  units: z.record(z.string(), z.number().int().min(1)),
  /** For the jobs list: "3 articles · Paws Blog". */
  placeName: z.string().default(''),
});
export type GenerateContentInput = z.infer<typeof generateContentInputSchema>;

export interface GenerateContentResult {
  contentIds: string[];
  failed: { taskId: string; title: string; reason: string }[];
}

/** What the article must be, from the task, the site and the account's voice. */
export function briefOf(
  task: TaskRow,
  workspace: AccountWorkspace,
  setup: Pick<AccountAiSetup, 'authorProfile' | 'strategy'>,
): ArticleBrief {
  const site = workspace.site;
  return {
    title: task.title,
    primaryKeyword: task.primaryKeyword,
    secondaryKeywords: task.secondaryKeywords,
    outline: task.outline,
    contentType: task.contentType,
    contentStructure: task.contentStructure,
    targetWords: task.wordCountTarget,
    ...(setup.authorProfile ? { tone: setup.authorProfile } : {}),
    ...(setup.strategy ? { strategy: setup.strategy } : {}),
    ...(site ? { siteName: site.name, language: site.language } : {}),
  };
}

const outlineText = (brief: ArticleBrief) =>
  brief.outline.length
    ? brief.outline
        .map((s) =>
          [
            `- ${s.heading}${s.points.length ? `: ${s.points.join('; ')}` : ''}`,
            ...(s.subsections ?? []).map(
              (sub) => `  - ${sub.heading}${sub.points.length ? `: ${sub.points.join('; ')}` : ''}`,
            ),
          ].join('\n'),
        )
        .join('\n')
    : '(none: plan 4–8 sections that serve the reader)';

/** The content prompt's variables (the Thinker's Article writing prompt). */
export function contentPromptVariables(
  brief: ArticleBrief,
  workspace: AccountWorkspace,
  setup: Pick<AccountAiSetup, 'authorProfile' | 'strategy'>,
): Record<string, string> {
  const site = workspace.site;
  return {
    title: brief.title,
    primary_keyword: brief.primaryKeyword,
    keywords: brief.secondaryKeywords.join(', '),
    outline: outlineText(brief),
    content_type: `${brief.contentType} (structure: ${brief.contentStructure.replace('_', ' ')})`,
    word_count: String(brief.targetWords),
    site: site ? (site.domain ? `${site.name} (${site.domain})` : site.name) : '',
    language: site?.language ?? 'en',
    author_profile: setup.authorProfile,
    strategy: setup.strategy,
  };
}

/** The prompt text plus the exact JSON shape the writer reads; with what to fix on a second try. */
export function contentPromptMessage(promptText: string, problems: readonly ArticleViolation[] = []): string {
  const retry = problems.length
    ? `\n\nYour previous answer could not be used: ${problems.map((p) => p.message).join(' ')} Write the whole article again and fix these.`
    : '';
  return `${promptText}\n\n${articleJsonInstructions}${retry}`;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Warnings against the site's other articles: the same primary keyword, or nearly the same text. */
export function flagsFor(
  article: { primaryKeyword: string; html: string },
  siblings: readonly { id: string; title: string; primaryKeyword: string; html: string }[],
): ContentFlag[] {
  const keyword = article.primaryKeyword.trim().toLowerCase();
  const flags: ContentFlag[] = siblings
    .filter((other) => keyword && other.primaryKeyword.trim().toLowerCase() === keyword)
    .map((other) => ({ kind: 'cannibalization', otherContentId: other.id, otherTitle: other.title, detail: keyword }));
  const similar = nearDuplicates(
    htmlToText(article.html),
    siblings.map((other) => ({ id: other.id, title: other.title, text: htmlToText(other.html) })),
  );
  for (const match of similar) {
    flags.push({
      kind: 'near_duplicate',
      otherContentId: match.id,
      otherTitle: match.title,
      detail: `${Math.round(match.similarity * 100)} % of its wording is shared`,
    });
  }
  return flags;
}

/** A slug no other article of the site has: the article's, or it with -2, -3… */
async function freeSlug(tx: Tx, accountId: string, siteId: string, slug: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? slug : `${slug}-${n}`;
    if (!(await contentsStore.slugTaken(tx, accountId, siteId, candidate, null))) return candidate;
  }
}

/**
 * Saves a written article for its task in one transaction: the content (flagged against the site's
 * other articles), its AI revision with provenance, and the task COMPLETED pointing at it.
 */
export async function saveArticle(
  tx: Tx,
  task: TaskRow,
  article: RenderedArticle,
  extra: { jobId: string; userId: string | null; provenance: RevisionProvenance },
) {
  const html = sanitizeArticleHtml(article.html);
  const siblings = await contentsStore.siblingsOf(tx, task.accountId, task.siteId, null);
  const content = await contentsStore.insertContent(tx, {
    accountId: task.accountId,
    siteId: task.siteId,
    sectorId: task.sectorId,
    clusterId: task.clusterId,
    taskId: task.id,
    title: article.title,
    slug: await freeSlug(tx, task.accountId, task.siteId, article.slug),
    html,
    excerpt: article.excerpt,
    metaTitle: article.metaTitle,
    metaDescription: article.metaDescription,
    primaryKeyword: task.primaryKeyword,
    secondaryKeywords: task.secondaryKeywords,
    outline: article.outline,
    wordCount: article.wordCount,
    wordCountTarget: task.wordCountTarget,
    contentType: task.contentType,
    contentStructure: task.contentStructure,
    schemaMarkup: article.schemaMarkup as unknown as Record<string, unknown>[],
    flags: flagsFor({ primaryKeyword: task.primaryKeyword, html }, siblings),
    sampleText: extra.provenance.offline,
    createdBy: extra.userId,
  });
  await keepRevision(tx, content, 'ai', { provenance: extra.provenance, jobId: extra.jobId, createdBy: extra.userId });
  await tasksStore.updateTask(tx, task.accountId, task.id, { status: 'completed', error: null, contentId: content.id });
  return content;
}
