// Thinker author profiles: the voices content is written in, as many as the plan allows.
import { ForbiddenError, NotFoundError, offsetConnection, type Principal } from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import * as profilesStore from '../store/author-profiles.js';
import type { AuthorProfileRow } from '../store/author-profiles.js';
import { inModule } from './modules.js';
import type { SystemServices } from './services.js';
import { listQueryOf, type ThinkerListArgs, uniqueName } from './thinker.js';

export interface AuthorProfileInput {
  name: string;
  tone?: string | null;
  style?: string | null;
  audience?: string | null;
  sampleText?: string | null;
  isDefault?: boolean | null;
}

export function listAuthorProfiles(s: SystemServices, principal: Principal, args: ThinkerListArgs) {
  const q = listQueryOf(args);
  return inModule(s, principal, 'thinker', (tx) =>
    offsetConnection(
      args,
      (page) => profilesStore.listAuthorProfiles(tx, principal.accountId, { ...q, ...page }),
      () => profilesStore.countAuthorProfiles(tx, principal.accountId, q.search),
    ),
  );
}

export async function getAuthorProfile(s: SystemServices, principal: Principal, id: string): Promise<AuthorProfileRow> {
  const profile = await inModule(s, principal, 'thinker', (tx) =>
    profilesStore.findAuthorProfile(tx, principal.accountId, id),
  );
  if (!profile) throw new NotFoundError('Author profile', id);
  return profile;
}

export function createAuthorProfile(
  s: SystemServices,
  principal: Principal,
  input: AuthorProfileInput,
): Promise<AuthorProfileRow> {
  return uniqueName(
    () =>
      inModule(s, principal, 'thinker', async (tx) => {
        // The account row lock makes concurrent creations take turns at the plan-limit check
        // (and at moving the default).
        const account = await accountsStore.lockAccount(tx, principal.accountId);
        const [plan] = await accountsStore.findPlansByIds(tx, [account!.planId]);
        const limit = plan!.maxAuthorProfiles;
        if ((await profilesStore.countAuthorProfiles(tx, principal.accountId)) >= limit) {
          throw new ForbiddenError(
            `Your ${plan!.name} plan allows ${limit} author profile${limit === 1 ? '' : 's'}: upgrade the plan or delete a profile first.`,
          );
        }
        if (input.isDefault) await profilesStore.clearDefaultAuthorProfile(tx, principal.accountId);
        return profilesStore.insertAuthorProfile(tx, {
          accountId: principal.accountId,
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
  principal: Principal,
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
      inModule(s, principal, 'thinker', async (tx) => {
        if (patch.isDefault) {
          await accountsStore.lockAccount(tx, principal.accountId);
          await profilesStore.clearDefaultAuthorProfile(tx, principal.accountId, id);
        }
        const profile = Object.keys(patch).length
          ? await profilesStore.updateAuthorProfile(tx, principal.accountId, id, patch)
          : await profilesStore.findAuthorProfile(tx, principal.accountId, id);
        if (!profile) throw new NotFoundError('Author profile', id);
        return profile;
      }),
    'An author profile',
  );
}

export async function deleteAuthorProfile(s: SystemServices, principal: Principal, id: string): Promise<string> {
  const deleted = await inModule(s, principal, 'thinker', (tx) =>
    profilesStore.deleteAuthorProfile(tx, principal.accountId, id),
  );
  if (!deleted) throw new NotFoundError('Author profile', id);
  return id;
}
