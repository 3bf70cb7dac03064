// GET /api/v1/keywords-library/ (the original's path since v1.8.2) and its alias
// /api/v1/planner/seed-keywords/: the shipped seed keyword library, by the account's sectors
// (`sector_ids`: the templates they were made from, highest volume first across them) or by
// industry and sector template slugs.
import type { Router } from 'express';
import { RestFailure } from './envelope.js';
import { RestSeedKeywordsDocument } from './gql/graphql.js';
import { list, mountRoutes } from './kit/routes.js';
import type { OperationRunner } from './runner.js';

const MAX_SECTORS = 10;

export function mountSeedRoutes(router: Router, graph: OperationRunner): void {
  mountRoutes(router, graph, [
    list({
      path: ['/keywords-library/', '/planner/seed-keywords/', '/auth/seed-keywords/'],
      operation: RestSeedKeywordsDocument,
      restNames: { sectorIds: 'sector_ids' },
      variables: ({ query }) => {
        const sectorIds = [...new Set(query.list('sector_ids') ?? query.list('sector_id') ?? [])];
        if (sectorIds.length > MAX_SECTORS) {
          throw new RestFailure(400, `sector_ids may name at most ${MAX_SECTORS} sectors.`, {
            sector_ids: [`must have at most ${MAX_SECTORS} ids`],
          });
        }
        return {
          filter: {
            industry_slug: query.text('industry'),
            sector_slug: query.text('sector'),
            intent: query.list('intent'),
            volume_min: query.int('volume_min'),
            difficulty_max: query.int('difficulty_max'),
            search: query.text('search'),
            sector_ids: sectorIds.length ? sectorIds : undefined,
          },
        };
      },
    }),
  ]);
}
