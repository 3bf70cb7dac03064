// Prometheus metrics: HTTP requests by route and status, GraphQL operations by type and outcome,
// cache hits (documents, query plans), open websocket connections.
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { GatewayContext } from './context.js';
import { isWarmup } from './graph.js';

export interface Metrics {
  registry: Registry;
  httpMiddleware(req: Request, res: Response, next: NextFunction): void;
  graphqlPlugin: ApolloServerPlugin<GatewayContext>;
  cacheLookup(cache: 'document' | 'plan', hit: boolean): void;
  wsConnections: Gauge;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'igny8_http_request_duration_seconds',
    help: 'HTTP requests handled by the gateway',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'igny8_graphql_operations_total',
    help: 'GraphQL operations by type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'igny8_gateway_cache_lookups_total',
    help: 'Parsed-document and query-plan cache lookups by result',
    labelNames: ['cache', 'result'],
    registers: [registry],
  });
  const wsConnections = new Gauge({
    name: 'igny8_websocket_connections',
    help: 'Open graphql-ws connections',
    registers: [registry],
  });

  return {
    registry,
    wsConnections,
    cacheLookup(cache, hit) {
      cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
    },
    httpMiddleware(req, res, next) {
      const end = httpDuration.startTimer();
      // Captured now: by 'finish' the router may have restored baseUrl.
      const path = req.path;
      res.on('finish', () => {
        // Route patterns, not raw paths: ids must not explode the label set.
        const route = req.route?.path
          ? `${path.startsWith('/api/v1/') ? '/api/v1' : ''}${req.route.path}`
          : path.startsWith('/assets/')
            ? '/assets'
            : path === '/graphql' || path === '/metrics' || path.startsWith('/.well-known/')
              ? path
              : 'other';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    },
    graphqlPlugin: {
      async requestDidStart({ contextValue }) {
        if (isWarmup(contextValue)) return;
        return {
          async willSendResponse({ operation, errors }) {
            operations.inc({
              type: operation?.operation ?? 'unknown',
              outcome: errors?.length ? String(errors[0]?.extensions?.code ?? 'ERROR') : 'ok',
            });
          },
        };
      },
    },
  };
}
