// Briefs the article tests share.
import type { ContentStructure } from '@igny8/db/writer';
import type { ArticleBrief } from '../src/domain/article/index.js';

export function brief(overrides: Partial<ArticleBrief> = {}): ArticleBrief {
  return {
    title: 'Dog training: a practical guide for new owners',
    primaryKeyword: 'dog training',
    secondaryKeywords: ['puppy classes', 'clicker training'],
    outline: [
      { heading: 'Why dog training matters', points: ['Safety around people', 'A calmer home'] },
      {
        heading: 'Set up a routine',
        points: ['Feeding times', 'Short daily sessions'],
        subsections: [
          { heading: 'Morning sessions', points: ['Before breakfast'] },
          { heading: 'Evening sessions', points: ['After a walk'] },
        ],
      },
      { heading: 'Teach the basic commands', points: ['Sit', 'Stay', 'Come'] },
      { heading: 'Fix common problems', points: ['Pulling on the lead', 'Jumping up'] },
      { heading: 'When to get professional help', points: ['Aggression', 'Anxiety'] },
    ],
    contentType: 'post',
    contentStructure: 'guide',
    targetWords: 1200,
    siteName: 'Happy Paws',
    authorName: 'Sam Carter',
    ...overrides,
  };
}

export function bareBrief(keyword: string, structure: ContentStructure, targetWords: number): ArticleBrief {
  return {
    title: '',
    primaryKeyword: keyword,
    secondaryKeywords: [],
    outline: [],
    contentType: 'post',
    contentStructure: structure,
    targetWords,
  };
}
