import { sql } from 'kysely';
import type { Context } from '../../context.js';
import { DAY, HOUR, MINUTE, shanghaiDay } from '../../kernel/clock.js';
import { hashToken, safeEqual } from '../../kernel/crypto.js';
import type { Executor } from '../../kernel/db.js';
import { appError, isAppError } from '../../kernel/errors.js';
import { newToken, randomDigits } from '../../kernel/ids.js';
import type { ActivationDeps, ShopLike } from './deps.js';
import type { Progression } from './progression.js';

/**
 * ACT-2: activation by a link and a code sent by SMS and email, valid 10 minutes, re-sendable.
 * Both are stored hashed (code: keyed HMAC bound to the shop; link token: SHA-256). Every limit is
 * one conditional statement: the resend interval and the lock are a conditional upsert, wrong codes
 * count with a conditional UPDATE, and a code or link is consumed by a conditional UPDATE inside
 * the shop's activate transaction, so concurrent confirmations activate once.
 */

declare module '../../kernel/db-schema.js' {
  interface Database {
    shop_activations: {
      shop_id: string;
      code_hash: string | null;
      token_hash: string | null;
      expires_at: number;
      sent_at: number;
      failed_count: number;
      locked_until: number | null;
      consumed_at: number | null;
      created_at: number;
    };
  }
}

export const ACTIVATION_TTL_MS = 10 * MINUTE;
export const MAX_WRONG_CODES = 5;
export const LOCK_MS = 30 * MINUTE;
export const SENDS_PER_HOUR = 5;
/** Statuses a shop can only reach after activation: confirming again says so (ACT-2). */
const ACTIVATED = new Set(['active', 'restricted', 'suspended', 'closing']);

const lockedError = (until: number) =>
  appError('activation_locked', {
    unlockAt: new Date(until).toISOString(),
    unlockTime: `${new Date(until + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`,
  });

export type Confirmed = { shop: ShopLike; alreadyActive: boolean };

