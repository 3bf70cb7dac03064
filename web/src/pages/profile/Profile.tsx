import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { startSession } from '../../auth/session';
import { ChangePasswordDocument, ProfileDocument, type ProfileQuery, UpdateProfileDocument } from '../../gql/graphql';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { describeError, formValues, useFormErrors } from '../../ui/errors';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { humanize } from '../../ui/format';
import { NewPasswordFields } from '../../ui/NewPasswordFields';
import { Card, Loading, PageHeader } from '../../ui/PageHeader';

const PROFILE_FIELDS = ['firstName', 'lastName', 'username'] as const;
const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

function ProfileForm({ me }: { me: NonNullable<ProfileQuery['me']> }) {
  const [updateProfile, { loading }] = useMutation(UpdateProfileDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(PROFILE_FIELDS);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setSaved(false);
    const { firstName = '', lastName = '', username = '' } = formValues(event.currentTarget);
    try {
      await updateProfile({ variables: { input: { firstName, lastName, username } } });
      setSaved(true);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title="Your details">
      {saved && <Banner tone="success">Profile saved.</Banner>}
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate>
        <div className="form-grid">
          <Field
            label="First name"
            name="firstName"
            autoComplete="given-name"
            defaultValue={me.firstName}
            errors={errorsFor('firstName')}
          />
          <Field
            label="Last name"
            name="lastName"
            autoComplete="family-name"
            defaultValue={me.lastName}
            errors={errorsFor('lastName')}
          />
        </div>
        <Field label="Username" name="username" defaultValue={me.username} required errors={errorsFor('username')} />
        <Field
          label="E-mail"
          name="email"
          type="email"
          value={me.email}
          readOnly
          hint="You sign in with this address. Ask support to change it."
        />
        <FormActions busy={loading} busyLabel="Saving…">
          Save profile
        </FormActions>
      </form>
    </Card>
  );
}

function ChangePasswordForm({ email }: { email: string }) {
  const [changePassword, { loading }] = useMutation(ChangePasswordDocument);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(PASSWORD_FIELDS);
  const [changed, setChanged] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    setChanged(false);
    const form = event.currentTarget;
    const { currentPassword = '', newPassword = '', confirmPassword = '' } = formValues(form);
    if (newPassword !== confirmPassword) {
      setFailure({ message: null, fields: { confirmPassword: ['does not match the new password'] } });
      return;
    }
    try {
      const { data } = await changePassword({ variables: { input: { currentPassword, newPassword } } });
      // Every other session ends; this one continues on the pair the server just issued.
      if (data) startSession(data.changePassword);
      form.reset();
      setChanged(true);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Card title="Change password" description="Changing it signs you out everywhere else.">
      {changed && <Banner tone="success">Password changed. Your other sessions were signed out.</Banner>}
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate>
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          errors={errorsFor('currentPassword')}
        />
        <NewPasswordFields name="newPassword" label="New password" errorsFor={errorsFor} />
        <FormActions busy={loading} busyLabel="Changing…">
          Change password
        </FormActions>
      </form>
    </Card>
  );
}

export function ProfilePage() {
  const { data, error, loading } = useQuery(ProfileDocument);
  if (loading && !data) return <Loading />;
  if (!data?.me) return <Banner tone="error">{describeError(error, []).message ?? 'Sign in again.'}</Banner>;
  return (
    <div className="page page-narrow">
      <PageHeader title="Your profile" description={`Signed in as ${data.me.email} · ${humanize(data.me.role)}`} />
      <ProfileForm me={data.me} />
      <ChangePasswordForm email={data.me.email} />
    </div>
  );
}
