// CreditHolds over billing's service-only mutations: the job runtime's credits, reached through
// the graph's service calls (errors come back as the domain errors billing threw).
import { NotFoundError } from '../errors.js';
import type { ServiceClient } from '../service.js';
import type { CreditHolds } from './credits.js';

const RESERVE = `mutation ReserveCredits($input: ReserveCreditsInput!) {
  reserveCredits(input: $input) { credits }
}`;
const CAPTURE = `mutation CaptureCredits($input: CaptureCreditsInput!) {
  captureCredits(input: $input) { chargedCredits }
}`;
const RELEASE = `mutation ReleaseCredits($input: ReleaseCreditsInput!) {
  releaseCredits(input: $input) { status }
}`;

/** `client` targets the billing subgraph with this service's credentials. */
export function createBillingCreditHolds(client: ServiceClient): CreditHolds {
  return {
    async reserve(input) {
      const data = await client.request<{ reserveCredits: { credits: number } }>(RESERVE, {
        input: {
          accountId: input.accountId,
          jobId: input.jobId,
          operation: input.operation,
          units: input.units,
          userId: input.userId ?? null,
          siteId: input.siteId ?? null,
        },
      });
      return { credits: data.reserveCredits.credits };
    },
    async capture(input) {
      const data = await client.request<{ captureCredits: { chargedCredits: number | null } }>(CAPTURE, {
        input: {
          accountId: input.accountId,
          jobId: input.jobId,
          credits: input.credits ?? null,
          inputTokens: input.usage?.inputTokens ?? null,
          outputTokens: input.usage?.outputTokens ?? null,
          model: input.usage?.model ?? null,
          description: input.description ?? null,
        },
      });
      return { credits: data.captureCredits.chargedCredits ?? 0 };
    },
    async release(input) {
      try {
        await client.request(RELEASE, { input: { accountId: input.accountId, jobId: input.jobId } });
      } catch (error) {
        // No hold means nothing is held (the reserve was refused or never made): nothing to give back.
        if (error instanceof NotFoundError) return;
        throw error;
      }
    },
  };
}
