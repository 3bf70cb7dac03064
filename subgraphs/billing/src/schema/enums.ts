import { CREDIT_HOLD_STATUSES, CREDIT_TRANSACTION_TYPES } from '@igny8/db/billing';
import { upperCaseEnumValues } from '@igny8/lib';
import { builder } from '../builder.js';

/** A GraphQL enum whose values are the UPPER_CASE form of the stored lower-case values. */
function enumOf<const T extends readonly string[]>(
  name: string,
  values: T,
  description: string,
  options: { inaccessible?: boolean } = {},
) {
  return builder.enumType(name, { description, ...options, values: upperCaseEnumValues(values) });
}

export const CreditTransactionTypeEnum = enumOf(
  'CreditTransactionType',
  CREDIT_TRANSACTION_TYPES,
  'subscription: plan credits granted; purchase: a package bought; deduction: an AI job charged; refund; adjustment: by the platform operator.',
);

export const CreditHoldStatusEnum = enumOf(
  'CreditHoldStatus',
  CREDIT_HOLD_STATUSES,
  'held: set aside for a running job; captured: charged; released: given back.',
  { inaccessible: true },
);
