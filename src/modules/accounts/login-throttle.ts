import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';

/**
 * LOGIN-2 brute-force protection, kept in the database so every node agrees. Failures are counted
 * per identifier + IP (5 per 15 minutes), per identifier from anywhere (20 per 15 minutes, against
 * distributed guessing) and per IP (100 per 15 minutes, 1,000 in development). The identifier is the
 * blind index of what was typed, whether or not such an account exists, so a throttled unknown phone
 * and a throttled real one look the same. A lock is a fixed window of at most 15 minutes — never
 * permanent — and the owner can always sign in with an SMS code meanwhile.
 */
const WINDOW = 15 * MINUTE;

export function createLoginThrottle(ctx: Context) {
  const { rateLimits, crypto, config } = ctx;
  const limits = { pair: 5, identifier: 20, ip: config.dev ? 1000 : 100 };
  const keys = (identifier: string, ip: string) => {
    const id = crypto.blindIndex('login_identifier', identifier.toLowerCase());
    return { pair: `${id}|${ip}`, identifier: id, ip };
  };

  return {
    /**
     * Throws login_throttled when any counter is at its limit; otherwise tells whether this
     * identifier + IP has failures to clear after a success.
     */
    async check(identifier: string, ip: string): Promise<{ pairFailures: number }> {
      const k = keys(identifier, ip);
      const [pair, ident, byIp] = await rateLimits.peekMany(
        [
          ['login_fail_pair', k.pair],
          ['login_fail_identifier', k.identifier],
          ['login_fail_ip', k.ip],
        ],
        WINDOW,
      );
      if (pair! >= limits.pair || ident! >= limits.identifier || byIp! >= limits.ip) {
        const now = ctx.clock.now();
        const retryAfterSeconds = Math.max(1, Math.ceil((WINDOW - (now % WINDOW)) / 1000));
        throw appError(
          'login_throttled',
          { retryAfterSeconds },
          { 'retry-after': String(retryAfterSeconds) },
        );
      }
      return { pairFailures: pair! };
    },

    async fail(identifier: string, ip: string): Promise<void> {
      const k = keys(identifier, ip);
      await rateLimits.hit('login_fail_pair', k.pair, limits.pair, WINDOW);
      await rateLimits.hit('login_fail_identifier', k.identifier, limits.identifier, WINDOW);
      await rateLimits.hit('login_fail_ip', k.ip, limits.ip, WINDOW);
    },

    async succeed(identifier: string, ip: string): Promise<void> {
      await rateLimits.reset('login_fail_pair', keys(identifier, ip).pair);
    },
  };
}
