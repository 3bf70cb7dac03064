import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import { CONTENT_TYPES } from '../../app/content-types';
import {
  CreateStrategyDocument,
  DeleteStrategyDocument,
  StrategiesDocument,
  type StrategyRowFragment,
  UpdateStrategyDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { type Column, DataTable } from '../../ui/DataTable';
import { describeError, type FieldErrors, formValues, useFormErrors } from '../../ui/errors';
import { Field, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { humanize } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';
import { RowActions } from './RowActions';

const COLUMNS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Content types' },
  { label: 'Words' },
  { label: 'Rules' },
  { label: 'Actions', hiddenLabel: true },
];
const FIELDS = ['name', 'description', 'contentTypes', 'rules', 'minWords', 'maxWords', 'isDefault'] as const;
/** Making one strategy the default changes another: the list is read again after each change. */
const REFETCH_STRATEGIES = { refetchQueries: [StrategiesDocument], awaitRefetchQueries: true };

/** A whole number typed into a field, or the message for it. */
function wordCount(value: string | undefined): number | string {
  if (!value) return 'is required';
  const n = Number(value);
  return Number.isInteger(n) ? n : 'must be a whole number';
}

function StrategyForm({ strategy, onDone }: { strategy: StrategyRowFragment | null; onDone: () => void }) {
  const [createStrategy, creating] = useMutation(CreateStrategyDocument, REFETCH_STRATEGIES);
  const [updateStrategy, updating] = useMutation(UpdateStrategyDocument, REFETCH_STRATEGIES);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(FIELDS);
  const busy = creating.loading || updating.loading;
  const title = strategy ? `Edit ${strategy.name}` : 'New strategy';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const form = event.currentTarget;
    const data = new FormData(form);
    const { name = '', description = '', rules = '', minWords, maxWords } = formValues(form);
    const min = wordCount(minWords);
    const max = wordCount(maxWords);
    const local: FieldErrors = {};
    if (typeof min === 'string') local.minWords = [min];
    if (typeof max === 'string') local.maxWords = [max];
    if (Object.keys(local).length) {
      setFailure({ message: null, fields: local });
      return;
    }
    const fields = {
      name,
      description,
      contentTypes: CONTENT_TYPES.filter((type) => data.getAll('contentTypes').includes(type)),
      rules: rules
        .split('\n')
        .map((rule) => rule.trim())
        .filter(Boolean),
      minWords: min as number,
      maxWords: max as number,
      isDefault: data.get('isDefault') === 'on',
    };
    try {
      if (strategy) await updateStrategy({ variables: { input: { id: strategy.id, ...fields } } });
      else await createStrategy({ variables: { input: fields } });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title={title} description="Rules and a length target for content of the types you choose.">
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate aria-label={title}>
        <Field
          label="Name"
          name="name"
          required
          defaultValue={strategy?.name}
          placeholder="e.g. Evergreen guides"
          errors={errorsFor('name')}
        />
        <TextAreaField
          label="Description"
          name="description"
          rows={2}
          defaultValue={strategy?.description}
          errors={errorsFor('description')}
        />
        <fieldset className="fieldset-plain field">
          <legend>Content types</legend>
          <div className="checkbox-row">
            {CONTENT_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  name="contentTypes"
                  value={type}
                  defaultChecked={strategy?.contentTypes.includes(type) ?? false}
                />
                <span>{humanize(type)}</span>
              </label>
            ))}
          </div>
          {errorsFor('contentTypes') && <p className="field-error">{errorsFor('contentTypes')?.join(' · ')}</p>}
        </fieldset>
        <div className="form-grid">
          <Field
            label="Minimum words"
            name="minWords"
            type="number"
            min={100}
            step={50}
            required
            defaultValue={strategy?.minWords ?? 1000}
            errors={errorsFor('minWords')}
          />
          <Field
            label="Maximum words"
            name="maxWords"
            type="number"
            min={100}
            step={50}
            required
            defaultValue={strategy?.maxWords ?? 1500}
            errors={errorsFor('maxWords')}
          />
        </div>
        <TextAreaField
          label="Rules"
          name="rules"
          rows={5}
          defaultValue={strategy?.rules.join('\n')}
          placeholder={'Answer the question in the first paragraph\nInclude a comparison table'}
          hint="One rule per line, in the order the writer should follow them. Up to 30."
          errors={errorsFor('rules')}
        />
        <label className="checkbox">
          <input type="checkbox" name="isDefault" defaultChecked={strategy?.isDefault ?? false} />
          <span>Default — used when an operation names no strategy</span>
        </label>
        <FormActions busy={busy} busyLabel="Saving…" onCancel={onDone}>
          {strategy ? 'Save strategy' : 'Create strategy'}
        </FormActions>
      </form>
    </Card>
  );
}

