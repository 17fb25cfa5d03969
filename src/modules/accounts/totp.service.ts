import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { AccountsStore, Executor, MerchantRow } from './accounts.store.js';
import { maskPhone } from './phone.js';

/**
 * TOTP two-factor ("手机动态口令", PWD-3): RFC 6238, SHA-1, 6 digits, 30 s, ±1 step of drift.
 * Enrolment keeps the new secret pending until a first code confirms it; then 10 single-use
 * recovery codes are shown once and stored as keyed hashes. A code's time step is remembered, so
 * one code cannot be replayed.
 */

const ISSUER = '开店 Kaidian';
const MFA_WINDOW = 15 * MINUTE;
const MFA_FAILURES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function totpFor(secretBase32: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export function normalizeRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}

export type Totp = ReturnType<typeof createTotp>;

export function createTotp(ctx: Context, store: AccountsStore) {
  const { db, clock, crypto } = ctx;
  const recoveryHash = (merchantId: string, code: string) =>
    crypto.blindIndex(`recovery:${merchantId}`, normalizeRecoveryCode(code));

  const labelOf = (m: MerchantRow) => {
    const phone = store.phoneOf(m);
    return phone ? maskPhone(phone) : (store.emailOf(m) ?? m.id);
  };

  async function issueRecoveryCodes(merchantId: string, ex: Executor): Promise<string[]> {
    const codes = Array.from({ length: 10 }, newRecoveryCode);
    await ex.deleteFrom('recovery_codes').where('merchant_id', '=', merchantId).execute();
    await ex
      .insertInto('recovery_codes')
      .values(
        codes.map((c) => ({
          id: newId('rc'),
          merchant_id: merchantId,
          code_hash: recoveryHash(merchantId, c),
          used_at: null,
          created_at: clock.now(),
        })),
      )
      .execute();
    return codes;
  }

  /** Checks a TOTP code and records its time step atomically (no replay). */
  async function verifyCode(m: MerchantRow, code: string): Promise<boolean> {
    const secret = store.totpSecretOf(m);
    if (!secret || !/^\d{6}$/.test(code)) return false;
    const delta = totpFor(secret, labelOf(m)).validate({ token: code, timestamp: clock.now(), window: 1 });
    if (delta === null) return false;
    const step = Math.floor(clock.now() / 30_000) + delta;
    const res = await db
      .updateTable('merchants')
      .set({ totp_last_step: step })
      .where('id', '=', m.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Uses up one recovery code; true when it was valid and unused. */
  async function redeemRecoveryCode(merchantId: string, code: string): Promise<boolean> {
    const res = await db
      .updateTable('recovery_codes')
      .set({ used_at: clock.now() })
      .where('merchant_id', '=', merchantId)
      .where('code_hash', '=', recoveryHash(merchantId, code))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  return {
    async startEnrolment(m: MerchantRow) {
      if (m.totp_enabled_at) throw appError('totp_already_enabled');
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      await store.update(m.id, { totp_pending_enc: store.sealTotp(secret), updated_at: clock.now() });
      const otpauthUrl = totpFor(secret, labelOf(m)).toString();
      // Loaded at the first enrolment: ~3 MB that an idle server does not need.
      const QRCode = (await import('qrcode')).default;
      const qrDataUrl = await QRCode.toDataURL(otpauthUrl, {
        errorCorrectionLevel: 'M',
        margin: 1,
        width: 240,
      });
      return { secret, otpauthUrl, qrDataUrl };
    },

    async confirmEnrolment(m: MerchantRow, code: string): Promise<string[]> {
      if (m.totp_enabled_at) throw appError('totp_already_enabled');
      if (!m.totp_pending_enc) throw appError('totp_not_pending');
      const secret = crypto.decrypt(m.totp_pending_enc, 'merchants.totp_secret');
      const delta = totpFor(secret, labelOf(m)).validate({ token: code, timestamp: clock.now(), window: 1 });
      if (delta === null) throw appError('mfa_code_invalid');
      const step = Math.floor(clock.now() / 30_000) + delta;
      return db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('merchants')
          .set({
            totp_secret_enc: m.totp_pending_enc,
            totp_pending_enc: null,
            totp_enabled_at: clock.now(),
            totp_last_step: step,
            updated_at: clock.now(),
          })
          .where('id', '=', m.id)
          .where('totp_enabled_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw appError('totp_already_enabled');
        const codes = await issueRecoveryCodes(m.id, trx);
        await ctx.audit.record(
          {
            action: 'mfa.totp_enabled',
            actorType: 'merchant',
            actorId: m.id,
            targetType: 'merchant',
            targetId: m.id,
          },
          trx,
        );
        return codes;
      });
    },

    /**
     * A second-factor attempt (TOTP or recovery code), counted per account *before* the code is
     * checked: at most 10 wrong codes per 15 minutes across every sign-in challenge and step-up. (A
     * challenge alone allows 5 attempts, and the right password opens a new challenge at no cost, so
     * without this the 6-digit code could be guessed a challenge at a time.) The right code takes
     * its attempt back. Throws rate_limited (429, Retry-After) when the count is full.
     */
    async checkSecondFactor(
      m: MerchantRow,
      input: { code: string } | { recoveryCode: string },
    ): Promise<boolean> {
      const counter = { scope: 'mfa_fail', key: m.id };
      const hit = await ctx.rateLimits.hitAll([{ ...counter, limit: MFA_FAILURES }], MFA_WINDOW);
      if (!hit.allowed) {
        const { retryAfterSeconds } = hit;
        throw appError('rate_limited', { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
      }
      let wrong = false;
      try {
        const ok =
          'code' in input
            ? await verifyCode(m, input.code)
            : await redeemRecoveryCode(m.id, input.recoveryCode);
        wrong = !ok;
        return ok;
      } finally {
        // A wrong code keeps its attempt: that is the failure. A right one, or a check that threw, does not.
        if (!wrong) await ctx.rateLimits.takeBack([counter], hit.window);
      }
    },

    async regenerateRecoveryCodes(m: MerchantRow): Promise<string[]> {
      if (!m.totp_enabled_at) throw appError('totp_not_enabled');
      return db.transaction().execute(async (trx) => {
        const codes = await issueRecoveryCodes(m.id, trx);
        await ctx.audit.record(
          {
            action: 'mfa.recovery_codes_regenerated',
            actorType: 'merchant',
            actorId: m.id,
            targetType: 'merchant',
            targetId: m.id,
          },
          trx,
        );
        return codes;
      });
    },

    async disable(m: MerchantRow): Promise<void> {
      if (!m.totp_enabled_at) throw appError('totp_not_enabled');
      await db.transaction().execute(async (trx) => {
        await store.update(
          m.id,
          {
            totp_secret_enc: null,
            totp_pending_enc: null,
            totp_enabled_at: null,
            totp_last_step: null,
            updated_at: clock.now(),
          },
          trx,
        );
        await trx.deleteFrom('recovery_codes').where('merchant_id', '=', m.id).execute();
        await ctx.audit.record(
          {
            action: 'mfa.totp_disabled',
            actorType: 'merchant',
            actorId: m.id,
            targetType: 'merchant',
            targetId: m.id,
          },
          trx,
        );
      });
    },

    async remainingRecoveryCodes(merchantId: string): Promise<number> {
      const rows = await db
        .selectFrom('recovery_codes')
        .select('id')
        .where('merchant_id', '=', merchantId)
        .where('used_at', 'is', null)
        .execute();
      return rows.length;
    },
  };
}
