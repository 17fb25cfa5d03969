import { sql } from 'kysely';
import type { Context } from '../../context.js';
import { DAY, HOUR, MINUTE, shanghaiDay } from '../../kernel/clock.js';
import { safeEqual } from '../../kernel/crypto.js';
import { appError } from '../../kernel/errors.js';
import { newId, randomDigits } from '../../kernel/ids.js';
import type { Notifier } from '../notify/index.js';
import type { SmsPurpose } from './accounts.schema.js';
import { maskPhone } from './phone.js';

/**
 * SMS codes (SMS-1..3). Every limit is one atomic statement in the database, so it holds under
 * concurrent requests and across nodes:
 *  - resend interval: conditional upsert of `phone_guards.last_sent_at`;
 *  - 10 a day per phone (Asia/Shanghai day): conditional upsert of a day counter;
 *  - per-IP and per-device hourly counters against SMS pumping;
 *  - 3 consecutive wrong codes lock the phone 30 minutes: conditional upsert of
 *    `phone_guards.failed_count` that counts only while unlocked.
 * Codes are stored as keyed hashes, never in clear; the text goes out through a durable job.
 */

declare module '../../kernel/db-schema.js' {
  interface Database {
    sms_codes: {
      id: string;
      phone_bidx: string;
      purpose: string;
      code_hash: string;
      expires_at: number;
      consumed_at: number | null;
      created_at: number;
    };
    phone_guards: {
      phone_bidx: string;
      failed_count: number;
      locked_until: number | null;
      last_sent_at: number | null;
    };
  }
}

const PURPOSE_TEXT: Record<SmsPurpose, string> = {
  register: '注册',
  login: '登录',
  reset: '重置密码',
  bind: '绑定手机',
  step_up: '安全验证',
  activation: '店铺激活',
  main_account_change: '主账号变更',
  expedite: '加急审核',
};

/** Asia/Shanghai midnight (UTC+8) of the day containing `ms`. */
function shanghaiMidnight(ms: number): number {
  return Date.parse(`${shanghaiDay(ms)}T00:00:00+08:00`);
}

export type SmsCodes = ReturnType<typeof createSmsCodes>;

