// The idea table's filters: search, status, content type and cluster.
import { CONTENT_TYPES } from '../../app/content-types';
import type { ContentIdeaFilter } from '../../gql/graphql';
import { codeOptions, Field, SelectField } from '../../ui/Field';
import { FilterForm } from '../../ui/FilterForm';
import { onlyIfOneOf } from '../../ui/format';
import { type ClusterOption, clusterChoices } from './cluster-options';
import { IDEA_STATUSES } from './labels';

export interface IdeaFilterValues {
  search: string;
  status: string;
  contentType: string;
  cluster: string;
}

export const NO_IDEA_FILTERS: IdeaFilterValues = { search: '', status: '', contentType: '', cluster: '' };

export function ideaFilterOf(
  place: { siteId: string; sectorId: string },
  values: IdeaFilterValues,
  search: string,
): ContentIdeaFilter {
  return {
    ...place,
    search: search || null,
    status: onlyIfOneOf(IDEA_STATUSES, values.status),
    contentType: onlyIfOneOf(CONTENT_TYPES, values.contentType),
    clusterId: values.cluster || null,
  };
}

export function IdeaFilters({
  values,
  clusters,
  onChange,
}: {
  values: IdeaFilterValues;
  clusters: ClusterOption[];
  onChange: (values: IdeaFilterValues) => void;
}) {
  return (
    <FilterForm label="Filter ideas" values={values} none={NO_IDEA_FILTERS} onChange={onChange}>
      {(bind) => (
        <>
          <Field label="Search" type="search" placeholder="Title or description" {...bind('search')} />
          <SelectField label="Status" options={codeOptions(IDEA_STATUSES)} {...bind('status')}>
            <option value="">All statuses</option>
          </SelectField>
          <SelectField label="Content type" options={codeOptions(CONTENT_TYPES)} {...bind('contentType')}>
            <option value="">All types</option>
          </SelectField>
          <SelectField label="Cluster" options={clusterChoices(clusters)} {...bind('cluster')}>
            <option value="">Any cluster</option>
          </SelectField>
        </>
      )}
    </FilterForm>
  );
}
