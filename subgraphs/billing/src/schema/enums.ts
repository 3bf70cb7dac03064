import { CREDIT_HOLD_STATUSES, CREDIT_TRANSACTION_TYPES } from '@igny8/db/billing';
import { enumOf } from '@igny8/lib';
import { builder } from '../builder.js';

export const CreditTransactionTypeEnum = enumOf(
  builder,
  'CreditTransactionType',
  CREDIT_TRANSACTION_TYPES,
  'subscription: plan credits granted; purchase: a package bought; deduction: an AI job charged; refund; adjustment: by the platform operator.',
);

export const CreditHoldStatusEnum = enumOf(
  builder,
  'CreditHoldStatus',
  CREDIT_HOLD_STATUSES,
  'held: set aside for a running job; captured: charged; released: given back.',
  { inaccessible: true },
);
