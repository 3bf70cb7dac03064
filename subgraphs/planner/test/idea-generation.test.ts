// What a model's answer becomes, and what the Ideas prompt is filled with, without a database.
import { describe, expect, it } from 'vitest';
import { type IdeaAnswer, ideaCountFor, ideasPromptVariables, planIdeas } from '../src/domain/idea-generation.js';
import type { AccountWorkspace } from '../src/domain/services.js';
import type { ClusterRow } from '../src/store/clusters.js';
import type { KeywordRow } from '../src/store/keywords.js';

const cluster = {
  accountId: 'a1',
  id: 'c1',
  siteId: 's1',
  sectorId: 'x1',
  name: 'Dog Food',
  description: 'What to feed a dog',
  intent: 'commercial',
  status: 'new',
} as ClusterRow;
const keyword = (text: string, volume: number) =>
  ({ keyword: text, volume, difficulty: 20, intent: 'commercial' }) as KeywordRow;
const idea = (title: string, keywords: string[]): IdeaAnswer => ({
  title,
  description: '',
  content_type: 'review',
  primary_keywords: keywords.slice(0, 1),
  covered_keywords: keywords.slice(1),
  outline: [{ heading: 'Intro', points: [] }],
  estimated_word_count: 1_500,
});
const run = { jobId: 'j1', userId: 'u1', authorProfileId: null, strategyId: null };

describe('planning ideas from an answer', () => {
  it('keeps as many ideas as asked, with the cluster’s own keywords first among the targets', () => {
    const rows = planIdeas(
      cluster,
      [keyword('best dog food', 900), keyword('dog food reviews', 500)],
      [idea('One', ['Grain-free kibble', 'best dog food']), idea('Two', ['dog food reviews']), idea('Three', [])],
      2,
      run,
    );
    expect(rows.map((row) => row.title)).toEqual(['One', 'Two']);
    expect(rows[0]).toMatchObject({
      accountId: 'a1',
      clusterId: 'c1',
      jobId: 'j1',
      createdBy: 'u1',
      targetKeywords: ['best dog food', 'grain-free kibble'],
    });
  });

  it('asks for 3 to 5 ideas by the cluster’s size when no number was given', () => {
    expect([ideaCountFor(null, 2), ideaCountFor(null, 16), ideaCountFor(null, 400), ideaCountFor(7, 400)]).toEqual([
      3, 4, 5, 7,
    ]);
  });

  it('fills the prompt with the cluster, its keywords and the content types that fit its intent', () => {
    const workspace = {
      site: { name: 'Paws & Claws', domain: 'paws.example', language: 'en' },
      sector: { name: 'Dogs' },
    } as AccountWorkspace;
    const variables = ideasPromptVariables(
      cluster,
      [keyword('best dog food', 900)],
      workspace,
      { strategy: '', authorProfile: '' },
      3,
    );
    expect(variables).toMatchObject({
      site: 'Paws & Claws (paws.example)',
      sector: 'Dogs',
      cluster: 'Dog Food',
      keywords: 'best dog food | 900 | 20 | commercial',
      ideas_count: '3',
      intent: 'commercial',
      content_types: 'comparison, review, listicle, guide',
    });
  });
});
