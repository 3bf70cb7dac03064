// The subgraphs that make up the supergraph, with their default local URLs.
import { printSubgraphSchema } from '@apollo/subgraph';
import { automationSchema } from '@igny8/automation/schema';
import { billingSchema } from '@igny8/billing/schema';
import { plannerSchema } from '@igny8/planner/schema';
import { systemSchema } from '@igny8/system/schema';
import { writerSchema } from '@igny8/writer/schema';

export interface SubgraphDefinition {
  name: string;
  /** Default URL; the gateway maps names to runtime URLs from its config. */
  url: string;
  sdl: string;
}

export function subgraphDefinitions(): SubgraphDefinition[] {
  return [
    { name: 'system', url: 'http://127.0.0.1:4001/graphql', sdl: printSubgraphSchema(systemSchema) },
    { name: 'planner', url: 'http://127.0.0.1:4002/graphql', sdl: printSubgraphSchema(plannerSchema) },
    { name: 'writer', url: 'http://127.0.0.1:4003/graphql', sdl: printSubgraphSchema(writerSchema) },
    { name: 'automation', url: 'http://127.0.0.1:4004/graphql', sdl: printSubgraphSchema(automationSchema) },
    { name: 'billing', url: 'http://127.0.0.1:4006/graphql', sdl: printSubgraphSchema(billingSchema) },
  ];
}
