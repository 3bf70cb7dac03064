// Account B can neither read nor change account A's data, through the federated graph, through
// REST, or through a database query that forgets the account filter.
import { apiKeys, sectors, sites, users } from '@igny8/db/system';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, countRows, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

describe('gateway: tenant isolation', () => {
  let p: Platform;
  let a: Session;
  let b: Session;
  let memberOfA: Session;
  let siteA: { id: string; sectors: { id: string }[] };
  let keyA: string;

  beforeAll(async () => {
    p = await startPlatform();
    a = await registerOwner(p, 'Agency A');
    b = await registerOwner(p, 'Agency B');
    await setPlan(p, a.accountId, 'growth');
    memberOfA = await addMember(p, a, 'EDITOR');
    const site = await p.gql(
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { id sectors { id } } }`,
      { input: { name: 'A Garden', domain: 'a-garden.example', sectors: ['Roses', 'Tools'] } },
      a.token,
    );
    siteA = site.data.createSite;
    const key = await p.gql(
      `mutation { createApiKey(input: { name: "A key", scopes: [READ, WRITE] }) { apiKey { id } } }`,
      {},
      a.token,
    );
    keyA = key.data.createApiKey.apiKey.id;
  });
  afterAll(() => p.close());

  /** A's data as A sees it: compared before and after B's attempts. */
  const snapshotOfA = async () => {
    const res = await p.gql(
      `query($id: ID!) { site(id: $id) { name domain sectors { id name } } members { edges { node { id role } } } apiKeys { edges { node { id revokedAt } } } }`,
      { id: siteA.id },
      a.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data;
  };

  it("lets B neither read nor change A's sites, sectors, members or API keys over GraphQL (NOT_FOUND)", async () => {
    const before = await snapshotOfA();
    const sector = siteA.sectors[0]!.id;
    const attempts: [string, string, Record<string, unknown>][] = [
      ['site(id)', 'query($id: ID!) { site(id: $id) { id name } }', { id: siteA.id }],
      [
        'updateSite',
        'mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }',
        { input: { id: siteA.id, name: 'Taken' } },
      ],
      ['deleteSite', 'mutation($input: DeleteSiteInput!) { deleteSite(input: $input) }', { input: { id: siteA.id } }],
      [
        'createSector',
        'mutation($input: CreateSectorInput!) { createSector(input: $input) { id } }',
        { input: { siteId: siteA.id, name: 'Intruder' } },
      ],
      [
        'updateSector',
        'mutation($input: UpdateSectorInput!) { updateSector(input: $input) { id } }',
        { input: { id: sector, name: 'Mine' } },
      ],
      [
        'deleteSector',
        'mutation($input: DeleteSectorInput!) { deleteSector(input: $input) }',
        { input: { id: sector } },
      ],
      [
        'updateMemberRole',
        'mutation($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id } }',
        { input: { userId: memberOfA.userId, role: 'VIEWER' } },
      ],
      [
        'removeMember',
        'mutation($input: RemoveMemberInput!) { removeMember(input: $input) }',
        { input: { userId: memberOfA.userId } },
      ],
      [
        'revokeApiKey',
        'mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id } }',
        { input: { id: keyA } },
      ],
    ];
    for (const [label, query, variables] of attempts) {
      const res = await p.gql(query, variables, b.token);
      expect(res.errors?.[0]?.extensions?.code, label).toBe('NOT_FOUND');
      expect(JSON.stringify(res), label).not.toContain('A Garden');
    }
    const lists = await p.gql(
      '{ sites { totalCount } members { edges { node { id } } } apiKeys { edges { node { id } } } account { id } }',
      {},
      b.token,
    );
    expect(lists.data).toEqual({
      sites: { totalCount: 0 },
      members: { edges: [{ node: { id: b.userId } }] },
      apiKeys: { edges: [] },
      account: { id: b.accountId },
    });
    expect(await snapshotOfA()).toEqual(before);
  });

  it("resolves A's entities to null for B when asked through the system subgraph directly", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Site { id name } ... on Sector { id name } ... on User { id email } ... on Account { id name } } }`;
    const representations = [
      { __typename: 'Site', id: siteA.id },
      { __typename: 'Sector', id: siteA.sectors[0]!.id },
      { __typename: 'User', id: memberOfA.userId },
      { __typename: 'Account', id: a.accountId },
    ];
    const ask = async (token: string) => {
      const res = await fetch(p.system.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { r: representations } }),
      });
      return (await res.json()) as { data: { _entities: unknown[] } };
    };
    const own = await ask(a.token);
    expect(own.data._entities.every((e) => e !== null)).toBe(true);
    const other = await ask(b.token);
    expect(other.data._entities).toEqual([null, null, null, null]);
  });

  it("answers 404 over REST for every one of A's objects B names", async () => {
    const before = await snapshotOfA();
    const sector = siteA.sectors[0]!.id;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/auth/sites/${siteA.id}/`],
      ['PATCH', `/auth/sites/${siteA.id}/`, { name: 'Taken' }],
      ['PUT', `/auth/sites/${siteA.id}/`, { name: 'Taken' }],
      ['DELETE', `/auth/sites/${siteA.id}/`],
      ['GET', `/auth/sectors/?site_id=${siteA.id}`],
      ['POST', '/auth/sectors/', { site_id: siteA.id, name: 'Intruder' }],
      ['PATCH', `/auth/sectors/${sector}/`, { name: 'Mine' }],
      ['DELETE', `/auth/sectors/${sector}/`],
      ['PATCH', `/account/team/${memberOfA.userId}/`, { role: 'viewer' }],
      ['DELETE', `/account/team/${memberOfA.userId}/`],
      ['DELETE', `/account/api-keys/${keyA}/`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await p.rest(method, path, { token: b.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body, `${method} ${path}`).toMatchObject({
        success: false,
        error: expect.stringMatching(/not found/),
      });
    }
    const list = await p.rest('GET', '/auth/sites/', { token: b.token });
    expect(list.body).toMatchObject({ success: true, count: 0, results: [] });
    const team = await p.rest('GET', '/account/team/', { token: b.token });
    expect(team.body.results.map((m: { id: string }) => m.id)).toEqual([b.userId]);
    expect(await snapshotOfA()).toEqual(before);
  });

  it("keeps A's rows out of a query run for B that forgets the account filter (RLS)", async () => {
    const { database } = p.system.services;
    const seen = await database.tenant(b.accountId, async (tx) => ({
      sites: await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteA.id)),
      sectors: await tx.select({ id: sectors.id }).from(sectors).where(eq(sectors.siteId, siteA.id)),
      users: await tx.select({ id: users.id }).from(users).where(eq(users.id, memberOfA.userId)),
      keys: await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, keyA)),
      renamed: await tx.update(sites).set({ name: 'Renamed by B' }).where(eq(sites.id, siteA.id)).returning(),
    }));
    expect(seen).toEqual({ sites: [], sectors: [], users: [], keys: [], renamed: [] });
    // The same select for A finds them, so the empty answers above are the policy at work.
    const own = await database.tenant(a.accountId, (tx) =>
      tx.select({ name: sites.name }).from(sites).where(eq(sites.id, siteA.id)),
    );
    expect(own).toEqual([{ name: 'A Garden' }]);
    expect(await countRows(p, 'sectors', a.accountId)).toBe(2);
  });
});
