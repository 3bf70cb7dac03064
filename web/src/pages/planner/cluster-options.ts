// A sector's clusters as choices (the cluster filters, "move to cluster"): names, up to one page of
// the API, A to Z.
import { useQuery } from '@apollo/client/react';
import { PlannerClusterOptionsDocument, type PlannerClusterOptionsQuery } from '../../gql/graphql';
import type { SelectOption } from '../../ui/Field';
import { LIST_SIZE } from '../../ui/paging';

export type ClusterOption = PlannerClusterOptionsQuery['clusters']['edges'][number]['node'];

/** Waits while `place` is not known yet (a cluster page still loading). */
export function useClusterOptions(place: { siteId: string; sectorId: string } | null) {
  const { data, refetch } = useQuery(PlannerClusterOptionsDocument, {
    variables: { filter: place ?? {}, first: LIST_SIZE },
    skip: !place,
  });
  const clusters: ClusterOption[] = data?.clusters.edges.map((edge) => edge.node) ?? [];
  return { clusters, refetch };
}

export const clusterChoices = (clusters: readonly ClusterOption[]): SelectOption[] =>
  clusters.map((cluster) => ({ value: cluster.id, label: cluster.name }));
