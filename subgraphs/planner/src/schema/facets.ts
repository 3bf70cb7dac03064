// The object types of the lists' filter options: `{ value, count }` of one enum value.
import type { OutputRef } from '@pothos/core';
import { builder } from '../builder.js';
import type { EnumCount } from '../domain/facets.js';
import { KeywordIntentEnum } from './enums.js';

/** `<Enum>Count`: one option of a list's filter and how many items of the list have it. */
export const enumCountRef = (name: string, type: OutputRef<string>) =>
  builder.objectRef<EnumCount<string>>(name).implement({
    description: 'One value of a filter, and how many items of the list have it.',
    fields: (t) => ({
      value: t.field({ type, resolve: (c) => c.value }),
      count: t.exposeInt('count'),
    }),
  });

/** Keywords and clusters both count their intents. */
export const KeywordIntentCount = enumCountRef('KeywordIntentCount', KeywordIntentEnum);
