// The buttons under a form: Cancel where the form can be left, and the submit button, which says
// when it is at work.
import type { ReactNode } from 'react';

export function FormActions({
  busy,
  busyLabel,
  onCancel,
  disabled = false,
  children,
}: {
  busy: boolean;
  /** e.g. "Saving…". */
  busyLabel: string;
  onCancel?: () => void;
  /** Submitting makes no sense yet (besides while busy). */
  disabled?: boolean;
  /** The submit button's text. */
  children: ReactNode;
}) {
  return (
    <div className="form-actions">
      {onCancel && (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
      <button type="submit" className="button" disabled={busy || disabled}>
        {busy ? busyLabel : children}
      </button>
    </div>
  );
}
