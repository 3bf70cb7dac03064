// Ideas → an idea opened for editing: title, description, content type, outline (sections with
// a heading and points), target keywords, word count and status.
import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { CONTENT_TYPES } from '../../app/content-types';
import { type IdeaDetailFragment, PlannerIdeaDocument, UpdateContentIdeaDocument } from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { codeOptions, Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatNumber, humanize, isOneOf, wholeNumberOrNull } from '../../ui/format';
import { Modal } from '../../ui/Modal';
import { Loading } from '../../ui/PageHeader';
import { IDEA_STATUSES } from './labels';

const FIELDS = [
  'title',
  'description',
  'contentType',
  'outline',
  'targetKeywords',
  'estimatedWordCount',
  'status',
] as const;

/** An outline section being edited: its points as the textarea holds them, one per line. */
interface SectionDraft {
  key: number;
  heading: string;
  points: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

let nextSectionKey = 0;
const draftOf = (section: { heading: string; points: string[] }): SectionDraft => ({
  key: nextSectionKey++,
  heading: section.heading,
  points: section.points.join('\n'),
});

function OutlineEditor({
  sections,
  onChange,
  errors,
}: {
  sections: SectionDraft[];
  onChange: (sections: SectionDraft[]) => void;
  errors: string[] | undefined;
}) {
  const update = (index: number, change: Partial<SectionDraft>) =>
    onChange(sections.map((section, i) => (i === index ? { ...section, ...change } : section)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...sections];
    const [section] = next.splice(index, 1);
    next.splice(index + by, 0, section!);
    onChange(next);
  };
  return (
    <fieldset className="fieldset-plain field outline-editor">
      <legend>Outline</legend>
      {sections.length === 0 && <p className="muted">No sections yet.</p>}
      {sections.map((section, index) => (
        <div key={section.key} className="outline-section" data-testid="outline-section">
          <div className="outline-section-head">
            <span className="outline-number">H2 {index + 1}</span>
            <span className="outline-section-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={`Move section ${index + 1} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move section ${index + 1} down`}
                disabled={index === sections.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove section ${index + 1}`}
                onClick={() => onChange(sections.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </span>
          </div>
          <Field
            label={`Heading of section ${index + 1}`}
            name={`heading-${section.key}`}
            value={section.heading}
            onChange={(event) => update(index, { heading: event.currentTarget.value })}
          />
          <TextAreaField
            label={`Points of section ${index + 1}`}
            name={`points-${section.key}`}
            rows={3}
            hint="One point per line."
            value={section.points}
            onChange={(event) => update(index, { points: event.currentTarget.value })}
          />
        </div>
      ))}
      {errors && <p className="field-error">{errors.join(' · ')}</p>}
      <div>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onChange([...sections, draftOf({ heading: '', points: [] })])}
        >
          Add section
        </button>
      </div>
    </fieldset>
  );
}

function IdeaForm({ idea, onDone }: { idea: IdeaDetailFragment; onDone: () => void }) {
  const [updateIdea, { loading }] = useMutation(UpdateContentIdeaDocument);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(FIELDS);
  const [sections, setSections] = useState(() => idea.outline.map(draftOf));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const values = formValues(event.currentTarget);
    const { contentType = '', status = '' } = values;
    const words = wholeNumberOrNull(values.estimatedWordCount ?? '');
    if (words === null) {
      setFailure({ message: null, fields: { estimatedWordCount: ['must be a whole number'] } });
      return;
    }
    try {
      await updateIdea({
        variables: {
          input: {
            id: idea.id,
            title: values.title ?? '',
            description: values.description ?? '',
            contentType: isOneOf(CONTENT_TYPES, contentType) ? contentType : null,
            status: isOneOf(IDEA_STATUSES, status) ? status : null,
            estimatedWordCount: words,
            targetKeywords: lines(values.targetKeywords ?? ''),
            outline: sections.map((section) => ({ heading: section.heading.trim(), points: lines(section.points) })),
          },
        },
      });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <form onSubmit={submit} className="form" noValidate aria-label="Edit idea">
      <FormFailureBanner failure={failure} />
      {idea.cluster && (
        <p className="muted">
          For the cluster <Link to={`/planner/clusters/${idea.cluster.id}`}>{idea.cluster.name}</Link>.
        </p>
      )}
      <Field label="Title" name="title" required defaultValue={idea.title} errors={errorsFor('title')} />
      <TextAreaField
        label="Description"
        name="description"
        rows={3}
        defaultValue={idea.description}
        errors={errorsFor('description')}
      />
      <div className="form-grid">
        <SelectField
          label="Content type"
          name="contentType"
          defaultValue={idea.contentType}
          options={codeOptions(CONTENT_TYPES)}
          errors={errorsFor('contentType')}
        />
        <Field
          label="Estimated words"
          name="estimatedWordCount"
          type="number"
          min={100}
          step={100}
          defaultValue={idea.estimatedWordCount}
          errors={errorsFor('estimatedWordCount')}
        />
        <SelectField
          label="Status"
          name="status"
          defaultValue={idea.status}
          options={codeOptions(IDEA_STATUSES)}
          errors={errorsFor('status')}
        />
      </div>
      <TextAreaField
        label="Target keywords"
        name="targetKeywords"
        rows={4}
        defaultValue={idea.targetKeywords.join('\n')}
        hint="One per line, the primary keyword first."
        errors={errorsFor('targetKeywords')}
      />
      <OutlineEditor sections={sections} onChange={setSections} errors={errorsFor('outline')} />
      <FormActions busy={loading} busyLabel="Saving…" onCancel={onDone}>
        Save idea
      </FormActions>
    </form>
  );
}

/** A read-only view of an idea, for viewers. */
function IdeaSummary({ idea }: { idea: IdeaDetailFragment }) {
  return (
    <div className="idea-summary">
      <p className="muted">
        {humanize(idea.contentType)} · {formatNumber(idea.estimatedWordCount)} words · {humanize(idea.status)}
        {idea.cluster && ` · ${idea.cluster.name}`}
      </p>
      {idea.description && <p>{idea.description}</p>}
      {idea.targetKeywords.length > 0 && (
        <p>
          <strong>Target keywords:</strong> {idea.targetKeywords.join(', ')}
        </p>
      )}
      <ol className="idea-outline">
        {idea.outline.map((section, index) => (
          <li key={`${index}-${section.heading}`}>
            <strong>{section.heading}</strong>
            {section.points.length > 0 && (
              <ul>
                {section.points.map((point, pointIndex) => (
                  <li key={`${pointIndex}-${point}`}>{point}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function IdeaDialog({ id, canEdit, onClose }: { id: string; canEdit: boolean; onClose: () => void }) {
  const { data, error, loading } = useQuery(PlannerIdeaDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const idea = data?.contentIdea;
  return (
    <Modal title={idea ? idea.title : 'Idea'} onClose={onClose} wide>
      {loading && !idea && <Loading label="Loading the idea…" />}
      {error && !idea && <Banner tone="error">{describeError(error, []).message}</Banner>}
      {idea && (canEdit ? <IdeaForm idea={idea} onDone={onClose} /> : <IdeaSummary idea={idea} />)}
    </Modal>
  );
}
