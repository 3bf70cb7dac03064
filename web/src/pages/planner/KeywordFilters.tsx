// The keyword table's filters: search, status, intent, cluster, and volume and difficulty ranges.
import type { KeywordFilter } from '../../gql/graphql';
import { codeOptions, Field, SelectField } from '../../ui/Field';
import { FilterForm, type FilterInput } from '../../ui/FilterForm';
import { onlyIfOneOf, wholeNumberOrNull } from '../../ui/format';
import { type ClusterOption, clusterChoices } from './cluster-options';
import { KEYWORD_INTENTS, KEYWORD_STATUSES } from './labels';

/** What the inputs hold (strings, '' when unset); `cluster` is a cluster id, `none` or ''. */
export interface KeywordFilterValues {
  search: string;
  status: string;
  intent: string;
  cluster: string;
  volumeMin: string;
  volumeMax: string;
  difficultyMin: string;
  difficultyMax: string;
}

export const NO_KEYWORD_FILTERS: KeywordFilterValues = {
  search: '',
  status: '',
  intent: '',
  cluster: '',
  volumeMin: '',
  volumeMax: '',
  difficultyMin: '',
  difficultyMax: '',
};

const UNCLUSTERED = 'none';

/** The server's filter for the inputs (with the debounced search) in a sector. */
export function keywordFilterOf(
  place: { siteId: string; sectorId: string },
  values: KeywordFilterValues,
  search: string,
): KeywordFilter {
  return {
    ...place,
    search: search || null,
    status: onlyIfOneOf(KEYWORD_STATUSES, values.status),
    intent: onlyIfOneOf(KEYWORD_INTENTS, values.intent),
    unclustered: values.cluster === UNCLUSTERED ? true : null,
    clusterId: values.cluster && values.cluster !== UNCLUSTERED ? values.cluster : null,
    volumeMin: wholeNumberOrNull(values.volumeMin),
    volumeMax: wholeNumberOrNull(values.volumeMax),
    difficultyMin: wholeNumberOrNull(values.difficultyMin),
    difficultyMax: wholeNumberOrNull(values.difficultyMax),
  };
}

/** "Volume from" and "Volume to": whole numbers from 0. */
function RangeFields({ label, max, from, to }: { label: string; max?: number; from: FilterInput; to: FilterInput }) {
  return (
    <>
      <Field label={`${label} from`} type="number" min={0} max={max} {...from} />
      <Field label={`${label} to`} type="number" min={0} max={max} {...to} />
    </>
  );
}

export function KeywordFilters({
  values,
  clusters,
  onChange,
}: {
  values: KeywordFilterValues;
  clusters: ClusterOption[];
  onChange: (values: KeywordFilterValues) => void;
}) {
  return (
    <FilterForm label="Filter keywords" values={values} none={NO_KEYWORD_FILTERS} onChange={onChange}>
      {(bind) => (
        <>
          <Field label="Search" type="search" placeholder="Part of the keyword" {...bind('search')} />
          <SelectField label="Status" options={codeOptions(KEYWORD_STATUSES)} {...bind('status')}>
            <option value="">All statuses</option>
          </SelectField>
          <SelectField label="Intent" options={codeOptions(KEYWORD_INTENTS)} {...bind('intent')}>
            <option value="">All intents</option>
          </SelectField>
          <SelectField label="Cluster" options={clusterChoices(clusters)} {...bind('cluster')}>
            <option value="">Any cluster</option>
            <option value={UNCLUSTERED}>In no cluster</option>
          </SelectField>
          <RangeFields label="Volume" from={bind('volumeMin')} to={bind('volumeMax')} />
          <RangeFields label="Difficulty" max={100} from={bind('difficultyMin')} to={bind('difficultyMax')} />
        </>
      )}
    </FilterForm>
  );
}
