// The platform's settings for its operator (REST /system/settings/system/).
import { scopePresets } from '@igny8/lib';
import { builder } from '../builder.js';
import { getPlatformSettings, type PlatformSettings } from '../domain/platform-settings.js';

const PlatformSettingsRef = builder.objectRef<PlatformSettings>('PlatformSettings').implement({
  description: 'What this deployment is configured with (from its environment; secrets are never shown).',
  fields: (t) => ({
    publicUrl: t.exposeString('publicUrl', { description: 'Where links in mails and answers start.' }),
    aiProvider: t.exposeString('aiProvider', { description: 'The platform default: offline or openai.' }),
    aiChatModel: t.exposeString('aiChatModel'),
    aiImageModel: t.exposeString('aiImageModel'),
    mailDelivery: t.exposeString('mailDelivery', { description: 'smtp, or outbox (mails kept under DATA_DIR).' }),
    loginLimitPerEmail: t.exposeInt('loginLimitPerEmail', { description: 'Sign-in attempts per e-mail a minute.' }),
    authLimitPerIp: t.exposeInt('authLimitPerIp', { description: 'Sign-in requests per IP a minute.' }),
  }),
});

builder.queryFields((t) => ({
  platformSettings: t.field({
    type: PlatformSettingsRef,
    description: "Platform operator: the deployment's settings.",
    authScopes: scopePresets.operator,
    resolve: (_root, _args, ctx) => getPlatformSettings(ctx.system),
  }),
}));
