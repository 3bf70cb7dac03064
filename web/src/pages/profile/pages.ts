// The Profile section's page: one chunk, loaded when first opened (profile/section.tsx).
export { ProfilePage } from './Profile';
