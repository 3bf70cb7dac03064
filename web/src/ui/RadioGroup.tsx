// One choice of a few, as labelled radio buttons under a legend.
import type { ReactNode } from 'react';

export interface RadioOption<Value extends string> {
  value: Value;
  label: ReactNode;
  disabled?: boolean;
}

export function RadioGroup<Value extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  inline = false,
}: {
  legend: string;
  name: string;
  value: Value;
  options: readonly RadioOption<Value>[];
  onChange: (value: Value) => void;
  /** Side by side, for a few short labels. */
  inline?: boolean;
}) {
  const radios = options.map((option) => (
    <label key={option.value} className="checkbox">
      <input
        type="radio"
        name={name}
        value={option.value}
        checked={value === option.value}
        disabled={option.disabled}
        onChange={() => onChange(option.value)}
      />
      <span>{option.label}</span>
    </label>
  ));
  return (
    <fieldset className="fieldset-plain field">
      <legend>{legend}</legend>
      {inline ? <div className="checkbox-row">{radios}</div> : radios}
    </fieldset>
  );
}
