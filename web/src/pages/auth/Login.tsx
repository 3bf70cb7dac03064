import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { signOutReason, startSession } from '../../auth/session';
import { LoginDocument } from '../../gql/graphql';
import { AuthCard } from '../../ui/AuthCard';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field } from '../../ui/Field';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const [login, { loading }] = useMutation(LoginDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { email = '', password = '' } = formValues(event.currentTarget);
    try {
      const { data } = await login({ variables: { input: { email, password } } });
      // The guard around this page takes the user on once the session starts.
      if (data) startSession(data.login);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <AuthCard
      title="Sign in to IGNY8"
      subtitle="Welcome back. Your sites and content are waiting."
      footer={
        <>
          New to IGNY8? <Link to="/register">Create an account</Link>
        </>
      }
    >
      {!failure && signOutReason() === 'expired' && (
        <Banner tone="info">Your session has ended. Sign in again to continue.</Banner>
      )}
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate>
        <Field label="E-mail" name="email" type="email" autoComplete="email" required errors={errorsFor('email')} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={errorsFor('password')}
        />
        <div className="form-row-end">
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
        <button type="submit" className="button button-block" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
