// The platform's own settings, as the operator reads them (the original's system settings): what
// this deployment is configured with. They come from the environment (.env), not from a table:
// a change is a configuration change and a restart, reviewed like one.
import type { SystemServices } from './services.js';

export interface PlatformSettings {
  publicUrl: string;
  aiProvider: string;
  aiChatModel: string;
  aiImageModel: string;
  mailDelivery: 'smtp' | 'outbox';
  loginLimitPerEmail: number;
  authLimitPerIp: number;
}

export function getPlatformSettings(s: SystemServices): PlatformSettings {
  const { config } = s;
  return {
    publicUrl: s.links.base(),
    aiProvider: config.AI_PROVIDER,
    aiChatModel: config.AI_CHAT_MODEL,
    aiImageModel: config.AI_IMAGE_MODEL,
    mailDelivery: config.SMTP_URL || config.SMTP_HOST ? 'smtp' : 'outbox',
    loginLimitPerEmail: config.LOGIN_LIMIT_PER_EMAIL,
    authLimitPerIp: config.AUTH_LIMIT_PER_IP,
  };
}
