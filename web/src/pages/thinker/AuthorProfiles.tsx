import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { ReadOnlyNote, useCanEditContent } from '../../app/content-modules';
import {
  type AuthorProfileRowFragment,
  AuthorProfilesDocument,
  CreateAuthorProfileDocument,
  DeleteAuthorProfileDocument,
  UpdateAuthorProfileDocument,
} from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { type Column, DataTable } from '../../ui/DataTable';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field, TextAreaField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { formatDate } from '../../ui/format';
import { Badge, Card, Loading, PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { useCursorPages } from '../../ui/paging';
import { RowActions } from './RowActions';

const COLUMNS: readonly Column[] = [
  { label: 'Name' },
  { label: 'Tone' },
  { label: 'Audience' },
  { label: 'Updated' },
  { label: 'Actions', hiddenLabel: true },
];
const FIELDS = ['name', 'tone', 'style', 'audience', 'sampleText', 'isDefault'] as const;
/** Making one profile the default changes another: the list is read again after each change. */
const REFETCH_PROFILES = { refetchQueries: [AuthorProfilesDocument], awaitRefetchQueries: true };

function ProfileForm({ profile, onDone }: { profile: AuthorProfileRowFragment | null; onDone: () => void }) {
  const [createProfile, creating] = useMutation(CreateAuthorProfileDocument, REFETCH_PROFILES);
  const [updateProfile, updating] = useMutation(UpdateAuthorProfileDocument, REFETCH_PROFILES);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const busy = creating.loading || updating.loading;
  const title = profile ? `Edit ${profile.name}` : 'New author profile';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const form = event.currentTarget;
    const { name = '', tone = '', style = '', audience = '', sampleText = '' } = formValues(form);
    const fields = { name, tone, style, audience, sampleText, isDefault: new FormData(form).get('isDefault') === 'on' };
    try {
      if (profile) await updateProfile({ variables: { input: { id: profile.id, ...fields } } });
      else await createProfile({ variables: { input: fields } });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title={title} description="A voice content is written in: who writes, how, and for whom.">
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate aria-label={title}>
        <div className="form-grid">
          <Field
            label="Name"
            name="name"
            required
            defaultValue={profile?.name}
            placeholder="e.g. Friendly expert"
            errors={errorsFor('name')}
          />
          <Field
            label="Tone"
            name="tone"
            defaultValue={profile?.tone}
            placeholder="e.g. Warm, confident, practical"
            errors={errorsFor('tone')}
          />
        </div>
        <Field
          label="Audience"
          name="audience"
          defaultValue={profile?.audience}
          placeholder="e.g. First-time home gardeners with little time"
          errors={errorsFor('audience')}
        />
        <TextAreaField
          label="Style"
          name="style"
          rows={3}
          defaultValue={profile?.style}
          hint="Sentence length, vocabulary, structure, person (we / you), what to avoid."
          errors={errorsFor('style')}
        />
        <TextAreaField
          label="Writing sample"
          name="sampleText"
          rows={5}
          defaultValue={profile?.sampleText}
          hint="A passage written in this voice; the model imitates it. Up to 5,000 characters."
          errors={errorsFor('sampleText')}
        />
        <label className="checkbox">
          <input type="checkbox" name="isDefault" defaultChecked={profile?.isDefault ?? false} />
          <span>Default — used when an operation names no profile</span>
        </label>
        <FormActions busy={busy} busyLabel="Saving…" onCancel={onDone}>
          {profile ? 'Save profile' : 'Create profile'}
        </FormActions>
      </form>
    </Card>
  );
}

function ProfileRow({
  profile,
  canEdit,
  onEdit,
  onError,
}: {
  profile: AuthorProfileRowFragment;
  canEdit: boolean;
  onEdit: () => void;
  onError: (message: string | null) => void;
}) {
  const [deleteProfile] = useMutation(DeleteAuthorProfileDocument, REFETCH_PROFILES);
  return (
    <tr data-testid="author-profile-row">
      <td className="cell-title">
        {profile.name} {profile.isDefault && <Badge tone="accent">Default</Badge>}
      </td>
      <td>{profile.tone || <span className="muted">—</span>}</td>
      <td>{profile.audience || <span className="muted">—</span>}</td>
      <td className="muted">{formatDate(profile.updatedAt)}</td>
      <td className="cell-actions">
        {canEdit && (
          <RowActions
            name={profile.name}
            noun="author profile"
            onEdit={onEdit}
            onError={onError}
            onDelete={() => deleteProfile({ variables: { input: { id: profile.id } } })}
          />
        )}
      </td>
    </tr>
  );
}

export function AuthorProfilesPage() {
  const canEdit = useCanEditContent();
  const pages = useCursorPages('');
  const { data, error, loading } = useQuery(AuthorProfilesDocument, {
    variables: { first: pages.first, after: pages.after },
  });
  // null: no form; 'new': the create form; a profile: its edit form.
  const [editing, setEditing] = useState<AuthorProfileRowFragment | 'new' | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const profiles = data?.authorProfiles.edges.map((edge) => edge.node) ?? [];
  const plan = data?.account.plan;
  const count = data?.authorProfiles.totalCount ?? 0;
  const atLimit = !!plan && count >= plan.maxAuthorProfiles;

  return (
    <div className="page">
      <PageHeader
        title="Author profiles"
        description={
          plan
            ? `The voices your content is written in. ${count} of ${plan.maxAuthorProfiles} on the ${plan.name} plan.`
            : 'The voices your content is written in.'
        }
        actions={
          canEdit &&
          editing === null && (
            <button type="button" className="button" disabled={atLimit} onClick={() => setEditing('new')}>
              New profile
            </button>
          )
        }
      />
      <ReadOnlyNote module="THINKER" />
      {canEdit && plan && atLimit && editing === null && (
        <Banner tone="info">
          {`Your ${plan.name} plan allows ${plan.maxAuthorProfiles} author profile${plan.maxAuthorProfiles === 1 ? '' : 's'}: upgrade the plan or delete a profile to add another.`}
        </Banner>
      )}
      {editing !== null && (
        <ProfileForm
          key={editing === 'new' ? 'new' : editing.id}
          profile={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {error && !data && <Banner tone="error">{describeError(error, []).message}</Banner>}
      {rowError && <Banner tone="error">{rowError}</Banner>}
      {loading && !data && <Loading />}
      {data && (
        <Card>
          <DataTable
            label="Author profiles"
            columns={COLUMNS}
            rowIds={profiles.map((profile) => profile.id)}
            empty={
              <>
                <p className="empty-title">No author profiles yet</p>
                <p className="muted">
                  {canEdit
                    ? 'Create one to give your articles a consistent voice.'
                    : 'An editor can create one to give articles a consistent voice.'}
                </p>
              </>
            }
          >
            {profiles.map((profile) => (
              <ProfileRow
                key={profile.id}
                profile={profile}
                canEdit={canEdit}
                onEdit={() => setEditing(profile)}
                onError={setRowError}
              />
            ))}
          </DataTable>
          {count > 0 && (
            <Pager
              pages={pages}
              shown={profiles.length}
              totalCount={count}
              pageInfo={data.authorProfiles.pageInfo}
              noun="author profiles"
            />
          )}
        </Card>
      )}
    </div>
  );
}
