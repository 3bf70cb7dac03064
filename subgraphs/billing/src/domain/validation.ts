// Input rules shared by the GraphQL inputs of the billing subgraph.
import { displayText, inputs } from '@igny8/lib';
import { z } from 'zod';

export const { uuid } = inputs;

export const operation = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z][a-z0-9_]*$/, 'must be an operation key such as content_generation');

/** How many of the operation's unit (12.5 for 1,250 words of content priced per 100 words). */
export const units = z.number().positive('must be greater than 0').max(1_000_000, 'must be at most 1,000,000');

/** Credits of one operation's cost or one capture. */
export const credits = z.number().int().min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1,000,000');

export const tokens = z.number().int().min(0, 'must be 0 or more');

export const adjustment = z
  .number()
  .int()
  .min(-10_000_000, 'must be at least -10,000,000')
  .max(10_000_000, 'must be at most 10,000,000')
  .refine((n) => n !== 0, 'must not be 0: give the credits to add (positive) or remove (negative)');

export const reason = z
  .string()
  .trim()
  .min(3, 'is required (at least 3 characters): say why, it is kept in the ledger')
  .max(500, 'must be at most 500 characters');

export const displayName = displayText().min(1, 'is required').max(120, 'must be at most 120 characters');
export const model = z.string().trim().max(120, 'must be at most 120 characters');
export const description = z.string().trim().max(500, 'must be at most 500 characters');
export const timestamp = z.date({ error: 'must be an ISO-8601 timestamp' });
