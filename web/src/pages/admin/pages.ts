// The Admin section's pages: one chunk, loaded when the section is first opened (admin/section.tsx).
export { AdminCreditCostsPage } from './AdminCreditCosts';
export { AdminCreditsPage } from './AdminCredits';
export { AdminOutboxPage } from './AdminOutbox';
