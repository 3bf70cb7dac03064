// Input rules of the writer's GraphQL inputs.
import { displayText, inputs } from '@igny8/lib';
import { z } from 'zod';

export const { uuid, ids, search } = inputs;

export const title = displayText()
  .min(1, { message: 'is required', abort: true })
  .min(3, 'must be at least 3 characters')
  .max(200, 'must be at most 200 characters');
export const description = z.string().trim().max(5_000, 'must be at most 5,000 characters');
export const keyword = displayText()
  .min(1, { message: 'is required', abort: true })
  .max(120, 'must be at most 120 characters');
export const keywords = z.array(keyword).max(20, 'must name at most 20 keywords');
export const wordCountTarget = z
  .number()
  .int('must be a whole number')
  .min(300, 'must be at least 300 words')
  .max(10_000, 'must be at most 10,000 words');
export const outline = z
  .array(
    z.looseObject({
      heading: displayText().min(1, 'is required').max(200, 'must be at most 200 characters'),
      points: z.array(z.string().trim().max(300, 'must be at most 300 characters')).max(12),
    }),
  )
  .max(12, 'must have at most 12 sections');
/** An article body: big enough for a long article with tables, small enough to refuse a dump. */
export const html = z.string().max(500_000, 'must be at most 500,000 characters');
export const metaTitle = z.string().trim().max(120, 'must be at most 120 characters');
export const metaDescription = z.string().trim().max(320, 'must be at most 320 characters');
export const slug = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(120, 'must be at most 120 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes, such as how-to-train-a-puppy');
export const note = z.string().trim().max(2_000, 'must be at most 2,000 characters');
