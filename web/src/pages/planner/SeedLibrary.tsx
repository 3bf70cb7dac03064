// Keywords → Add from seed library: browse the shipped keywords of the sector's industry template,
// tick some (or take them all) and add them; the report says what was new.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import {
  AddSeedKeywordsDocument,
  type KeywordImportReportFieldsFragment,
  SeedLibraryDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { type Column, DataTable, RowCheckbox, useSelection } from '../../ui/DataTable';
import { describeError, type FormFailure } from '../../ui/errors';
import { formatCount, formatNumber, humanize } from '../../ui/format';
import { Modal } from '../../ui/Modal';
import { Loading } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';
import { SearchBox } from '../../ui/SearchBox';
import { useDebounced } from '../../ui/useDebounced';
import { ImportReportStep } from './ImportReport';
import type { Workspace } from './workspace';

const SEED_COLUMNS: Column<never>[] = [
  { label: 'Keyword' },
  { label: 'Volume', numeric: true },
  { label: 'Difficulty', numeric: true },
  { label: 'Intent' },
];

export function SeedLibraryDialog({
  workspace,
  onAdded,
  onClose,
}: {
  workspace: Workspace;
  onAdded: () => void;
  onClose: () => void;
}) {
  const { site, sector } = workspace;
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 250);
  const pages = useCursorPages(term);
  // Ticks survive paging: seeds are picked from the whole library.
  const selection = useSelection('seed-library');
  const [report, setReport] = useState<KeywordImportReportFieldsFragment | null>(null);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [addSeeds, adding] = useMutation(AddSeedKeywordsDocument);
  const { data, error, loading } = useQuery(SeedLibraryDocument, {
    variables: { filter: { sectorId: sector.id, search: term || null }, first: pages.first, after: pages.after },
    skip: !sector.industrySector,
  });

  const add = async (seedKeywordIds: string[] | null) => {
    setFailure(null);
    try {
      const result = await addSeeds({ variables: { input: { siteId: site.id, sectorId: sector.id, seedKeywordIds } } });
      if (!result.data) return;
      setReport(result.data.addSeedKeywords);
      selection.clear();
      if (result.data.addSeedKeywords.added > 0) onAdded();
    } catch (caught) {
      setFailure(describeError(caught, []));
    }
  };

  if (!sector.industrySector) {
    return (
      <Modal title="Seed keyword library" onClose={onClose}>
        <Banner tone="info" title="This sector was not made from an industry template.">
          The seed library holds keywords per industry sector. Sectors created from a template (on the Sites page) can
          take them.
        </Banner>
      </Modal>
    );
  }

  const seeds = (data?.seedKeywords.edges ?? []).map((edge) => edge.node);
  const selected = [...selection.ids];
  return (
    <Modal title="Seed keyword library" onClose={onClose} wide>
      {report ? (
        <ImportReportStep report={report} againLabel="Add more" onAgain={() => setReport(null)} onDone={onClose} />
      ) : (
        <>
          <p className="muted">
            Keywords of the <strong>{sector.industrySector.name}</strong> template for the sector{' '}
            <strong>{sector.name}</strong>. Those the sector has already are skipped.
          </p>
          <FormFailureBanner failure={failure} />
          <div className="toolbar">
            <SearchBox
              label="Search the seed library"
              name="seedSearch"
              placeholder="Search seed keywords"
              value={search}
              onChange={setSearch}
            />
            <div className="card-actions">
              <button
                type="button"
                className="button"
                disabled={selected.length === 0 || adding.loading}
                onClick={() => void add(selected)}
              >
                {selected.length ? `Add ${formatCount(selected.length, 'keyword')}` : 'Add selected'}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={adding.loading || !data?.seedKeywords.totalCount || !!term}
                title={term ? 'Clear the search to add the whole library' : undefined}
                onClick={() => void add(null)}
              >
                Add all {data && !term ? formatNumber(data.seedKeywords.totalCount) : ''}
              </button>
            </div>
          </div>
          {error && <Banner tone="error">{describeError(error, []).message}</Banner>}
          {loading && !data && <Loading label="Loading the seed library…" />}
          {data && seeds.length === 0 && (
            <p className="empty">{term ? `No seed keyword matches “${term}”.` : 'The library has no keywords here.'}</p>
          )}
          {seeds.length > 0 && (
            <DataTable
              dense
              label="Seed keywords"
              columns={SEED_COLUMNS}
              selection={selection}
              rowIds={seeds.map((seed) => seed.id)}
              plain
            >
              {seeds.map((seed) => (
                <tr key={seed.id} data-testid="seed-row">
                  <RowCheckbox id={seed.id} label={seed.keyword} selection={selection} />
                  <td>{seed.keyword}</td>
                  <td className="cell-number">{formatNumber(seed.volume)}</td>
                  <td className="cell-number">{seed.difficulty}</td>
                  <td>{humanize(seed.intent)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {data && (
            <Pager
              pages={pages}
              shown={seeds.length}
              totalCount={data.seedKeywords.totalCount}
              pageInfo={data.seedKeywords.pageInfo}
              noun="seed keywords"
            />
          )}
        </>
      )}
    </Modal>
  );
}
