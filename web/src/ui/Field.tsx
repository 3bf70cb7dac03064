// Labelled form controls with their hint and the server's messages for the field.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

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

type SelectFieldProps = FieldFrameProps & SelectHTMLAttributes<HTMLSelectElement> & { name: string };

export function SelectField({ label, hint, errors, children, ...select }: SelectFieldProps) {
  const ids = useFieldIds(errors, hint);
  return (
    <FieldFrame id={ids.id} label={label} hint={hint} hintId={ids.hintId} errors={errors} errorId={ids.errorId}>
      <select id={ids.id} aria-invalid={ids.invalid} aria-describedby={ids.describedBy} {...select}>
        {children}
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