function StrategyRow({
  strategy,
  canEdit,
  onEdit,
  onError,
}: {
  strategy: StrategyRowFragment;
  canEdit: boolean;
  onEdit: () => void;
  onError: (message: string | null) => void;
}) {
  const [deleteStrategy] = useMutation(DeleteStrategyDocument, REFETCH_STRATEGIES);
  return (
    <tr data-testid="strategy-row">
      <td className="cell-title">
        {strategy.name} {strategy.isDefault && <Badge tone="accent">Default</Badge>}
        {strategy.description && <p className="muted">{strategy.description}</p>}
      </td>
      <td>
        {strategy.contentTypes.map((type) => (
          <Badge key={type}>{humanize(type)}</Badge>
        ))}
      </td>
      <td>
        {strategy.minWords.toLocaleString()}–{strategy.maxWords.toLocaleString()}
      </td>
      <td className="muted">
        {strategy.rules.length} rule{strategy.rules.length === 1 ? '' : 's'}
      </td>
      <td className="cell-actions">
        {canEdit && (
          <RowActions
            name={strategy.name}
            noun="strategy"
            onEdit={onEdit}
            onError={onError}
            onDelete={() => deleteStrategy({ variables: { input: { id: strategy.id } } })}
          />
        )}
      </td>
    </tr>
  );
}

export function StrategiesPage() {
  const canEdit = useCanEditContent();
  const pages = useCursorPages('');
  const { data, error, loading } = useQuery(StrategiesDocument, {
    variables: { first: pages.first, after: pages.after },
  });
  const [editing, setEditing] = useState<StrategyRowFragment | 'new' | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const strategies = data?.strategies.edges.map((edge) => edge.node) ?? [];

  return (
    <div className="page">
      <PageHeader
        title="Strategies"
        description="How each kind of content is written: the rules the writer follows and how long it should be."
        actions={
          canEdit &&
          editing === null && (
            <button type="button" className="button" onClick={() => setEditing('new')}>
              New strategy
            </button>
          )
        }
      />
      <ReadOnlyNote module="THINKER" />
      {editing !== null && (
        <StrategyForm
          key={editing === 'new' ? 'new' : editing.id}
          strategy={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {error && !data && <Banner tone="error">{describeError(error, []).message}</Banner>}
      {rowError && <Banner tone="error">{rowError}</Banner>}
      {loading && !data && <Loading />}
      {data && (
        <Card>
          <DataTable
            label="Strategies"
            columns={COLUMNS}
            rowIds={strategies.map((strategy) => strategy.id)}
            empty={
              <>
                <p className="empty-title">No strategies yet</p>
                <p className="muted">
                  A strategy tells the writer how to handle guides, reviews, product pages and more.
                </p>
              </>
            }
          >
            {strategies.map((strategy) => (
              <StrategyRow
                key={strategy.id}
                strategy={strategy}
                canEdit={canEdit}
                onEdit={() => setEditing(strategy)}
                onError={setRowError}
              />
            ))}
          </DataTable>
          {data.strategies.totalCount > 0 && (
            <Pager
              pages={pages}
              shown={strategies.length}
              totalCount={data.strategies.totalCount}
              pageInfo={data.strategies.pageInfo}
              noun="strategies"
            />
          )}
        </Card>
      )}
    </div>
  );
}
