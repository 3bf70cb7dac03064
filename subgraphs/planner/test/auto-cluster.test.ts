// The re-clustering rule, without a database: what a run makes of the clusters its keywords leave.
import { describe, expect, it } from 'vitest';
import {
  type NamedGroup,
  offlineName,
  planClustering,
  type SectorCluster,
  summarizeClustering,
} from '../src/domain/auto-cluster.js';

const group = (name: string, keywordIds: string[]): NamedGroup => ({
  name,
  description: `About ${name}`,
  intent: 'informational',
  keywordIds,
});
const cluster = (id: string, name: string, keywordsCount: number, ideas = 0): SectorCluster => ({
  id,
  name,
  keywordsCount,
  ideas,
});

describe('planning a clustering run', () => {
  it('reuses the names of clusters it empties instead of suffixing them, and removes those clusters', () => {
    const plan = planClustering(
      [group('Dog Food', ['k1', 'k2']), group('Dog Toys', ['k3'])],
      [
        { id: 'k1', clusterId: 'c1' },
        { id: 'k2', clusterId: 'c1' },
        { id: 'k3', clusterId: 'c2' },
      ],
      [cluster('c1', 'Dog Food', 2), cluster('c2', 'Dog Toys', 1)],
    );
    expect(plan.create.map((c) => c.name)).toEqual(['Dog Food', 'Dog Toys']);
    expect(plan.remove.sort()).toEqual(['c1', 'c2']);
    expect(plan.keep).toEqual([]);
  });

  it('keeps an emptied cluster that has ideas, says why it is empty, and suffixes only that real clash', () => {
    const plan = planClustering(
      [group('Cat Litter', ['k1', 'k2', 'k3'])],
      [
        { id: 'k1', clusterId: 'c1' },
        { id: 'k2', clusterId: 'c1' },
        { id: 'k3', clusterId: null },
      ],
      [cluster('c1', 'cat litter', 2, 3)],
    );
    expect(plan.remove).toEqual([]);
    expect(plan.keep).toEqual([
      {
        id: 'c1',
        description: 'Its keywords moved to other clusters when they were auto-clustered again; kept for its 3 ideas.',
      },
    ]);
    expect(plan.create.map((c) => c.name)).toEqual(['Cat Litter (2)']);
  });

  it('leaves a cluster that still has keywords alone, and its name taken', () => {
    const plan = planClustering(
      [group('Bird Seed', ['k1']), group('Bird Seed', ['k2'])],
      [
        { id: 'k1', clusterId: 'c1' },
        { id: 'k2', clusterId: null },
      ],
      [cluster('c1', 'Bird Seed', 5), cluster('c2', 'Bird Cages', 0)],
    );
    expect(plan.remove).toEqual([]);
    expect(plan.keep).toEqual([]);
    expect(plan.create.map((c) => c.name)).toEqual(['Bird Seed (2)', 'Bird Seed (3)']);
  });

  it('suffixes two new groups of the same name from each other even when the old cluster is gone', () => {
    const plan = planClustering(
      [group('Fish Tanks', ['k1']), group('Fish Tanks', ['k2'])],
      [
        { id: 'k1', clusterId: 'c1' },
        { id: 'k2', clusterId: 'c1' },
      ],
      [cluster('c1', 'Fish Tanks', 2)],
    );
    expect(plan.remove).toEqual(['c1']);
    expect(plan.create.map((c) => c.name)).toEqual(['Fish Tanks', 'Fish Tanks (2)']);
  });
});

describe('a clustering job in words', () => {
  it('says how many keywords it takes and where', () => {
    const base = { siteId: 's', sectorId: 'x', granularity: 'balanced' as const };
    expect(
      summarizeClustering({ ...base, keywordIds: null, keywordCount: 55, placeName: 'Paws & Claws Blog → Dogs' }),
    ).toBe('55 keywords · Paws & Claws Blog → Dogs');
    expect(summarizeClustering({ ...base, keywordIds: ['k1'] })).toBe('1 keyword');
    expect(summarizeClustering({ ...base, keywordIds: null })).toBe('All unclustered keywords of the sector');
  });
});

describe('naming a group without a model', () => {
  it('titles it in sentence case after its highest-volume keyword', () => {
    const byId = new Map([
      ['k1', { keyword: 'how to train a puppy', volume: 5400 }],
      ['k2', { keyword: 'puppy training schedule', volume: 880 }],
    ]);
    const named = offlineName({ keywordIds: ['k1', 'k2'], intent: 'informational' }, byId);
    expect(named.name).toBe('How to train a puppy');
    expect(named.description).toBe('2 informational keywords around "how to train a puppy", 6,280 searches a month.');
  });
});
