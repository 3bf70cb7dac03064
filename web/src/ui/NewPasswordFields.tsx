// The "choose a password" pair every form that sets one uses: the password and its repetition.
import { Field } from './Field';

export const PASSWORD_HINT = 'At least 10 characters, mixing letters with digits or symbols.';

export function NewPasswordFields({
  name,
  label,
  errorsFor,
}: {
  /** The field the server knows the password as (`password`, `newPassword`). */
  name: string;
  label: string;
  errorsFor: (field: string) => string[] | undefined;
}) {
  return (
    <>
      <Field
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        errors={errorsFor(name)}
      />
      <Field
        label={`Repeat the ${label.toLowerCase()}`}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errorsFor('confirmPassword')}
      />
    </>
  );
}
