// GET /api/v1/keywords-library/ (the original's path since v1.8.2) and its alias
// /api/v1/planner/seed-keywords/: the shipped seed keyword library, by the account's sectors
// (`sector_ids`) or by industry and sector template slugs.
import type { Request, Router } from 'express';
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

const offsetCursor = (offset: number) =>
  offset > 0 ? Buffer.from(`OffsetConnection:${offset - 1}`).toString('base64') : undefined;

/** One sector's seeds: the part of the concatenated list they take. */
interface Segment {
  filter: Record<string, unknown>;
  start: number;
  count: number;
}

/**
 * Several sectors: the library has one list per industry sector, so the answer is their lists one
 * after another (each highest volume first), a template shared by two of the sectors listed once.
 * Two operations: the sizes of the lists, then the slices the page covers.
 */
async function severalSectors(
  req: Request,
  graph: OperationRunner,
  sectorIds: string[],
  common: Record<string, unknown>,
  page: { page: number; pageSize: number },
): Promise<{ items: SeedNode[]; count: number }> {
  const filters = sectorIds.map((sectorId) => ({ ...common, sectorId }));
  const sizes = await graph.run<Record<string, Connection<SeedNode>>>(
    req,
    `query SeedSizes(${filters.map((_f, i) => `$f${i}: SeedKeywordFilter`).join(', ')}) {
      ${filters.map((_f, i) => `s${i}: seedKeywords(filter: $f${i}, first: 1) { totalCount edges { node { industrySlug sectorSlug } } }`).join('\n')} }`,
    Object.fromEntries(filters.map((f, i) => [`f${i}`, f])),
    { sectorId: 'sector_ids' },
  );
  const segments: Segment[] = [];
  const templates = new Set<string>();
  let count = 0;
  filters.forEach((filter, i) => {
    const list = sizes[`s${i}`]!;
    const first = list.edges[0]?.node;
    if (!first) return;
    const template = `${first.industrySlug}/${first.sectorSlug}`;
    if (templates.has(template)) return;
    templates.add(template);
    segments.push({ filter, start: count, count: list.totalCount });
    count += list.totalCount;
  });
  const from = (page.page - 1) * page.pageSize;
  const to = from + page.pageSize;
  const slices = segments
    .filter((s) => s.start < to && s.start + s.count > from)
    .map((s) => {
      const offset = Math.max(0, from - s.start);
      return { filter: s.filter, first: Math.min(s.count, to - s.start) - offset, after: offsetCursor(offset) };
    });
  if (slices.length === 0) return { items: [], count };
  const data = await graph.run<Record<string, Connection<SeedNode>>>(
    req,
    `query SeedSlices(${slices.map((_s, i) => `$f${i}: SeedKeywordFilter, $n${i}: Int, $a${i}: String`).join(', ')}) {
      ${slices.map((_s, i) => `s${i}: seedKeywords(filter: $f${i}, first: $n${i}, after: $a${i}) { edges { node { ${SEED} } } }`).join('\n')} }`,
    Object.fromEntries(
      slices.flatMap((s, i) => [
        [`f${i}`, s.filter],
        [`n${i}`, s.first],
        [`a${i}`, s.after],
      ]),
    ),
  );
  return { items: slices.flatMap((_s, i) => data[`s${i}`]!.edges.map((e) => e.node)), count };
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
      if (sectorIds.length > 1) {
        const { items, count } = await severalSectors(req, graph, sectorIds, common, page);
        sendList(req, res, items, count, page);
        return;
      }
      const data = await graph.run<{ seedKeywords: Connection<SeedNode> }>(
        req,
        `query SeedKeywords($filter: SeedKeywordFilter, $first: Int, $after: String) {
          seedKeywords(filter: $filter, first: $first, after: $after) { totalCount edges { node { ${SEED} } } } }`,
        { filter: defined({ ...common, sectorId: sectorIds[0] }), first: page.first, after: page.after },
        { sectorId: 'sector_ids' },
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
