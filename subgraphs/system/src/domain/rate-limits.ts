// Sign-in throttles: per e-mail (guessing one account's password) and per IP (spraying many).
import { RateLimitedError } from '@igny8/lib';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface AuthLimiter {
  /** Counts a sign-in attempt; throws RATE_LIMITED when over either limit. */
  loginAttempt(ip: string, email: string): Promise<void>;
  /** Counts another auth call from an IP (register, refresh, password reset). */
  authCall(ip: string): Promise<void>;
}

export function createAuthLimiter(limits: { perEmailPerMinute: number; perIpPerMinute: number }): AuthLimiter {
  const byEmail = new RateLimiterMemory({
    keyPrefix: 'login-email',
    points: limits.perEmailPerMinute,
    duration: 60,
  });
  const byIp = new RateLimiterMemory({ keyPrefix: 'auth-ip', points: limits.perIpPerMinute, duration: 60 });

  const consume = async (limiter: RateLimiterMemory, key: string, what: string) => {
    try {
      await limiter.consume(key);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      throw new RateLimitedError(`Too many ${what}. Try again in ${seconds} seconds.`, seconds);
    }
  };

  return {
    async loginAttempt(ip, email) {
      await consume(byIp, ip, 'sign-in attempts from this address');
      await consume(byEmail, email.toLowerCase(), 'sign-in attempts for this e-mail');
    },
    authCall: (ip) => consume(byIp, ip, 'requests from this address'),
  };
}
