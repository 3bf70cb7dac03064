import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { RequestPasswordResetDocument } from '../../gql/graphql';
import { AuthCard } from '../../ui/AuthCard';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field } from '../../ui/Field';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const [requestReset, { loading }] = useMutation(RequestPasswordResetDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { email = '' } = formValues(event.currentTarget);
    try {
      await requestReset({ variables: { input: { email } } });
      setSentTo(email);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <AuthCard
      title="Reset your password"
      subtitle="Enter the e-mail you sign in with and we will send you a link to choose a new password."
      footer={<Link to="/login">Back to sign in</Link>}
    >
      {sentTo ? (
        <Banner tone="success" title="Check your inbox">
          If an account exists for {sentTo}, a reset link is on its way. It works once and expires soon.
        </Banner>
      ) : (
        <>
          <FormFailureBanner failure={failure} />
          <form onSubmit={submit} className="form" noValidate>
            <Field label="E-mail" name="email" type="email" autoComplete="email" required errors={errorsFor('email')} />
            <button type="submit" className="button button-block" disabled={loading}>
              {loading ? 'Sending…' : 'Send reset link'}
            </button>
          </form>
        </>
      )}
    </AuthCard>
  );
}
