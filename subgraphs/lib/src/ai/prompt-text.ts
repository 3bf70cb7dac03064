// `{{variable}}` placeholders in prompt texts: which a text uses, and the text filled in.

/** A `{{name}}` placeholder (spaces inside the braces allowed). */
export const PROMPT_PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variable names a text uses, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(PROMPT_PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * `text` with each `{{variable}}` replaced by its value; a variable without a value becomes empty
 * (optional variables an operation has nothing for).
 */
export function fillPromptText(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(PROMPT_PLACEHOLDER, (_match, name: string) => values[name] ?? '');
}
