// The pieces every planner table shares: a table whose headers sort and whose rows can be ticked
// ("all on this page" included), and cursor pages with a page size.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { PagerInfoFragment, SortDirection } from '../../gql/graphql';
import { formatNumber } from '../../ui/format';

const PAGE_SIZES = [25, 50, 100] as const;
/** The most one page of the API holds: what pickers (sites, clusters, profiles) read at once. */
export const LIST_SIZE = 100;

export interface SortOrder<Field extends string> {
  field: Field;
  direction: SortDirection;
}

export interface Sorting<Field extends string> {
  order: SortOrder<Field>;
  onSort: (order: SortOrder<Field>) => void;
}

export interface Column<Field extends string> {
  label: string;
  /** The field a click on the header sorts by; none for a column the list cannot sort by. */
  sortBy?: Field;
  numeric?: boolean;
}

/** A column header that sorts by its field: numbers start highest first, text from A. */
function SortHeader<Field extends string>({
  field,
  label,
  numeric,
  sorting: { order, onSort },
}: {
  field: Field;
  label: string;
  numeric: boolean;
  sorting: Sorting<Field>;
}) {
  const active = order.field === field;
  const next: SortDirection = active ? (order.direction === 'ASC' ? 'DESC' : 'ASC') : numeric ? 'DESC' : 'ASC';
  return (
    <th
      className={numeric ? 'cell-number' : undefined}
      aria-sort={active ? (order.direction === 'ASC' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort({ field, direction: next })}>
        {label}
        <span className={active ? 'sort-mark sort-mark-active' : 'sort-mark'} aria-hidden="true">
          {active ? (order.direction === 'ASC' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

const NOTHING: ReadonlySet<string> = new Set();

/** Rows ticked on the page shown; another page, filter or order starts with none. */
export function useSelection(pageKey: string) {
  const [state, setState] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: pageKey, ids: NOTHING });
  const ids = state.key === pageKey ? state.ids : NOTHING;
  const change = (update: (ids: Set<string>) => void) => {
    const next = new Set(ids);
    update(next);
    setState({ key: pageKey, ids: next });
  };
  return {
    ids,
    toggle: (id: string) => change((next) => (next.has(id) ? next.delete(id) : next.add(id))),
    setAll: (visible: readonly string[], on: boolean) =>
      change((next) => {
        for (const id of visible) {
          if (on) next.add(id);
          else next.delete(id);
        }
      }),
    clear: () => setState({ key: pageKey, ids: NOTHING }),
  };
}

export type Selection = ReturnType<typeof useSelection>;

function SelectAllCheckbox({ visible, selection }: { visible: readonly string[]; selection: Selection }) {
  const box = useRef<HTMLInputElement>(null);
  const ticked = visible.filter((id) => selection.ids.has(id)).length;
  const all = visible.length > 0 && ticked === visible.length;
  useEffect(() => {
    if (box.current) box.current.indeterminate = ticked > 0 && !all;
  }, [ticked, all]);
  return (
    <th className="cell-check">
      <input
        ref={box}
        type="checkbox"
        aria-label="Select all on this page"
        checked={all}
        disabled={visible.length === 0}
        onChange={(event) => selection.setAll(visible, event.currentTarget.checked)}
      />
    </th>
  );
}

/** A row's tick box; nothing where the rows cannot be ticked (null selection). */
export function RowCheckbox({ id, label, selection }: { id: string; label: string; selection: Selection | null }) {
  if (!selection) return null;
  return (
    <td className="cell-check">
      <input
        type="checkbox"
        aria-label={`Select ${label}`}
        checked={selection.ids.has(id)}
        onChange={() => selection.toggle(id)}
      />
    </td>
  );
}

/** A planner table: its headers (sorting where a column can), a tick box per row where rows can be ticked. */
export function SelectableTable<Field extends string>({
  label,
  columns,
  sorting,
  selection,
  rowIds,
  plain = false,
  busy,
  children,
}: {
  label: string;
  columns: readonly Column<Field>[];
  sorting?: Sorting<Field>;
  /** Null where rows cannot be ticked (a viewer's list). */
  selection: Selection | null;
  /** The ids of the rows shown, in order: what "select all" ticks. */
  rowIds: readonly string[];
  /** Framed inside a card that holds more, rather than being the card's content. */
  plain?: boolean;
  /** Set while the rows shown are being replaced. */
  busy?: boolean;
  /** The rows. */
  children: ReactNode;
}) {
  return (
    <div className={plain ? 'table-wrap table-wrap-plain' : 'table-wrap'}>
      <table className="table planner-table" aria-label={label} aria-busy={busy}>
        <thead>
          <tr>
            {selection && <SelectAllCheckbox visible={rowIds} selection={selection} />}
            {columns.map(({ label: header, sortBy, numeric = false }) =>
              sortBy && sorting ? (
                <SortHeader key={header} field={sortBy} label={header} numeric={numeric} sorting={sorting} />
              ) : (
                <th key={header} className={numeric ? 'cell-number' : undefined}>
                  {header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Pages of a connection, walked forward by cursor and back through the cursors seen. */
export function useCursorPages(resetKey: string) {
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const key = `${resetKey}|${pageSize}`;
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = state.key === key ? state.cursors : [null];
  return {
    /** Names the page shown: what selections are kept for. */
    key: `${key}|${cursors.length}`,
    first: pageSize,
    after: cursors.at(-1) ?? null,
    offset: (cursors.length - 1) * pageSize,
    pageSize,
    setPageSize,
    hasPrevious: cursors.length > 1,
    previous: () => setState({ key, cursors: cursors.slice(0, -1) }),
    next: (endCursor: string) => setState({ key, cursors: [...cursors, endCursor] }),
    /** Back to the first page, e.g. after a delete emptied this one. */
    restart: () => setState({ key, cursors: [null] }),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

export function Pager({
  pages,
  shown,
  totalCount,
  pageInfo,
  noun,
}: {
  pages: CursorPages;
  shown: number;
  totalCount: number;
  pageInfo: PagerInfoFragment;
  /** Plural, e.g. "keywords". */
  noun: string;
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
          Previous
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!pageInfo.hasNextPage || !endCursor}
          onClick={() => endCursor && pages.next(endCursor)}
        >
          Next
        </button>
      </div>
    </div>
  );
}

/** A whole number typed into a field, or null while it is empty or not a number. */
export function wholeNumberOrNull(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : null;
}
