// A button that asks before doing something that cannot be undone, in a native modal dialog.
import { type ReactNode, useRef, useState } from 'react';
import { describeError } from './errors';

interface ConfirmButtonProps {
  /** The button's text. */
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => unknown;
  /**
   * Told null before the action and the server's message when it fails; without it a failure
   * propagates to the caller.
   */
  onError?: (message: string | null) => void;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
}

export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  onError,
  disabled,
  className = 'button button-danger-ghost button-small',
  'aria-label': ariaLabel,
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    onError?.(null);
    try {
      await onConfirm();
    } catch (error) {
      if (!onError) throw error;
      onError(describeError(error, []).message);
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };

  return (
    <>
      <button
        type="button"
        className={className}
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => dialog.current?.showModal()}
      >
        {children}
      </button>
      <dialog ref={dialog} className="dialog" aria-label={title}>
        <h2 className="dialog-title">{title}</h2>
        <div className="dialog-body">{message}</div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={confirm}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
