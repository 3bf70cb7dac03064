// The system subgraph schema: importing each file registers its types on the builder.
import { FEDERATION_LINK } from '@igny8/lib';
import { builder } from '../builder.js';
import './enums.js';
import './catalog.js';
import './user.js';
import './account.js';
import './auth.js';
import './team.js';
import './mail.js';
import './site.js';
import './api-key.js';
import './prompt.js';
import './author-profile.js';
import './strategy.js';
import './test-image.js';
import './ai-settings.js';
import './workspace.js';
import './notification.js';
import './platform-settings.js';

builder.queryType({});
builder.mutationType({});

export const systemSchema = builder.toSubGraphSchema(FEDERATION_LINK);
