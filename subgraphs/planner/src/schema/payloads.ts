// Payloads several planner mutations share.
import { builder } from '../builder.js';

export const DeletePayload = builder.objectRef<{ deletedCount: number }>('PlannerDeletePayload').implement({
  description: 'How many of the named items were deleted (ids that did not exist are ignored).',
  fields: (t) => ({ deletedCount: t.exposeInt('deletedCount') }),
});
