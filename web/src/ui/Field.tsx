// Labelled form controls with their hint and the server's messages for the field.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { humanize } from './format';

interface FieldFrameProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | undefined;
}

function useFieldIds(errors: string[] | undefined, hint: ReactNode) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return {
    id,
    hintId,
    errorId,
    describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined,
    invalid: errors?.length ? true : undefined,
  };
}

function FieldFrame({
  id,
  label,
  hint,
  hintId,
  errors,
  errorId,
  children,
}: FieldFrameProps & { id: string; hintId?: string | undefined; errorId?: string | undefined; children: ReactNode }) {
  return (
    <div className={errors?.length ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(' · ')}
        </p>
      ) : null}
    </div>
  );
}

type InputFieldProps = FieldFrameProps & InputHTMLAttributes<HTMLInputElement> & { name: string };

export function Field({ label, hint, errors, ...input }: InputFieldProps) {
  const ids = useFieldIds(errors, hint);
  return (
    <FieldFrame id={ids.id} label={label} hint={hint} hintId={ids.hintId} errors={errors} errorId={ids.errorId}>
      <input id={ids.id} aria-invalid={ids.invalid} aria-describedby={ids.describedBy} {...input} />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** An API's codes (`HOW_TO`) as options that read as words (`How to`). */
export const codeOptions = (codes: readonly string[]): SelectOption[] =>
  codes.map((code) => ({ value: code, label: humanize(code) }));

type SelectFieldProps = FieldFrameProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    name: string;
    /** Listed after `children` (which hold any "all" or "none" choice). */
    options?: readonly SelectOption[];
  };

export function SelectField({ label, hint, errors, children, options = [], ...select }: SelectFieldProps) {
  const ids = useFieldIds(errors, hint);
  return (
    <FieldFrame id={ids.id} label={label} hint={hint} hintId={ids.hintId} errors={errors} errorId={ids.errorId}>
      <select id={ids.id} aria-invalid={ids.invalid} aria-describedby={ids.describedBy} {...select}>
        {children}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

type TextAreaFieldProps = FieldFrameProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string };

export function TextAreaField({ label, hint, errors, ...textarea }: TextAreaFieldProps) {
  const ids = useFieldIds(errors, hint);
  return (
    <FieldFrame id={ids.id} label={label} hint={hint} hintId={ids.hintId} errors={errors} errorId={ids.errorId}>
      <textarea id={ids.id} aria-invalid={ids.invalid} aria-describedby={ids.describedBy} {...textarea} />
    </FieldFrame>
  );
}
