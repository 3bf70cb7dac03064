// Prometheus metrics: HTTP requests by route and status, GraphQL operations by outcome.
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { GatewayContext } from './context.js';

export interface Metrics {
  registry: Registry;
  httpMiddleware(req: Request, res: Response, next: NextFunction): void;
  graphqlPlugin: ApolloServerPlugin<GatewayContext>;
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

  return {
    registry,
    httpMiddleware(req, res, next) {
      const end = httpDuration.startTimer();
      res.on('finish', () => {
        // Route patterns, not raw paths: ids must not explode the label set.
        const route = req.route?.path
          ? `${req.baseUrl}${req.route.path}`
          : req.path.startsWith('/assets/')
            ? '/assets'
            : req.path === '/graphql'
              ? '/graphql'
              : 'other';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    },
    graphqlPlugin: {
      async requestDidStart() {
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
