// The cluster table's filters: search, status and intent.
import type { ClusterFilter } from '../../gql/graphql';
import { codeOptions, Field, SelectField } from '../../ui/Field';
import { FilterForm } from '../../ui/FilterForm';
import { onlyIfOneOf } from '../../ui/format';
import { CLUSTER_STATUSES, KEYWORD_INTENTS } from './labels';

export interface ClusterFilterValues {
  search: string;
  status: string;
  intent: string;
}

export const NO_CLUSTER_FILTERS: ClusterFilterValues = { search: '', status: '', intent: '' };

export function clusterFilterOf(
  place: { siteId: string; sectorId: string },
  values: ClusterFilterValues,
  search: string,
): ClusterFilter {
  return {
    ...place,
    search: search || null,
    status: onlyIfOneOf(CLUSTER_STATUSES, values.status),
    intent: onlyIfOneOf(KEYWORD_INTENTS, values.intent),
  };
}

export function ClusterFilters({
  values,
  onChange,
}: {
  values: ClusterFilterValues;
  onChange: (values: ClusterFilterValues) => void;
}) {
  return (
    <FilterForm label="Filter clusters" values={values} none={NO_CLUSTER_FILTERS} onChange={onChange}>
      {(bind) => (
        <>
          <Field label="Search" type="search" placeholder="Name or description" {...bind('search')} />
          <SelectField label="Status" options={codeOptions(CLUSTER_STATUSES)} {...bind('status')}>
            <option value="">All statuses</option>
          </SelectField>
          <SelectField label="Intent" options={codeOptions(KEYWORD_INTENTS)} {...bind('intent')}>
            <option value="">All intents</option>
          </SelectField>
        </>
      )}
    </FilterForm>
  );
}
