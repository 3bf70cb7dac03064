// The planner subgraph schema: importing each file registers its types on the builder.
import { FEDERATION_LINK } from '@igny8/lib';
import { builder } from '../builder.js';
import './enums.js';
import './refs.js';
import './payloads.js';
import './job.js';
import './cluster.js';
import './keyword.js';
import './idea.js';
import './seed.js';

builder.queryType({});
builder.mutationType({});

export const plannerSchema = builder.toSubGraphSchema(FEDERATION_LINK);
