import type { ReactNode } from 'react';
import { ModuleGate } from '../../app/content-modules';
import { lazyPages, type Section } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const plannerSection: Section = {
  title: 'Planner',
  path: 'planner',
  module: 'PLANNER',
  gate: ({ children }: { children: ReactNode }) => <ModuleGate module="PLANNER">{children}</ModuleGate>,
  pages: [
    { path: 'keywords', element: page('KeywordsPage'), nav: 'Keywords' },
    { path: 'clusters', element: page('ClustersPage'), nav: 'Clusters' },
    { path: 'clusters/:id', element: page('ClusterDetailPage') },
    { path: 'ideas', element: page('IdeasPage'), nav: 'Ideas' },
  ],
};
