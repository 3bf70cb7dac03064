// A native modal dialog for a task with its own form (import, pick, edit): open while mounted,
// closed by its × button, Escape or the caller.
import { type ReactNode, useEffect, useRef } from 'react';
import './modal.css';

export function Modal({
  title,
  onClose,
  wide = false,
  children,
}: {
  title: string;
  onClose: () => void;
  /** For tables and long forms. */
  wide?: boolean;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={wide ? 'dialog modal modal-wide' : 'dialog modal'}
      aria-label={title}
      // Escape closes the native dialog; the caller unmounts it. A close event that finds the dialog
      // open again is stale (StrictMode runs the effect twice in development).
      onClose={() => {
        if (!dialog.current?.open) onClose();
      }}
    >
      <div className="modal-header">
        <h2 className="dialog-title">{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
