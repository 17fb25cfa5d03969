import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import type { Executor } from './accounts.store.js';

/**
 * LOGIN-2 brute-force protection, kept in the database so every node agrees. Failures are counted
 * per identifier + IP (5 per 15 minutes), per identifier from anywhere (20 per 15 minutes, against
 * distributed guessing) and per IP (100 per 15 minutes, 1,000 in development). The identifier is the
 * blind index of what was typed, whether or not such an account exists, so a throttled unknown phone
 * and a throttled real one look the same. A lock is a fixed window of at most 15 minutes — never
 * permanent — and the owner can always sign in with an SMS code meanwhile.
 *
 * An attempt is counted *before* its password is checked, in one atomic statement for the three
 * counters (DESIGN: limits live in the database): concurrent guesses can never get past a limit,
 * however many arrive at once. The right password takes its attempt back (and clears the
 * identifier + IP's failures); so does an attempt that proved nothing (argon2 refused it under
 * load, or the server failed). A wrong password keeps it: that is the failure.
 */
const WINDOW = 15 * MINUTE;

export type LoginAttempt = {
  /**
   * Runs the look-up and password check; when it throws, the attempt is taken back before the
   * error goes on.
   */
  check<T>(run: () => Promise<T>): Promise<T>;
  /**
   * The right password: the attempt is taken back and this identifier + IP's failures cleared (in
   * the caller's transaction if given, e.g. the one that opens the session).
   */
  succeeded(executor?: Executor): Promise<void>;
};

export function createLoginThrottle(ctx: Context) {
  const { rateLimits, crypto, config } = ctx;
  const limits = { pair: 5, identifier: 20, ip: config.dev ? 1000 : 100 };

  return {
    /** Counts one attempt, or throws `login_throttled` (counting nothing) when any limit is reached. */
    async begin(identifier: string, ip: string): Promise<LoginAttempt> {
      const id = crypto.blindIndex('login_identifier', identifier.toLowerCase());
      const pair = { scope: 'login_fail_pair', key: `${id}|${ip}` };
      const others = [
        { scope: 'login_fail_identifier', key: id },
        { scope: 'login_fail_ip', key: ip },
      ];
      const hit = await rateLimits.hitAll(
        [
          { ...pair, limit: limits.pair },
          { ...others[0]!, limit: limits.identifier },
          { ...others[1]!, limit: limits.ip },
        ],
        WINDOW,
      );
      if (!hit.allowed) {
        const { retryAfterSeconds } = hit;
        throw appError(
          'login_throttled',
          { retryAfterSeconds },
          { 'retry-after': String(retryAfterSeconds) },
        );
      }
      const takeBack = () => rateLimits.takeBack([pair, ...others], hit.window);
      return {
        async check(run) {
          try {
            return await run();
          } catch (err) {
            // If even this fails, the attempt stays counted: the safe side.
            await takeBack().catch((e: unknown) =>
              ctx.log.warn({ err: e }, 'login throttle: attempt not taken back'),
            );
            throw err;
          }
        },
        succeeded: (executor) => rateLimits.takeBack(others, hit.window, [pair], executor),
      };
    },
  };
}
