import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { ModuleGate } from '../../app/content-modules';
import { lazyPages, type Section } from '../../app/section';

const page = lazyPages(() => import('./pages'));

export const writerSection: Section = {
  title: 'Writer',
  path: 'writer',
  module: 'WRITER',
  gate: ({ children }: { children: ReactNode }) => <ModuleGate module="WRITER">{children}</ModuleGate>,
  pages: [
    { path: 'tasks', element: page('TasksPage'), nav: 'Tasks' },
    { path: 'content', element: page('ContentPage'), nav: 'Content' },
    { path: 'content/:id', element: page('EditorPage') },
    { path: 'drafts', element: <Navigate to="/writer/content?status=DRAFT" replace />, nav: 'Drafts' },
    { path: 'review', element: page('ReviewPage'), nav: 'Review' },
    { path: 'published', element: page('PublishedPage'), nav: 'Published' },
  ],
};
