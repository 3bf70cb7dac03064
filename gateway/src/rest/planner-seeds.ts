// GET /api/v1/keywords-library/ (the original's path since v1.8.2) and its alias
// /api/v1/planner/seed-keywords/: the shipped seed keyword library, by the account's sectors
// (`sector_ids`: the templates they were made from, highest volume first across them) or by
// industry and sector template slugs.
import type { Router } from 'express';
import { RestFailure, sendList } from './envelope.js';
import { type Connection, defined, enumListParam, intParam, listParam, textParam } from './planner-params.js';
import { handle, type OperationRunner, pageOf } from './runner.js';

const SEED = 'id keyword volume difficulty intent industrySlug sectorSlug';
const MAX_SECTORS = 10;

interface SeedNode {
  industrySlug: string;
  sectorSlug: string;
  [field: string]: unknown;
}

export function mountSeedRoutes(router: Router, graph: OperationRunner): void {
  router.get(
    ['/keywords-library/', '/planner/seed-keywords/'],
    handle(async (req, res) => {
      const page = pageOf(req);
      const sectorIds = [...new Set(listParam(req, 'sector_ids') ?? listParam(req, 'sector_id') ?? [])];
      if (sectorIds.length > MAX_SECTORS) {
        throw new RestFailure(400, `sector_ids may name at most ${MAX_SECTORS} sectors.`, {
          sector_ids: [`must have at most ${MAX_SECTORS} ids`],
        });
      }
      const common = defined({
        industrySlug: textParam(req, 'industry'),
        sectorSlug: textParam(req, 'sector'),
        intent: enumListParam(req, 'intent'),
        volumeMin: intParam(req, 'volume_min'),
        difficultyMax: intParam(req, 'difficulty_max'),
        search: textParam(req, 'search'),
      });
      const data = await graph.run<{ seedKeywords: Connection<SeedNode> }>(
        req,
        `query SeedKeywords($filter: SeedKeywordFilter, $first: Int, $after: String) {
          seedKeywords(filter: $filter, first: $first, after: $after) { totalCount edges { node { ${SEED} } } } }`,
        {
          filter: defined({ ...common, sectorIds: sectorIds.length ? sectorIds : undefined }),
          first: page.first,
          after: page.after,
        },
        { sectorIds: 'sector_ids' },
      );
      sendList(
        req,
        res,
        data.seedKeywords.edges.map((e) => e.node),
        data.seedKeywords.totalCount,
        page,
      );
    }),
  );
}
