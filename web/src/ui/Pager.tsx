// Under a paged list: which rows are shown of how many, the page size, and the way to the pages
// before and after (ui/paging.ts keeps the cursors).
import type { PagerInfoFragment } from '../gql/graphql';
import { formatNumber } from './format';
import { type CursorPages, PAGE_SIZES } from './paging';
import './pager.css';

export function Pager({
  pages,
  shown,
  totalCount,
  pageInfo,
  noun,
  previousLabel = 'Previous',
  nextLabel = 'Next',
}: {
  pages: CursorPages;
  /** Rows on the page shown. */
  shown: number;
  totalCount: number;
  pageInfo: PagerInfoFragment;
  /** Plural, e.g. "keywords". */
  noun: string;
  /** The buttons' words where the order gives better ones (a ledger's "Newer" and "Older"). */
  previousLabel?: string;
  nextLabel?: string;
}) {
  const { endCursor } = pageInfo;
  return (
    <div className="pager">
      <span className="muted" data-testid="pager-range">
        {shown === 0
          ? `0 of ${formatNumber(totalCount)} ${noun}`
          : `${formatNumber(pages.offset + 1)}–${formatNumber(pages.offset + shown)} of ${formatNumber(totalCount)} ${noun}`}
      </span>
      <div className="pager-buttons">
        <label className="pager-size">
          <span>Rows per page</span>
          <select value={pages.pageSize} onChange={(event) => pages.setPageSize(Number(event.currentTarget.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!pages.hasPrevious}
          onClick={pages.previous}
        >
          {previousLabel}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!pageInfo.hasNextPage || !endCursor}
          onClick={() => endCursor && pages.next(endCursor)}
        >
          {nextLabel}
        </button>
      </div>
    </div>
  );
}
