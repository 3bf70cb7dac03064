// Entities of other subgraphs the writer points at (stubs by id, resolved by their owners), and
// the Job entity the writer's jobs add to.
import { entityStub } from '@igny8/lib';
import { builder } from '../builder.js';

const stub = (name: string) => entityStub(builder, name);

export const SiteRef = stub('Site');
export const SectorRef = stub('Sector');
export const UserRef = stub('User');

/** Planner entities the writer adds fields to (resolvable here: the writer answers what it adds). */
function extended(name: string) {
  const ref = builder.objectRef<{ id: string }>(name);
  builder.asEntity(ref, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: (entity) => ({ id: entity.id }),
  });
  ref.implement({ fields: (t) => ({ id: t.exposeID('id') }) });
  return ref;
}

export const ClusterRef = extended('Cluster');
export const IdeaRef = extended('ContentIdea');
export const JobRef = extended('Job');

export const refOf = (id: string | null) => (id ? { id } : null);
