import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import { hashToken } from '../../kernel/crypto.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId, newToken } from '../../kernel/ids.js';
import type { Notifier } from '../notify/index.js';
import { type Accounts, type RequestMeta, requireEmail } from './accounts.service.js';
import type { AccountsStore, Executor, MerchantRow } from './accounts.store.js';
import { hashPassword } from './passwords.js';
import { maskEmail } from './phone.js';
import type { Sessions } from './sessions.service.js';

/**
 * Email as an entry point and a contact (REG-2, PWD-3): registration by email + password with an
 * activation link, binding an email, and consuming the links (valid 10 minutes). Answers never
 * reveal whether an address is registered.
 */
export function createEmailAccounts(
  ctx: Context,
  deps: { store: AccountsStore; sessions: Sessions; notify: Notifier; core: Accounts },
) {
  const { db, clock, audit, config } = ctx;
  const { store, sessions, notify, core } = deps;
  const { checkNewPassword, requireCurrentAgreement, recordAcceptance, newMerchantRow } = core;

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
      try {
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
      } catch (err) {
        // A concurrent registration of the same new address committed first (PostgreSQL): this one
        // rolled back whole, and answers as every other registration does.
        if (!isUniqueViolation(err)) throw err;
      }
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
  };
}
