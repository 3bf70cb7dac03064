// A list page's filter bar: inputs bound to one set of values, and "Clear filters" once any is set.
import type { ReactNode } from 'react';
import './list.css';

/** What an input needs to show and change one of the values. */
export interface FilterInput {
  name: string;
  value: string;
  onChange: (event: { currentTarget: { value: string } }) => void;
}

export function FilterForm<Values extends { [Name in keyof Values]: string }>({
  label,
  values,
  none,
  onChange,
  children,
}: {
  label: string;
  values: Values;
  /** The values with every filter off. */
  none: Values;
  onChange: (values: Values) => void;
  /** The inputs, each spread with `bind(its value's name)`. */
  children: (bind: (name: keyof Values & string) => FilterInput) => ReactNode;
}) {
  const bind = (name: keyof Values & string): FilterInput => ({
    name,
    value: values[name],
    onChange: (event) => onChange({ ...values, [name]: event.currentTarget.value }),
  });
  return (
    <form className="filters list-filters" aria-label={label} onSubmit={(event) => event.preventDefault()}>
      {children(bind)}
      {Object.values(values).some(Boolean) && (
        <button type="button" className="link-button list-filters-clear" onClick={() => onChange(none)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
