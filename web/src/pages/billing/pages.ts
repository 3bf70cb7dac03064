// The Billing section's pages: one chunk, loaded when the section is first opened (billing/section.tsx).
export { CreditsPage } from './Credits';
export { JobPage } from './Job';
export { BillingOverviewPage } from './Overview';
export { TransactionsPage } from './Transactions';
export { UsagePage } from './Usage';
