// Service-only answers for the other subgraphs (never exposed by the gateway): an account's
// modules, limits, site and sector, and the AI setup its jobs run with.
import { builder } from '../builder.js';
import * as v from '../domain/validation.js';
import {
  type AccountAiSetup,
  type AccountWorkspace,
  getAccountAiSetup,
  getAccountWorkspace,
  type WorkspaceSector,
  type WorkspaceSite,
} from '../domain/workspace.js';
import { ModuleEnum } from './enums.js';
import { PromptTypeEnum } from './prompt.js';

const WorkspaceSiteRef = builder.objectRef<WorkspaceSite>('WorkspaceSite').implement({
  description: 'Service only: a site as another subgraph needs it.',
  inaccessible: true,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    domain: t.exposeString('domain', { nullable: true }),
    language: t.exposeString('language'),
    isActive: t.exposeBoolean('isActive'),
    industrySlug: t.exposeString('industrySlug', { nullable: true }),
    industryName: t.exposeString('industryName', { nullable: true }),
  }),
});

const WorkspaceSectorRef = builder.objectRef<WorkspaceSector>('WorkspaceSector').implement({
  description: 'Service only: a sector as another subgraph needs it.',
  inaccessible: true,
  fields: (t) => ({
    id: t.exposeID('id'),
    siteId: t.exposeID('siteId'),
    name: t.exposeString('name'),
    isActive: t.exposeBoolean('isActive'),
    sectorSlug: t.exposeString('sectorSlug', { nullable: true }),
  }),
});

const AccountWorkspaceRef = builder.objectRef<AccountWorkspace>('AccountWorkspace').implement({
  description: "Service only: an account's modules and limits, and the site and sector asked for.",
  inaccessible: true,
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    enabledModules: t.field({ type: [ModuleEnum], resolve: (w) => w.enabledModules }),
    planSlug: t.exposeString('planSlug'),
    maxKeywords: t.exposeInt('maxKeywords'),
    site: t.field({ type: WorkspaceSiteRef, nullable: true, resolve: (w) => w.site }),
    sector: t.field({ type: WorkspaceSectorRef, nullable: true, resolve: (w) => w.sector }),
  }),
});

const AccountAiSetupRef = builder.objectRef<AccountAiSetup>('AccountAiSetup').implement({
  description: "Service only: the provider an account's AI job uses (with its key), its prompt and voice.",
  inaccessible: true,
  fields: (t) => ({
    provider: t.string({ resolve: (a) => a.settings.provider }),
    baseUrl: t.string({
      nullable: true,
      resolve: (a) => (a.settings.provider === 'openai' ? a.settings.baseUrl : null),
    }),
    apiKey: t.string({ nullable: true, resolve: (a) => (a.settings.provider === 'openai' ? a.settings.apiKey : null) }),
    apiKeyName: t.string({
      nullable: true,
      resolve: (a) => (a.settings.provider === 'openai' ? (a.settings.apiKeyName ?? null) : null),
    }),
    chatModel: t.string({
      nullable: true,
      resolve: (a) => (a.settings.provider === 'openai' ? a.settings.chatModel : null),
    }),
    embeddingModel: t.string({
      nullable: true,
      resolve: (a) => (a.settings.provider === 'openai' ? a.settings.embeddingModel : null),
    }),
    imageModel: t.string({
      nullable: true,
      resolve: (a) => (a.settings.provider === 'openai' ? a.settings.imageModel : null),
    }),
    timeoutMs: t.int({
      nullable: true,
      resolve: (a) => (a.settings.provider === 'openai' ? (a.settings.timeoutMs ?? null) : null),
    }),
    temperature: t.float({ nullable: true, resolve: (a) => a.temperature }),
    maxTokens: t.int({ nullable: true, resolve: (a) => a.maxTokens }),
    imageStyle: t.exposeString('imageStyle', { nullable: true }),
    promptText: t.exposeString('promptText'),
    promptVersion: t.exposeString('promptVersion', {
      description: "Which prompt text: `account:<last change>` for the account's own, `default` for the shipped one.",
    }),
    authorProfile: t.exposeString('authorProfile'),
    strategy: t.exposeString('strategy'),
  }),
});

builder.queryFields((t) => ({
  accountWorkspace: t.field({
    type: AccountWorkspaceRef,
    description: 'Service only: an account, and its site and sector when given (NOT_FOUND when not its own).',
    authScopes: { service: true },
    inaccessible: true,
    args: {
      accountId: t.arg.id({ required: true, validate: v.uuid }),
      siteId: t.arg.id({ validate: v.uuid }),
      sectorId: t.arg.id({ validate: v.uuid }),
    },
    resolve: (_root, args, ctx) =>
      getAccountWorkspace(ctx.system, args.accountId, args.siteId ?? null, args.sectorId ?? null),
  }),
  accountAiSetup: t.field({
    type: AccountAiSetupRef,
    description: "Service only: what an account's AI job for `promptType` runs with.",
    authScopes: { service: true },
    inaccessible: true,
    args: {
      accountId: t.arg.id({ required: true, validate: v.uuid }),
      promptType: t.arg({ type: PromptTypeEnum, required: true }),
      authorProfileId: t.arg.id({ validate: v.uuid }),
      strategyId: t.arg.id({ validate: v.uuid }),
    },
    resolve: (_root, args, ctx) =>
      getAccountAiSetup(
        ctx.system,
        args.accountId,
        args.promptType,
        args.authorProfileId ?? null,
        args.strategyId ?? null,
      ),
  }),
}));
