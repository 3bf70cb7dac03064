// What an import or a seed addition did: the counts, and each rejected row with its line and reason.
import type { KeywordImportReportFieldsFragment } from '../../gql/graphql';
import { Banner } from '../../ui/Banner';
import { Fact } from '../../ui/Fact';
import { formatCount, formatNumber } from '../../ui/format';

export function ImportReport({ report }: { report: KeywordImportReportFieldsFragment }) {
  const unlisted = report.rejected - report.rejectedRows.length;
  return (
    <section className="import-report" aria-label="Import report" data-testid="import-report">
      <Banner
        tone={report.added > 0 ? 'success' : 'info'}
        title={report.added > 0 ? `Added ${formatCount(report.added, 'keyword')}.` : 'No new keywords were added.'}
      />
      <dl className="facts import-facts">
        <Fact label="Rows read" testId="import-rows">
          {formatNumber(report.rows)}
        </Fact>
        <Fact label="Added" testId="import-added">
          {formatNumber(report.added)}
        </Fact>
        <Fact label="Duplicates skipped" testId="import-duplicates">
          {formatNumber(report.duplicates)}
        </Fact>
        <Fact label="Rejected" testId="import-rejected">
          {formatNumber(report.rejected)}
        </Fact>
      </dl>
      {report.limitReached && (
        <Banner tone="warning" title="Your plan's keyword limit was reached.">
          Rows after the limit were not added. Remove keywords you no longer need, or move to a larger plan.
        </Banner>
      )}
      {report.rejectedRows.length > 0 && (
        <div className="import-rejected">
          <p className="import-rejected-title">Rejected rows</p>
          <ol className="import-rejected-list" aria-label="Rejected rows">
            {report.rejectedRows.map((row, index) => (
              <li key={`${row.line}-${index}`} data-testid="rejected-row">
                {row.line > 0 && <span className="import-line">Line {row.line}</span>}
                <span className="import-keyword">{row.keyword ? `“${row.keyword}”` : <em>no keyword</em>}</span>
                <span className="import-reason">{row.reason}</span>
              </li>
            ))}
          </ol>
          {unlisted > 0 && <p className="muted">…and {formatNumber(unlisted)} more rejected rows not listed.</p>}
        </div>
      )}
    </section>
  );
}

/** The report where the dialog's form was, with the way back to the form and the way out. */
export function ImportReportStep({
  report,
  againLabel,
  onAgain,
  onDone,
}: {
  report: KeywordImportReportFieldsFragment;
  /** e.g. "Import more". */
  againLabel: string;
  onAgain: () => void;
  onDone: () => void;
}) {
  return (
    <>
      <ImportReport report={report} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onAgain}>
          {againLabel}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </>
  );
}
