// Input rules shared by the GraphQL inputs of the planner subgraph.
import { displayText, inputs } from '@igny8/lib';
import { z } from 'zod';

export const { uuid, ids, search } = inputs;

export const volume = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000_000);
export const difficulty = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100');
export const cpc = z.number().min(0, 'must be 0 or more').max(100_000, 'must be at most 100,000');
export const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as US');
export const language = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as en or pt-BR');
export const name = displayText().min(1, 'is required').max(120, 'must be at most 120 characters');
export const title = displayText()
  .min(1, { message: 'is required', abort: true })
  .min(3, 'must be at least 3 characters')
  .max(200, 'must be at most 200 characters');
export const description = z.string().trim().max(2_000, 'must be at most 2,000 characters');
export const wordCount = z
  .number()
  .int('must be a whole number')
  .min(100, 'must be at least 100')
  .max(20_000, 'must be at most 20,000');
/**
 * A CSV sent inline in a GraphQL request (the gateway takes bodies up to 1 MB); bigger files go
 * through the REST upload, which streams.
 */
export const CSV_MAX_BYTES = 900_000;

/** An update: every field may be left out, or null (GraphQL's absent optional field). */
export type Patch<T> = { [K in keyof T]?: T[K] | null };