export function createActivationCodes(ctx: Context, deps: ActivationDeps, progression: Progression) {
  const { db, clock, crypto, audit, rateLimits, config } = ctx;
  const codeHash = (shopId: string, code: string) => crypto.blindIndex(`shop_activation:${shopId}`, code);

  async function shopOr404(shopId: string): Promise<ShopLike> {
    const shop = await deps.shops.find(shopId);
    if (!shop) throw appError('not_found');
    return shop;
  }

  const row = (shopId: string) =>
    db.selectFrom('shop_activations').selectAll().where('shop_id', '=', shopId).executeTakeFirst();

  /** ready_to_activate → active, consuming the code or link in the same transaction. */
  async function activate(
    shop: ShopLike,
    consume: (trx: Executor) => Promise<boolean>,
    via: 'code' | 'link',
  ): Promise<Confirmed> {
    // The code or link proves the owner's phone or email: the owner is the actor either way.
    const actorId = shop.merchant_id;
    try {
      await deps.shops.apply(
        shop.id,
        'activate',
        { type: 'merchant', id: actorId },
        {
          inTrx: async (trx) => {
            if (!(await consume(trx)))
              throw appError(via === 'code' ? 'activation_code_invalid' : 'activation_token_invalid', {
                attemptsLeft: 0,
              });
            await deps.emit('shop.activated', { shopId: shop.id, merchantId: shop.merchant_id }, trx);
            await audit.record(
              {
                action: 'shop.activation_confirmed',
                actorType: 'merchant',
                actorId,
                targetType: 'shop',
                targetId: shop.id,
                data: { via },
              },
              trx as Parameters<typeof audit.record>[1],
            );
          },
        },
      );
    } catch (err) {
      if (!isAppError(err, 'shop_state_conflict')) throw err;
      const now = await shopOr404(shop.id);
      if (ACTIVATED.has(now.status)) return { shop: now, alreadyActive: true };
      throw err;
    }
    return { shop: await shopOr404(shop.id), alreadyActive: false };
  }

  return {
    /** Sends a new link and code by SMS and email (whichever the owner has); 10 minutes each. */
    async send(merchantId: string, shopId: string, meta: { ip?: string | undefined } = {}) {
      const shop = await shopOr404(shopId);
      if (shop.status !== 'ready_to_activate')
        throw appError('activation_not_ready', {
          status: shop.status,
          missing: await progression.missing(shop),
        });
      const { phone, email } = await deps.contact(shop.merchant_id);
      const now = clock.now();
      const code = randomDigits(6);
      const token = newToken('kdact');
      const resendMs = config.sms.resendSeconds * 1000;
      await db.transaction().execute(async (trx) => {
        const values = {
          code_hash: codeHash(shopId, code),
          token_hash: hashToken(token),
          expires_at: now + ACTIVATION_TTL_MS,
          sent_at: now,
          failed_count: 0,
          locked_until: null,
          consumed_at: null,
        };
        const sent = await trx
          .insertInto('shop_activations')
          .values({ shop_id: shopId, created_at: now, ...values })
          .onConflict((oc) =>
            oc
              .column('shop_id')
              .doUpdateSet(values)
              .where('shop_activations.sent_at', '<=', now - resendMs)
              .where((eb) =>
                eb.or([
                  eb('shop_activations.locked_until', 'is', null),
                  eb('shop_activations.locked_until', '<=', now),
                ]),
              ),
          )
          .returning('shop_id')
          .executeTakeFirst();
        if (!sent) {
          const current = await trx
            .selectFrom('shop_activations')
            .selectAll()
            .where('shop_id', '=', shopId)
            .executeTakeFirst();
          if (current?.locked_until && Number(current.locked_until) > now)
            throw lockedError(Number(current.locked_until));
          const retry = Math.max(1, Math.ceil((Number(current?.sent_at ?? now) + resendMs - now) / 1000));
          throw appError(
            'sms_resend_too_soon',
            { retryAfterSeconds: retry },
            { 'retry-after': String(retry) },
          );
        }
        // Sends per shop per hour; counted only for a send that passed the interval (and rolled
        // back with it when a later limit refuses).
        const hit = await rateLimits.hit(
          'shop_activation_send',
          shopId,
          SENDS_PER_HOUR,
          HOUR,
          undefined,
          trx,
        );
        if (!hit.allowed)
          throw appError(
            'rate_limited',
            { retryAfterSeconds: hit.retryAfterSeconds },
            { 'retry-after': String(hit.retryAfterSeconds) },
          );
        const link = `${config.publicUrl}/shop-activation?token=${token}`;
        if (phone) {
          // The per-phone daily SMS allowance (SMS-2) is shared with the SMS codes.
          const day = await rateLimits.hit(
            'sms_phone_day',
            deps.phoneIndex(phone),
            config.sms.dailyLimit,
            DAY,
            Date.parse(`${shanghaiDay(now)}T00:00:00+08:00`),
            trx,
          );
          if (!day.allowed)
            throw appError(
              'sms_daily_limit',
              { retryAfterSeconds: day.retryAfterSeconds },
              { 'retry-after': String(day.retryAfterSeconds) },
            );
          await deps.notify.sms(
            {
              to: phone,
              purpose: 'activation',
              template: 'verification_code',
              params: { code },
              text: `【开店】您的店铺激活验证码是 ${code}，10 分钟内有效；也可打开链接完成激活：${link} 请勿告诉他人。`,
            },
            trx,
          );
        }
        if (email)
          await deps.notify.email(
            {
              to: email,
              purpose: 'shop_activation',
              subject: '激活您的店铺 / Activate your shop',
              text:
                `请在 10 分钟内打开以下链接激活店铺，或在页面输入验证码 ${code}：\n${link}\n\n` +
                `Open this link within 10 minutes to activate your shop, or enter the code ${code}:\n${link}\n`,
              code,
            },
            trx,
          );
        await audit.record(
          {
            action: 'shop.activation_sent',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'shop',
            targetId: shopId,
            ip: meta.ip,
            data: { channels: [...(phone ? ['sms'] : []), ...(email ? ['email'] : [])] },
          },
          trx,
        );
      });
      deps.notify.flush();
      return {
        channels: [...(phone ? ['sms' as const] : []), ...(email ? ['email' as const] : [])],
        expiresAt: now + ACTIVATION_TTL_MS,
        resendAfterSeconds: config.sms.resendSeconds,
      };
    },

    /** Confirms with the 6-digit code (signed-in owner). Wrong codes count; 5 lock for 30 minutes. */
    async confirmCode(merchantId: string, shopId: string, code: string): Promise<Confirmed> {
      const shop = await shopOr404(shopId);
      if (ACTIVATED.has(shop.status)) return { shop, alreadyActive: true };
      if (shop.status !== 'ready_to_activate')
        throw appError('activation_not_ready', {
          status: shop.status,
          missing: await progression.missing(shop),
        });
      const now = clock.now();
      const r = await row(shopId);
      if (!r?.code_hash) throw appError('activation_code_invalid', { attemptsLeft: 0 });
      if (r.locked_until && Number(r.locked_until) > now) throw lockedError(Number(r.locked_until));
      // A code used up by 5 wrong tries stays dead after the lock: only a new send revives it.
      if (r.consumed_at !== null || Number(r.expires_at) <= now || Number(r.failed_count) >= MAX_WRONG_CODES)
        throw appError('activation_code_expired');
      const hash = codeHash(shopId, code);
      if (!safeEqual(r.code_hash, hash)) {
        const counted = await db
          .updateTable('shop_activations')
          .set({
            failed_count: sql`failed_count + 1`,
            locked_until: sql`case when failed_count + 1 >= ${MAX_WRONG_CODES} then ${now + LOCK_MS} else locked_until end`,
          })
          .where('shop_id', '=', shopId)
          .where('failed_count', '<', MAX_WRONG_CODES)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
          .returning(['failed_count', 'locked_until'])
          .executeTakeFirst();
        await audit.record({
          action: 'shop.activation_code_failed',
          actorType: 'merchant',
          actorId: merchantId,
          targetType: 'shop',
          targetId: shopId,
          data: { failedCount: counted ? Number(counted.failed_count) : MAX_WRONG_CODES },
        });
        if (!counted || Number(counted.failed_count) >= MAX_WRONG_CODES) {
          const until = Number((await row(shopId))?.locked_until ?? 0);
          throw until > now ? lockedError(until) : appError('activation_code_expired');
        }
        throw appError('activation_code_invalid', {
          attemptsLeft: MAX_WRONG_CODES - Number(counted.failed_count),
        });
      }
      return activate(
        shop,
        async (trx) => {
          const res = await trx
            .updateTable('shop_activations')
            .set({ consumed_at: now })
            .where('shop_id', '=', shopId)
            .where('code_hash', '=', hash)
            .where('consumed_at', 'is', null)
            .where('expires_at', '>', now)
            .where('failed_count', '<', MAX_WRONG_CODES)
            .executeTakeFirst();
          return Number(res.numUpdatedRows) === 1;
        },
        'code',
      );
    },

    /** Confirms with the link's token (no session needed: the token is the proof). */
    async confirmToken(token: string): Promise<Confirmed> {
      const hash = hashToken(token);
      const r = await db
        .selectFrom('shop_activations')
        .selectAll()
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (!r) throw appError('activation_token_invalid');
      const shop = await shopOr404(r.shop_id);
      if (ACTIVATED.has(shop.status)) return { shop, alreadyActive: true };
      const now = clock.now();
      if (r.consumed_at !== null || Number(r.expires_at) <= now) throw appError('activation_code_expired');
      if (shop.status !== 'ready_to_activate')
        throw appError('activation_not_ready', {
          status: shop.status,
          missing: await progression.missing(shop),
        });
      return activate(
        shop,
        async (trx) => {
          const res = await trx
            .updateTable('shop_activations')
            .set({ consumed_at: now })
            .where('shop_id', '=', shop.id)
            .where('token_hash', '=', hash)
            .where('consumed_at', 'is', null)
            .where('expires_at', '>', now)
            .executeTakeFirst();
          return Number(res.numUpdatedRows) === 1;
        },
        'link',
      );
    },
  };
}

export type ActivationCodes = ReturnType<typeof createActivationCodes>;
