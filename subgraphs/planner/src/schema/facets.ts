// The object types of the lists' filter options: `{ value, count }` of one enum value.
import { enumCountRef as enumCountOf } from '@igny8/lib';
import type { OutputRef } from '@pothos/core';
import { builder } from '../builder.js';
import { KeywordIntentEnum } from './enums.js';

/** `<Enum>Count` in the planner's schema (the type is @igny8/lib's, shared with the writer). */
export const enumCountRef = (name: string, type: OutputRef<string>) => enumCountOf(builder, name, type);

/** Keywords and clusters both count their intents. */
export const KeywordIntentCount = enumCountRef('KeywordIntentCount', KeywordIntentEnum);
