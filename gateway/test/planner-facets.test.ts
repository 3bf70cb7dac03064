// The lists' filter options (`keywordFacets`, `clusterFacets`, `contentIdeaFacets`: one SQL statement
// each in the planner): the counts per status, intent, source and cluster agree with the list itself,
// each facet cascades under the other filters only, and another account's items never count.
import { createSiteWithSector, type Place } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlOk, registerOwner, type Session } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const IMPORT = `mutation($input: ImportKeywordsInput!) { importKeywords(input: $input) { added } }`;
const KEYWORDS = `query($filter: KeywordFilter) { keywords(filter: $filter, first: 100) {
  edges { node { id keyword intent status source clusterId } } } }`;
const CREATE_CLUSTER = `mutation($input: CreateClusterInput!) { createCluster(input: $input) { id } }`;
const CREATE_IDEA = `mutation($input: CreateContentIdeaInput!) { createContentIdea(input: $input) { id } }`;
const CLUSTER_AND_IDEA_FACETS = `query($clusters: ClusterFilter, $ideas: ContentIdeaFilter) {
  clusterFacets(filter: $clusters) { status { value count } intent { value count } }
  contentIdeaFacets(filter: $ideas) { status { value count } contentType { value count } } }`;
const FACETS = `query($filter: KeywordFilter) { keywordFacets(filter: $filter) {
  status { value count } intent { value count } source { value count } cluster { clusterId count } } }`;

interface Keyword {
  id: string;
  keyword: string;
  intent: string;
  status: string;
  source: string;
  clusterId: string | null;
}
type Counts = Record<string, number>;

async function siteWithKeywords(p: Platform, s: Session, csv: string): Promise<Place> {
  const place = await createSiteWithSector(p.gql, s.token, { name: 'Facet Garden', sector: 'Beds' });
  await gqlOk(p, IMPORT, { input: { ...place, csv } }, s.token);
  return place;
}

/** The facets as `{ value: count }` per facet (the cluster facet keyed by id, `none` for no cluster). */
async function facetsOf(p: Platform, s: Session, filter: object) {
  const { keywordFacets: f } = await gqlOk(p, FACETS, { filter }, s.token);
  const counts = (list: { value: string; count: number }[]): Counts =>
    Object.fromEntries(list.map((o) => [o.value, o.count]));
  return {
    status: counts(f.status),
    intent: counts(f.intent),
    source: counts(f.source),
    cluster: counts(
      f.cluster.map((c: { clusterId: string | null; count: number }) => ({ ...c, value: c.clusterId ?? 'none' })),
    ),
  };
}

/** The same counts made from the list itself. */
function tally(keywords: readonly Keyword[], pick: (k: Keyword) => string): Counts {
  const counts: Counts = {};
  for (const k of keywords) counts[pick(k)] = (counts[pick(k)] ?? 0) + 1;
  return counts;
}

