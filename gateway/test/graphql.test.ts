import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, registerOwner, startPlatform } from './harness.js';

describe('gateway: the federated graph', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(() => p.close());

  it('registers, then answers me and creates a site with sectors through the gateway', async () => {
    const owner = await registerOwner(p);
    const me = await p.gql('{ me { id email } account { name plan { slug maxSites } } }', {}, owner.token);
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toEqual({ id: owner.userId, email: owner.email });
    expect(me.data.account).toEqual({ name: 'Acme Agency', plan: { slug: 'free', maxSites: 1 } });

    const created = await p.gql(
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { name domain sectors { name } } }`,
      { input: { name: 'Garden Blog', domain: 'garden.example', sectors: ['Roses', 'Tools'] } },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createSite).toEqual({
      name: 'Garden Blog',
      domain: 'garden.example',
      sectors: [{ name: 'Roses' }, { name: 'Tools' }],
    });

    const second = await p.gql(
      `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
      { input: { name: 'Another' } },
      owner.token,
    );
    expect(second.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(second.errors?.[0]?.message).toMatch(/Free plan allows 1 site/);
  });

  it('refuses a bad token with UNAUTHENTICATED', async () => {
    const res = await fetch(`${p.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
