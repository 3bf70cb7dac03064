// Input rules shared by the GraphQL inputs of the system subgraph.
import { displayText, inputs } from '@igny8/lib';
import { z } from 'zod';

export const { uuid } = inputs;

export const email = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .email('must be a valid e-mail address');

export const password = z
  .string()
  .min(1, { message: 'is required', abort: true })
  .min(10, 'must be at least 10 characters')
  .max(128, 'must be at most 128 characters')
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), 'must mix letters with digits or symbols')
  .refine((p) => new Set(p).size >= 5, 'is too repetitive');

export const personName = displayText().min(1, 'is required').max(120, 'must be at most 120 characters');
export const optionalName = displayText().max(120, 'must be at most 120 characters');
export const title = displayText().min(1, 'is required').max(120, 'must be at most 120 characters');

export const timezone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin');

export const domain = z
  .string()
  .trim()
  .max(253, 'must be at most 253 characters')
  .regex(/^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?(\/.*)?$/i, 'must be a domain such as example.com');

export const language = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or pt-BR');

export const shortText = z.string().trim().max(500, 'must be at most 500 characters');
export const emptyString = z.literal('');
/** Secrets and tokens are not trimmed, only bounded. */
export const secretInput = z.string().min(1, 'is required').max(512, 'must be at most 512 characters');
export const sectorNames = z.array(title).max(5, 'a site has at most 5 sectors');
