import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ConfirmPasswordResetDocument } from '../../gql/graphql';
import { AuthCard } from '../../ui/AuthCard';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { NewPasswordFields } from '../../ui/NewPasswordFields';

const FIELDS = ['newPassword', 'confirmPassword'] as const;

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [confirmReset, { loading }] = useMutation(ConfirmPasswordResetDocument);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(FIELDS);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { newPassword = '', confirmPassword = '' } = formValues(event.currentTarget);
    if (newPassword !== confirmPassword) {
      setFailure({ message: null, fields: { confirmPassword: ['does not match the new password'] } });
      return;
    }
    try {
      await confirmReset({ variables: { input: { token: token ?? '', newPassword } } });
      setDone(true);
    } catch (error) {
      fail(error);
    }
  };

  let body = (
    <>
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate>
        <NewPasswordFields name="newPassword" label="New password" errorsFor={errorsFor} />
        <button type="submit" className="button button-block" disabled={loading}>
          {loading ? 'Saving…' : 'Set new password'}
        </button>
      </form>
    </>
  );
  if (!token) {
    body = (
      <Banner tone="error" title="This link is incomplete">
        Open the link from the e-mail again, or <Link to="/forgot-password">ask for a new one</Link>.
      </Banner>
    );
  } else if (done) {
    body = (
      <Banner tone="success" title="Your password is changed">
        Every other session was signed out. <Link to="/login">Sign in with the new password</Link>.
      </Banner>
    );
  }

  return (
    <AuthCard title="Choose a new password" footer={<Link to="/login">Back to sign in</Link>}>
      {body}
    </AuthCard>
  );
}
