// Edit and Delete for one row of a Thinker list (author profiles, strategies).
import { ConfirmButton } from '../../ui/ConfirmButton';

export function RowActions({
  name,
  noun,
  onEdit,
  onDelete,
  onError,
}: {
  name: string;
  /** What the row is, in lower case ("author profile"). */
  noun: string;
  onEdit: () => void;
  onDelete: () => unknown;
  onError: (message: string | null) => void;
}) {
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={`Edit ${name}`}
        onClick={onEdit}
      >
        Edit
      </button>{' '}
      <ConfirmButton
        title={`Delete ${noun}`}
        message={
          <p>
            Delete the {noun} <strong>{name}</strong>? Content already written keeps its text.
          </p>
        }
        confirmLabel="Delete"
        aria-label={`Delete ${name}`}
        onError={onError}
        onConfirm={onDelete}
      >
        Delete
      </ConfirmButton>
    </>
  );
}
