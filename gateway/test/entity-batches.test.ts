// A cross-subgraph list costs a fixed number of fetches and statements, however many rows it has:
// keywords (planner) with their site's name (system) and cluster's name (planner) take one planner
// fetch and one `_entities` fetch to system, which carries each distinct site once and loads them
// in one SQL statement; the clusters load in one statement too. A second gateway in front of a
// recording proxy sees what is sent to the subgraphs; the database reports every statement.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@igny8/lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, type RunningGateway, startGateway } from '../src/server.js';
import { distinctRepresentations, expandEntities } from '../src/subgraph-source.js';
import { gqlOk, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name sectors { id } } }`;
const IMPORT = `mutation($input: ImportKeywordsInput!) { importKeywords(input: $input) { added } }`;
const KEYWORD_IDS = `query($filter: KeywordFilter) { keywords(filter: $filter, first: 100) { edges { node { id } } } }`;
const CREATE_CLUSTER = `mutation($input: CreateClusterInput!) { createCluster(input: $input) { id name } }`;
const LIST = `query($filter: KeywordFilter) { keywords(filter: $filter, first: 50, orderBy: { field: KEYWORD, direction: ASC }) {
  edges { node { id keyword site { name } cluster { name } } } } }`;

interface Sent {
  subgraph: string;
  query: string;
  variables: Record<string, unknown>;
}

/** A loopback HTTP proxy to the subgraphs that records each GraphQL request. */
async function recordingProxy(urls: Record<string, string>, sent: Sent[]) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const [, subgraph = '', ...rest] = req.url!.split('/');
    const path = `/${rest.join('/')}`;
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    ) as Record<string, string>;
    // Anything but a subgraph's GraphQL (the JWKS and token state the gateway reads beside system's) passes through.
    if (!urls[subgraph] || path !== '/graphql') {
      const answer = await fetch(new URL(path, urls.system!), {
        method: req.method,
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(await answer.text());
      return;
    }
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    sent.push({ subgraph, query, variables: variables ?? {} });
    const answer = await fetch(urls[subgraph]!, { method: 'POST', headers, body });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urls: Object.fromEntries(Object.keys(urls).map((name) => [name, `http://127.0.0.1:${port}/${name}/graphql`])),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a cross-subgraph list', () => {
  let p: Platform;
  let owner: Session;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let gateway: RunningGateway;
  const sent: Sent[] = [];
  const statements: string[] = [];
  const sites: { id: string; name: string; sectorId: string }[] = [];
  const clusterOf = new Map<string, string>();

  beforeAll(async () => {
    p = await startPlatform({}, { onQuery: (sql) => statements.push(sql) });
    owner = await registerOwner(p, 'Entity Batches');
    await setPlan(p, owner.accountId, 'growth');
    for (const name of ['North Garden', 'South Garden']) {
      const { createSite } = await gqlOk(p, CREATE_SITE, { input: { name, sectors: ['Beds'] } }, owner.token);
      const site = { id: createSite.id, name: createSite.name, sectorId: createSite.sectors[0].id };
      sites.push(site);
      const place = { siteId: site.id, sectorId: site.sectorId };
      const rows = Array.from({ length: 30 }, (_, i) => `${name.toLowerCase()} bed ${String(i).padStart(2, '0')},${i}`);
      await gqlOk(p, IMPORT, { input: { ...place, csv: `keyword,volume\n${rows.join('\n')}\n` } }, owner.token);
      const ids = (await gqlOk(p, KEYWORD_IDS, { filter: place }, owner.token)).keywords.edges.map(
        (e: { node: { id: string } }) => e.node.id,
      );
      // Three clusters per site, ten keywords each.
      for (let c = 0; c < 3; c++) {
        const keywordIds = ids.slice(c * 10, c * 10 + 10);
        const { createCluster } = await gqlOk(
          p,
          CREATE_CLUSTER,
          { input: { ...place, name: `${name} ${c}`, keywordIds } },
          owner.token,
        );
        for (const id of keywordIds) clusterOf.set(id, createCluster.name);
      }
    }
    proxy = await recordingProxy(p.urls, sent);
    gateway = await startGateway({
      config: loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', WEB_DIST: '' }),
      port: 0,
      urls: proxy.urls,
      log: createLogger('test', 'silent'),
      jobEvents: p.jobEvents,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await p?.close();
  });

  async function list(filter: object) {
    sent.length = 0;
    statements.length = 0;
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ query: LIST, variables: { filter } }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.keywords.edges.map(
      (e: { node: { id: string; site: { name: string }; cluster: { name: string } | null } }) => e.node,
    );
  }

  const count = (pattern: RegExp) => statements.filter((sql) => pattern.test(sql)).length;
  const SELECT_SITES = /^select .* from "system"\."sites"/;
  const SELECT_CLUSTERS = /^select .* from "planner"\."clusters"/;

  it("answers a site's 30 keywords with one `_entities` fetch carrying the site once, loaded in one statement", async () => {
    const [north] = sites;
    const nodes = await list({ siteId: north!.id });
    expect(nodes).toHaveLength(30);
    for (const node of nodes) {
      expect(node.site).toEqual({ name: 'North Garden' });
      expect(node.cluster).toEqual({ name: clusterOf.get(node.id) });
    }
    expect(sent.map((s) => s.subgraph)).toEqual(['planner', 'system']);
    const entities = sent[1]!;
    expect(entities.query).toMatch(/_entities/);
    expect(entities.variables.representations).toEqual([{ __typename: 'Site', id: north!.id }]);
    expect(count(SELECT_SITES)).toBe(1);
    expect(count(SELECT_CLUSTERS)).toBe(1);
  });

  it('keeps one fetch per hop and one statement per batch when the rows span sites', async () => {
    const nodes = await list({});
    expect(nodes).toHaveLength(50);
    const byName = new Map(sites.map((s) => [s.name, 0]));
    for (const node of nodes) {
      byName.set(node.site.name, (byName.get(node.site.name) ?? 0) + 1);
      expect(node.cluster).toEqual({ name: clusterOf.get(node.id) });
    }
    expect([...byName.values()].every((n) => n > 0)).toBe(true);
    expect(sent.map((s) => s.subgraph)).toEqual(['planner', 'system']);
    const representations = sent[1]!.variables.representations as { id: string }[];
    expect(representations.map((r) => r.id).sort()).toEqual(sites.map((s) => s.id).sort());
    expect(count(SELECT_SITES)).toBe(1);
    expect(count(SELECT_CLUSTERS)).toBe(1);
  });
});

