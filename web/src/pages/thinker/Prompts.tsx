import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import {
  type PromptEditorFragment,
  PromptsDocument,
  type PromptType,
  ResetPromptDocument,
  SavePromptDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { describeError, useFormErrors } from '../../ui/errors';
import { TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatDateTime } from '../../ui/format';
import { Badge, Loading, PageHeader } from '../../ui/PageHeader';

const FIELDS = ['text'] as const;
/** Prompts have no id to be cached by: the list is read again after each change. */
const REFETCH_PROMPTS = { refetchQueries: [PromptsDocument], awaitRefetchQueries: true };

const braced = (name: string) => `{{${name}}}`;

function VariableList({ prompt, onInsert }: { prompt: PromptEditorFragment; onInsert?: (name: string) => void }) {
  return (
    <ul className="module-list" aria-label={`Variables of the ${prompt.label} prompt`}>
      {prompt.variables.map((variable) => (
        <li key={variable.name} className="module-row">
          <div>
            <p className="module-name">
              <code>{braced(variable.name)}</code> {variable.required && <Badge tone="warning">Required</Badge>}
            </p>
            <p className="muted">{variable.description}</p>
          </div>
          {onInsert && (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Insert ${braced(variable.name)}`}
              onClick={() => onInsert(variable.name)}
            >
              Insert
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function PromptForm({ prompt, onDone }: { prompt: PromptEditorFragment; onDone: () => void }) {
  const [savePrompt, { loading }] = useMutation(SavePromptDocument, REFETCH_PROMPTS);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const form = useRef<HTMLFormElement>(null);

  const textArea = () => form.current?.elements.namedItem('text') as HTMLTextAreaElement | null;

  /** Puts `{{name}}` where the cursor is, as if typed. */
  const insert = (name: string) => {
    const area = textArea();
    if (!area) return;
    const { selectionStart, selectionEnd, value } = area;
    area.value = `${value.slice(0, selectionStart)}${braced(name)}${value.slice(selectionEnd)}`;
    const cursor = selectionStart + braced(name).length;
    area.focus();
    area.setSelectionRange(cursor, cursor);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const text = textArea()?.value ?? '';
    try {
      await savePrompt({ variables: { input: { type: prompt.type, text } } });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <form ref={form} onSubmit={submit} className="form" noValidate aria-label={`Edit the ${prompt.label} prompt`}>
      <FormFailureBanner failure={failure} />
      <TextAreaField
        label="Prompt text"
        name="text"
        rows={18}
        defaultValue={prompt.text}
        spellCheck={false}
        style={{ fontFamily: 'var(--font-mono)', fontSize: '0.85rem' }}
        hint="Use only the variables below; the required ones must appear. The operation fills them in before it calls the model."
        errors={errorsFor('text')}
      />
      <VariableList prompt={prompt} onInsert={insert} />
      <FormActions busy={loading} busyLabel="Saving…" onCancel={onDone}>
        Save prompt
      </FormActions>
    </form>
  );
}

function PromptCard({
  prompt,
  canEdit,
  editing,
  onEdit,
}: {
  prompt: PromptEditorFragment;
  canEdit: boolean;
  editing: boolean;
  onEdit: (type: PromptType | null) => void;
}) {
  const [resetPrompt] = useMutation(ResetPromptDocument, REFETCH_PROMPTS);
  const [failure, setFailure] = useState<string | null>(null);
  const titleId = useId();

  return (
    <article className="card" aria-labelledby={titleId} data-testid="prompt-card">
      <div className="card-header">
        <div>
          <h2 className="card-title" id={titleId}>
            {prompt.label} {prompt.isCustomised ? <Badge tone="accent">Customised</Badge> : <Badge>Default</Badge>}
          </h2>
          <p className="card-description">{prompt.description}</p>
          {prompt.isCustomised && (
            <p className="card-description">
              Changed {formatDateTime(prompt.updatedAt)}
              {prompt.updatedBy ? ` by ${prompt.updatedBy.name}` : ''}
            </p>
          )}
        </div>
        {canEdit && !editing && (
          <div className="card-actions">
            <button type="button" className="button button-secondary button-small" onClick={() => onEdit(prompt.type)}>
              Edit
            </button>
            {prompt.isCustomised && (
              <ConfirmButton
                title="Reset prompt"
                message={
                  <p>
                    Go back to the default <strong>{prompt.label}</strong> prompt? Your text is discarded; operations
                    use the default from now on.
                  </p>
                }
                confirmLabel="Reset to default"
                aria-label={`Reset the ${prompt.label} prompt to its default`}
                onError={setFailure}
                onConfirm={() => resetPrompt({ variables: { input: { type: prompt.type } } })}
              >
                Reset to default
              </ConfirmButton>
            )}
          </div>
        )}
      </div>
      {failure && <Banner tone="error">{failure}</Banner>}
      {editing ? (
        <PromptForm prompt={prompt} onDone={() => onEdit(null)} />
      ) : (
        <details>
          <summary>Show the text and its variables</summary>
          <pre style={{ whiteSpace: 'pre-wrap', fontSize: '0.85rem' }}>{prompt.text}</pre>
          <VariableList prompt={prompt} />
        </details>
      )}
    </article>
  );
}

export function PromptsPage() {
  const canEdit = useCanEditContent();
  const { data, error, loading } = useQuery(PromptsDocument);
  const [editing, setEditing] = useState<PromptType | null>(null);

  return (
    <div className="page">
      <PageHeader
        title="Prompts"
        description="The instructions each AI operation sends to the model. Change one to shape how IGNY8 works for this account; reset it to go back to the shipped default."
      />
      <ReadOnlyNote module="THINKER" />
      {error && !data && <Banner tone="error">{describeError(error, []).message}</Banner>}
      {loading && !data && <Loading />}
      {data && (
        <p className="muted">
          {data.prompts.filter((p) => p.isCustomised).length} of {data.prompts.length} prompts customised.
        </p>
      )}
      <div className="site-list">
        {data?.prompts.map((prompt) => (
          <PromptCard
            key={prompt.type}
            prompt={prompt}
            canEdit={canEdit}
            editing={editing === prompt.type}
            onEdit={setEditing}
          />
        ))}
      </div>
    </div>
  );
}
