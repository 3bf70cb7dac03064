// Writer → Content, Review and Published: the articles with their status, length against the
// target, warnings (cannibalisation, near-duplicates) and sample-text badge; the review queue
// approves in bulk (admins and owners).
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import { useViewer } from '../../app/viewer';
import {
  type ContentFilter,
  type ContentOrderField,
  type ContentRowFragment,
  type ContentStatus,
  SetContentStatusDocument,
  WriterContentsDocument,
} from '../../gql/graphql';
import { useOnJobsChanged } from '../../jobs/live';
import { BulkBar, OutcomeBanner, useOutcome } from '../../ui/bulk';
import { type Column, DataTable, RowCheckbox, type Selection, type SortOrder } from '../../ui/DataTable';
import { codeOptions, Field, SelectField } from '../../ui/Field';
import { FilterForm } from '../../ui/FilterForm';
import { formatCount, formatDateTime, formatNumber, humanize, isOneOf } from '../../ui/format';
import { ListResults, useListControls } from '../../ui/ListResults';
import { Badge, PageHeader } from '../../ui/PageHeader';
import { CONTENT_STATUS_TONE, CONTENT_STATUSES } from './labels';
import './writer.css';

const FIRST_ORDER: SortOrder<ContentOrderField> = { field: 'UPDATED_AT', direction: 'DESC' };
const COLUMNS: Column<ContentOrderField>[] = [
  { label: 'Title', sortBy: 'TITLE' },
  { label: 'Words', sortBy: 'WORD_COUNT', numeric: true },
  { label: 'Status', sortBy: 'STATUS' },
  { label: 'Updated', sortBy: 'UPDATED_AT' },
];

/** Roles that approve, reject and publish (SPEC.md: review is an admin's call). */
export const REVIEWER_ROLES = new Set(['ADMIN', 'OWNER', 'DEVELOPER']);

export function ContentBadges({ content }: { content: Pick<ContentRowFragment, 'flags' | 'sampleText'> }) {
  return (
    <>
      {content.sampleText && <Badge tone="warning">Sample text</Badge>}
      {content.flags.map((flag) => (
        <span key={`${flag.kind}-${flag.otherContentId}`} title={`${flag.otherTitle}: ${flag.detail}`}>
          <Badge tone="danger">{flag.kind === 'CANNIBALIZATION' ? 'Cannibalisation' : 'Near-duplicate'}</Badge>
        </span>
      ))}
    </>
  );
}

/** Words written against the target, flagged when more than a tenth short. */
export function WordsAgainstTarget({ words, target }: { words: number; target: number | null | undefined }) {
  const short = !!target && words < target * 0.9;
  return (
    <span className={short ? 'words-short' : undefined}>
      {formatNumber(words)}
      {target ? <span className="muted"> / {formatNumber(target)}</span> : null}
    </span>
  );
}

function ContentTableRow({ content, selection }: { content: ContentRowFragment; selection: Selection | null }) {
  return (
    <tr data-testid="content-row" data-status={content.status}>
      <RowCheckbox id={content.id} label={content.title} selection={selection} />
      <td>
        <Link className="cell-title" to={`/writer/content/${content.id}`}>
          {content.title}
        </Link>{' '}
        <ContentBadges content={content} />
        <div className="muted">{content.primaryKeyword}</div>
        {content.reviewNote && content.status === 'DRAFT' && (
          <div className="review-note">Sent back: {content.reviewNote}</div>
        )}
      </td>
      <td className="cell-number">
        <WordsAgainstTarget words={content.wordCount} target={content.wordCountTarget} />
      </td>
      <td>
        <Badge tone={CONTENT_STATUS_TONE[content.status]}>{humanize(content.status)}</Badge>
      </td>
      <td>{formatDateTime(content.updatedAt)}</td>
    </tr>
  );
}

interface ContentFilterValues {
  search: string;
  status: string;
}