describe('keyword facets', () => {
  let p: Platform;
  let owner: Session;
  let other: Session;
  let place: Place;
  let otherPlace: Place;
  let clusterId: string;

  beforeAll(async () => {
    p = await startPlatform();
    owner = await registerOwner(p, 'Facet Owner');
    other = await registerOwner(p, 'Facet Neighbour');
    place = await siteWithKeywords(
      p,
      owner,
      [
        'keyword,volume,intent',
        'raised bed kit,100,commercial',
        'buy raised bed,90,transactional',
        'raised bed soil,80,informational',
        'raised bed height,70,informational',
        'cedar raised bed,60,commercial',
      ].join('\n'),
    );
    // The neighbour has more keywords, of the same and other values: none of them may count for the owner.
    otherPlace = await siteWithKeywords(
      p,
      other,
      [
        'keyword,intent',
        'bed a,commercial',
        'bed b,commercial',
        'bed c,commercial',
        'bed d,navigational',
        'bed e,informational',
      ].join('\n'),
    );
    const { keywords } = await gqlOk(p, KEYWORDS, { filter: { ...place, intent: ['COMMERCIAL'] } }, owner.token);
    const made = await gqlOk(
      p,
      CREATE_CLUSTER,
      { input: { ...place, name: 'Kits', keywordIds: keywords.edges.map((e: { node: Keyword }) => e.node.id) } },
      owner.token,
    );
    clusterId = made.createCluster.id;
  });
  afterAll(() => p?.close());

  it('counts each status, intent, source and cluster as the list does', async () => {
    const { keywords } = await gqlOk(p, KEYWORDS, { filter: place }, owner.token);
    const all: Keyword[] = keywords.edges.map((e: { node: Keyword }) => e.node);
    expect(all).toHaveLength(5);
    const facets = await facetsOf(p, owner, place);
    expect(facets.intent).toEqual({ COMMERCIAL: 2, TRANSACTIONAL: 1, INFORMATIONAL: 2 });
    expect(facets.status).toEqual({ CLUSTERED: 2, NEW: 3 });
    expect(facets.cluster).toEqual({ [clusterId]: 2, none: 3 });
    expect(facets.intent).toEqual(tally(all, (k) => k.intent));
    expect(facets.status).toEqual(tally(all, (k) => k.status));
    expect(facets.source).toEqual(tally(all, (k) => k.source));
    expect(facets.cluster).toEqual(tally(all, (k) => k.clusterId ?? 'none'));
  });

  it("counts each facet under the other filters only, so a facet's own choice does not hide its other values", async () => {
    const facets = await facetsOf(p, owner, { ...place, intent: ['INFORMATIONAL'] });
    expect(facets.intent).toEqual({ COMMERCIAL: 2, TRANSACTIONAL: 1, INFORMATIONAL: 2 });
    expect(facets.status).toEqual({ NEW: 2 });
    expect(facets.cluster).toEqual({ none: 2 });
    const clustered = await facetsOf(p, owner, { ...place, clusterId, search: 'kit' });
    expect(clustered.intent).toEqual({ COMMERCIAL: 1 });
    expect(clustered.cluster).toEqual({ [clusterId]: 1 });
  });

  it("never counts another account's keywords, even asked for by its site", async () => {
    const everything = await facetsOf(p, owner, {});
    expect(Object.values(everything.intent).reduce((a, b) => a + b, 0)).toBe(5);
    expect(everything.intent.NAVIGATIONAL).toBeUndefined();
    const theirs = await facetsOf(p, owner, otherPlace);
    expect(theirs).toEqual({ status: {}, intent: {}, source: {}, cluster: {} });
    const own = await facetsOf(p, other, {});
    expect(own.intent).toEqual({ COMMERCIAL: 3, NAVIGATIONAL: 1, INFORMATIONAL: 1 });
  });

  it("counts clusters and ideas per status, intent and content type, of the caller's account only", async () => {
    await gqlOk(p, CREATE_CLUSTER, { input: { ...otherPlace, name: 'Theirs' } }, other.token);
    await gqlOk(p, CREATE_IDEA, { input: { clusterId, title: 'Best kits', contentType: 'POST' } }, owner.token);
    await gqlOk(p, CREATE_IDEA, { input: { clusterId, title: 'Kit guide', contentType: 'GUIDE' } }, owner.token);
    await gqlOk(p, CREATE_IDEA, { input: { ...otherPlace, title: 'Theirs', contentType: 'POST' } }, other.token);
    const mine = await gqlOk(p, CLUSTER_AND_IDEA_FACETS, {}, owner.token);
    expect(mine.clusterFacets.status).toEqual([{ value: 'NEW', count: 1 }]);
    expect(mine.contentIdeaFacets.status).toEqual([{ value: 'NEW', count: 2 }]);
    expect(mine.contentIdeaFacets.contentType).toEqual(
      expect.arrayContaining([
        { value: 'POST', count: 1 },
        { value: 'GUIDE', count: 1 },
      ]),
    );
    expect(mine.contentIdeaFacets.contentType).toHaveLength(2);
    const narrowed = await gqlOk(p, CLUSTER_AND_IDEA_FACETS, { ideas: { contentType: ['GUIDE'] } }, owner.token);
    expect(narrowed.contentIdeaFacets.status).toEqual([{ value: 'NEW', count: 1 }]);
    expect(narrowed.contentIdeaFacets.contentType).toHaveLength(2);
  });
});
