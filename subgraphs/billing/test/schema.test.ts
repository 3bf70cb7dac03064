// The service operations never reach the public API: composed with the system subgraph, the API
// schema has the credits of an Account and none of the service-only fields or types.
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { systemSchema } from '@igny8/system/schema';
import { parse, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { billingSchema } from '../src/schema/index.js';

const SERVICE_ONLY = [
  'reserveCredits',
  'captureCredits',
  'releaseCredits',
  'ReserveCreditsInput',
  'CaptureCreditsInput',
  'ReleaseCreditsInput',
  'CreditHold',
  'CreditHoldStatus',
  'accountCreditProfile',
  'AccountCreditProfile',
];

describe('billing subgraph schema', () => {
  const billingSdl = printSubgraphSchema(billingSchema);
  const result = composeServices([
    { name: 'system', url: 'http://127.0.0.1:4001/graphql', typeDefs: parse(printSubgraphSchema(systemSchema)) },
    { name: 'billing', url: 'http://127.0.0.1:4006/graphql', typeDefs: parse(billingSdl) },
  ]);

  it('composes with the system subgraph without errors or hints', () => {
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    expect((result.hints ?? []).map((h) => h.message)).toEqual([]);
  });

  it('marks the service operations @inaccessible in the subgraph', () => {
    for (const field of ['reserveCredits', 'captureCredits', 'releaseCredits']) {
      expect(billingSdl).toMatch(new RegExp(`\\b${field}\\(input: \\w+!\\): CreditHold! @inaccessible`));
    }
  });

  it('leaves them out of the API schema, and adds credits to Account', () => {
    const api = printSchema(Supergraph.build(result.supergraphSdl!).apiSchema().toGraphQLJSSchema());
    for (const name of SERVICE_ONLY) expect(api).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect(api).toMatch(/type Account \{[^}]*\bcredits: CreditBalance!/);
    for (const field of ['creditBalance', 'creditTransactions', 'creditUsage', 'creditCosts', 'estimateCredits']) {
      expect(api).toMatch(new RegExp(`\\b${field}\\b`));
    }
  });
});
