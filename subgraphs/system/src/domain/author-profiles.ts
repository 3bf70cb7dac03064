// Thinker author profiles: the voices content is written in, as many as the plan allows.
import { assertWithinPlan, type Caller, NotFoundError, pageOf } from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import type { AuthorProfileRow } from '../store/author-profiles.js';
import * as profilesStore from '../store/author-profiles.js';
import { inModule } from './modules.js';
import type { SystemServices } from './services.js';
import { listQueryOf, type ThinkerListInput, uniqueName } from './thinker.js';

export type { AuthorProfileRow } from '../store/author-profiles.js';

export interface AuthorProfileInput {
  name: string;
  tone?: string | null;
  style?: string | null;
  audience?: string | null;
  sampleText?: string | null;
  isDefault?: boolean | null;
}

export function listAuthorProfiles(s: SystemServices, caller: Caller, input: ThinkerListInput) {
  const q = listQueryOf(input);
  return inModule(s, caller, 'thinker', (tx) =>
    pageOf(
      input.page,
      () => profilesStore.countAuthorProfiles(tx, caller.accountId, q.search),
      (page) => profilesStore.listAuthorProfiles(tx, caller.accountId, { ...q, ...page }),
    ),
  );
}

export async function getAuthorProfile(s: SystemServices, caller: Caller, id: string): Promise<AuthorProfileRow> {
  const profile = await inModule(s, caller, 'thinker', (tx) =>
    profilesStore.findAuthorProfile(tx, caller.accountId, id),
  );
  if (!profile) throw new NotFoundError('Author profile', id);
  return profile;
}

export function createAuthorProfile(
  s: SystemServices,
  caller: Caller,
  input: AuthorProfileInput,
): Promise<AuthorProfileRow> {
  return uniqueName(
    () =>
      inModule(s, caller, 'thinker', async (tx) => {
        // The account row lock makes concurrent creations take turns at the plan-limit check
        // (and at moving the default).
        const account = await accountsStore.lockAccount(tx, caller.accountId);
        const [plan] = await accountsStore.findPlansByIds(tx, [account!.planId]);
        assertWithinPlan(
          {
            plan: plan!.name,
            max: plan!.maxAuthorProfiles,
            noun: ['author profile', 'author profiles'],
            remedy: 'delete a profile first',
          },
          await profilesStore.countAuthorProfiles(tx, caller.accountId),
        );
        if (input.isDefault) await profilesStore.clearDefaultAuthorProfile(tx, caller.accountId);
        return profilesStore.insertAuthorProfile(tx, {
          accountId: caller.accountId,
          name: input.name,
          tone: input.tone ?? '',
          style: input.style ?? '',
          audience: input.audience ?? '',
          sampleText: input.sampleText ?? '',
          isDefault: input.isDefault ?? false,
        });
      }),
    'An author profile',
  );
}

export function updateAuthorProfile(
  s: SystemServices,
  caller: Caller,
  id: string,
  changes: { [K in keyof AuthorProfileInput]?: AuthorProfileInput[K] | null },
): Promise<AuthorProfileRow> {
  const patch: profilesStore.AuthorProfileChanges = {};
  if (changes.name != null) patch.name = changes.name;
  if (changes.tone !== undefined) patch.tone = changes.tone ?? '';
  if (changes.style !== undefined) patch.style = changes.style ?? '';
  if (changes.audience !== undefined) patch.audience = changes.audience ?? '';
  if (changes.sampleText !== undefined) patch.sampleText = changes.sampleText ?? '';
  if (changes.isDefault != null) patch.isDefault = changes.isDefault;
  return uniqueName(
    () =>
      inModule(s, caller, 'thinker', async (tx) => {
        if (patch.isDefault) {
          await accountsStore.lockAccount(tx, caller.accountId);
          await profilesStore.clearDefaultAuthorProfile(tx, caller.accountId, id);
        }
        const profile = Object.keys(patch).length
          ? await profilesStore.updateAuthorProfile(tx, caller.accountId, id, patch)
          : await profilesStore.findAuthorProfile(tx, caller.accountId, id);
        if (!profile) throw new NotFoundError('Author profile', id);
        return profile;
      }),
    'An author profile',
  );
}

export async function deleteAuthorProfile(s: SystemServices, caller: Caller, id: string): Promise<string> {
  const deleted = await inModule(s, caller, 'thinker', (tx) =>
    profilesStore.deleteAuthorProfile(tx, caller.accountId, id),
  );
  if (!deleted) throw new NotFoundError('Author profile', id);
  return id;
}
