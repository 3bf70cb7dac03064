import { createBuilder, type RequestContext } from '@igny8/lib';
import type { WriterServices } from './domain/services.js';

export interface WriterContext extends RequestContext {
  writer: WriterServices;
}

export const builder = createBuilder<WriterContext>();
