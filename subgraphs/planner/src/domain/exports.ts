// CSV exports of keywords, clusters and ideas: streamed page by page (each page its own short
// tenant transaction, keyset order by id) into a file, answered as a signed download link. A big
// account's export never sits in memory, and no transaction stays open while a client downloads.

import type { Tx } from '@igny8/db';
import { type Caller, type Download, saveDownload } from '@igny8/lib';
import type { ClusterFilter, ClusterRow } from '../store/clusters.js';
import * as clustersStore from '../store/clusters.js';
import type { IdeaFilter, IdeaRow } from '../store/ideas.js';
import * as ideasStore from '../store/ideas.js';
import type { KeywordFilter, KeywordRow } from '../store/keywords.js';
import * as keywordsStore from '../store/keywords.js';
import { plannerWorkspace } from './access.js';
import { type CsvColumn, keywordCsvWriter } from './keyword-csv.js';
import type { PlannerServices } from './services.js';

const PAGE = 1_000;

/** An export's download link, and how many rows it holds. */
export type CsvExport = Download & { rows: number };

type Named<Row> = Row & { clusterName: string };

/** Every matching row, with its cluster's name when it points at one. */
async function* withClusterNames<Row extends { id: string; clusterId?: string | null }>(
  s: PlannerServices,
  caller: Caller,
  readPage: (tx: Tx, accountId: string, after: string | null) => Promise<Row[]>,
): AsyncGenerator<Named<Row>> {
  const accountId = caller.accountId;
  let after: string | null = null;
  for (;;) {
    const { page, names } = await s.database.tenant(accountId, async (tx) => {
      const page = await readPage(tx, accountId, after);
      const clusterIds = [...new Set(page.flatMap((row) => (row.clusterId ? [row.clusterId] : [])))];
      const clusters = await clustersStore.findClustersByIds(tx, accountId, clusterIds);
      return { page, names: new Map(clusters.map((row) => [row.id, row.name])) };
    });
    for (const row of page) yield { ...row, clusterName: row.clusterId ? (names.get(row.clusterId) ?? '') : '' };
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

type PageReader<Row> = (tx: Tx, accountId: string, after: string | null) => Promise<Row[]>;

/** Streams every matching row, with its cluster's name, into `<name>-<day>.csv` and answers its link. */
async function exportCsv<Row extends { id: string; clusterId?: string | null }>(
  s: PlannerServices,
  caller: Caller,
  name: string,
  columns: readonly CsvColumn<Named<Row>>[],
  readPage: PageReader<Row>,
): Promise<CsvExport> {
  await plannerWorkspace(s, caller);
  let rows = 0;
  async function* counted() {
    for await (const row of withClusterNames(s, caller, readPage)) {
      rows++;
      yield row;
    }
  }
  const day = new Date().toISOString().slice(0, 10);
  const download = await saveDownload(
    s.files,
    caller.accountId,
    { fileName: `${name}-${day}.csv`, mimeType: 'text/csv' },
    keywordCsvWriter(columns, counted()),
  );
  return { ...download, rows };
}

export function exportKeywordsCsv(s: PlannerServices, caller: Caller, filter: KeywordFilter) {
  return exportCsv<KeywordRow>(
    s,
    caller,
    'keywords',
    [
      { key: 'keyword', header: 'keyword' },
      { key: 'volume', header: 'volume' },
      { key: 'difficulty', header: 'difficulty' },
      { key: 'cpcCents', header: 'cpc', format: (cents) => (cents == null ? '' : (Number(cents) / 100).toFixed(2)) },
      { key: 'intent', header: 'intent' },
      { key: 'status', header: 'status' },
      { key: 'clusterName', header: 'cluster' },
      { key: 'country', header: 'country' },
      { key: 'language', header: 'language' },
      { key: 'source', header: 'source' },
      { key: 'createdAt', header: 'created_at' },
    ],
    (tx, accountId, after) => keywordsStore.keywordsAfter(tx, accountId, filter, after, PAGE),
  );
}

export function exportClustersCsv(s: PlannerServices, caller: Caller, filter: ClusterFilter) {
  return exportCsv<ClusterRow>(
    s,
    caller,
    'clusters',
    [
      { key: 'name', header: 'name' },
      { key: 'description', header: 'description' },
      { key: 'keywordsCount', header: 'keywords' },
      { key: 'totalVolume', header: 'total_volume' },
      {
        key: 'avgDifficulty',
        header: 'avg_difficulty',
        format: (d) => (d == null ? '' : Math.round(Number(d) * 10) / 10),
      },
      { key: 'intent', header: 'intent' },
      { key: 'status', header: 'status' },
      { key: 'contextType', header: 'context_type' },
      { key: 'createdAt', header: 'created_at' },
    ],
    (tx, accountId, after) => clustersStore.clustersAfter(tx, accountId, filter, after, PAGE),
  );
}

export function exportIdeasCsv(s: PlannerServices, caller: Caller, filter: IdeaFilter) {
  return exportCsv<IdeaRow>(
    s,
    caller,
    'ideas',
    [
      { key: 'title', header: 'title' },
      { key: 'contentType', header: 'content_type' },
      { key: 'targetKeywords', header: 'target_keywords', format: (list) => (list as string[]).join('; ') },
      { key: 'estimatedWordCount', header: 'estimated_words' },
      { key: 'status', header: 'status' },
      { key: 'clusterName', header: 'cluster' },
      { key: 'description', header: 'description' },
      {
        key: 'outline',
        header: 'outline',
        format: (outline) => (outline as IdeaRow['outline']).map((section) => section.heading).join(' | '),
      },
      { key: 'createdAt', header: 'created_at' },
    ],
    (tx, accountId, after) => ideasStore.ideasAfter(tx, accountId, filter, after, PAGE),
  );
}
