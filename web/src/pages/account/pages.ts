// The Account section's pages: one chunk, loaded when the section is first opened (account/section.tsx).
export { ApiKeysPage } from './ApiKeys';
export { ModulesPage } from './Modules';
export { SettingsPage } from './Settings';
export { TeamPage } from './Team';
