// Entities of other subgraphs the planner points at: stubs by id, resolved by their owners.
import { entityStub } from '@igny8/lib';
import { builder } from '../builder.js';

const stub = (name: string) => entityStub(builder, name);

export const SiteRef = stub('Site');
export const SectorRef = stub('Sector');
export const UserRef = stub('User');

export const refOf = (id: string | null) => (id ? { id } : null);
