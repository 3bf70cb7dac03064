// The one table for lists: headers that sort where a column can, rows that can be ticked ("all on
// this page" included), and what to say when there are no rows.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { SortDirection } from '../gql/graphql';
import './data-table.css';

export interface SortOrder<Field extends string> {
  field: Field;
  direction: SortDirection;
}

export interface Sorting<Field extends string> {
  order: SortOrder<Field>;
  onSort: (order: SortOrder<Field>) => void;
}

export interface Column<Field extends string = string> {
  label: string;
  /** The field a click on the header sorts by; none for a column the list cannot sort by. */
  sortBy?: Field;
  numeric?: boolean;
  /** Read by screen readers only (an actions column). */
  hiddenLabel?: boolean;
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

/** Rows ticked on the page shown; another page, filter or order (`pageKey`) starts with none. */
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

export function DataTable<Field extends string>({
  label,
  columns,
  sorting,
  selection = null,
  rowIds,
  empty,
  plain = false,
  dense = false,
  busy,
  footer,
  children,
}: {
  label: string;
  columns: readonly Column<Field>[];
  sorting?: Sorting<Field>;
  /** Null (or none) where rows cannot be ticked (a viewer's list). */
  selection?: Selection | null;
  /** The ids of the rows shown, in order: what "select all" ticks. */
  rowIds: readonly string[];
  /** Shown instead of the table while there are no rows; none keeps the table's headers. */
  empty?: ReactNode;
  /** Framed inside a card that holds more, rather than being the card's content. */
  plain?: boolean;
  /** Many columns: tighter cells. */
  dense?: boolean;
  /** Set while the rows shown are being replaced. */
  busy?: boolean;
  /** Rows under the others, e.g. totals. */
  footer?: ReactNode;
  /** The rows. */
  children: ReactNode;
}) {
  if (rowIds.length === 0 && empty !== undefined) return <div className="empty-state">{empty}</div>;
  return (
    <div className={plain ? 'table-wrap table-wrap-plain' : 'table-wrap'}>
      <table className={dense ? 'table table-dense' : 'table'} aria-label={label} aria-busy={busy}>
        <thead>
          <tr>
            {selection && <SelectAllCheckbox visible={rowIds} selection={selection} />}
            {columns.map(({ label: header, sortBy, numeric = false, hiddenLabel = false }) =>
              sortBy && sorting ? (
                <SortHeader key={header} field={sortBy} label={header} numeric={numeric} sorting={sorting} />
              ) : (
                <th key={header} className={numeric ? 'cell-number' : undefined}>
                  {hiddenLabel ? <span className="visually-hidden">{header}</span> : header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
