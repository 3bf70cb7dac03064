// The automation subgraph schema: importing each file registers its types on the builder.
import { FEDERATION_LINK } from '@igny8/lib';
import { builder } from '../builder.js';
import './job.js';

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const automationSchema = builder.toSubGraphSchema(FEDERATION_LINK);
