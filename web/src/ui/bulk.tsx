// Bulk actions on the rows ticked in a table, and the outcome line they leave.
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Banner } from './Banner';
import { ConfirmButton } from './ConfirmButton';
import { describeError } from './errors';
import { codeOptions, type SelectOption } from './Field';
import { formatCount, humanize, isOneOf } from './format';
import './list.css';

interface Outcome {
  tone: 'success' | 'error';
  text: string;
}

/** Runs an action that says what it did, and keeps that (or why it failed) for the page to show. */
export function useOutcome() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const act = async (work: () => Promise<string>) => {
    setOutcome(null);
    try {
      setOutcome({ tone: 'success', text: await work() });
    } catch (error) {
      setOutcome({ tone: 'error', text: describeError(error, []).message ?? 'That did not work. Try again.' });
    }
  };
  /** For ConfirmButton's onError: null clears, a message is a failure. */
  const failed = (message: string | null) => setOutcome(message ? { tone: 'error', text: message } : null);
  return { outcome, act, failed };
}

type Outcomes = ReturnType<typeof useOutcome>;

export function OutcomeBanner({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return <Banner tone={outcome.tone}>{outcome.text}</Banner>;
}

/** The bar over a table while rows are ticked: how many, and what can be done to them. */
export function BulkBar({
  count,
  singular,
  onClear,
  children,
}: {
  count: number;
  singular: string;
  onClear: () => void;
  children: ReactNode;
}) {
  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <span className="bulk-count" data-testid="selected-count">
        {formatCount(count, singular)} selected
      </span>
      <div className="bulk-actions">{children}</div>
      <button type="button" className="link-button" onClick={onClear}>
        Clear selection
      </button>
    </section>
  );
}

/** A choice applied to the ticked rows: a labelled select and its button. */
export function BulkChoice({
  label,
  options,
  actionLabel,
  onApply,
}: {
  label: string;
  options: readonly SelectOption[];
  actionLabel: string;
  onApply: (value: string) => Promise<unknown>;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('choice') ?? '');
    setBusy(true);
    try {
      await onApply(value);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="bulk-choice" onSubmit={submit} aria-label={label}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} name="choice" defaultValue={options[0]?.value}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary button-small" disabled={busy}>
        {actionLabel}
      </button>
    </form>
  );
}

/** Sets the status of the ticked rows; `setStatus` answers how many it changed. */
export function BulkStatusChoice<Status extends string>({
  statuses,
  singular,
  outcomes,
  setStatus,
}: {
  statuses: readonly Status[];
  singular: string;
  outcomes: Outcomes;
  setStatus: (status: Status) => Promise<number>;
}) {
  return (
    <BulkChoice
      label="Set status"
      actionLabel="Set status"
      options={codeOptions(statuses)}
      onApply={(status) =>
        outcomes.act(async () => {
          if (!isOneOf(statuses, status)) throw new Error('Choose a status.');
          return `${formatCount(await setStatus(status), singular)} set to ${humanize(status)}.`;
        })
      }
    />
  );
}

/** Deletes the ticked rows once the user confirms; `deleteSelected` answers how many went. */
export function BulkDeleteButton({
  count,
  singular,
  consequence,
  outcomes,
  deleteSelected,
}: {
  count: number;
  singular: string;
  /** What happens to what the rows hold, said before the user confirms. */
  consequence: string;
  outcomes: Outcomes;
  deleteSelected: () => Promise<number>;
}) {
  return (
    <ConfirmButton
      title={`Delete ${singular}s`}
      message={<p>{`Delete ${formatCount(count, singular)}? ${consequence}`}</p>}
      confirmLabel="Delete"
      onError={outcomes.failed}
      onConfirm={() => outcomes.act(async () => `Deleted ${formatCount(await deleteSelected(), singular)}.`)}
    >
      Delete
    </ConfirmButton>
  );
}
