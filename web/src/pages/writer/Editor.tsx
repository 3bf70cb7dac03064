// Writer → an article in the editor: title, body (rich text), meta title and description with
// their length counters, slug and keywords; live checks beside it (the article domain's own rules,
// run in the browser); autosave with the loaded version (a newer save by someone else is a
// conflict, never overwritten); the review flow; revisions with their AI provenance, compared
// word by word or restored; export as HTML or Markdown.

import { useMutation, useQuery } from '@apollo/client/react';
import { editorChecks } from '@igny8/writer/article/browser';
import { lazy, type ReactNode, Suspense, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCanEditContent } from '../../app/content-modules';
import { useViewer } from '../../app/viewer';
import {
  type ContentEditFragment,
  RejectContentDocument,
  type RevisionRowFragment,
  SetContentStatusDocument,
  UpdateContentDocument,
  WriterContentDocument,
} from '../../gql/graphql';
import { Banner, LoadFailedBanner } from '../../ui/Banner';
import { CopyButton } from '../../ui/CopyButton';
import { describeError, hasErrorCode } from '../../ui/errors';
import { Field, TextAreaField } from '../../ui/Field';
import { formatNumber, humanize } from '../../ui/format';
import { Modal } from '../../ui/Modal';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { ContentBadges, REVIEWER_ROLES, WordsAgainstTarget } from './Contents';
import { CONTENT_STATUS_TONE } from './labels';
import { articleHtml, htmlToMarkdown } from './markdown';
import { RevisionsPanel } from './Revisions';
import './writer.css';

/** How long typing pauses before the article saves itself. */
const AUTOSAVE_MS = 1_200;
/** The rich-text editor is a chunk of its own: the writer's lists open without it. */
const RichText = lazy(async () => ({ default: (await import('./RichText')).RichText }));
const META_TITLE_MAX = 60;
const META_DESCRIPTION = { min: 120, max: 160 };

interface Draft {
  title: string;
  html: string;
  metaTitle: string;
  metaDescription: string;
  slug: string;
  primaryKeyword: string;
  secondaryKeywords: string;
}

type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Not saved',
  failed: 'Not saved',
};

const draftOf = (content: ContentEditFragment): Draft => ({
  title: content.title,
  html: content.html,
  metaTitle: content.metaTitle,
  metaDescription: content.metaDescription,
  slug: content.slug,
  primaryKeyword: content.primaryKeyword,
  secondaryKeywords: content.secondaryKeywords.join(', '),
});