describe('repeated representations', () => {
  const site = (id: string) => ({ __typename: 'Site', id });

  it('are sent once each, and every row gets its own copy of the answer', () => {
    const asked = [site('a'), site('b'), site('a'), site('a')];
    const repeated = distinctRepresentations({ representations: asked })!;
    expect(repeated.distinct).toEqual([site('a'), site('b')]);
    const answer = expandEntities(
      { data: { _entities: [{ name: 'A', owner: { id: 'u' } }, null] } },
      repeated.slots,
      repeated.distinct.length,
    ) as { data: { _entities: ({ name: string; owner: { id: string } } | null)[] } };
    const rows = answer.data._entities;
    expect(rows).toEqual([
      { name: 'A', owner: { id: 'u' } },
      null,
      { name: 'A', owner: { id: 'u' } },
      { name: 'A', owner: { id: 'u' } },
    ]);
    // The gateway merges later fetches into these objects: no two rows may share one.
    rows[0]!.owner.id = 'changed';
    expect(rows[2]!.owner.id).toBe('u');
    expect(rows[3]).not.toBe(rows[2]);
  });

  it("report an entity's error at every row that asked for it", () => {
    const repeated = distinctRepresentations({ representations: [site('a'), site('b'), site('a')] })!;
    const answer = expandEntities(
      {
        data: { _entities: [null, { name: 'B' }] },
        errors: [{ message: 'not yours', path: ['_entities', 0, 'name'] }, { message: 'general' }],
      },
      repeated.slots,
      repeated.distinct.length,
    );
    expect(answer.errors).toEqual([
      { message: 'not yours', path: ['_entities', 0, 'name'] },
      { message: 'not yours', path: ['_entities', 2, 'name'] },
      { message: 'general' },
    ]);
  });

  it('leave a fetch of distinct representations, and an answer of the wrong length, as they are', () => {
    expect(distinctRepresentations({ representations: [site('a'), site('b')] })).toBeUndefined();
    expect(distinctRepresentations({ filter: {} })).toBeUndefined();
    const wrong = { data: { _entities: [{ name: 'A' }] } };
    expect(expandEntities(wrong, [0, 1, 0], 2)).toBe(wrong);
  });
});
