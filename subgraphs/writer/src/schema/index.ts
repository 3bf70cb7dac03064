// The writer subgraph schema: importing each file registers its types on the builder.
import { FEDERATION_LINK } from '@igny8/lib';
import { builder } from '../builder.js';
import './enums.js';
import './refs.js';
import './task.js';
import './content.js';
import './facets.js';
import './image.js';
import './terms.js';

builder.queryType({});
builder.mutationType({});

export const writerSchema = builder.toSubGraphSchema(FEDERATION_LINK);
