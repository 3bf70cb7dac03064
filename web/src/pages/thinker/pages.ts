// The Thinker's pages: one chunk, loaded when the section is first opened (thinker/section.tsx).
export { AuthorProfilesPage } from './AuthorProfiles';
export { ImageTestingPage } from './ImageTesting';
export { PromptsPage } from './Prompts';
export { StrategiesPage } from './Strategies';
