import type { Context } from '../../context.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Notifier } from '../notify/index.js';
import { type AccountsStore, type Executor, type MerchantRow, newMerchant } from './accounts.store.js';
import type { Agreements } from './agreements.service.js';
import { checkPassword, describeRules, POLICIES } from './password-policy.js';
import { assertHashCapacity, hashPassword, verifyPassword } from './passwords.js';
import { maskPhone, normalizeEmail, normalizePhone } from './phone.js';
import type { Sessions } from './sessions.service.js';
import { STEP_UP_MS } from './sessions.service.js';
import type { SmsCodes } from './sms-codes.service.js';

/**
 * Registration by phone (REG-1, AGR-1, PWD-1/2), the merchant's own profile, password change and
 * phone binding. Email registration and binding: email-accounts.service.ts; sign-in:
 * signin.service.ts.
 */

export type RequestMeta = { ip: string; userAgent: string | null };

export function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone) throw appError('phone_invalid');
  return phone;
}

export function requireEmail(input: string): string {
  const email = normalizeEmail(input);
  if (!email) throw appError('email_invalid');
  return email;
}

export type Accounts = ReturnType<typeof createAccounts>;

export function createAccounts(
  ctx: Context,
  deps: {
    store: AccountsStore;
    sessions: Sessions;
    smsCodes: SmsCodes;
    agreements: Agreements;
    notify: Notifier;
  },
) {
  const { db, clock, audit, config } = ctx;
  const { store, sessions, smsCodes, agreements, notify } = deps;
  const policy = POLICIES[config.passwordPolicy];

  /** PWD-1/PWD-2: confirmation first, then every rule, all reported at once. */
  function checkNewPassword(
    password: string,
    confirm: string,
    context: { phone?: string | null; email?: string | null },
  ) {
    if (password !== confirm) throw appError('password_mismatch');
    const failed = checkPassword(password, policy, context);
    if (failed.length > 0) {
      throw appError('password_too_weak', {
        rules: failed,
        summary: { zh: describeRules(failed, policy, 'zh-CN'), en: describeRules(failed, policy, 'en') },
      });
    }
  }

  async function requireCurrentAgreement(version: string) {
    const current = await agreements.current();
    if (version !== current.version)
      throw appError('agreement_required', { currentVersion: current.version });
    return current;
  }

  async function recordAcceptance(merchantId: string, version: string, meta: RequestMeta, ex: Executor) {
    await ex
      .insertInto('agreement_acceptances')
      .values({
        id: newId('agr'),
        merchant_id: merchantId,
        version,
        accepted_at: clock.now(),
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
  }

  const newMerchantRow = (input: Omit<Parameters<typeof newMerchant>[0], 'now'>) =>
    newMerchant({ ...input, now: clock.now() });

  return {
    checkNewPassword,
    policy,
    requireCurrentAgreement,
    recordAcceptance,
    newMerchantRow,

    publicMerchant(m: Pick<MerchantRow, 'id' | 'account_type' | 'cross_border' | 'phone_enc' | 'email_enc'>) {
      return {
        id: m.id,
        accountType: m.account_type,
        crossBorder: m.cross_border === 1,
        phone: store.maskedPhoneOf(m),
        email: store.maskedEmailOf(m),
      };
    },

    /** REG-1 by phone + SMS code. Everything is checked before the code is consumed. */
    async registerByPhone(
      input: {
        accountType: 'personal' | 'enterprise';
        crossBorder: boolean;
        phone: string;
        smsCode: string;
        password: string;
        passwordConfirm: string;
        agreementVersion: string;
      },
      meta: RequestMeta,
    ) {
      const phone = requirePhone(input.phone);
      checkNewPassword(input.password, input.passwordConfirm, { phone });
      const agreement = await requireCurrentAgreement(input.agreementVersion);
      assertHashCapacity();
      await smsCodes.verify({ phone, purpose: 'register', code: input.smsCode, ip: meta.ip });
      const passwordHash = await hashPassword(input.password);
      const row = newMerchantRow({
        ...input,
        status: 'active',
        passwordHash,
        agreementVersion: agreement.version,
      });
      row.phone_enc = store.sealPhone(phone);
      row.phone_bidx = store.phoneIndex(phone);
      try {
        return await db.transaction().execute(async (trx) => {
          await store.insert(row, trx);
          await recordAcceptance(row.id, agreement.version, meta, trx);
          await audit.record(
            {
              action: 'merchant.registered',
              actorType: 'merchant',
              actorId: row.id,
              targetType: 'merchant',
              targetId: row.id,
              ip: meta.ip,
              data: {
                method: 'phone',
                accountType: row.account_type,
                crossBorder: input.crossBorder,
                agreement: agreement.version,
              },
            },
            trx,
          );
          const session = await sessions.create(
            {
              principalType: 'merchant',
              principalId: row.id,
              method: 'registration',
              mfa: false,
              ip: meta.ip,
              userAgent: meta.userAgent,
              stepUpMs: STEP_UP_MS,
            },
            trx,
          );
          return { merchant: row, session };
        });
      } catch (err) {
        // The code proved possession of the phone, so saying it is taken reveals nothing new.
        if (isUniqueViolation(err)) throw appError('phone_taken');
        throw err;
      }
    },

    /** Password change or reset: behind step-up; other sessions end. */
    async changePassword(
      merchantId: string,
      sessionId: string,
      input: { currentPassword?: string | undefined; password: string; passwordConfirm: string },
      meta: RequestMeta,
    ): Promise<void> {
      const m = await store.byId(merchantId);
      if (!m) throw appError('not_found');
      checkNewPassword(input.password, input.passwordConfirm, {
        phone: store.phoneOf(m),
        email: store.emailOf(m),
      });
      if (input.currentPassword !== undefined && m.password_hash) {
        if (!(await verifyPassword(m.password_hash, input.currentPassword)))
          throw appError('invalid_credentials');
      }
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        await store.update(
          merchantId,
          { password_hash: passwordHash, password_changed_at: clock.now(), updated_at: clock.now() },
          trx,
        );
        const ended = await sessions.revokeAll({ type: 'merchant', id: merchantId }, sessionId, trx);
        await audit.record(
          {
            action: 'password.changed',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'merchant',
            targetId: merchantId,
            ip: meta.ip,
            data: { otherSessionsEnded: ended },
          },
          trx,
        );
        const phone = store.phoneOf(m);
        if (phone) {
          await notify.sms(
            {
              to: phone,
              purpose: 'notice',
              template: 'notice',
              params: {},
              text: '【开店】您的账号密码已修改。如非本人操作，请立即使用短信验证码登录并修改密码。',
            },
            trx,
          );
        }
      });
      notify.flush();
    },

    /** Binds (or, after step-up, changes) the account's phone; the code proves the new number. */
    async bindPhone(merchantId: string, rawPhone: string, smsCode: string, meta: RequestMeta): Promise<void> {
      const phone = requirePhone(rawPhone);
      await smsCodes.verify({ phone, purpose: 'bind', code: smsCode, ip: meta.ip });
      try {
        await db.transaction().execute(async (trx) => {
          await store.update(
            merchantId,
            {
              phone_enc: store.sealPhone(phone),
              phone_bidx: store.phoneIndex(phone),
              updated_at: clock.now(),
            },
            trx,
          );
          await audit.record(
            {
              action: 'phone.bound',
              actorType: 'merchant',
              actorId: merchantId,
              targetType: 'merchant',
              targetId: merchantId,
              ip: meta.ip,
              data: { phone: maskPhone(phone) },
            },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw appError('phone_taken');
        throw err;
      }
    },

    async acceptAgreement(merchantId: string, version: string, meta: RequestMeta): Promise<void> {
      const agreement = await requireCurrentAgreement(version);
      await db.transaction().execute(async (trx) => {
        await recordAcceptance(merchantId, agreement.version, meta, trx);
        await store.update(
          merchantId,
          { agreement_version: agreement.version, updated_at: clock.now() },
          trx,
        );
        await audit.record(
          {
            action: 'agreement.accepted',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'agreement',
            targetId: agreement.version,
            ip: meta.ip,
          },
          trx,
        );
      });
    },
  };
}
