import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { endSession, sessionStatus, startSession } from '../../auth/session';
import { AcceptInviteDocument } from '../../gql/graphql';
import { AuthCard } from '../../ui/AuthCard';
import { Banner, FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field } from '../../ui/Field';
import { NewPasswordFields } from '../../ui/NewPasswordFields';

const FIELDS = ['firstName', 'lastName', 'password', 'confirmPassword'] as const;

export function AcceptInvitePage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const [acceptInvite, { loading }] = useMutation(AcceptInviteDocument);
  const { failure, fail, clear, errorsFor, setFailure } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { firstName, lastName, password = '', confirmPassword = '' } = formValues(event.currentTarget);
    if (password !== confirmPassword) {
      setFailure({ message: null, fields: { confirmPassword: ['does not match the password'] } });
      return;
    }
    try {
      const { data } = await acceptInvite({
        variables: {
          input: { token: token ?? '', password, firstName: firstName || null, lastName: lastName || null },
        },
      });
      if (!data) return;
      // Someone else signed in on this browser: end their session before starting the new one.
      if (sessionStatus() === 'signed-in') await endSession();
      startSession(data.acceptInvite);
      navigate('/sites', { replace: true });
    } catch (error) {
      fail(error);
    }
  };

  if (!token) {
    return (
      <AuthCard title="Join your team">
        <Banner tone="error" title="This invite link is incomplete">
          Ask the person who invited you to copy the whole link again.
        </Banner>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Join your team"
      subtitle="You were invited to an IGNY8 account. Choose a password to finish setting up."
      footer={
        <>
          Already set up? <Link to="/login">Sign in</Link>
        </>
      }
    >
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate>
        <div className="form-grid">
          <Field label="First name" name="firstName" autoComplete="given-name" errors={errorsFor('firstName')} />
          <Field label="Last name" name="lastName" autoComplete="family-name" errors={errorsFor('lastName')} />
        </div>
        <NewPasswordFields name="password" label="Password" errorsFor={errorsFor} />
        <button type="submit" className="button button-block" disabled={loading}>
          {loading ? 'Joining…' : 'Join and sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
