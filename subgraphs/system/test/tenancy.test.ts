// Two locks on the door (DESIGN.md §4): every query filters by the caller's account, and Row-Level
// Security hides other accounts' rows even from a query that forgets to.
import { apiKeys, sectors, sites, users } from '@igny8/db/system';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as apiKeysStore from '../src/store/api-keys.js';
import * as sitesStore from '../src/store/sites.js';
import * as usersStore from '../src/store/users.js';
import { registerOwner, type Session, startTestSystem, type TestSystem } from './harness.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Site { id name }
  ... on Sector { id name }
  ... on User { id email }
  ... on Account { id name }
} }`;

describe('system subgraph: tenant isolation', () => {
  let sys: TestSystem;
  let a: Session;
  let b: Session;
  let siteA: { id: string; sectors: { id: string }[] };
  let keyA: string;
  let siteB: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    a = await registerOwner(sys, 'Account A');
    b = await registerOwner(sys, 'Account B');
    const site = await sys.gql(
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { id sectors { id } } }`,
      { input: { name: 'A Garden', sectors: ['Roses'] } },
      a.token,
    );
    siteA = site.data.createSite;
    const key = await sys.gql(
      `mutation { createApiKey(input: { name: "A key", scopes: [READ] }) { apiKey { id } } }`,
      {},
      a.token,
    );
    keyA = key.data.createApiKey.apiKey.id;
    const other = await sys.gql(
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
      { input: { name: 'B Kitchen', sectors: ['Pans'] } },
      b.token,
    );
    siteB = other.data.createSite.id;
  });
  afterAll(() => sys.close());

  const representations = () => [
    { __typename: 'Site', id: siteA.id },
    { __typename: 'Sector', id: siteA.sectors[0]!.id },
    { __typename: 'User', id: a.userId },
    { __typename: 'Account', id: a.accountId },
  ];

  it("resolves A's entity references for A (so the nulls below are isolation, not a broken query)", async () => {
    const res = await sys.gql(ENTITIES, { r: representations() }, a.token);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.map((e: { __typename: string } | null) => e?.__typename)).toEqual([
      'Site',
      'Sector',
      'User',
      'Account',
    ]);
  });

  it("resolves A's entity references to null for B and for an anonymous caller", async () => {
    for (const token of [b.token, undefined]) {
      const res = await sys.gql(ENTITIES, { r: representations() }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data._entities).toEqual([null, null, null, null]);
    }
  });

  it("lets B neither read nor change A's site, sectors, members or keys over GraphQL", async () => {
    const attempts: [string, Record<string, unknown>][] = [
      ['query($id: ID!) { site(id: $id) { id } }', { id: siteA.id }],
      [
        'mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }',
        { input: { id: siteA.id, name: 'Mine now' } },
      ],
      ['mutation($input: DeleteSiteInput!) { deleteSite(input: $input) }', { input: { id: siteA.id } }],
      [
        'mutation($input: CreateSectorInput!) { createSector(input: $input) { id } }',
        { input: { siteId: siteA.id, name: 'Intruder' } },
      ],
      [
        'mutation($input: UpdateSectorInput!) { updateSector(input: $input) { id } }',
        { input: { id: siteA.sectors[0]!.id, name: 'Mine' } },
      ],
      ['mutation($input: DeleteSectorInput!) { deleteSector(input: $input) }', { input: { id: siteA.sectors[0]!.id } }],
      [
        'mutation($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { id } }',
        { input: { userId: a.userId, role: 'VIEWER' } },
      ],
      ['mutation($input: RemoveMemberInput!) { removeMember(input: $input) }', { input: { userId: a.userId } }],
      ['mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id } }', { input: { id: keyA } }],
    ];
    for (const [query, variables] of attempts) {
      const res = await sys.gql(query, variables, b.token);
      expect(res.errors?.[0]?.extensions?.code, query).toBe('NOT_FOUND');
    }
    const lists = await sys.gql(
      '{ sites { totalCount edges { node { id } } } members { edges { node { id } } } apiKeys { edges { node { id } } } }',
      {},
      b.token,
    );
    expect(lists.data).toEqual({
      sites: { totalCount: 1, edges: [{ node: { id: siteB } }] },
      members: { edges: [{ node: { id: b.userId } }] },
      apiKeys: { edges: [] },
    });

    // A's rows are exactly as they were.
    const mine = await sys.gql(
      `query($id: ID!) { site(id: $id) { name sectors { name } } members { edges { node { id role } } } apiKeys { edges { node { id revokedAt } } } }`,
      { id: siteA.id },
      a.token,
    );
    expect(mine.data).toEqual({
      site: { name: 'A Garden', sectors: [{ name: 'Roses' }] },
      members: { edges: [{ node: { id: a.userId, role: 'OWNER' } }] },
      apiKeys: { edges: [{ node: { id: keyA, revokedAt: null } }] },
    });
  });

  describe('Row-Level Security, for a query that forgets the account filter', () => {
    it("returns none of A's rows to a store call made for B with A's account id", async () => {
      const found = await sys.database.tenant(b.accountId, async (tx) => ({
        site: await sitesStore.findSite(tx, a.accountId, siteA.id),
        sectors: await sitesStore.listSectors(tx, a.accountId, [siteA.id]),
        user: await usersStore.findUser(tx, a.accountId, a.userId),
        members: await usersStore.listMembers(tx, a.accountId, { limit: 100, offset: 0 }),
        keys: await apiKeysStore.listApiKeys(tx, a.accountId, { limit: 100, offset: 0 }),
        updated: await sitesStore.updateSite(tx, a.accountId, siteA.id, { name: 'Hijacked' }),
        deleted: await sitesStore.deleteSite(tx, a.accountId, siteA.id),
      }));
      expect(found).toEqual({
        site: undefined,
        sectors: [],
        user: undefined,
        members: [],
        keys: [],
        updated: undefined,
        deleted: false,
      });
    });

    it("returns only B's own rows to raw selects without any filter", async () => {
      const seen = await sys.database.tenant(b.accountId, async (tx) => ({
        sites: await tx.select({ accountId: sites.accountId }).from(sites),
        sectors: await tx.select({ accountId: sectors.accountId }).from(sectors),
        users: await tx.select({ accountId: users.accountId }).from(users),
        keys: await tx.select({ accountId: apiKeys.accountId }).from(apiKeys),
      }));
      expect(seen).toEqual({
        sites: [{ accountId: b.accountId }],
        sectors: [{ accountId: b.accountId }],
        users: [{ accountId: b.accountId }],
        keys: [],
      });
    });

    it("changes none of A's rows with an unfiltered UPDATE or DELETE run for B", async () => {
      await sys.database.tenant(b.accountId, async (tx) => {
        await tx.update(sites).set({ name: 'Everyone is B' });
        await tx.delete(apiKeys);
        await tx.delete(sectors);
      });
      const after = await sys.database.tenant(a.accountId, async (tx) => ({
        site: await sitesStore.findSite(tx, a.accountId, siteA.id),
        sectors: await tx.select({ n: count() }).from(sectors).where(eq(sectors.siteId, siteA.id)),
        keys: await apiKeysStore.listApiKeys(tx, a.accountId, { limit: 100, offset: 0 }),
      }));
      expect(after.site?.name).toBe('A Garden');
      expect(after.sectors[0]?.n).toBe(1);
      expect(after.keys.map((k) => k.id)).toEqual([keyA]);
    });

    it("refuses to write a row into A's account from B's transaction", async () => {
      await expect(
        sys.database.tenant(b.accountId, (tx) =>
          sitesStore.insertSite(tx, { accountId: a.accountId, name: 'Planted by B' }),
        ),
      ).rejects.toThrow();
      await expect(
        sys.database.tenant(b.accountId, (tx) =>
          tx.update(sites).set({ accountId: a.accountId }).where(eq(sites.id, siteB)).returning(),
        ),
      ).rejects.toThrow();
      const aSites = await sys.database.tenant(a.accountId, (tx) => tx.select({ name: sites.name }).from(sites));
      expect(aSites).toEqual([{ name: 'A Garden' }]);
    });

    it('shows nothing at all to the tenant role when no account is set', async () => {
      const rows = await sys.database.db.transaction(async (tx) => {
        await tx.execute(sql`set local role igny8_app`);
        return tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteA.id));
      });
      expect(rows).toEqual([]);
    });
  });
});
