// Writer taxonomies through the gateway (GraphQL and /api/v1/writer/taxonomies/): each site's
// categories (nested) and tags (flat), unique slugs, deletes that keep subcategories, an article's
// terms (one SQL statement for a page of articles), and every door closed to another account and a viewer.
import { contents } from '@igny8/db/writer';
import { createSiteWithSector, type Place } from '@igny8/lib/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, gqlOk, registerOwner, type Session, setPlan } from './fixtures.js';
import { type Platform, startPlatform } from './harness.js';

const TERM_FIELDS = 'id taxonomy name slug description parentId siteId contentCount';
const CREATE = `mutation($input: CreateTermInput!) { createTerm(input: $input) { ${TERM_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateTermInput!) { updateTerm(input: $input) { ${TERM_FIELDS} parent { name } } }`;
const DELETE = `mutation($input: DeleteTermsInput!) { deleteTerms(input: $input) { deletedCount } }`;
const TERM = `query($id: ID!) { term(id: $id) { ${TERM_FIELDS} parent { name } children { name } } }`;
const TERMS = `query($filter: TermFilter, $orderBy: TermOrder) { terms(filter: $filter, orderBy: $orderBy) {
  totalCount edges { node { name slug taxonomy } } } }`;
const SET_TERMS = `mutation($input: SetContentTermsInput!) { setContentTerms(input: $input) {
  id terms { name taxonomy } categories { name } tags { name } } }`;
const CONTENT_TERMS = `query($filter: ContentFilter) { contents(filter: $filter, first: 50) {
  edges { node { id title terms { name } categories { name } tags { name } } } } }`;

