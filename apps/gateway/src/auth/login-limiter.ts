import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BUS_OPTIONS, BusOptions, BusQueues } from '@permanentie/bus';
import { GatewayConfig } from '../gateway.config';

export class TooManyAttempts extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Te veel aanmeldpogingen; probeer opnieuw over ${minutes} min / trop de tentatives, réessayez dans ${minutes} min`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Fixed-window login limits in Redis, so every gateway instance counts together: all attempts
 * per client address, failed attempts per account. Keys hold a hash, never the username or IP.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly queues: BusQueues,
    @Inject(BUS_OPTIONS) private readonly bus: BusOptions,
    private readonly config: GatewayConfig,
  ) {}

  private key(kind: 'ip' | 'acct', value: string): string {
    const h = createHash('sha256').update(value.toLowerCase()).digest('base64url').slice(0, 22);
    return `${this.bus.prefix}:gw:login:${kind}:${h}`;
  }

  /** Counts this attempt for the address; throws 429 when the address or the account is over. */
  async admit(ip: string, username: string): Promise<void> {
    const redis = this.queues.redis;
    const window = this.config.LOGIN_WINDOW_S;
    const ipKey = this.key('ip', ip);
    const acctKey = this.key('acct', username);
    const [[, ipCount], , [, failures], [, acctTtl]] = (await redis
      .multi()
      .incr(ipKey)
      .expire(ipKey, window, 'NX')
      .get(acctKey)
      .ttl(acctKey)
      .exec()) as [unknown, number][];
    if (Number(ipCount) > this.config.LOGIN_MAX_PER_IP) {
      const ttl = await redis.ttl(ipKey);
      throw new TooManyAttempts(ttl > 0 ? ttl : window);
    }
    if (Number(failures ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
      throw new TooManyAttempts(Number(acctTtl) > 0 ? Number(acctTtl) : window);
    }
  }

  async failed(username: string): Promise<void> {
    const key = this.key('acct', username);
    await this.queues.redis.multi().incr(key).expire(key, this.config.LOGIN_WINDOW_S, 'NX').exec();
  }

  async succeeded(username: string): Promise<void> {
    await this.queues.redis.del(this.key('acct', username));
  }
}
