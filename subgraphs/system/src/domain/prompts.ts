// Thinker prompts: the shipped default of each type, or the account's own text in its place.
import type { Tx } from '@igny8/db';
import { BadUserInputError, type Caller } from '@igny8/lib';
import type { PromptOverrideRow } from '../store/prompts.js';
import * as promptsStore from '../store/prompts.js';
import { inModule } from './modules.js';
import {
  checkPromptText,
  PROMPT_CATALOG,
  PROMPT_MAX_LENGTH,
  PROMPT_TYPES,
  type PromptDefinition,
  type PromptType,
} from './prompts-catalog.js';
import type { SystemServices } from './services.js';

/** A prompt as the account sees it. */
export interface PromptView {
  definition: PromptDefinition;
  /** The text operations use: the override when there is one, else the default. */
  text: string;
  isCustomised: boolean;
  /** When and by whom the override was saved; null for a default. */
  updatedAt: Date | null;
  updatedBy: string | null;
}

function viewOf(type: PromptType, override: PromptOverrideRow | undefined): PromptView {
  const definition = PROMPT_CATALOG[type];
  return {
    definition,
    text: override?.text ?? definition.defaultText,
    isCustomised: !!override,
    updatedAt: override?.updatedAt ?? null,
    updatedBy: override?.updatedBy ?? null,
  };
}

/** The text an account's `type` operation runs with: its own, else the shipped default. */
export async function promptTextOf(tx: Tx, accountId: string, type: PromptType): Promise<string> {
  const override = await promptsStore.findPromptOverride(tx, accountId, type);
  return override?.text ?? PROMPT_CATALOG[type].defaultText;
}

const braced = (names: readonly string[]) => names.map((name) => `{{${name}}}`).join(', ');

/** Refuses a text an operation could not fill in: it names each offending variable and the allowed ones. */
export function assertValidPromptText(type: PromptType, text: string): void {
  if (!text) throw BadUserInputError.field('text', 'is required');
  if (text.length > PROMPT_MAX_LENGTH) {
    throw BadUserInputError.field('text', `must be at most ${PROMPT_MAX_LENGTH.toLocaleString('en')} characters`);
  }
  const { unknown, missing, malformed } = checkPromptText(type, text);
  const allowed = PROMPT_CATALOG[type].variables.map((v) => v.name);
  const messages: string[] = [];
  if (unknown.length) {
    messages.push(
      `uses ${unknown.length === 1 ? 'an unknown variable' : 'unknown variables'} ${braced(unknown)}; this prompt can use ${braced(allowed)}`,
    );
  }
  if (malformed.length) messages.push(`has placeholders that are not variable names: ${malformed.join(', ')}`);
  if (missing.length) {
    messages.push(
      `must use ${braced(missing)}: the operation cannot work without ${missing.length === 1 ? 'it' : 'them'}`,
    );
  }
  if (messages.length) throw new BadUserInputError(`text: ${messages.join('; ')}`, { text: messages });
}

export function listPrompts(s: SystemServices, caller: Caller): Promise<PromptView[]> {
  return inModule(s, caller, 'thinker', async (tx) => {
    const overrides = await promptsStore.listPromptOverrides(tx, caller.accountId);
    return PROMPT_TYPES.map((type) =>
      viewOf(
        type,
        overrides.find((o) => o.promptType === type),
      ),
    );
  });
}

export function getPrompt(s: SystemServices, caller: Caller, type: PromptType): Promise<PromptView> {
  return inModule(s, caller, 'thinker', async (tx) =>
    viewOf(type, await promptsStore.findPromptOverride(tx, caller.accountId, type)),
  );
}

/** Saves the account's text; saving the default text itself is the same as a reset. */
export function savePrompt(s: SystemServices, caller: Caller, type: PromptType, text: string): Promise<PromptView> {
  const trimmed = text.trim();
  return inModule(s, caller, 'thinker', async (tx) => {
    assertValidPromptText(type, trimmed);
    if (trimmed === PROMPT_CATALOG[type].defaultText) {
      await promptsStore.deletePromptOverride(tx, caller.accountId, type);
      return viewOf(type, undefined);
    }
    const row = await promptsStore.upsertPromptOverride(tx, {
      accountId: caller.accountId,
      promptType: type,
      text: trimmed,
      updatedBy: caller.userId,
    });
    return viewOf(type, row);
  });
}

export function resetPrompt(s: SystemServices, caller: Caller, type: PromptType): Promise<PromptView> {
  return inModule(s, caller, 'thinker', async (tx) => {
    await promptsStore.deletePromptOverride(tx, caller.accountId, type);
    return viewOf(type, undefined);
  });
}
