// Rate limits at the gateway: REST throttles per scope (SPEC.md, with the X-Throttle-* headers)
// and one GraphQL limit per account, or per client IP for anonymous requests (DESIGN.md §8).
//
// Counted per account, not per user: the account is the tenant whose AI spend, credits and plan
// the limits protect, and a budget per user would grow with every invited member or API key.
// Fixed one-minute windows in this process's memory (rate-limiter-flexible); several gateway
// replicas would share its Redis or PostgreSQL store instead.
import { RateLimitedError } from '@igny8/lib';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import type { CredentialResolver } from './credentials.js';
import { RestFailure, sendFailure } from './rest/envelope.js';

export type ThrottleScope =
  | 'ai'
  | 'image_generation'
  | 'auth'
  | 'planner'
  | 'writer'
  | 'content_read'
  | 'billing'
  | 'admin'
  | 'default';

interface ScopeRule {
  /** Any method when unset. */
  method?: string;
  /** Matched against the path under /api/v1; case-insensitive, as Express routes. */
  path: RegExp;
  scope: ThrottleScope;
}

/** First match wins; every other path is `default`. */
const REST_SCOPES: readonly ScopeRule[] = [
  // Each call starts a paid image job.
  { method: 'POST', path: /^\/system\/image-testing\/?$/i, scope: 'image_generation' },
  { method: 'POST', path: /^\/writer\/images\/generate_images\/?$/i, scope: 'image_generation' },
  // The original's AI actions (`auto_cluster`, `auto_generate_ideas`, `auto_generate_content`,
  // `generate_image_prompts`) and the linker's and optimizer's runs.
  { method: 'POST', path: /^\/(planner|writer)\/[\w-]+\/(auto_\w+|generate_\w+)\/?$/i, scope: 'ai' },
  { method: 'POST', path: /^\/(linker|optimizer)\//i, scope: 'ai' },
  // Sign-in, tokens and passwords. The rest of /auth/ (me, sites, sectors, plans) is account data.
  {
    path: /^\/auth\/(login|register|refresh|token\/refresh|logout|password\/[\w/]*|invitations\/accept)\/?$/i,
    scope: 'auth',
  },
  { path: /^\/billing\//i, scope: 'billing' },
  { path: /^\/admin\//i, scope: 'admin' },
  { method: 'GET', path: /^\/writer\/content\//i, scope: 'content_read' },
  { path: /^\/planner\//i, scope: 'planner' },
  { path: /^\/writer\//i, scope: 'writer' },
];

/** The throttle scope of a REST request (`path` under /api/v1). */
export function restScopeOf(method: string, path: string): ThrottleScope {
  for (const rule of REST_SCOPES) {
    if ((!rule.method || rule.method === method) && rule.path.test(path)) return rule.scope;
  }
  return 'default';
}

const SCOPE_LABEL: Record<ThrottleScope, string> = {
  ai: 'AI functions',
  image_generation: 'image generation',
  auth: 'sign-in and token requests',
  planner: 'planner requests',
  writer: 'writer requests',
  content_read: 'content reads',
  billing: 'billing requests',
  admin: 'admin requests',
  default: 'requests',
};

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export interface Throttles {
  /** Express middleware for /api/v1: counts the request in its scope, sets X-Throttle-*, or answers 429. */
  rest(req: Request, res: Response, next: NextFunction): Promise<void>;
  /** Counts one GraphQL operation (HTTP or graphql-ws); throws RATE_LIMITED when over the limit. */
  graphql(context: Pick<GatewayContext, 'credential' | 'clientIp'>): Promise<void>;
}

export function createThrottles(config: GatewayConfig, credentials: CredentialResolver): Throttles {
  const perMinute: Record<ThrottleScope, number> = {
    ai: config.REST_THROTTLE_AI,
    image_generation: config.REST_THROTTLE_IMAGE_GENERATION,
    auth: config.REST_THROTTLE_AUTH,
    planner: config.REST_THROTTLE_PLANNER,
    writer: config.REST_THROTTLE_WRITER,
    content_read: config.REST_THROTTLE_CONTENT_READ,
    billing: config.REST_THROTTLE_BILLING,
    admin: config.REST_THROTTLE_ADMIN,
    default: config.REST_THROTTLE_DEFAULT,
  };
  const limiter = (keyPrefix: string, points: number) => new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  // Keys are account ids (UUIDs) or IP addresses, which never look alike: one limiter holds both.
  const restLimiters = Object.fromEntries(
    Object.entries(perMinute).map(([scope, points]) => [scope, limiter(`rest-${scope}`, points)]),
  ) as Record<ThrottleScope, RateLimiterMemory>;
  const graphqlByAccount = limiter('graphql-account', config.GRAPHQL_RATE_LIMIT_PER_ACCOUNT);
  const graphqlByIp = limiter('graphql-ip', config.GRAPHQL_RATE_LIMIT_PER_IP);

  /** The caller's account, or undefined for an anonymous caller or a credential the route will refuse. */
  const accountOf = async (req: Request): Promise<string | undefined> => {
    try {
      return (await credentials.forRequest(req))?.principal.accountId;
    } catch {
      return undefined;
    }
  };

  async function countRest(req: Request, res: Response): Promise<boolean> {
    const scope = restScopeOf(req.method, req.path);
    const limit = perMinute[scope];
    const accountId = await accountOf(req);
    let result: RateLimiterRes;
    let allowed = true;
    try {
      result = await restLimiters[scope].consume(accountId ?? req.ip ?? 'unknown');
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      result = refused;
      allowed = false;
    }
    const reset = secondsUntil(result.msBeforeNext);
    res.setHeader('X-Throttle-Limit', limit);
    res.setHeader('X-Throttle-Remaining', result.remainingPoints);
    res.setHeader('X-Throttle-Reset', reset);
    if (!allowed) {
      const whose = accountId ? 'this account' : 'this address';
      sendFailure(
        res,
        new RestFailure(
          429,
          `Too many ${SCOPE_LABEL[scope]} from ${whose}: the limit is ${limit} a minute. Try again in ${reset} seconds.`,
          undefined,
          reset,
        ),
      );
    }
    return allowed;
  }

  return {
    // Express 5 passes a rejection on to the error handlers.
    async rest(req, res, next) {
      if (await countRest(req, res)) next();
    },
    async graphql(context) {
      const accountId = context.credential?.principal.accountId;
      try {
        if (accountId) await graphqlByAccount.consume(accountId);
        else await graphqlByIp.consume(context.clientIp);
      } catch (refused) {
        if (!(refused instanceof RateLimiterRes)) throw refused;
        const seconds = secondsUntil(refused.msBeforeNext);
        const [whose, limit] = accountId
          ? ['this account', config.GRAPHQL_RATE_LIMIT_PER_ACCOUNT]
          : ['this address', config.GRAPHQL_RATE_LIMIT_PER_IP];
        throw new RateLimitedError(
          `Too many GraphQL requests from ${whose}: the limit is ${limit} a minute. Try again in ${seconds} seconds.`,
          seconds,
        );
      }
    },
  };
}

/** The HTTP answer for a RATE_LIMITED error thrown while building a /graphql request's context. */
export function rateLimitedHttpError(error: RateLimitedError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...error.extensions(),
      http: { status: 429, headers: new Map([['retry-after', String(error.retryAfterSeconds)]]) },
    },
  });
}
