import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { useViewer } from '../../app/viewer';
import {
  CreateSectorDocument,
  CreateSiteDocument,
  DeleteSectorDocument,
  DeleteSiteDocument,
  IndustriesDocument,
  type IndustriesQuery,
  type SiteCardFragment,
  type SiteSectorFragment,
  SitesDocument,
  UpdateSectorDocument,
  UpdateSiteDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field, SelectField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';
import { SearchBox } from '../../ui/SearchBox';
import { useDebounced } from '../../ui/useDebounced';

const MAX_SECTORS = 5;
const SITE_FIELDS = ['name', 'domain', 'industryId', 'sectors', 'isActive'] as const;
const SECTOR_FIELDS = ['name'] as const;
/** Lists that change when a site or sector is added or removed. */
const REFETCH_SITES = { refetchQueries: [SitesDocument], awaitRefetchQueries: true };

type Industry = IndustriesQuery['industries'][number];

function useIndustries(): Industry[] {
  const { data } = useQuery(IndustriesDocument);
  return data?.industries ?? [];
}

function IndustrySelect({
  industries,
  defaultValue,
  errors,
  onChange,
}: {
  industries: Industry[];
  defaultValue?: string;
  errors?: string[] | undefined;
  onChange?: (industryId: string) => void;
}) {
  return (
    <SelectField
      label="Industry"
      name="industryId"
      defaultValue={defaultValue ?? ''}
      errors={errors}
      onChange={(event) => onChange?.(event.currentTarget.value)}
    >
      <option value="">No industry</option>
      {industries.map((industry) => (
        <option key={industry.id} value={industry.id}>
          {industry.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The sector names a create form asks for: ticked templates plus a comma-separated list. */
function sectorNamesOf(form: HTMLFormElement): string[] {
  const data = new FormData(form);
  const ticked = data.getAll('sectorTemplates').map(String);
  const typed = String(data.get('sectors') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return [...new Set([...ticked, ...typed])];
}

function CreateSiteForm({ industries, onDone }: { industries: Industry[]; onDone: () => void }) {
  const [createSite, { loading }] = useMutation(CreateSiteDocument, REFETCH_SITES);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(SITE_FIELDS);
  const [industryId, setIndustryId] = useState('');
  const templates = industries.find((industry) => industry.id === industryId)?.sectors ?? [];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const form = event.currentTarget;
    const { name = '', domain = '' } = formValues(form);
    const sectors = sectorNamesOf(form);
    if (sectors.length > MAX_SECTORS) {
      setFailure({ message: null, fields: { sectors: [`a site has at most ${MAX_SECTORS} sectors`] } });
      return;
    }
    try {
      await createSite({
        variables: { input: { name, domain: domain || null, industryId: industryId || null, sectors } },
      });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title="New site" description="A website you research keywords and write content for.">
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate aria-label="New site">
        <div className="form-grid">
          <Field label="Site name" name="name" required errors={errorsFor('name')} />
          <Field
            label="Domain"
            name="domain"
            placeholder="example.com"
            hint="Optional. Where the site is published."
            errors={errorsFor('domain')}
          />
        </div>
        <IndustrySelect industries={industries} errors={errorsFor('industryId')} onChange={setIndustryId} />
        {templates.length > 0 && (
          <fieldset className="fieldset-plain field">
            <legend>Sectors from the industry</legend>
            <div className="checkbox-row">
              {templates.map((template) => (
                <label key={template.id} className="checkbox">
                  <input type="checkbox" name="sectorTemplates" value={template.name} />
                  <span>{template.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <Field
          label={templates.length ? 'Other sectors' : 'Sectors'}
          name="sectors"
          placeholder="e.g. Indoor plants, Garden tools"
          hint={`Optional, comma-separated. Up to ${MAX_SECTORS} sectors per site; you can add them later.`}
          errors={errorsFor('sectors')}
        />
        <FormActions busy={loading} busyLabel="Creating…" onCancel={onDone}>
          Create site
        </FormActions>
      </form>
    </Card>
  );
}

function EditSiteForm({
  site,
  industries,
  onDone,
}: {
  site: SiteCardFragment;
  industries: Industry[];
  onDone: () => void;
}) {
  const [updateSite, { loading }] = useMutation(UpdateSiteDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(SITE_FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const form = event.currentTarget;
    const { name = '', domain = '', industryId = '' } = formValues(form);
    const isActive = new FormData(form).get('isActive') === 'on';
    try {
      await updateSite({
        variables: { input: { id: site.id, name, domain, industryId: industryId || null, isActive } },
      });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <form onSubmit={submit} className="form site-edit" noValidate aria-label={`Edit ${site.name}`}>
      <FormFailureBanner failure={failure} />
      <div className="form-grid">
        <Field label="Site name" name="name" defaultValue={site.name} required errors={errorsFor('name')} />
        <Field label="Domain" name="domain" defaultValue={site.domain ?? ''} errors={errorsFor('domain')} />
      </div>
      <IndustrySelect industries={industries} defaultValue={site.industry?.id ?? ''} errors={errorsFor('industryId')} />
      <label className="checkbox">
        <input type="checkbox" name="isActive" defaultChecked={site.isActive} />
        <span>Active — inactive sites are kept but not worked on</span>
      </label>
      <FormActions busy={loading} busyLabel="Saving…" onCancel={onDone}>
        Save site
      </FormActions>
    </form>
  );
}

function SectorItem({
  sector,
  canManage,
  isLast,
}: {
  sector: SiteSectorFragment;
  canManage: boolean;
  isLast: boolean;
}) {
  const [renaming, setRenaming] = useState(false);
  const [updateSector, { loading }] = useMutation(UpdateSectorDocument);
  const [deleteSector] = useMutation(DeleteSectorDocument, REFETCH_SITES);
  const { failure, fail, clear, errorsFor } = useFormErrors(SECTOR_FIELDS);

  const rename = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { sectorName = '' } = formValues(event.currentTarget);
    try {
      await updateSector({ variables: { input: { id: sector.id, name: sectorName } } });
      setRenaming(false);
    } catch (error) {
      fail(error);
    }
  };

  if (renaming) {
    return (
      <li className="sector sector-editing">
        <form onSubmit={rename} className="form-inline-tight" noValidate aria-label={`Rename ${sector.name}`}>
          <Field
            label="Sector name"
            name="sectorName"
            defaultValue={sector.name}
            autoFocus
            errors={errorsFor('name')}
          />
          <button type="submit" className="button button-small" disabled={loading}>
            Save
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
        <FormFailureBanner failure={failure?.message ? failure : null} />
      </li>
    );
  }

  return (
    <li className="sector" data-testid="sector">
      <span className="sector-name">{sector.name}</span>
      {canManage && (
        <span className="sector-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={`Rename ${sector.name}`}
            title="Rename"
            onClick={() => setRenaming(true)}
          >
            ✎
          </button>
          <ConfirmButton
            className="icon-button"
            aria-label={`Remove ${sector.name}`}
            disabled={isLast}
            title="Remove sector"
            message={
              <p>
                Remove the sector <strong>{sector.name}</strong>? Its keywords and content lose their sector.
              </p>
            }
            confirmLabel="Remove"
            onConfirm={async () => {
              try {
                await deleteSector({ variables: { input: { id: sector.id } } });
              } catch (error) {
                fail(error);
              }
            }}
          >
            ×
          </ConfirmButton>
        </span>
      )}
      {failure?.message && <span className="field-error">{failure.message}</span>}
    </li>
  );
}

function AddSectorForm({ site, industries }: { site: SiteCardFragment; industries: Industry[] }) {
  const [createSector, { loading }] = useMutation(CreateSectorDocument, REFETCH_SITES);
  const { failure, fail, clear, errorsFor } = useFormErrors(SECTOR_FIELDS);
  const listId = useId();
  const taken = new Set(site.sectors.map((sector) => sector.name.toLowerCase()));
  const templates = (industries.find((industry) => industry.id === site.industry?.id)?.sectors ?? []).filter(
    (template) => !taken.has(template.name.toLowerCase()),
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const form = event.currentTarget;
    const { sectorName = '' } = formValues(form);
    const template = templates.find((t) => t.name.toLowerCase() === sectorName.toLowerCase());
    try {
      await createSector({
        variables: { input: { siteId: site.id, name: sectorName, industrySectorId: template?.id ?? null } },
      });
      form.reset();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <form onSubmit={submit} className="add-sector" noValidate aria-label={`Add a sector to ${site.name}`}>
      <Field
        label="New sector"
        name="sectorName"
        list={templates.length ? listId : undefined}
        placeholder={templates[0] ? `e.g. ${templates[0].name}` : 'e.g. Reviews'}
        required
        errors={errorsFor('name')}
      />
      {templates.length > 0 && (
        <datalist id={listId}>
          {templates.map((template) => (
            <option key={template.id} value={template.name} />
          ))}
        </datalist>
      )}
      <button type="submit" className="button button-secondary" disabled={loading}>
        {loading ? 'Adding…' : 'Add sector'}
      </button>
      <FormFailureBanner failure={failure?.message ? failure : null} />
    </form>
  );
}

function SiteCard({
  site,
  industries,
  canManage,
}: {
  site: SiteCardFragment;
  industries: Industry[];
  canManage: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [deleteSite] = useMutation(DeleteSiteDocument, REFETCH_SITES);
  const [failure, setFailure] = useState<string | null>(null);
  const titleId = useId();

  return (
    <article className="card site-card" aria-labelledby={titleId} data-testid="site-card">
      <div className="card-header">
        <div>
          <h2 className="card-title" id={titleId}>
            {site.name}
          </h2>
          <p className="site-meta">
            {site.domain ? <span>{site.domain}</span> : <span className="muted">No domain</span>}
            {site.industry && <Badge>{site.industry.name}</Badge>}
            <Badge tone={site.isActive ? 'success' : 'neutral'}>{site.isActive ? 'Active' : 'Inactive'}</Badge>
          </p>
        </div>
        {canManage && !editing && (
          <div className="card-actions">
            <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)}>
              Edit
            </button>
            <ConfirmButton
              title="Delete site"
              message={
                <p>
                  Delete <strong>{site.name}</strong> with its {site.sectors.length} sector
                  {site.sectors.length === 1 ? '' : 's'}? This cannot be undone.
                </p>
              }
              confirmLabel="Delete site"
              aria-label={`Delete ${site.name}`}
              onError={setFailure}
              onConfirm={() => deleteSite({ variables: { input: { id: site.id } } })}
            >
              Delete
            </ConfirmButton>
          </div>
        )}
      </div>
      {failure && <Banner tone="error">{failure}</Banner>}
      {editing && <EditSiteForm site={site} industries={industries} onDone={() => setEditing(false)} />}
      <div className="sectors">
        <p className="sectors-title">
          Sectors{' '}
          <span className="muted">
            {site.sectors.length} of {MAX_SECTORS}
          </span>
        </p>
        {site.sectors.length ? (
          <ul className="sector-list">
            {site.sectors.map((sector) => (
              <SectorItem key={sector.id} sector={sector} canManage={canManage} isLast={site.sectors.length === 1} />
            ))}
          </ul>
        ) : (
          <p className="muted">No sectors yet. Sectors group keywords and content by topic.</p>
        )}
        {canManage && site.sectors.length < MAX_SECTORS && <AddSectorForm site={site} industries={industries} />}
      </div>
    </article>
  );
}

export function SitesPage() {
  const { canManage } = useViewer();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 250);
  const industries = useIndustries();
  const pages = useCursorPages(term);
  const { data, previousData, error, loading } = useQuery(SitesDocument, {
    variables: { filter: term ? { search: term } : null, first: pages.first, after: pages.after },
  });
  const sites = (data ?? previousData)?.sites;

  return (
    <div className="page">
      <PageHeader
        title="Sites"
        description="The websites you write for, and the sectors that organise their keywords and content."
        actions={
          canManage &&
          !creating && (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New site
            </button>
          )
        }
      />
      {creating && <CreateSiteForm industries={industries} onDone={() => setCreating(false)} />}
      <div className="toolbar">
        <SearchBox
          label="Search sites"
          name="search"
          placeholder="Search sites by name or domain"
          value={search}
          onChange={setSearch}
        />
      </div>
      {error && <Banner tone="error">{describeError(error, []).message}</Banner>}
      {!sites && loading && <Loading />}
      {sites && sites.edges.length === 0 && (
        <div className="empty-state">
          {term ? (
            <p>No site matches “{term}”.</p>
          ) : (
            <>
              <p className="empty-title">No sites yet</p>
              <p className="muted">
                {canManage ? 'Create your first site to start planning content.' : 'An owner or admin can add sites.'}
              </p>
            </>
          )}
        </div>
      )}
      <div className="site-list">
        {sites?.edges.map(({ node }) => (
          <SiteCard key={node.id} site={node} industries={industries} canManage={canManage} />
        ))}
      </div>
      {sites && sites.totalCount > 0 && (
        <Pager
          pages={pages}
          shown={sites.edges.length}
          totalCount={sites.totalCount}
          pageInfo={sites.pageInfo}
          noun="sites"
        />
      )}
    </div>
  );
}