const keywordList = (text: string) =>
  text
    .split(',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);

/** A length counter that says when the text is outside its range. */
function LengthCounter({ length, min = 0, max }: { length: number; min?: number; max: number }) {
  const ok = length >= min && length <= max;
  return (
    <span className={ok ? 'length-counter' : 'length-counter length-bad'} data-testid="length-counter">
      {length} / {min ? `${min}–${max}` : max}
    </span>
  );
}

function ChecksPanel({ draft, content }: { draft: Draft; content: ContentEditFragment }) {
  const deferred = useDeferredValue(draft);
  const result = useMemo(
    () =>
      editorChecks({
        html: deferred.html,
        title: deferred.title,
        metaTitle: deferred.metaTitle,
        metaDescription: deferred.metaDescription,
        primaryKeyword: deferred.primaryKeyword,
        secondaryKeywords: keywordList(deferred.secondaryKeywords),
        targetWords: content.wordCountTarget,
        siteHosts: content.site.domain ? [content.site.domain] : [],
      }),
    [deferred, content.wordCountTarget, content.site.domain],
  );
  const { stats } = result;
  return (
    <Card title="Checks">
      <dl className="editor-stats">
        <dt>Words</dt>
        <dd data-testid="stat-words">
          <WordsAgainstTarget words={stats.wordCount} target={content.wordCountTarget} />
        </dd>
        <dt>Headings</dt>
        <dd>
          {stats.h2Count} H2 · {stats.h3Count} H3
        </dd>
        <dt>Links</dt>
        <dd>
          {stats.links.internal} internal · {stats.links.external} external
        </dd>
        <dt>Images</dt>
        <dd>
          {stats.images}
          {stats.imagesWithoutAlt > 0 && <span className="length-bad"> ({stats.imagesWithoutAlt} without alt)</span>}
        </dd>
        <dt>Reading ease</dt>
        <dd>{stats.readingEase.score}</dd>
      </dl>
      {result.keywordUses.length > 0 && (
        <ul className="editor-keywords" aria-label="Keyword uses">
          {result.keywordUses.map((use) => (
            <li key={use.keyword}>
              {use.keyword}: <strong>{use.uses}</strong>
            </li>
          ))}
        </ul>
      )}
      <ul className="editor-checks" aria-label="Checks">
        {result.checks.map((check) => (
          <li key={check.id} className={check.ok ? 'check-ok' : 'check-bad'} data-testid="editor-check">
            <span aria-hidden="true">{check.ok ? '✓' : '!'}</span> {check.message}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function ExportPanel({ draft }: { draft: Draft }) {
  const html = articleHtml(draft.title, draft.html);
  const markdown = htmlToMarkdown(draft.title, draft.html);
  const name = draft.slug || 'article';
  return (
    <Card title="Export">
      <div className="editor-actions">
        <CopyButton text={html} label="Copy HTML" />
        <CopyButton text={markdown} label="Copy Markdown" />
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => download(`${name}.html`, 'text/html', html)}
        >
          Download HTML
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => download(`${name}.md`, 'text/markdown', markdown)}
        >
          Download Markdown
        </button>
      </div>
    </Card>
  );
}

function RejectDialog({ contentId, onClose }: { contentId: string; onClose: () => void }) {
  const [reject, rejecting] = useMutation(RejectContentDocument);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <Modal title="Reject with a note" onClose={onClose}>
      <form
        className="form"
        aria-label="Reject with a note"
        onSubmit={async (event) => {
          event.preventDefault();
          const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
          if (!note) {
            setFailure('Say what the writer should change.');
            return;
          }
          try {
            await reject({ variables: { input: { id: contentId, note } } });
            onClose();
          } catch (error) {
            setFailure(describeError(error, []).message ?? 'The article could not be sent back. Try again.');
          }
        }}
      >
        {failure && <Banner tone="error">{failure}</Banner>}
        <TextAreaField label="Note for the writer" name="note" rows={4} required />
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={rejecting.loading}>
            Send back to draft
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ContentEditor({
  content,
  revisions,
  onReload,
}: {
  content: ContentEditFragment;
  revisions: RevisionRowFragment[];
  /** Reads the article again and starts the editor over with it. */
  onReload: () => void;
}) {
  const canEdit = useCanEditContent();
  const canReview = REVIEWER_ROLES.has(useViewer().me.role);
  const editable = canEdit && (content.status === 'DRAFT' || content.status === 'REVIEW');
  const [draft, setDraft] = useState(() => draftOf(content));
  const [state, setState] = useState<SaveState>('saved');
  const [failure, setFailure] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [updateContent] = useMutation(UpdateContentDocument);
  const [setStatus] = useMutation(SetContentStatusDocument);

  const latest = useRef(draft);
  latest.current = draft;
  const version = useRef(content.version);
  const changes = useRef(0);
  const savedChanges = useRef(0);
  const saving = useRef(false);

  // This page's own moves (review, approve, reject) come back with the article's new version; only
  // a save of ours or of someone else's could make it newer, and theirs arrive by no other way.
  useEffect(() => {
    if (content.version > version.current) version.current = content.version;
  }, [content.version]);

  const change = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    changes.current += 1;
    setState((current) => (current === 'conflict' ? current : 'unsaved'));
  };

  const save = async (): Promise<boolean> => {
    if (saving.current) return false;
    saving.current = true;
    const upTo = changes.current;
    const sent = latest.current;
    setState('saving');
    try {
      const result = await updateContent({
        variables: {
          input: {
            id: content.id,
            version: version.current,
            title: sent.title,
            html: sent.html,
            metaTitle: sent.metaTitle,
            metaDescription: sent.metaDescription,
            slug: sent.slug,
            primaryKeyword: sent.primaryKeyword,
            secondaryKeywords: keywordList(sent.secondaryKeywords),
          },
        },
      });
      if (result.data) version.current = result.data.updateContent.version;
      savedChanges.current = upTo;
      setFailure(null);
      setState(changes.current === upTo ? 'saved' : 'unsaved');
      return true;
    } catch (error) {
      if (hasErrorCode(error, 'CONFLICT')) setState('conflict');
      else {
        setFailure(describeError(error, []).message ?? 'The article could not be saved. Try again.');
        setState('failed');
      }
      return false;
    } finally {
      saving.current = false;
    }
  };

  // Save once typing pauses (each change of `draft` restarts the pause); again if more was typed
  // while saving.
  useEffect(() => {
    if (state !== 'unsaved') return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [state, draft]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const move = async (status: 'REVIEW' | 'APPROVED' | 'DRAFT') => {
    if (changes.current !== savedChanges.current && !(await save())) return;
    try {
      const result = await setStatus({ variables: { input: { ids: [content.id], status } } });
      const moved = result.data?.setContentStatus[0];
      if (moved) version.current = moved.version;
      setFailure(null);
    } catch (error) {
      setFailure(describeError(error, []).message ?? 'That did not work. Try again.');
    }
  };

  let actions: ReactNode = null;
  if (canEdit && content.status === 'DRAFT') {
    actions = (
      <button type="button" className="button" onClick={() => void move('REVIEW')}>
        Send to review
      </button>
    );
  } else if (canReview && content.status === 'REVIEW') {
    actions = (
      <>
        <button type="button" className="button" onClick={() => void move('APPROVED')}>
          Approve
        </button>
        <button type="button" className="button button-secondary" onClick={() => setRejecting(true)}>
          Reject with note
        </button>
      </>
    );
  }

  return (
    <div className="page page-wide">
      <p className="muted">
        <Link to="/writer/content">← Content</Link>
      </p>
      <PageHeader
        title={draft.title || 'Untitled article'}
        actions={
          <div className="editor-actions">
            <Badge tone={CONTENT_STATUS_TONE[content.status]}>{humanize(content.status)}</Badge>
            {editable && (
              <span className={`save-state save-${state}`} data-testid="save-state" role="status">
                {SAVE_LABEL[state]}
              </span>
            )}
            {actions}
          </div>
        }
      />
      <ContentBadges content={content} />
      {content.sampleText && (
        <Banner tone="warning" title="Sample text">
          The offline sample writer wrote this (no AI provider is set up): it is placeholder text, not an article to
          publish.
        </Banner>
      )}
      {content.reviewNote && content.status === 'DRAFT' && (
        <Banner tone="warning" title="Sent back from review">
          <p data-testid="review-note">{content.reviewNote}</p>
        </Banner>
      )}
      {content.flags.map((flag) => (
        <Banner key={`${flag.kind}-${flag.otherContentId}`} tone="warning">
          {flag.kind === 'CANNIBALIZATION' ? 'Competes with ' : 'Nearly the same as '}
          <Link to={`/writer/content/${flag.otherContentId}`}>{flag.otherTitle}</Link> ({flag.detail}).
        </Banner>
      ))}
      {state === 'conflict' && (
        <Banner tone="error" title="Someone else changed this article">
          <p>
            Your changes were not saved over theirs. Reload to see the newer version (copy anything you need first).
          </p>
          <button type="button" className="button button-small" onClick={onReload}>
            Reload
          </button>
        </Banner>
      )}
      {failure && <Banner tone="error">{failure}</Banner>}
      <div className="editor-layout">
        <div className="editor-main">
          <Card>
            <div className="form">
              <Field
                label="Title"
                name="title"
                value={draft.title}
                disabled={!editable}
                onChange={(event) => change({ title: event.currentTarget.value })}
              />
              <Suspense fallback={<Loading label="Loading the editor…" />}>
                <RichText html={content.html} editable={editable} onChange={(html) => change({ html })} />
              </Suspense>
            </div>
          </Card>
          <Card title="Search appearance">
            <div className="form">
              <Field
                label="Meta title"
                name="metaTitle"
                value={draft.metaTitle}
                disabled={!editable}
                hint={<LengthCounter length={draft.metaTitle.length} max={META_TITLE_MAX} />}
                onChange={(event) => change({ metaTitle: event.currentTarget.value })}
              />
              <TextAreaField
                label="Meta description"
                name="metaDescription"
                rows={3}
                value={draft.metaDescription}
                disabled={!editable}
                hint={
                  <LengthCounter
                    length={draft.metaDescription.length}
                    min={META_DESCRIPTION.min}
                    max={META_DESCRIPTION.max}
                  />
                }
                onChange={(event) => change({ metaDescription: event.currentTarget.value })}
              />
              <Field
                label="Slug"
                name="slug"
                value={draft.slug}
                disabled={!editable}
                onChange={(event) => change({ slug: event.currentTarget.value })}
              />
              <Field
                label="Primary keyword"
                name="primaryKeyword"
                value={draft.primaryKeyword}
                disabled={!editable}
                onChange={(event) => change({ primaryKeyword: event.currentTarget.value })}
              />
              <Field
                label="Secondary keywords"
                name="secondaryKeywords"
                hint="Separated by commas."
                value={draft.secondaryKeywords}
                disabled={!editable}
                onChange={(event) => change({ secondaryKeywords: event.currentTarget.value })}
              />
            </div>
          </Card>
        </div>
        <aside className="editor-side" aria-label="Checks and revisions">
          <ChecksPanel draft={draft} content={content} />
          <RevisionsPanel
            contentId={content.id}
            revisions={revisions}
            canRestore={editable}
            version={() => version.current}
            onRestored={onReload}
          />
          <ExportPanel draft={draft} />
          <p className="muted">Words saved: {formatNumber(content.wordCount)}</p>
        </aside>
      </div>
      {rejecting && <RejectDialog contentId={content.id} onClose={() => setRejecting(false)} />}
    </div>
  );
}

export function EditorPage() {
  const { id = '' } = useParams();
  const [generation, setGeneration] = useState(0);
  const { data, error, loading, refetch } = useQuery(WriterContentDocument, {
    variables: { id },
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: false,
  });
  if (error && !data)
    return <LoadFailedBanner title="The article could not be loaded." error={error} onRetry={refetch} />;
  if (loading && !data) return <Loading label="Loading the article…" />;
  if (!data) return null;
  return (
    <ContentEditor
      key={`${id}:${generation}`}
      content={data.content}
      revisions={data.content.revisions}
      onReload={() =>
        void refetch().then(() => {
          setGeneration((current) => current + 1);
        })
      }
    />
  );
}
