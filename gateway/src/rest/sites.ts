// /api/v1/auth/sites/ and /api/v1/auth/sectors/ (the original's routers).
import type { Router } from 'express';
import {
  RestCreateSectorDocument,
  RestCreateSiteDocument,
  RestDeleteSectorDocument,
  RestDeleteSiteDocument,
  RestSectorsDocument,
  RestSiteDocument,
  RestSitesDocument,
  RestUpdateSectorDocument,
  RestUpdateSiteDocument,
} from './gql/graphql.js';
import { requiredText } from './kit/params.js';
import { type Call, create, get, list, mountRoutes, remove, update } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

const ORDERING = { fields: ['name', 'created_at'], default: '-created_at' };
const SITE_NOT_FOUND = 'Site not found.';
const SECTOR_NOT_FOUND = 'Sector not found.';

/** A site from a body: the original calls the industry `industry` (an id). */
const siteInput = ({ body }: Call) => ({ ...body, industry_id: body.industry_id ?? body.industry });

export function mountSitesRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    list({
      path: '/auth/sites/',
      operation: RestSitesDocument,
      variables: ({ query }) => ({
        filter: { search: query.text('search'), is_active: query.bool('is_active') },
        orderBy: query.ordering(ORDERING),
      }),
    }),
    create({
      path: '/auth/sites/',
      operation: RestCreateSiteDocument,
      variables: (call) => ({ input: siteInput(call) }),
      message: 'Site created.',
    }),
    get({
      path: '/auth/sites/:id/',
      operation: RestSiteDocument,
      variables: (call) => ({ id: call.params.id }),
      notFound: SITE_NOT_FOUND,
    }),
    update({
      path: '/auth/sites/:id/',
      operation: RestUpdateSiteDocument,
      variables: (call) => ({ input: { ...siteInput(call), id: call.params.id } }),
      notFound: SITE_NOT_FOUND,
    }),
    remove({
      path: '/auth/sites/:id/',
      operation: RestDeleteSiteDocument,
      variables: (call) => ({ input: { id: call.params.id } }),
      notFound: SITE_NOT_FOUND,
    }),

    // The sectors of one site (a handful, paged here) in the list envelope.
    list({
      path: '/auth/sectors/',
      operation: RestSectorsDocument,
      variables: ({ query }) => ({ siteId: requiredText({ site_id: query.text('site_id') }, 'site_id') }),
      restNames: { siteId: 'site_id' },
      answer: (data) => data.site.sectors,
    }),
    create({
      path: '/auth/sectors/',
      operation: RestCreateSectorDocument,
      variables: ({ body }) => ({ input: { ...body, site_id: body.site_id ?? body.site } }),
      message: 'Sector created.',
    }),
    update({
      path: '/auth/sectors/:id/',
      operation: RestUpdateSectorDocument,
      variables: (call) => ({ input: { ...call.body, id: call.params.id } }),
      notFound: SECTOR_NOT_FOUND,
    }),
    remove({
      path: '/auth/sectors/:id/',
      operation: RestDeleteSectorDocument,
      variables: (call) => ({ input: { id: call.params.id } }),
      notFound: SECTOR_NOT_FOUND,
    }),
  ]);
}
