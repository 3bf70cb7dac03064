// Thinker strategies: which content types they apply to, the rules a writer follows, and a
// length target.
import { BadUserInputError, type Caller, CONTENT_TYPES, type ContentType, NotFoundError, pageOf } from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import type { StrategyRow } from '../store/strategies.js';
import * as strategiesStore from '../store/strategies.js';
import { inModule } from './modules.js';
import type { SystemServices } from './services.js';
import { listQueryOf, type ThinkerListInput, uniqueName } from './thinker.js';

export type { StrategyRow } from '../store/strategies.js';

export const MIN_WORDS = 100;
export const MAX_WORDS = 20_000;
export const MAX_RULES = 30;

export interface StrategyInput {
  name: string;
  description?: string | null;
  contentTypes: ContentType[];
  rules?: string[] | null;
  minWords: number;
  maxWords: number;
  isDefault?: boolean | null;
}

function assertWordRange(minWords: number, maxWords: number): void {
  if (minWords > maxWords) {
    throw new BadUserInputError(
      `The minimum length (${minWords} words) must not be more than the maximum (${maxWords} words).`,
      { minWords: [`must not be more than the maximum length (${maxWords} words)`] },
    );
  }
}

/** Each type once, in the order of CONTENT_TYPES, so a strategy reads the same however it was sent. */
const normalisedTypes = (types: readonly ContentType[]) => CONTENT_TYPES.filter((t) => types.includes(t));

export function listStrategies(s: SystemServices, caller: Caller, input: ThinkerListInput) {
  const q = listQueryOf(input);
  return inModule(s, caller, 'thinker', (tx) =>
    pageOf(
      input.page,
      () => strategiesStore.countStrategies(tx, caller.accountId, q.search),
      (page) => strategiesStore.listStrategies(tx, caller.accountId, { ...q, ...page }),
    ),
  );
}

export async function getStrategy(s: SystemServices, caller: Caller, id: string): Promise<StrategyRow> {
  const strategy = await inModule(s, caller, 'thinker', (tx) => strategiesStore.findStrategy(tx, caller.accountId, id));
  if (!strategy) throw new NotFoundError('Strategy', id);
  return strategy;
}

export function createStrategy(s: SystemServices, caller: Caller, input: StrategyInput): Promise<StrategyRow> {
  return uniqueName(
    () =>
      inModule(s, caller, 'thinker', async (tx) => {
        assertWordRange(input.minWords, input.maxWords);
        if (input.isDefault) {
          // Concurrent saves take turns at moving the default.
          await accountsStore.lockAccount(tx, caller.accountId);
          await strategiesStore.clearDefaultStrategy(tx, caller.accountId);
        }
        return strategiesStore.insertStrategy(tx, {
          accountId: caller.accountId,
          name: input.name,
          description: input.description ?? '',
          contentTypes: normalisedTypes(input.contentTypes),
          rules: input.rules ?? [],
          minWords: input.minWords,
          maxWords: input.maxWords,
          isDefault: input.isDefault ?? false,
        });
      }),
    'A strategy',
  );
}

export function updateStrategy(
  s: SystemServices,
  caller: Caller,
  id: string,
  changes: { [K in keyof StrategyInput]?: StrategyInput[K] | null },
): Promise<StrategyRow> {
  const patch: strategiesStore.StrategyChanges = {};
  if (changes.name != null) patch.name = changes.name;
  if (changes.description !== undefined) patch.description = changes.description ?? '';
  if (changes.contentTypes != null) patch.contentTypes = normalisedTypes(changes.contentTypes);
  if (changes.rules !== undefined) patch.rules = changes.rules ?? [];
  if (changes.minWords != null) patch.minWords = changes.minWords;
  if (changes.maxWords != null) patch.maxWords = changes.maxWords;
  if (changes.isDefault != null) patch.isDefault = changes.isDefault;
  return uniqueName(
    () =>
      inModule(s, caller, 'thinker', async (tx) => {
        if (patch.isDefault) await accountsStore.lockAccount(tx, caller.accountId);
        const current = await strategiesStore.findStrategy(tx, caller.accountId, id);
        if (!current) throw new NotFoundError('Strategy', id);
        // One bound may change alone: the range is checked against the stored other bound.
        assertWordRange(patch.minWords ?? current.minWords, patch.maxWords ?? current.maxWords);
        if (!Object.keys(patch).length) return current;
        if (patch.isDefault) await strategiesStore.clearDefaultStrategy(tx, caller.accountId, id);
        return (await strategiesStore.updateStrategy(tx, caller.accountId, id, patch))!;
      }),
    'A strategy',
  );
}

export async function deleteStrategy(s: SystemServices, caller: Caller, id: string): Promise<string> {
  const deleted = await inModule(s, caller, 'thinker', (tx) =>
    strategiesStore.deleteStrategy(tx, caller.accountId, id),
  );
  if (!deleted) throw new NotFoundError('Strategy', id);
  return id;
}
