// What another subgraph needs to know about an account before it does work there (service calls
// only): the modules it has on, its plan's limits, and the site and sector the work is for; and,
// for AI work, the account's provider settings with its key, its prompt and the chosen voice.
import type { Module } from '@igny8/db/system';
import { type AiSettings, NotFoundError } from '@igny8/lib';
import * as accountsStore from '../store/accounts.js';
import { findAuthorProfile } from '../store/author-profiles.js';
import { findPromptOverride } from '../store/prompts.js';
import * as sitesStore from '../store/sites.js';
import { findStrategy } from '../store/strategies.js';
import { PROMPT_CATALOG, type PromptType } from './prompts-catalog.js';
import type { SystemServices } from './services.js';

export interface WorkspaceSite {
  id: string;
  name: string;
  domain: string | null;
  language: string;
  isActive: boolean;
  industrySlug: string | null;
  industryName: string | null;
}

export interface WorkspaceSector {
  id: string;
  siteId: string;
  name: string;
  isActive: boolean;
  /** The slug of the industry sector template the sector was made from. */
  sectorSlug: string | null;
}

export interface AccountWorkspace {
  accountId: string;
  enabledModules: Module[];
  planSlug: string;
  maxKeywords: number;
  site: WorkspaceSite | null;
  sector: WorkspaceSector | null;
}

/**
 * The account, and the site and sector when asked for: NOT_FOUND for a site of another account
 * and for a sector that is not the site's (or, without a site, not the account's).
 */
export function getAccountWorkspace(
  s: SystemServices,
  accountId: string,
  siteId: string | null,
  sectorId: string | null,
): Promise<AccountWorkspace> {
  return s.database.tenant(accountId, async (tx) => {
    const account = await accountsStore.findAccount(tx, accountId);
    if (!account) throw new NotFoundError('Account', accountId);
    const [plan] = await accountsStore.findPlansByIds(tx, [account.planId]);

    const sectorRow = sectorId ? await sitesStore.findSector(tx, accountId, sectorId) : undefined;
    if (sectorId && (!sectorRow || (siteId && sectorRow.siteId !== siteId)))
      throw new NotFoundError('Sector', sectorId);
    const wantedSiteId = siteId ?? sectorRow?.siteId ?? null;
    const siteRow = wantedSiteId ? await sitesStore.findSite(tx, accountId, wantedSiteId) : undefined;
    if (wantedSiteId && !siteRow) throw new NotFoundError('Site', wantedSiteId);

    const [industry] = siteRow?.industryId ? await accountsStore.findIndustriesByIds(tx, [siteRow.industryId]) : [];
    const template = sectorRow?.industrySectorId
      ? await accountsStore.findIndustrySector(tx, sectorRow.industrySectorId)
      : undefined;
    return {
      accountId,
      enabledModules: account.enabledModules,
      planSlug: plan!.slug,
      maxKeywords: plan!.maxKeywords,
      site: siteRow
        ? {
            id: siteRow.id,
            name: siteRow.name,
            domain: siteRow.domain,
            language: siteRow.language,
            isActive: siteRow.isActive,
            industrySlug: industry?.slug ?? null,
            industryName: industry?.name ?? null,
          }
        : null,
      sector: sectorRow
        ? {
            id: sectorRow.id,
            siteId: sectorRow.siteId,
            name: sectorRow.name,
            isActive: sectorRow.isActive,
            sectorSlug: template?.slug ?? null,
          }
        : null,
    };
  });
}

export interface AccountAiSetup {
  /** What to build the provider from; for `openai`, with the key (the account's or the platform's). */
  settings: AiSettings;
  temperature: number | null;
  maxTokens: number | null;
  /** The account's image style from its AI settings (`photorealistic`, `flat illustration`); null for none. */
  imageStyle: string | null;
  /** The account's prompt for the operation, or the shipped default. */
  promptText: string;
  /** Which prompt text that is: `account:<time of its last change>`, or `default` for the shipped one. */
  promptVersion: string;
  /** The chosen author profile as the prompt's `author_profile` variable; '' when none. */
  authorProfile: string;
  /** The chosen strategy as the prompt's `strategy` variable; '' when none. */
  strategy: string;
}

/**
 * Everything a subgraph's AI job needs from the account's settings. Keys leave this subgraph only
 * in this service-only answer, so a job elsewhere talks to the provider the account chose.
 */
export async function getAccountAiSetup(
  s: SystemServices,
  accountId: string,
  promptType: PromptType,
  authorProfileId: string | null,
  strategyId: string | null,
): Promise<AccountAiSetup> {
  const { settings, options } = await s.aiProviders.providerSettingsFor(accountId);
  return s.database.tenant(accountId, async (tx) => {
    const override = await findPromptOverride(tx, accountId, promptType);
    const profile = authorProfileId ? await findAuthorProfile(tx, accountId, authorProfileId) : undefined;
    if (authorProfileId && !profile) throw new NotFoundError('Author profile', authorProfileId);
    const strategy = strategyId ? await findStrategy(tx, accountId, strategyId) : undefined;
    if (strategyId && !strategy) throw new NotFoundError('Strategy', strategyId);
    return {
      settings: options,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      imageStyle: settings.imageStyle,
      promptText: override?.text ?? PROMPT_CATALOG[promptType].defaultText,
      promptVersion: override ? `account:${override.updatedAt.toISOString()}` : 'default',
      authorProfile: profile
        ? [
            `${profile.name}.`,
            profile.tone && `Tone: ${profile.tone}.`,
            profile.style && `Style: ${profile.style}.`,
            profile.audience && `Audience: ${profile.audience}.`,
            profile.sampleText && `Sample of the voice: """${profile.sampleText}"""`,
          ]
            .filter(Boolean)
            .join(' ')
        : '',
      strategy: strategy
        ? [
            `${strategy.name}.`,
            strategy.description,
            `Content types: ${strategy.contentTypes.join(', ')}.`,
            `Length: ${strategy.minWords}–${strategy.maxWords} words.`,
            strategy.rules.length > 0 && `Rules: ${strategy.rules.join('; ')}.`,
          ]
            .filter(Boolean)
            .join(' ')
        : '',
    };
  });
}
