// Entities of other subgraphs the planner points at: stubs by id, resolved by their owners.
import { builder } from '../builder.js';

function stub(name: string) {
  const ref = builder.objectRef<{ id: string }>(name);
  builder.asEntity(ref, {
    key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
    resolveReference: (entity) => entity,
  });
  ref.implement({ fields: (t) => ({ id: t.exposeID('id') }) });
  return ref;
}

export const SiteRef = stub('Site');
export const SectorRef = stub('Sector');
export const UserRef = stub('User');

export const refOf = (id: string | null) => (id ? { id } : null);
