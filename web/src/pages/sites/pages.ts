// The Sites section's pages: one chunk, loaded when the section is first opened (sites/section.tsx).
export { SitesPage } from './Sites';
