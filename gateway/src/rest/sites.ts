// /api/v1/auth/sites/ and /api/v1/auth/sectors/ (the original's routers).
import type { Router } from 'express';
import { toGraphqlInput } from './case.js';
import { RestFailure, sendData, sendList, sendNoContent } from './envelope.js';
import { bodyOf, pageOf } from './kit/params.js';
import { handle, type OperationRunner } from './runner.js';

const SECTOR = 'id siteId name isActive industrySector { id slug name } createdAt';
const SITE = `id name domain language timezone isActive industry { id slug name } sectors { ${SECTOR} } createdAt updatedAt`;
const ORDERING: Record<string, { field: string; direction: string }> = {
  name: { field: 'NAME', direction: 'ASC' },
  '-name': { field: 'NAME', direction: 'DESC' },
  created_at: { field: 'CREATED_AT', direction: 'ASC' },
  '-created_at': { field: 'CREATED_AT', direction: 'DESC' },
};

const SITE_FIELDS = ['name', 'domain', 'industryId', 'language', 'timezone', 'isActive'];

function siteInput(body: Record<string, unknown>): Record<string, unknown> {
  const input = toGraphqlInput(body) as Record<string, unknown>;
  // The original calls the industry `industry` (an id).
  if (input.industry !== undefined && input.industryId === undefined) input.industryId = input.industry;
  const picked: Record<string, unknown> = {};
  for (const field of SITE_FIELDS) if (input[field] !== undefined) picked[field] = input[field];
  if (Array.isArray(input.sectors)) picked.sectors = input.sectors;
  return picked;
}

export function mountSitesRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    '/auth/sites/',
    handle(async (req, res) => {
      const page = pageOf(req);
      const ordering = typeof req.query.ordering === 'string' ? req.query.ordering : '-created_at';
      const orderBy = ORDERING[ordering];
      if (!orderBy) {
        throw new RestFailure(400, `ordering must be one of ${Object.keys(ORDERING).join(', ')}.`, {
          ordering: ['is not supported'],
        });
      }
      const filter: Record<string, unknown> = {};
      if (typeof req.query.search === 'string' && req.query.search) filter.search = req.query.search;
      if (req.query.is_active === 'true' || req.query.is_active === 'false')
        filter.isActive = req.query.is_active === 'true';
      const data = await graph.run<{ sites: { totalCount: number; edges: { node: unknown }[] } }>(
        req,
        `query Sites($first: Int, $after: String, $filter: SiteFilter, $orderBy: SiteOrder) {
          sites(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount edges { node { ${SITE} } } } }`,
        { first: page.first, after: page.after, filter, orderBy },
      );
      sendList(
        req,
        res,
        data.sites.edges.map((e) => e.node),
        data.sites.totalCount,
        page,
      );
    }),
  );

  router.post(
    '/auth/sites/',
    handle(async (req, res) => {
      const data = await graph.run<{ createSite: unknown }>(
        req,
        `mutation CreateSite($input: CreateSiteInput!) { createSite(input: $input) { ${SITE} } }`,
        { input: siteInput(bodyOf(req)) },
      );
      sendData(res, data.createSite, 201, 'Site created.');
    }),
  );

  router.get(
    '/auth/sites/:id/',
    handle(async (req, res) => {
      const data = await graph.run<{ site: unknown }>(req, `query Site($id: ID!) { site(id: $id) { ${SITE} } }`, {
        id: req.params.id,
      });
      sendData(res, data.site);
    }),
  );

  const updateSite = handle(async (req, res) => {
    const data = await graph.run<{ updateSite: unknown }>(
      req,
      `mutation UpdateSite($input: UpdateSiteInput!) { updateSite(input: $input) { ${SITE} } }`,
      { input: { ...siteInput(bodyOf(req)), id: req.params.id } },
    );
    sendData(res, data.updateSite);
  });
  router.patch('/auth/sites/:id/', updateSite);
  router.put('/auth/sites/:id/', updateSite);

  router.delete(
    '/auth/sites/:id/',
    handle(async (req, res) => {
      await graph.run(req, 'mutation DeleteSite($input: DeleteSiteInput!) { deleteSite(input: $input) }', {
        input: { id: req.params.id },
      });
      sendNoContent(res);
    }),
  );

  router.get(
    '/auth/sectors/',
    handle(async (req, res) => {
      const siteId = req.query.site_id;
      if (typeof siteId !== 'string') throw new RestFailure(400, 'site_id is required.', { site_id: ['is required'] });
      const data = await graph.run<{ site: { sectors: unknown[] } }>(
        req,
        `query Sectors($id: ID!) { site(id: $id) { sectors { ${SECTOR} } } }`,
        { id: siteId },
      );
      sendData(res, data.site.sectors);
    }),
  );

  router.post(
    '/auth/sectors/',
    handle(async (req, res) => {
      const input = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
      const data = await graph.run<{ createSector: unknown }>(
        req,
        `mutation CreateSector($input: CreateSectorInput!) { createSector(input: $input) { ${SECTOR} } }`,
        { input: { siteId: input.siteId ?? input.site, name: input.name, industrySectorId: input.industrySectorId } },
      );
      sendData(res, data.createSector, 201, 'Sector created.');
    }),
  );

  const updateSector = handle(async (req, res) => {
    const input = toGraphqlInput(bodyOf(req)) as Record<string, unknown>;
    const data = await graph.run<{ updateSector: unknown }>(
      req,
      `mutation UpdateSector($input: UpdateSectorInput!) { updateSector(input: $input) { ${SECTOR} } }`,
      {
        input: {
          id: req.params.id,
          name: input.name,
          industrySectorId: input.industrySectorId,
          isActive: input.isActive,
        },
      },
    );
    sendData(res, data.updateSector);
  });
  router.patch('/auth/sectors/:id/', updateSector);
  router.put('/auth/sectors/:id/', updateSector);

  router.delete(
    '/auth/sectors/:id/',
    handle(async (req, res) => {
      await graph.run(req, 'mutation DeleteSector($input: DeleteSectorInput!) { deleteSector(input: $input) }', {
        input: { id: req.params.id },
      });
      sendNoContent(res);
    }),
  );
}
