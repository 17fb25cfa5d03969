import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import { hashToken } from '../../kernel/crypto.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId, newToken } from '../../kernel/ids.js';
import type { Notifier } from '../notify/index.js';
import { type AccountsStore, type Executor, type MerchantRow, newMerchant } from './accounts.store.js';
import type { Agreements } from './agreements.service.js';
import { checkPassword, describeRules, POLICIES } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { maskEmail, maskPhone, normalizeEmail, normalizePhone } from './phone.js';
import type { Sessions } from './sessions.service.js';
import { STEP_UP_MS } from './sessions.service.js';
import type { SmsCodes } from './sms-codes.service.js';

/**
 * Registration (REG-1/2, AGR-1, PWD-1/2), the merchant's own profile, password change, email
 * binding and activation. Sign-in lives in signin.service.ts.
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

  async function sendEmailLink(
    m: Pick<MerchantRow, 'id'>,
    email: string,
    purpose: 'bind' | 'activate',
    ex: Executor,
  ): Promise<void> {
    const token = newToken('kdm');
    await ex
      .insertInto('email_tokens')
      .values({
        id: newId('emt'),
        merchant_id: m.id,
        purpose,
        email_enc: ctx.crypto.encrypt(email, 'email_tokens.email'),
        email_bidx: store.emailIndex(email),
        token_hash: hashToken(token),
        expires_at: clock.now() + 10 * MINUTE,
        consumed_at: null,
        created_at: clock.now(),
      })
      .execute();
    const link = `${config.publicUrl}/verify-email?token=${token}`;
    const subject =
      purpose === 'activate'
        ? '激活您的开店商家账号 / Activate your Kaidian account'
        : '验证您的邮箱 / Verify your email';
    const text =
      purpose === 'activate'
        ? `请在 10 分钟内打开以下链接激活账号：\n${link}\n\nOpen this link within 10 minutes to activate your account:\n${link}\n`
        : `请在 10 分钟内打开以下链接完成邮箱绑定：\n${link}\n\nOpen this link within 10 minutes to verify your email:\n${link}\n`;
    await notify.email({ to: email, purpose: `email_${purpose}`, subject, text, code: token }, ex);
  }

  return {
    checkNewPassword,
    policy,

    publicMerchant(m: MerchantRow) {
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

    /**
     * REG-2 by email + password. The answer is the same whether or not the address is registered;
     * the mail tells the owner what happened. An unactivated registration for the address is replaced,
     * so nobody can squat someone else's email.
     */
    async registerByEmail(
      input: {
        accountType: 'personal' | 'enterprise';
        crossBorder: boolean;
        email: string;
        password: string;
        passwordConfirm: string;
        agreementVersion: string;
      },
      meta: RequestMeta,
    ): Promise<void> {
      const email = requireEmail(input.email);
      checkNewPassword(input.password, input.passwordConfirm, { email });
      const agreement = await requireCurrentAgreement(input.agreementVersion);
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        const existing = await store.byEmail(email, trx);
        if (existing && existing.status !== 'pending_activation') {
          await notify.email(
            {
              to: email,
              purpose: 'email_already_registered',
              subject: '开店账号注册提醒 / Kaidian registration notice',
              text: `有人尝试用此邮箱注册开店商家账号，而该邮箱已注册。如是您本人，请直接登录或找回密码。\nSomeone tried to register a Kaidian account with this address, which already has one. If it was you, sign in or reset your password.\n${config.publicUrl}/login`,
            },
            trx,
          );
          return;
        }
        if (existing) {
          await trx.deleteFrom('email_tokens').where('merchant_id', '=', existing.id).execute();
          await trx.deleteFrom('agreement_acceptances').where('merchant_id', '=', existing.id).execute();
          await trx.deleteFrom('merchants').where('id', '=', existing.id).execute();
        }
        const row = newMerchantRow({
          ...input,
          status: 'pending_activation',
          passwordHash,
          agreementVersion: agreement.version,
        });
        row.email_enc = store.sealEmail(email);
        row.email_bidx = store.emailIndex(email);
        await store.insert(row, trx);
        await recordAcceptance(row.id, agreement.version, meta, trx);
        await sendEmailLink(row, email, 'activate', trx);
        await audit.record(
          {
            action: 'merchant.registered',
            actorType: 'merchant',
            actorId: row.id,
            targetType: 'merchant',
            targetId: row.id,
            ip: meta.ip,
            data: { method: 'email', accountType: row.account_type, pending: true },
          },
          trx,
        );
      });
      notify.flush();
    },

    /** PWD-3: bind an email; a link valid 10 minutes proves it. Same answer when it is taken. */
    async requestEmailBind(merchantId: string, rawEmail: string, meta: RequestMeta): Promise<void> {
      const email = requireEmail(rawEmail);
      await db.transaction().execute(async (trx) => {
        const owner = await store.byEmail(email, trx);
        if (owner && owner.id !== merchantId) {
          await audit.record(
            {
              action: 'email.bind_refused',
              actorType: 'merchant',
              actorId: merchantId,
              ip: meta.ip,
              data: { email: maskEmail(email) },
            },
            trx,
          );
          return;
        }
        await sendEmailLink({ id: merchantId }, email, 'bind', trx);
        await audit.record(
          {
            action: 'email.bind_requested',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'merchant',
            targetId: merchantId,
            ip: meta.ip,
            data: { email: maskEmail(email) },
          },
          trx,
        );
      });
      notify.flush();
    },

    /** Consumes an email link: binds the address, or activates an email registration. */
    async verifyEmailToken(token: string, meta: RequestMeta) {
      const now = clock.now();
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('email_tokens')
            .selectAll()
            .where('token_hash', '=', hashToken(token))
            .executeTakeFirst();
          if (!row || row.consumed_at !== null || row.expires_at <= now)
            throw appError('email_token_invalid');
          const used = await trx
            .updateTable('email_tokens')
            .set({ consumed_at: now })
            .where('id', '=', row.id)
            .where('consumed_at', 'is', null)
            .executeTakeFirst();
          if (Number(used.numUpdatedRows) !== 1) throw appError('email_token_invalid');
          const email = ctx.crypto.decrypt(row.email_enc, 'email_tokens.email');
          await store.update(
            row.merchant_id,
            {
              email_enc: store.sealEmail(email),
              email_bidx: store.emailIndex(email),
              email_verified_at: now,
              updated_at: now,
              ...(row.purpose === 'activate' ? { status: 'active' as const } : {}),
            },
            trx,
          );
          await audit.record(
            {
              action: row.purpose === 'activate' ? 'merchant.activated' : 'email.bound',
              actorType: 'merchant',
              actorId: row.merchant_id,
              targetType: 'merchant',
              targetId: row.merchant_id,
              ip: meta.ip,
              data: { email: maskEmail(email) },
            },
            trx,
          );
          const session =
            row.purpose === 'activate'
              ? await sessions.create(
                  {
                    principalType: 'merchant',
                    principalId: row.merchant_id,
                    method: 'email_activation',
                    mfa: false,
                    ip: meta.ip,
                    userAgent: meta.userAgent,
                  },
                  trx,
                )
              : undefined;
          return { purpose: row.purpose, session };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw appError('email_taken');
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
