// The Job entity belongs to the automation subgraph; the planner adds what its jobs made to it.
import { builder } from '../builder.js';

export const JobRef = builder.objectRef<{ id: string }>('Job');
builder.asEntity(JobRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref) => ({ id: ref.id }),
});
JobRef.implement({ fields: (t) => ({ id: t.exposeID('id') }) });