function ContentList({
  title,
  description,
  fixedStatus,
}: {
  title: string;
  description: string;
  /** The one status the page lists (Review, Published); the Content page filters by any. */
  fixedStatus?: ContentStatus;
}) {
  const canEdit = useCanEditContent();
  const canReview = REVIEWER_ROLES.has(useViewer().me.role);
  const [params] = useSearchParams();
  const fromUrl = params.get('status') ?? '';
  const noFilters: ContentFilterValues = { search: '', status: '' };
  const controls = useListControls(
    { search: '', status: isOneOf(CONTENT_STATUSES, fromUrl) ? fromUrl : '' },
    FIRST_ORDER,
    (values, search): ContentFilter => {
      const status = fixedStatus ?? (isOneOf(CONTENT_STATUSES, values.status) ? values.status : null);
      return { search: search || null, status: status ? [status] : null };
    },
  );
  const { pages, selection } = controls;
  const outcomes = useOutcome();
  const { data, previousData, error, loading, refetch } = useQuery(WriterContentsDocument, {
    variables: controls.variables,
  });
  useOnJobsChanged(() => void refetch());
  const [setStatus] = useMutation(SetContentStatusDocument, { refetchQueries: [WriterContentsDocument] });

  const list = (data ?? previousData)?.contents;
  const contents = list?.edges.map((edge) => edge.node) ?? [];
  const selected = contents.filter((content) => selection.ids.has(content.id)).map((content) => content.id);
  const rowSelection = fixedStatus === 'REVIEW' && canReview ? selection : null;

  return (
    <div className="page page-wide">
      <PageHeader title={title} description={description} />
      <ReadOnlyNote module="WRITER" />
      <FilterForm label="Filter articles" values={controls.filters} none={noFilters} onChange={controls.setFilters}>
        {(bind) => (
          <>
            <Field label="Search" type="search" placeholder="Title or keyword" {...bind('search')} />
            {!fixedStatus && (
              <SelectField label="Status" options={codeOptions(CONTENT_STATUSES)} {...bind('status')}>
                <option value="">All statuses</option>
              </SelectField>
            )}
          </>
        )}
      </FilterForm>
      <OutcomeBanner outcome={outcomes.outcome} />
      {rowSelection && selected.length > 0 && (
        <BulkBar count={selected.length} singular="article" onClear={selection.clear}>
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              void outcomes.act(async () => {
                const result = await setStatus({ variables: { input: { ids: selected, status: 'APPROVED' } } });
                selection.clear();
                return `Approved ${formatCount(result.data?.setContentStatus.length ?? 0, 'article')}.`;
              })
            }
          >
            Approve
          </button>
        </BulkBar>
      )}
      <ListResults
        list={list}
        error={error}
        loading={loading}
        shown={contents.length}
        pages={pages}
        singular="article"
        plural="articles"
        sectorName="this list"
        filtered={controls.filtered}
        emptyHint={
          canEdit ? (
            <>
              Write articles from the <Link to="/writer/tasks">Tasks</Link> page.
            </>
          ) : (
            'Editors write articles from the Tasks page.'
          )
        }
      >
        <DataTable
          dense
          label="Articles"
          columns={COLUMNS}
          sorting={controls.sorting}
          selection={rowSelection}
          rowIds={contents.map((content) => content.id)}
          busy={loading}
        >
          {contents.map((content) => (
            <ContentTableRow key={content.id} content={content} selection={rowSelection} />
          ))}
        </DataTable>
      </ListResults>
    </div>
  );
}

export function ContentPage() {
  const [params] = useSearchParams();
  return (
    <ContentList
      key={params.get('status') ?? ''}
      title="Content"
      description="Every article written, with its status and warnings."
    />
  );
}

export function ReviewPage() {
  return (
    <ContentList
      title="Review"
      fixedStatus="REVIEW"
      description="Articles sent to review: open one to read it, approve or send it back with a note."
    />
  );
}

export function PublishedPage() {
  return <ContentList title="Published" fixedStatus="PUBLISHED" description="Articles published to the site." />;
}
