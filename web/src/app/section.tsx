// A section of the app (Planner, Billing, …) declares its pages once: each page's path, the page
// itself, and its sidebar entry. The router and the sidebar both read that declaration
// (app/sections.ts), and the section's pages load as one chunk of their own when first opened.
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Outlet, type RouteObject } from 'react-router';
import type { Module, Role } from '../gql/graphql';
import { Loading } from '../ui/PageHeader';

export interface SectionPage {
  /** Under the section's path; '' for the section's own path. */
  path: string;
  element: ReactNode;
  /** Its sidebar entry; none for a page reached from another (a cluster's page). */
  nav?: string;
}

export interface Section {
  /** The sidebar group's title. */
  title: string;
  /** Where its pages live, e.g. 'planner' for /planner/…. */
  path: string;
  /** Hidden from the sidebar while this module is switched off for the account. */
  module?: Module;
  /** Shown in the sidebar only to these roles. */
  roles?: readonly Role[];
  /** Wraps every page of the section: what someone who may not use it sees instead. */
  gate?: ComponentType<{ children: ReactNode }>;
  pages: readonly SectionPage[];
}

/**
 * A page of a section, loaded with the section's other pages: `load` imports the section's
 * `pages.ts`, so the bundler makes one chunk of it.
 */
export function lazyPages<Pages extends Record<string, ComponentType>>(load: () => Promise<Pages>) {
  return (name: keyof Pages & string): ReactNode => {
    const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
    return <Page />;
  };
}

/** Waits for a section's chunk where its pages show, under the app's header and sidebar. */
export function SectionLoading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading label="Loading…" />}>{children}</Suspense>;
}

/** The sidebar entries of a section, with their full paths. */
export const sectionLinks = (section: Section) =>
  section.pages.flatMap(({ path, nav }) =>
    nav ? [{ to: `/${section.path}${path ? `/${path}` : ''}`, label: nav }] : [],
  );

/** The section's routes: its own path leads to its first sidebar entry unless a page lives there. */
export function sectionRoute(section: Section): RouteObject {
  const { gate: Gate, pages } = section;
  const first = sectionLinks(section)[0];
  const index = pages.some((page) => page.path === '')
    ? []
    : first
      ? [{ index: true, element: <Navigate to={first.to} replace /> }]
      : [];
  return {
    path: section.path,
    element: <SectionLoading>{Gate ? <Gate>{<Outlet />}</Gate> : <Outlet />}</SectionLoading>,
    children: [
      ...index,
      ...pages.map((page) =>
        page.path === '' ? { index: true, element: page.element } : { path: page.path, element: page.element },
      ),
    ],
  };
}
