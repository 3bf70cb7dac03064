// The site and sector the planner pages work in: chosen with a picker, kept in the URL
// (?site=…&sector=…) so a link shows the same list, and remembered for the next visit.
import { useQuery } from '@apollo/client/react';
import { type ReactNode, useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PlannerSitesDocument, type PlannerSitesQuery } from '../../gql/graphql';
import { LoadFailedBanner } from '../../ui/Banner';
import { SelectField } from '../../ui/Field';
import { Loading, PageHeader } from '../../ui/PageHeader';
import { LIST_SIZE } from '../../ui/paging';

type PlannerSite = PlannerSitesQuery['sites']['edges'][number]['node'];
type PlannerSector = PlannerSite['sectors'][number];

export interface Workspace {
  site: PlannerSite;
  sector: PlannerSector;
  /** Sites with at least one sector: what the picker offers. */
  sites: PlannerSite[];
}

const STORAGE_KEY = 'igny8.planner.sector';

/** Makes `sectorId` the one the planner opens with next time (the cluster page calls it too). */
export function rememberSector(sectorId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, sectorId);
  } catch {
    // Without storage (private mode) the URL still carries the choice.
  }
}

function rememberedSector(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The query string of the planner lists for a sector. */
export const workspaceSearch = (siteId: string, sectorId: string) =>
  `?${new URLSearchParams({ site: siteId, sector: sectorId })}`;

/** The sector asked for in the URL, else the site asked for, else the remembered one, else the first. */
function resolveWorkspace(sites: PlannerSite[], params: URLSearchParams): Workspace | null {
  const find = (sectorId: string | null) => {
    for (const site of sites) {
      const sector = site.sectors.find((candidate) => candidate.id === sectorId);
      if (sector) return { site, sector, sites };
    }
    return null;
  };
  const asked = find(params.get('sector'));
  if (asked) return asked;
  const remembered = find(rememberedSector());
  const site = sites.find((candidate) => candidate.id === params.get('site'));
  if (site) {
    return remembered?.site.id === site.id ? remembered : { site, sector: site.sectors[0]!, sites };
  }
  if (remembered) return remembered;
  const first = sites.find((candidate) => candidate.isActive) ?? sites[0];
  return first ? { site: first, sector: first.sectors[0]!, sites } : null;
}

/**
 * Loads the sites, settles the workspace and renders `children` with it; says what is missing
 * (no site with a sector yet) under the page's title otherwise.
 */
export function PlannerWorkspace({
  title,
  children,
}: {
  title: string;
  children: (workspace: Workspace) => ReactNode;
}) {
  const { data, error, loading, refetch } = useQuery(PlannerSitesDocument, {
    variables: { first: LIST_SIZE },
    // Sites and sectors are made on the Sites page: look again each time a planner page opens.
    fetchPolicy: 'cache-and-network',
  });
  const [params, setParams] = useSearchParams();
  const sites = data?.sites.edges.map((edge) => edge.node).filter((site) => site.sectors.length > 0) ?? [];
  const workspace = data ? resolveWorkspace(sites, params) : null;
  const siteId = workspace?.site.id;
  const sectorId = workspace?.sector.id;

  // The URL names the workspace shown, so a reload or a shared link shows the same.
  useEffect(() => {
    if (!siteId || !sectorId) return;
    rememberSector(sectorId);
    setParams(
      (current) => {
        if (current.get('site') === siteId && current.get('sector') === sectorId) return current;
        const next = new URLSearchParams(current);
        next.set('site', siteId);
        next.set('sector', sectorId);
        return next;
      },
      { replace: true },
    );
  }, [siteId, sectorId, setParams]);

  if (loading && !data) return <Loading label="Loading your sites…" />;
  if (!data) {
    return (
      <div className="page">
        <PageHeader title={title} />
        <LoadFailedBanner title="Your sites could not be loaded." error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!workspace) {
    return (
      <div className="page">
        <PageHeader title={title} />
        <div className="empty-state">
          <p className="empty-title">No site with a sector yet</p>
          <p className="muted">
            Keywords, clusters and ideas belong to a sector of a site. <Link to="/sites">Create a site</Link> with at
            least one sector first.
          </p>
        </div>
      </div>
    );
  }
  return children(workspace);
}

/** The site and sector selects; a change shows the other sector's data and is remembered. */
export function WorkspacePicker({ workspace }: { workspace: Workspace }) {
  const [, setParams] = useSearchParams();
  // A new workspace starts without the previous one's extras (an open idea, say).
  const choose = (siteId: string, sectorId: string) => {
    rememberSector(sectorId);
    setParams(new URLSearchParams({ site: siteId, sector: sectorId }));
  };
  return (
    <form className="workspace-picker" aria-label="Site and sector" onSubmit={(event) => event.preventDefault()}>
      <SelectField
        label="Site"
        name="site"
        value={workspace.site.id}
        options={workspace.sites.map((site) => ({
          value: site.id,
          label: site.isActive ? site.name : `${site.name} (inactive)`,
        }))}
        onChange={(event) => {
          const site = workspace.sites.find((candidate) => candidate.id === event.currentTarget.value);
          if (site) choose(site.id, site.sectors[0]!.id);
        }}
      />
      <SelectField
        label="Sector"
        name="sector"
        value={workspace.sector.id}
        options={workspace.site.sectors.map((sector) => ({ value: sector.id, label: sector.name }))}
        onChange={(event) => choose(workspace.site.id, event.currentTarget.value)}
      />
    </form>
  );
}
