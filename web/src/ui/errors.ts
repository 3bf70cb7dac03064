// Turns what a failed operation threw into what a form shows: messages next to the fields named
// in `extensions.fields`, everything else in a banner.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { useCallback, useState } from 'react';

export type FieldErrors = Record<string, string[]>;

export interface FormFailure {
  /** For the banner; null when every problem is shown next to its field. */
  message: string | null;
  fields: FieldErrors;
}

const NETWORK_MESSAGE = 'Could not reach IGNY8. Check your connection and try again.';

/** `formFields` are the names the form shows; errors on other fields (or none) go to the banner. */
export function describeError(error: unknown, formFields: readonly string[]): FormFailure {
  const fields: FieldErrors = {};
  const messages: string[] = [];
  if (CombinedGraphQLErrors.is(error)) {
    for (const graphQLError of error.errors) {
      const named = graphQLError.extensions?.fields as FieldErrors | undefined;
      const unplaced: string[] = [];
      for (const [path, fieldMessages] of Object.entries(named ?? {})) {
        // `sectors.2` belongs to the `sectors` field.
        const field = formFields.find((name) => path === name || path.startsWith(`${name}.`));
        if (field) fields[field] = [...(fields[field] ?? []), ...fieldMessages];
        else unplaced.push(`${path}: ${fieldMessages.join('; ')}`);
      }
      if (!named || Object.keys(named).length === 0) messages.push(graphQLError.message);
      else messages.push(...unplaced);
    }
  } else if (ServerError.is(error)) {
    messages.push(
      error.statusCode === 429
        ? 'Too many requests: wait a moment and try again.'
        : `IGNY8 could not answer (status ${error.statusCode}). Try again in a moment.`,
    );
  } else if (error instanceof TypeError) {
    messages.push(NETWORK_MESSAGE);
  } else if (error instanceof Error) {
    messages.push(error.message);
  } else {
    messages.push('Something went wrong. Try again.');
  }
  return { message: messages.length ? messages.join(' ') : null, fields };
}

/** Form error state: `fail(error)` after a failed submit, `errorsFor(name)` beside each field. */
export function useFormErrors(formFields: readonly string[]) {
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const fail = useCallback((error: unknown) => setFailure(describeError(error, formFields)), [formFields]);
  const clear = useCallback(() => setFailure(null), []);
  const errorsFor = (name: string) => failure?.fields[name];
  return { failure, fail, clear, errorsFor, setFailure };
}

/** The string values of a submitted form, trimmed (passwords excepted). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    values[name] = /password/i.test(name) ? value : value.trim();
  }
  return values;
}

/** Whether the server refused the operation with this `extensions.code` (e.g. FORBIDDEN). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((graphQLError) => graphQLError.extensions?.code === code);
}
