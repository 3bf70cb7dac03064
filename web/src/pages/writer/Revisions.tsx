// An article's revisions, newest first: who or what made each (an AI generation with its provider,
// model and credits; a person's save; a restore), compared word by word with the current text, or
// brought back.
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { RestoreContentRevisionDocument, RevisionDiffDocument, type RevisionRowFragment } from '../../gql/graphql';
import { Banner } from '../../ui/Banner';
import { describeError } from '../../ui/errors';
import { formatCount, formatDateTime, formatNumber } from '../../ui/format';
import { Badge, Card } from '../../ui/PageHeader';

const SOURCE_LABEL = { AI: 'AI', HUMAN: 'Edit', RESTORE: 'Restore' } as const;

function provenanceOf(revision: RevisionRowFragment): string {
  const made = revision.provenance;
  if (made) {
    const how = made.offline ? 'offline sample writer' : `${made.provider} · ${made.model}`;
    return `${how} · ${formatCount(made.credits, 'credit')}`;
  }
  if (revision.source === 'RESTORE' && revision.restoredFrom) return `from revision ${revision.restoredFrom}`;
  return revision.createdBy?.name ?? '';
}

export function RevisionsPanel({
  contentId,
  revisions,
  canRestore,
  version,
  onRestored,
}: {
  contentId: string;
  revisions: RevisionRowFragment[];
  canRestore: boolean;
  /** The version the editor holds now (sent with a restore). */
  version: () => number;
  onRestored: () => void;
}) {
  const [compared, setCompared] = useState<number | null>(null);
  const [loadDiff, diff] = useLazyQuery(RevisionDiffDocument, { fetchPolicy: 'network-only' });
  const [restore, restoring] = useMutation(RestoreContentRevisionDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const newest = revisions[0]?.number;

  const compare = (number: number) => {
    if (newest === undefined) return;
    setCompared(number);
    void loadDiff({ variables: { contentId, from: number, to: newest } });
  };

  return (
    <Card title="Revisions">
      {failure && <Banner tone="error">{failure}</Banner>}
      <ol className="revisions" aria-label="Revisions">
        {revisions.map((revision) => (
          <li key={revision.id} data-testid="revision">
            <div>
              <strong>#{revision.number}</strong> <Badge tone="neutral">{SOURCE_LABEL[revision.source]}</Badge>{' '}
              <span className="muted">{formatDateTime(revision.createdAt)}</span>
            </div>
            <div className="muted">
              {provenanceOf(revision)} · {formatNumber(revision.wordCount)} words
            </div>
            {revision.number !== newest && (
              <div className="revision-actions">
                <button type="button" className="link-button" onClick={() => compare(revision.number)}>
                  Compare
                </button>
                {canRestore && (
                  <button
                    type="button"
                    className="link-button"
                    disabled={restoring.loading}
                    onClick={async () => {
                      setFailure(null);
                      try {
                        await restore({
                          variables: { input: { contentId, number: revision.number, version: version() } },
                        });
                        onRestored();
                      } catch (error) {
                        setFailure(describeError(error, []).message ?? 'The revision could not be restored.');
                      }
                    }}
                  >
                    Restore
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {compared !== null && (
        <section className="revision-diff" aria-label="Changes" data-testid="revision-diff">
          <p>
            <strong>
              Revision {compared} → {newest}
            </strong>{' '}
            {diff.data && (
              <span className="muted">
                +{diff.data.revisionDiff.added} / −{diff.data.revisionDiff.removed} words
              </span>
            )}{' '}
            <button type="button" className="link-button" onClick={() => setCompared(null)}>
              Close
            </button>
          </p>
          {diff.error && <Banner tone="error">{describeError(diff.error, []).message}</Banner>}
          <p className="diff-text">
            {diff.data?.revisionDiff.ops.map((op, index) => {
              const key = `${index}-${op.kind}`;
              if (op.kind === 'ADDED') return <ins key={key}>{op.text}</ins>;
              if (op.kind === 'REMOVED') return <del key={key}>{op.text}</del>;
              return <span key={key}>{op.text}</span>;
            })}
          </p>
        </section>
      )}
    </Card>
  );
}
