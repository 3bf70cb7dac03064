// Asking a model for JSON and holding its answer to a zod schema: shared by every provider.
import { z } from 'zod';
import { AiOutputError } from './errors.js';
import type { ChatMessage } from './provider.js';

const EXCERPT_CHARS = 200;

/**
 * The request's messages with a system line asking for one JSON object of the schema's shape. The
 * line joins the first system message rather than adding a second, because some local models'
 * chat templates accept only one system message, and only first.
 */
export function withJsonInstruction(
  messages: ChatMessage[],
  schemaName: string,
  schema: z.ZodType<unknown>,
): ChatMessage[] {
  const jsonSchema = describeSchema(schema);
  const instruction =
    `Answer with one JSON object only: no prose, no code fences. It must match the schema "${schemaName}"` +
    (jsonSchema ? `, given as JSON Schema:\n${jsonSchema}` : '.');
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${instruction}` }, ...rest];
  return [{ role: 'system', content: instruction }, ...messages];
}

/** Parses and validates a model's answer; what is wrong goes into the error message. */
export function parseJsonAnswer<T>(text: string, schema: z.ZodType<T>, schemaName: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripCodeFence(text));
  } catch (error) {
    throw new AiOutputError(
      `The AI answer was not valid JSON (${(error as Error).message}): ${excerpt(text)}`,
      true,
      text,
    );
  }
  const result = schema.safeParse(parsed);
  if (result.success) return result.data;
  throw new AiOutputError(
    `The AI answer did not match ${schemaName}: ${describeIssues(result.error.issues)}`,
    true,
    text,
  );
}

export function excerpt(text: string, chars = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > chars ? `${flat.slice(0, chars)}…` : flat;
}

/** The first few problems, each with the path to the field: "title: expected string, …". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole answer)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

// Local models in JSON mode still wrap the object in a Markdown fence now and then.
function stripCodeFence(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(trimmed);
  return fenced?.[1] ?? trimmed;
}

// The JSON Schema tells the model field names and types far better than a schema name alone; a
// schema zod cannot express as JSON Schema is still asked for, by name.
function describeSchema(schema: z.ZodType<unknown>): string | undefined {
  try {
    const { $schema: _drop, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    return JSON.stringify(jsonSchema);
  } catch {
    return undefined;
  }
}