describe('writer taxonomies', () => {
  let p: Platform;
  let owner: Session;
  let other: Session;
  let place: Place;
  let secondSite: Place;
  let theirPlace: Place;
  const statements: string[] = [];

  /**
   * An article row as the writing job leaves one. The content-generation job is being written: until
   * it lands, the suite inserts the row itself (then it should queue an idea and generate instead).
   */
  const insertContent = (session: Session, at: Place, title: string) =>
    p.system.services.database.tenant(session.accountId, async (tx) => {
      const [row] = await tx
        .insert(contents)
        .values({
          accountId: session.accountId,
          siteId: at.siteId,
          sectorId: at.sectorId,
          title,
          slug: title.toLowerCase().replaceAll(' ', '-'),
          html: '<p>Text.</p>',
        })
        .returning();
      return row!.id;
    });

  const create = async (session: Session, input: Record<string, unknown>) =>
    (await gqlOk(p, CREATE, { input }, session.token)).createTerm;

  beforeAll(async () => {
    p = await startPlatform({}, { onQuery: (sql) => statements.push(sql) });
    owner = await registerOwner(p, 'Writer Taxonomies');
    other = await registerOwner(p, 'Other Agency');
    await setPlan(p, owner.accountId, 'growth');
    place = await createSiteWithSector(p.gql, owner.token, { name: 'Paws Blog', sector: 'Dogs' });
    secondSite = await createSiteWithSector(p.gql, owner.token, { name: 'Whiskers Blog', sector: 'Cats' });
    theirPlace = await createSiteWithSector(p.gql, other.token, { name: 'Their Blog', sector: 'Birds' });
  });

  afterAll(async () => {
    await p?.close();
  });

  it('nests a category under a category, makes slugs from names, and refuses a parent for a tag', async () => {
    const training = await create(owner, {
      siteId: place.siteId,
      taxonomy: 'CATEGORY',
      name: 'Dog Training & Care',
    });
    expect(training).toMatchObject({ slug: 'dog-training-and-care', taxonomy: 'CATEGORY', parentId: null });
    const puppies = await create(owner, {
      siteId: place.siteId,
      taxonomy: 'CATEGORY',
      name: 'Puppies',
      parentId: training.id,
    });
    expect(puppies.parentId).toBe(training.id);
    const { term } = await gqlOk(p, TERM, { id: training.id }, owner.token);
    expect(term.children).toEqual([{ name: 'Puppies' }]);
    expect((await gqlOk(p, TERM, { id: puppies.id }, owner.token)).term.parent).toEqual({
      name: 'Dog Training & Care',
    });

    const tagged = await p.gql(
      CREATE,
      { input: { siteId: place.siteId, taxonomy: 'TAG', name: 'Leash', parentId: training.id } },
      owner.token,
    );
    expect(tagged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tagged.errors?.[0]?.extensions?.fields?.parentId?.[0]).toMatch(/tags do not nest/);

    const tag = await create(owner, { siteId: place.siteId, taxonomy: 'TAG', name: 'Leash' });
    const underTag = await p.gql(
      CREATE,
      { input: { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Leads', parentId: tag.id } },
      owner.token,
    );
    expect(underTag.errors?.[0]?.extensions?.fields?.parentId?.[0]).toMatch(/“Leash” is a tag/);

    const otherSite = await p.gql(
      CREATE,
      { input: { siteId: secondSite.siteId, taxonomy: 'CATEGORY', name: 'Kittens', parentId: training.id } },
      owner.token,
    );
    expect(otherSite.errors?.[0]?.extensions?.fields?.parentId?.[0]).toMatch(/another site/);
  });

  it('refuses a clashing slug in the same site and taxonomy with CONFLICT, allows it elsewhere', async () => {
    await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Health' });
    const clash = await p.gql(
      CREATE,
      { input: { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'HEALTH!' } },
      owner.token,
    );
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(clash.errors?.[0]?.message).toMatch(/already has a category with the slug "health" \(“Health”\)/);
    // A tag, or another site's category, may use the same slug.
    expect((await create(owner, { siteId: place.siteId, taxonomy: 'TAG', name: 'Health' })).slug).toBe('health');
    expect((await create(owner, { siteId: secondSite.siteId, taxonomy: 'CATEGORY', name: 'Health' })).slug).toBe(
      'health',
    );

    const vet = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Vet visits' });
    const renamed = await p.gql(UPDATE, { input: { id: vet.id, slug: 'health' } }, owner.token);
    expect(renamed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(renamed.errors?.[0]?.extensions?.fields).toEqual({ slug: ['is taken by another category of this site'] });
  });

  it('refuses to move a category under itself or one of its subcategories', async () => {
    const a = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Gear' });
    const b = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Beds', parentId: a.id });
    const c = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Orthopedic', parentId: b.id });
    for (const parentId of [a.id, c.id]) {
      const res = await p.gql(UPDATE, { input: { id: a.id, parentId } }, owner.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.fields?.parentId?.[0]).toMatch(/cannot be moved under itself/);
    }
    // Moving the deepest one to the top, then the old root under it, is fine.
    const top = await gqlOk(p, UPDATE, { input: { id: c.id, parentId: null } }, owner.token);
    expect(top.updateTerm.parentId).toBeNull();
    const moved = await gqlOk(p, UPDATE, { input: { id: a.id, parentId: c.id, name: 'Dog gear' } }, owner.token);
    expect(moved.updateTerm).toMatchObject({
      parentId: c.id,
      name: 'Dog gear',
      slug: 'gear',
      parent: { name: 'Orthopedic' },
    });
  });

  it('deleting a category moves its subcategories up to its parent', async () => {
    const root = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Food' });
    const mid = await create(owner, {
      siteId: place.siteId,
      taxonomy: 'CATEGORY',
      name: 'Dry food',
      parentId: root.id,
    });
    const low = await create(owner, {
      siteId: place.siteId,
      taxonomy: 'CATEGORY',
      name: 'Grain free',
      parentId: mid.id,
    });
    const low2 = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Senior', parentId: mid.id });
    const { deleteTerms } = await gqlOk(p, DELETE, { input: { ids: [mid.id] } }, owner.token);
    expect(deleteTerms.deletedCount).toBe(1);
    expect((await gqlOk(p, TERM, { id: root.id }, owner.token)).term.children).toEqual([
      { name: 'Grain free' },
      { name: 'Senior' },
    ]);
    // Deleting a parent and its only child together: the grandchild goes to the top level.
    const deep = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Raw', parentId: low.id });
    await gqlOk(p, DELETE, { input: { ids: [root.id, low.id] } }, owner.token);
    expect((await gqlOk(p, TERM, { id: deep.id }, owner.token)).term.parentId).toBeNull();
    expect((await gqlOk(p, TERM, { id: low2.id }, owner.token)).term.parentId).toBeNull();
  });

  it('lists terms by site, taxonomy, parent and search', async () => {
    const all = await gqlOk(p, TERMS, { filter: { siteId: place.siteId, taxonomy: 'TAG' } }, owner.token);
    expect(all.terms.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Health', 'Leash']);
    const found = await gqlOk(p, TERMS, { filter: { siteId: place.siteId, search: 'pupp' } }, owner.token);
    expect(found.terms.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Puppies']);
    const second = await gqlOk(p, TERMS, { filter: { siteId: secondSite.siteId } }, owner.token);
    expect(second.terms.totalCount).toBe(1);
  });

  it('sets an article’s terms, refuses another site’s term, and counts articles per term', async () => {
    const contentId = await insertContent(owner, place, 'Crate training basics');
    const cat = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Training' });
    const tag = await create(owner, { siteId: place.siteId, taxonomy: 'TAG', name: 'Crates' });
    const { setContentTerms } = await gqlOk(
      p,
      SET_TERMS,
      { input: { contentId, termIds: [tag.id, cat.id] } },
      owner.token,
    );
    expect(setContentTerms).toEqual({
      id: contentId,
      terms: [
        { name: 'Training', taxonomy: 'CATEGORY' },
        { name: 'Crates', taxonomy: 'TAG' },
      ],
      categories: [{ name: 'Training' }],
      tags: [{ name: 'Crates' }],
    });
    expect((await gqlOk(p, TERM, { id: cat.id }, owner.token)).term.contentCount).toBe(1);

    const kittens = await create(owner, { siteId: secondSite.siteId, taxonomy: 'TAG', name: 'Kittens' });
    const foreignSite = await p.gql(SET_TERMS, { input: { contentId, termIds: [cat.id, kittens.id] } }, owner.token);
    expect(foreignSite.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreignSite.errors?.[0]?.message).toMatch(/“Kittens” is a tag of another site/);

    // Replacing: only the tag remains; an empty list clears them.
    const replaced = await gqlOk(p, SET_TERMS, { input: { contentId, termIds: [tag.id] } }, owner.token);
    expect(replaced.setContentTerms.terms).toEqual([{ name: 'Crates', taxonomy: 'TAG' }]);
    const cleared = await gqlOk(p, SET_TERMS, { input: { contentId, termIds: [] } }, owner.token);
    expect(cleared.setContentTerms.terms).toEqual([]);
  });

  it('loads the terms of a page of articles in one SQL statement', async () => {
    const tags = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) {
      tags.push(await create(owner, { siteId: secondSite.siteId, taxonomy: 'TAG', name }));
    }
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await insertContent(owner, secondSite, `Cat article ${i}`);
      await gqlOk(p, SET_TERMS, { input: { contentId: id, termIds: [tags[i % 3].id] } }, owner.token);
      ids.push(id);
    }
    statements.length = 0;
    const { contents: page } = await gqlOk(p, CONTENT_TERMS, { filter: { siteId: secondSite.siteId } }, owner.token);
    expect(page.edges).toHaveLength(6);
    for (const { node } of page.edges) {
      const i = ids.indexOf(node.id);
      expect(node.terms).toEqual([{ name: tags[i % 3].name }]);
      expect(node.tags).toEqual(node.terms);
      expect(node.categories).toEqual([]);
    }
    expect(statements.filter((sql) => /^select/i.test(sql) && /"content_terms"/.test(sql))).toHaveLength(1);
  });

  it('answers NOT_FOUND for another account’s term, site and article', async () => {
    const theirs = await create(other, { siteId: theirPlace.siteId, taxonomy: 'CATEGORY', name: 'Birds' });
    const theirContent = await insertContent(other, theirPlace, 'Bird feeders');
    const mine = await create(owner, { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Walks' });
    const attempts: [string, Record<string, unknown>][] = [
      [TERM, { id: theirs.id }],
      [UPDATE, { input: { id: theirs.id, name: 'Mine now' } }],
      [CREATE, { input: { siteId: theirPlace.siteId, taxonomy: 'TAG', name: 'Sneaky' } }],
      [CREATE, { input: { siteId: place.siteId, taxonomy: 'CATEGORY', name: 'Sneaky', parentId: theirs.id } }],
      [UPDATE, { input: { id: mine.id, parentId: theirs.id } }],
      [TERMS, { filter: { siteId: theirPlace.siteId } }],
      [SET_TERMS, { input: { contentId: theirContent, termIds: [] } }],
      [SET_TERMS, { input: { contentId: await insertContent(owner, place, 'Walk routes'), termIds: [theirs.id] } }],
    ];
    for (const [query, variables] of attempts) {
      const res = await p.gql(query, variables, owner.token);
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('NOT_FOUND');
    }
    expect((await gqlOk(p, DELETE, { input: { ids: [theirs.id] } }, owner.token)).deleteTerms.deletedCount).toBe(0);
    expect((await gqlOk(p, TERM, { id: theirs.id }, other.token)).term.name).toBe('Birds');
  });

  it('lets a viewer read terms but not change them', async () => {
    const viewer = await addMember(p, owner, 'VIEWER');
    const { terms } = await gqlOk(p, TERMS, { filter: { siteId: place.siteId } }, viewer.token);
    expect(terms.totalCount).toBeGreaterThan(0);
    const res = await p.gql(
      CREATE,
      { input: { siteId: place.siteId, taxonomy: 'TAG', name: 'Viewer tag' } },
      viewer.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rest = await p.rest('POST', '/writer/taxonomies/', {
      token: viewer.token,
      body: { site_id: place.siteId, taxonomy: 'tag', name: 'Viewer tag' },
    });
    expect(rest.status).toBe(403);
  });

  describe('REST /api/v1/writer/taxonomies/', () => {
    it('creates (201), reads, updates, lists and deletes (204) with snake_case fields', async () => {
      const made = await p.rest('POST', '/writer/taxonomies/', {
        token: owner.token,
        body: { site_id: place.siteId, taxonomy: 'category', name: 'Grooming Tips' },
      });
      expect(made.status).toBe(201);
      expect(made.body.data).toMatchObject({
        site_id: place.siteId,
        taxonomy: 'category',
        name: 'Grooming Tips',
        slug: 'grooming-tips',
        parent_id: null,
        parent_name: null,
        content_count: 0,
        children: [],
      });
      const parentId = made.body.data.id;
      const child = await p.rest('POST', '/writer/taxonomies/', {
        token: owner.token,
        body: { site_id: place.siteId, taxonomy: 'category', name: 'Brushes', parent_id: parentId },
      });
      expect(child.status).toBe(201);
      expect(child.body.data).toMatchObject({ parent_id: parentId, parent_name: 'Grooming Tips' });

      const got = await p.rest('GET', `/writer/taxonomies/${parentId}/`, { token: owner.token });
      expect(got.status).toBe(200);
      expect(got.body.data.children).toMatchObject([{ name: 'Brushes', slug: 'brushes' }]);

      const patched = await p.rest('PATCH', `/writer/taxonomies/${parentId}/`, {
        token: owner.token,
        body: { description: 'Brushing and bathing.' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toMatchObject({ description: 'Brushing and bathing.', slug: 'grooming-tips' });

      const listed = await p.rest(
        'GET',
        `/writer/taxonomies/?site_id=${place.siteId}&taxonomy=category&parent_id=${parentId}&ordering=-name`,
        { token: owner.token },
      );
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ count: 1, next: null, previous: null });
      expect(listed.body.results).toMatchObject([{ name: 'Brushes', parent_name: 'Grooming Tips' }]);
      const searched = await p.rest('GET', `/writer/taxonomies/?site_id=${place.siteId}&search=groom`, {
        token: owner.token,
      });
      expect(searched.body.results.map((t: { name: string }) => t.name)).toEqual(['Grooming Tips']);

      const clash = await p.rest('POST', '/writer/taxonomies/', {
        token: owner.token,
        body: { site_id: place.siteId, taxonomy: 'category', name: 'Grooming tips' },
      });
      expect(clash.status).toBe(409);
      expect(clash.body.success).toBe(false);

      const tagParent = await p.rest('POST', '/writer/taxonomies/', {
        token: owner.token,
        body: { site_id: place.siteId, taxonomy: 'tag', name: 'Shampoo', parent_id: parentId },
      });
      expect(tagParent.status).toBe(400);

      expect((await p.rest('DELETE', `/writer/taxonomies/${parentId}/`, { token: owner.token })).status).toBe(204);
      const orphan = await p.rest('GET', `/writer/taxonomies/${child.body.data.id}/`, { token: owner.token });
      expect(orphan.body.data.parent_id).toBeNull();
      expect((await p.rest('GET', `/writer/taxonomies/${parentId}/`, { token: owner.token })).status).toBe(404);
    });

    it('answers 404 for another account’s term and site', async () => {
      const theirs = await create(other, { siteId: theirPlace.siteId, taxonomy: 'TAG', name: 'Parrots' });
      for (const [method, body] of [['GET'], ['PATCH', { name: 'x' }], ['PUT', { name: 'x' }], ['DELETE']] as const) {
        const res = await p.rest(method, `/writer/taxonomies/${theirs.id}/`, {
          token: owner.token,
          ...(body ? { body } : {}),
        });
        expect(res.status, method).toBe(404);
      }
      const list = await p.rest('GET', `/writer/taxonomies/?site_id=${theirPlace.siteId}`, { token: owner.token });
      expect(list.status).toBe(404);
      const made = await p.rest('POST', '/writer/taxonomies/', {
        token: owner.token,
        body: { site_id: theirPlace.siteId, taxonomy: 'tag', name: 'Sneaky' },
      });
      expect(made.status).toBe(404);
    });
  });
});
