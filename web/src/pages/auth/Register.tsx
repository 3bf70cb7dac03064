import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { startSession } from '../../auth/session';
import { RegisterDocument } from '../../gql/graphql';
import { AuthCard } from '../../ui/AuthCard';
import { FormFailureBanner } from '../../ui/Banner';
import { formValues, useFormErrors } from '../../ui/errors';
import { Field } from '../../ui/Field';

const FIELDS = ['name', 'email', 'password', 'accountName'] as const;

export function RegisterPage() {
  const [register, { loading }] = useMutation(RegisterDocument);
  const { failure, fail, clear, errorsFor } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    const { name = '', email = '', password = '', accountName = '' } = formValues(event.currentTarget);
    try {
      const { data } = await register({ variables: { input: { name, email, password, accountName } } });
      if (data) startSession(data.register);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <AuthCard
      title="Create your account"
      subtitle="Start on the Free plan with 100 credits. No card needed."
      footer={
        <>
          Already have an account? <Link to="/login">Sign in</Link>
        </>
      }
    >
      <FormFailureBanner failure={failure} />
      <form onSubmit={submit} className="form" noValidate>
        <Field label="Your name" name="name" autoComplete="name" required errors={errorsFor('name')} />
        <Field
          label="Work e-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          errors={errorsFor('email')}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters, mixing letters with digits or symbols."
          errors={errorsFor('password')}
        />
        <Field
          label="Account name"
          name="accountName"
          autoComplete="organization"
          required
          hint="Your agency or company. You can change it later."
          errors={errorsFor('accountName')}
        />
        <button type="submit" className="button button-block" disabled={loading}>
          {loading ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
    </AuthCard>
  );
}
