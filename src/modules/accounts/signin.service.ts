import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type RequestMeta, requireEmail, requirePhone } from './accounts.service.js';
import type { AccountsStore, MerchantRow } from './accounts.store.js';
import type { createLoginThrottle, LoginAttempt } from './login-throttle.js';
import { dummyHash, upgradedHash, verifyPassword } from './passwords.js';
import { maskPhone } from './phone.js';
import { type SessionMethod, type Sessions, STEP_UP_MS } from './sessions.service.js';
import type { SmsCodes } from './sms-codes.service.js';
import type { Totp } from './totp.service.js';

/**
 * Sign-in (LOGIN-1/2): phone or email + password, phone + SMS code, then the TOTP step when
 * enabled. Unknown accounts and wrong passwords give the same status and body, after the same
 * argon2 work. Throttling is per identifier + IP, per identifier and per IP (login-throttle.ts).
 */

const CHALLENGE_TTL = 5 * MINUTE;
const CHALLENGE_ATTEMPTS = 5;

export type SignInResult =
  | { kind: 'session'; session: { id: string; token: string; expiresAt: string }; merchantId: string }
  | { kind: 'mfa'; challengeId: string };

export type SignIn = ReturnType<typeof createSignIn>;

export function createSignIn(
  ctx: Context,
  deps: {
    store: AccountsStore;
    sessions: Sessions;
    smsCodes: SmsCodes;
    totp: Totp;
    throttle: ReturnType<typeof createLoginThrottle>;
  },
) {
  const { db, clock, audit } = ctx;
  const { store, sessions, smsCodes, totp, throttle } = deps;

  /**
   * After a first factor: refusals, the TOTP challenge, or a session. `settle` (a password attempt's
   * `succeeded`) runs before a refusal or challenge, or inside the transaction that opens the session.
   */
  async function finish(
    m: MerchantRow,
    method: SessionMethod,
    meta: RequestMeta,
    settle?: LoginAttempt['succeeded'],
  ): Promise<SignInResult> {
    // Every way out before the session: a refusal or the challenge.
    if (settle && (m.status === 'disabled' || m.status === 'pending_activation' || m.totp_enabled_at))
      await settle();
    if (m.status === 'disabled') throw appError('account_disabled');
    if (m.status === 'pending_activation') throw appError('account_not_activated');
    if (m.totp_enabled_at) {
      const challengeId = newId('mfa');
      await db
        .insertInto('mfa_challenges')
        .values({
          id: challengeId,
          merchant_id: m.id,
          method,
          attempts: 0,
          ip: meta.ip,
          user_agent: meta.userAgent?.slice(0, 300) ?? null,
          created_at: clock.now(),
          expires_at: clock.now() + CHALLENGE_TTL,
          consumed_at: null,
        })
        .execute();
      await audit.record({
        action: 'login.mfa_challenged',
        actorType: 'merchant',
        actorId: m.id,
        ip: meta.ip,
        data: { method },
      });
      return { kind: 'mfa', challengeId };
    }
    return startSession(m.id, method, false, meta, settle);
  }

  async function startSession(
    merchantId: string,
    method: SessionMethod,
    mfa: boolean,
    meta: RequestMeta,
    settle?: LoginAttempt['succeeded'],
  ): Promise<SignInResult> {
    return db.transaction().execute(async (trx) => {
      await settle?.(trx);
      const session = await sessions.create(
        {
          principalType: 'merchant',
          principalId: merchantId,
          method,
          mfa,
          ip: meta.ip,
          userAgent: meta.userAgent,
          // An SMS sign-in just proved the phone: it counts as the step-up for a few minutes.
          ...(method === 'sms' ? { stepUpMs: STEP_UP_MS } : {}),
        },
        trx,
      );
      await audit.record(
        {
          action: 'login.succeeded',
          actorType: 'merchant',
          actorId: merchantId,
          targetType: 'session',
          targetId: session.id,
          ip: meta.ip,
          data: { method, mfa },
        },
        trx,
      );
      return { kind: 'session' as const, session, merchantId };
    });
  }

  return {
    /** After a first factor: the TOTP challenge when enabled, else a session. */
    complete: (m: MerchantRow, method: SessionMethod, meta: RequestMeta) => finish(m, method, meta),

    async withPassword(
      input: { phone?: string; email?: string; password: string },
      meta: RequestMeta,
    ): Promise<SignInResult> {
      const identifier =
        input.phone !== undefined ? requirePhone(input.phone) : requireEmail(input.email ?? '');
      const attempt = await throttle.begin(identifier, meta.ip);
      const { m, ok } = await attempt.check(async () => {
        const m =
          input.phone !== undefined ? await store.byPhone(identifier) : await store.byEmail(identifier);
        return { m, ok: await verifyPassword(m?.password_hash ?? (await dummyHash()), input.password) };
      });
      if (!m?.password_hash || !ok) {
        await audit.record({
          action: 'login.failed',
          actorType: 'anonymous',
          actorId: m?.id ?? null,
          ip: meta.ip,
          data: { method: 'password', reason: m ? 'wrong_password' : 'unknown_account' },
        });
        throw appError('invalid_credentials');
      }
      const upgraded = await upgradedHash(m.password_hash, input.password);
      if (upgraded) await store.update(m.id, { password_hash: upgraded });
      return finish(m, 'password', meta, attempt.succeeded);
    },

    async withSmsCode(input: { phone: string; smsCode: string }, meta: RequestMeta): Promise<SignInResult> {
      const phone = requirePhone(input.phone);
      await smsCodes.verify({ phone, purpose: 'login', code: input.smsCode, ip: meta.ip });
      const m = await store.byPhone(phone);
      if (!m) {
        await audit.record({
          action: 'login.failed',
          actorType: 'anonymous',
          ip: meta.ip,
          data: { method: 'sms', reason: 'unknown_account', phone: maskPhone(phone) },
        });
        throw appError('invalid_credentials');
      }
      return finish(m, 'sms', meta);
    },

    /** The second step: a TOTP code or a recovery code for an open challenge. */
    async completeMfa(
      input: { challengeId: string; code?: string; recoveryCode?: string },
      meta: RequestMeta,
    ): Promise<SignInResult> {
      const now = clock.now();
      const counted = await db
        .updateTable('mfa_challenges')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', input.challengeId)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .where('attempts', '<', CHALLENGE_ATTEMPTS)
        .returning(['merchant_id', 'method'])
        .executeTakeFirst();
      if (!counted) throw appError('mfa_challenge_invalid');
      const m = await store.byId(counted.merchant_id);
      if (!m) throw appError('mfa_challenge_invalid');
      const ok = await totp.checkSecondFactor(
        m,
        input.code !== undefined ? { code: input.code } : { recoveryCode: input.recoveryCode ?? '' },
      );
      if (!ok) {
        await audit.record({
          action: 'login.mfa_failed',
          actorType: 'merchant',
          actorId: m.id,
          ip: meta.ip,
          data: { with: input.code !== undefined ? 'totp' : 'recovery_code' },
        });
        throw appError('mfa_code_invalid');
      }
      const consumed = await db
        .updateTable('mfa_challenges')
        .set({ consumed_at: now })
        .where('id', '=', input.challengeId)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      if (Number(consumed.numUpdatedRows) !== 1) throw appError('mfa_challenge_invalid');
      if (input.recoveryCode !== undefined) {
        await audit.record({
          action: 'mfa.recovery_code_used',
          actorType: 'merchant',
          actorId: m.id,
          ip: meta.ip,
        });
      }
      return startSession(m.id, counted.method as SessionMethod, true, meta);
    },
  };
}
