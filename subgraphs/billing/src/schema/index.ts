// The billing subgraph schema: importing each file registers its types on the builder.
import { FEDERATION_LINK } from '@igny8/lib';
import { builder } from '../builder.js';
import './enums.js';
import './balance.js';
import './transactions.js';
import './usage.js';
import './costs.js';
import './holds.js';

builder.queryType({});
builder.mutationType({});

export const billingSchema = builder.toSubGraphSchema(FEDERATION_LINK);