export function createSmsCodes(ctx: Context, notify: Notifier) {
  const { db, clock, crypto, rateLimits, config } = ctx;
  const cfg = config.sms;
  const phoneIndex = (phone: string) => crypto.blindIndex('phone', phone);
  const codeHash = (phone: string, purpose: string, code: string) =>
    crypto.blindIndex(`sms_code:${purpose}:${phone}`, code);

  /** The phone's guard row as it stands now (lock and attempt count). */
  const guardOf = (idx: string) =>
    db
      .selectFrom('phone_guards')
      .select(['locked_until', 'failed_count'])
      .where('phone_bidx', '=', idx)
      .executeTakeFirst();

  return {
    phoneIndex,

    async request(input: { phone: string; purpose: SmsPurpose; ip: string; deviceId?: string | undefined }) {
      const now = clock.now();
      const idx = phoneIndex(input.phone);

      const ipHit = await rateLimits.hit('sms_ip', input.ip, cfg.ipHourlyLimit, HOUR);
      if (!ipHit.allowed) {
        throw appError(
          'rate_limited',
          { retryAfterSeconds: ipHit.retryAfterSeconds },
          {
            'retry-after': String(ipHit.retryAfterSeconds),
          },
        );
      }
      if (input.deviceId) {
        const devHit = await rateLimits.hit(
          'sms_device',
          crypto.blindIndex('device', input.deviceId),
          cfg.ipHourlyLimit,
          HOUR,
        );
        if (!devHit.allowed) {
          throw appError(
            'rate_limited',
            { retryAfterSeconds: devHit.retryAfterSeconds },
            {
              'retry-after': String(devHit.retryAfterSeconds),
            },
          );
        }
      }

      const code = randomDigits(6);
      await db.transaction().execute(async (trx) => {
        const resendBefore = now - cfg.resendSeconds * 1000;
        const sent = await trx
          .insertInto('phone_guards')
          .values({ phone_bidx: idx, failed_count: 0, locked_until: null, last_sent_at: now })
          .onConflict((oc) =>
            oc
              .column('phone_bidx')
              .doUpdateSet({ last_sent_at: now })
              .where((eb) =>
                eb.or([
                  eb('phone_guards.last_sent_at', 'is', null),
                  eb('phone_guards.last_sent_at', '<=', resendBefore),
                ]),
              ),
          )
          .returning('last_sent_at')
          .executeTakeFirst();
        if (!sent) {
          const row = await trx
            .selectFrom('phone_guards')
            .select('last_sent_at')
            .where('phone_bidx', '=', idx)
            .executeTakeFirst();
          const retry = Math.max(
            1,
            Math.ceil(((row?.last_sent_at ?? now) + cfg.resendSeconds * 1000 - now) / 1000),
          );
          throw appError(
            'sms_resend_too_soon',
            { retryAfterSeconds: retry },
            { 'retry-after': String(retry) },
          );
        }
        const day = await rateLimits.hit(
          'sms_phone_day',
          idx,
          cfg.dailyLimit,
          DAY,
          shanghaiMidnight(now),
          trx,
        );
        if (!day.allowed) {
          throw appError(
            'sms_daily_limit',
            { retryAfterSeconds: day.retryAfterSeconds },
            {
              'retry-after': String(day.retryAfterSeconds),
            },
          );
        }
        await trx
          .insertInto('sms_codes')
          .values({
            id: newId('smsc'),
            phone_bidx: idx,
            purpose: input.purpose,
            code_hash: codeHash(input.phone, input.purpose, code),
            expires_at: now + cfg.codeTtlSeconds * 1000,
            consumed_at: null,
            created_at: now,
          })
          .execute();
        const text = `【开店】您的${PURPOSE_TEXT[input.purpose]}验证码是 ${code}，${cfg.codeTtlSeconds / 60} 分钟内有效。请勿告诉他人。`;
        await notify.sms(
          { to: input.phone, purpose: input.purpose, template: 'verification_code', params: { code }, text },
          trx,
        );
        await ctx.audit.record(
          {
            action: 'sms.code_requested',
            actorType: 'anonymous',
            targetType: 'phone',
            targetId: idx.slice(0, 16),
            ip: input.ip,
            data: { purpose: input.purpose, phone: maskPhone(input.phone) },
          },
          trx,
        );
      });
      notify.flush();
      return { expiresInSeconds: cfg.codeTtlSeconds, resendAfterSeconds: cfg.resendSeconds };
    },

    /**
     * Checks and consumes the latest code for phone + purpose. Throws phone_locked, sms_code_expired
     * or sms_code_invalid.
     *
     * SMS-3 under concurrency: the attempt is counted *before* the code is compared, by one
     * conditional upsert that takes it only while the phone is unlocked and fewer than
     * `maxWrongCodes` attempts are counted (failed or still being checked). So however many
     * guesses arrive at once, at most that many codes are ever compared before the lock: a right
     * code in a burst of wrong ones gets through only if it was one of them. The right code clears
     * the count; a right but expired code takes its attempt back; a wrong one keeps it, and locks
     * the phone when the count is full.
     */
    async verify(input: {
      phone: string;
      purpose: SmsPurpose;
      code: string;
      ip?: string | undefined;
    }): Promise<void> {
      const now = clock.now();
      const idx = phoneIndex(input.phone);
      const max = cfg.maxWrongCodes;
      const lockUntil = now + cfg.lockMinutes * MINUTE;
      const lockEnded = sql<boolean>`phone_guards.locked_until is not null and phone_guards.locked_until <= ${now}`;
      const taken = await db
        .insertInto('phone_guards')
        .values({ phone_bidx: idx, failed_count: 1, locked_until: null, last_sent_at: null })
        .onConflict((oc) =>
          oc
            .column('phone_bidx')
            .doUpdateSet({
              failed_count: sql<number>`(case when ${lockEnded} then 1 else phone_guards.failed_count + 1 end)`,
              locked_until: null,
            })
            .where(
              sql<boolean>`(phone_guards.locked_until is null and phone_guards.failed_count < ${max}) or ${lockEnded}`,
            ),
        )
        .returning(['failed_count'])
        .executeTakeFirst();
      if (!taken) {
        // Locked, or every remaining attempt is being checked right now (a burst of guesses).
        const row = await guardOf(idx);
        throw lockedError(row?.locked_until && row.locked_until > now ? row.locked_until : lockUntil);
      }

      const latest = await db
        .selectFrom('sms_codes')
        .selectAll()
        .where('phone_bidx', '=', idx)
        .where('purpose', '=', input.purpose)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();

      const matches =
        latest !== undefined &&
        latest.consumed_at === null &&
        /^\d{6}$/.test(input.code) &&
        safeEqual(latest.code_hash, codeHash(input.phone, input.purpose, input.code));

      if (matches && latest.expires_at <= now) {
        await db
          .updateTable('phone_guards')
          .set((eb) => ({ failed_count: eb('failed_count', '-', 1) }))
          .where('phone_bidx', '=', idx)
          .where('failed_count', '>', 0)
          .where('locked_until', 'is', null)
          .execute();
        throw appError('sms_code_expired');
      }
      if (matches) {
        const consumed = await db
          .updateTable('sms_codes')
          .set({ consumed_at: now })
          .where('id', '=', latest.id)
          .where('consumed_at', 'is', null)
          .executeTakeFirst();
        if (Number(consumed.numUpdatedRows) === 1) {
          await db
            .updateTable('phone_guards')
            .set({ failed_count: 0 })
            .where('phone_bidx', '=', idx)
            .where('locked_until', 'is', null)
            .execute();
          return;
        }
      }
      // A wrong code: its attempt stays counted. The last one allowed locks the phone.
      if (taken.failed_count < max) {
        throw appError('sms_code_invalid', { remainingAttempts: max - taken.failed_count });
      }
      const locked = await db
        .updateTable('phone_guards')
        .set({ locked_until: lockUntil })
        .where('phone_bidx', '=', idx)
        .where('failed_count', '>=', max)
        .where('locked_until', 'is', null)
        .executeTakeFirst();
      if (Number(locked.numUpdatedRows) === 0) {
        // Another request locked it meanwhile, or a right code cleared the count.
        const row = await guardOf(idx);
        if (row?.locked_until && row.locked_until > now) throw lockedError(row.locked_until);
        throw appError('sms_code_invalid', {
          remainingAttempts: Math.max(0, max - (row?.failed_count ?? 0)),
        });
      }
      await ctx.audit.record({
        action: 'sms.phone_locked',
        actorType: 'anonymous',
        targetType: 'phone',
        targetId: idx.slice(0, 16),
        ip: input.ip,
        data: { phone: maskPhone(input.phone), until: lockUntil },
      });
      throw lockedError(lockUntil);
    },
  };
}

function lockedError(until: number) {
  // unlockAt for machines (ISO 8601); unlockTime for people, in Beijing time.
  const unlockTime = `${new Date(until + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
  return appError('phone_locked', { unlockAt: new Date(until).toISOString(), unlockTime });
}
