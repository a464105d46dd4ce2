import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Env } from '@portal/config';
import { TooManyAttemptsError } from '@portal/core';
import { REDIS } from '@portal/queue';

/**
 * Failed logins are counted per account and per client address in Redis (shared by every
 * api replica); after LOGIN_MAX_FAILURES within LOGIN_WINDOW_MINUTES further attempts get
 * 429 with Retry-After until the window passes. While Redis is away, counting goes on in
 * memory (the insurance limiter) rather than letting everything through.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly limiter: RateLimiterRedis;
  private readonly max: number;

  constructor(@Inject(REDIS) redis: Redis, env: Env) {
    this.max = env.LOGIN_MAX_FAILURES;
    const duration = env.LOGIN_WINDOW_MINUTES * 60;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${env.REDIS_PREFIX}:login-fail`,
      points: this.max,
      duration,
      insuranceLimiter: new RateLimiterMemory({ points: this.max, duration }),
    });
  }

  private keys(email: string, ip: string | undefined): string[] {
    return [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];
  }

  /** Throws TooManyAttemptsError when the account or the address has used up its failures. */
  async assertAllowed(email: string, ip: string | undefined): Promise<void> {
    let waitMs = 0;
    for (const key of this.keys(email, ip)) {
      const state = await this.limiter.get(key).catch((error: unknown) => {
        this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
        return null;
      });
      if (state && state.consumedPoints >= this.max) waitMs = Math.max(waitMs, state.msBeforeNext);
    }
    if (waitMs > 0) throw new TooManyAttemptsError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  async recordFailure(email: string, ip: string | undefined): Promise<void> {
    for (const key of this.keys(email, ip)) {
      await this.limiter.penalty(key, 1).catch((error: unknown) => {
        if (!(error instanceof RateLimiterRes))
          this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
      });
    }
  }

  /** A successful login clears the account's count (not the address's). */
  async recordSuccess(email: string): Promise<void> {
    await this.limiter.delete(`email:${email}`).catch(() => undefined);
  }
}
