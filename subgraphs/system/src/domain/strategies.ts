// Thinker strategies: which content types they apply to, the rules a writer follows, and a
// length target.
import { BadUserInputError, NotFoundError, offsetConnection, type Principal } from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import * as strategiesStore from '../store/strategies.js';
import type { StrategyRow } from '../store/strategies.js';
import { inModule } from './modules.js';
import type { SystemServices } from './services.js';
import { listQueryOf, type ThinkerListArgs, uniqueName } from './thinker.js';

/** The content types of SPEC.md (a ContentIdea's or a Task's contentType). */
export const CONTENT_TYPES = [
  'post',
  'page',
  'product',
  'guide',
  'comparison',
  'review',
  'listicle',
  'how_to',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

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

export function listStrategies(s: SystemServices, principal: Principal, args: ThinkerListArgs) {
  const q = listQueryOf(args);
  return inModule(s, principal, 'thinker', (tx) =>
    offsetConnection(
      args,
      (page) => strategiesStore.listStrategies(tx, principal.accountId, { ...q, ...page }),
      () => strategiesStore.countStrategies(tx, principal.accountId, q.search),
    ),
  );
}

export async function getStrategy(s: SystemServices, principal: Principal, id: string): Promise<StrategyRow> {
  const strategy = await inModule(s, principal, 'thinker', (tx) =>
    strategiesStore.findStrategy(tx, principal.accountId, id),
  );
  if (!strategy) throw new NotFoundError('Strategy', id);
  return strategy;
}

export function createStrategy(s: SystemServices, principal: Principal, input: StrategyInput): Promise<StrategyRow> {
  return uniqueName(
    () =>
      inModule(s, principal, 'thinker', async (tx) => {
        assertWordRange(input.minWords, input.maxWords);
        if (input.isDefault) {
          // Concurrent saves take turns at moving the default.
          await accountsStore.lockAccount(tx, principal.accountId);
          await strategiesStore.clearDefaultStrategy(tx, principal.accountId);
        }
        return strategiesStore.insertStrategy(tx, {
          accountId: principal.accountId,
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
  principal: Principal,
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
      inModule(s, principal, 'thinker', async (tx) => {
        if (patch.isDefault) await accountsStore.lockAccount(tx, principal.accountId);
        const current = await strategiesStore.findStrategy(tx, principal.accountId, id);
        if (!current) throw new NotFoundError('Strategy', id);
        // One bound may change alone: the range is checked against the stored other bound.
        assertWordRange(patch.minWords ?? current.minWords, patch.maxWords ?? current.maxWords);
        if (!Object.keys(patch).length) return current;
        if (patch.isDefault) await strategiesStore.clearDefaultStrategy(tx, principal.accountId, id);
        return (await strategiesStore.updateStrategy(tx, principal.accountId, id, patch))!;
      }),
    'A strategy',
  );
}

export async function deleteStrategy(s: SystemServices, principal: Principal, id: string): Promise<string> {
  const deleted = await inModule(s, principal, 'thinker', (tx) =>
    strategiesStore.deleteStrategy(tx, principal.accountId, id),
  );
  if (!deleted) throw new NotFoundError('Strategy', id);
  return id;
}
