// The signed-in app's sections, in sidebar order: the router and the sidebar both read this list.
import { accountSection } from '../pages/account/section';
import { adminSection } from '../pages/admin/section';
import { billingSection } from '../pages/billing/section';
import { plannerSection } from '../pages/planner/section';
import { profileSection } from '../pages/profile/section';
import { sitesSection } from '../pages/sites/section';
import { thinkerSection } from '../pages/thinker/section';
import { writerSection } from '../pages/writer/section';
import type { Section } from './section';

export const SECTIONS: readonly Section[] = [
  sitesSection,
  plannerSection,
  writerSection,
  thinkerSection,
  billingSection,
  accountSection,
  profileSection,
  adminSection,
];
