import type { ReactNode } from 'react';
import { ModuleGate } from '../../app/content-modules';
import { lazyPages, type Section } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const thinkerSection: Section = {
  title: 'Thinker',
  path: 'thinker',
  module: 'THINKER',
  gate: ({ children }: { children: ReactNode }) => <ModuleGate module="THINKER">{children}</ModuleGate>,
  pages: [
    { path: 'prompts', element: page('PromptsPage'), nav: 'Prompts' },
    { path: 'author-profiles', element: page('AuthorProfilesPage'), nav: 'Author profiles' },
    { path: 'strategies', element: page('StrategiesPage'), nav: 'Strategies' },
    { path: 'image-testing', element: page('ImageTestingPage'), nav: 'Image testing' },
  ],
};
