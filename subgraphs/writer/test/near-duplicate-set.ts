// The labelled near-duplicate pairs (fixtures/near-duplicates.json) made into texts: offline articles,
// edited the way a person would copy one (sentences dropped, words swapped, paragraphs moved).
import { readFileSync } from 'node:fs';
import type { ContentStructure } from '@igny8/db/writer';
import { htmlToText, offlineArticle, renderArticle } from '../src/domain/article/index.js';

type Edit =
  | { op: 'dropSentences'; every: number }
  | { op: 'truncate'; fraction: number }
  | { op: 'synonyms' }
  | { op: 'shuffleParagraphs' }
  | { op: 'appendOther'; keyword: string; fraction: number };

interface Side {
  keyword: string;
  structure: ContentStructure;
  targetWords: number;
  seed: number;
  edits?: Edit[];
}

interface GeneratedPair {
  name: string;
  a: Side;
  b: Side;
  duplicate: boolean;
  half: 'tune' | 'holdout';
}

interface WrittenPair {
  name: string;
  textA: string;
  textB: string;
  duplicate: boolean;
  half: 'tune' | 'holdout';
}

export interface LabelledPair {
  name: string;
  a: string;
  b: string;
  duplicate: boolean;
  half: 'tune' | 'holdout';
}

const SYNONYMS: Record<string, string> = {
  often: 'frequently',
  start: 'begin',
  simple: 'easy',
  people: 'folks',
  small: 'little',
  usually: 'typically',
  clear: 'plain',
  common: 'frequent',
  time: 'while',
  basics: 'fundamentals',
  plan: 'strategy',
  results: 'outcomes',
  better: 'stronger',
  early: 'soon',
};

function article(side: Side): string {
  const brief = {
    title: '',
    primaryKeyword: side.keyword,
    secondaryKeywords: [],
    outline: [],
    contentType: 'post',
    contentStructure: side.structure,
    targetWords: side.targetWords,
  };
  return htmlToText(renderArticle(brief, offlineArticle(brief, side.seed)).html);
}

function edit(text: string, edits: Edit[], side: Side): string {
  let result = text;
  for (const change of edits) {
    if (change.op === 'dropSentences') {
      result = result
        .split('\n\n')
        .map((paragraph) =>
          paragraph
            .split(/(?<=[.?!])\s+/)
            .filter((_, index) => index % change.every !== change.every - 1)
            .join(' '),
        )
        .filter(Boolean)
        .join('\n\n');
    } else if (change.op === 'truncate') {
      const paragraphs = result.split('\n\n');
      result = paragraphs.slice(0, Math.round(paragraphs.length * change.fraction)).join('\n\n');
    } else if (change.op === 'synonyms') {
      result = result.replace(/\b[a-z]+\b/g, (word) => SYNONYMS[word] ?? word);
    } else if (change.op === 'shuffleParagraphs') {
      const paragraphs = result.split('\n\n');
      result = [...paragraphs.filter((_, i) => i % 2 === 1), ...paragraphs.filter((_, i) => i % 2 === 0)].join('\n\n');
    } else {
      const other = article({ ...side, keyword: change.keyword, edits: [] }).split('\n\n');
      result = `${result}\n\n${other.slice(0, Math.round(other.length * change.fraction)).join('\n\n')}`;
    }
  }
  return result;
}

export function labelledPairs(): LabelledPair[] {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/near-duplicates.json', import.meta.url), 'utf8')) as {
    pairs: GeneratedPair[];
    written: WrittenPair[];
  };
  const generated = fixture.pairs.map((pair) => ({
    name: pair.name,
    a: article(pair.a),
    b: edit(article(pair.b), pair.b.edits ?? [], pair.b),
    duplicate: pair.duplicate,
    half: pair.half,
  }));
  const written = fixture.written.map((pair) => ({
    name: pair.name,
    a: pair.textA,
    b: pair.textB,
    duplicate: pair.duplicate,
    half: pair.half,
  }));
  return [...generated, ...written];
}

export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function confusion(scored: { score: number; duplicate: boolean }[], threshold: number): Confusion {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  for (const { score, duplicate } of scored) {
    const flagged = score >= threshold;
    if (flagged && duplicate) truePositives++;
    else if (flagged) falsePositives++;
    else if (duplicate) falseNegatives++;
    else trueNegatives++;
  }
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1 };
}
