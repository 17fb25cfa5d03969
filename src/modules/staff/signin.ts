import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import type { RequestMeta } from '../accounts/accounts.service.js';
import type { createLoginThrottle } from '../accounts/login-throttle.js';
import { dummyHash, upgradedHash, verifyPassword } from '../accounts/passwords.js';
import { normalizeName, type StaffDeps } from './staff.service.js';
import type { StaffStore } from './staff.store.js';

/**
 * Sub-account sign-in (LOGIN-1, SUB-3): shop id + name + password through `POST /v1/sessions`.
 * As for merchants (LOGIN-2): an unknown shop, an unknown name and a wrong password give the same
 * status and body after the same argon2 work, and the same throttle counts failures per
 * shop+name + IP, per shop+name and per IP. A disabled sub-account is told so only after the right
 * password. The session's principal is `{type: 'sub_account', id: sub_…, shopId}`.
 */
export function createSubAccountSignIn(
  ctx: Context,
  store: StaffStore,
  deps: Pick<StaffDeps, 'sessions' | 'ownerOf'>,
  throttle: ReturnType<typeof createLoginThrottle>,
) {
  const { db, audit } = ctx;
  return async function signIn(
    input: { shopId: string; subAccountName: string; password: string },
    meta: RequestMeta,
  ): Promise<{ session: { id: string; token: string; expiresAt: string }; subAccountId: string }> {
    const key = normalizeName(input.subAccountName);
    const identifier = `sub:${input.shopId}:${key}`;
    const attempt = await throttle.begin(identifier, meta.ip);
    const { shopExists, row, ok } = await attempt.check(async () => {
      const shopExists = (await deps.ownerOf(input.shopId)) !== null;
      const row = shopExists ? await store.byName(input.shopId, key) : undefined;
      return {
        shopExists,
        row,
        ok: await verifyPassword(row?.password_hash ?? (await dummyHash()), input.password),
      };
    });
    if (!row || !ok) {
      await audit.record({
        action: 'login.failed',
        actorType: 'anonymous',
        actorId: row?.id ?? null,
        ip: meta.ip,
        data: {
          method: 'sub_account_password',
          shopId: shopExists ? input.shopId : null,
          reason: !shopExists ? 'unknown_shop' : row ? 'wrong_password' : 'unknown_account',
        },
      });
      throw appError('invalid_credentials');
    }
    await attempt.succeeded();
    if (row.status !== 'active') {
      await audit.record({
        action: 'login.refused',
        actorType: 'sub_account',
        actorId: row.id,
        ip: meta.ip,
        data: { method: 'sub_account_password', shopId: row.shop_id, reason: 'disabled' },
      });
      throw appError('subaccount_disabled');
    }
    const hash = await upgradedHash(row.password_hash, input.password);
    if (hash) {
      await db
        .updateTable('sub_accounts')
        .set({ password_hash: hash })
        .where('shop_id', '=', row.shop_id)
        .where('id', '=', row.id)
        .execute();
    }
    return db.transaction().execute(async (trx) => {
      const session = await deps.sessions.create(
        {
          principalType: 'sub_account',
          principalId: row.id,
          shopId: row.shop_id,
          method: 'password',
          mfa: false,
          ip: meta.ip,
          userAgent: meta.userAgent,
        },
        trx,
      );
      await audit.record(
        {
          action: 'login.succeeded',
          actorType: 'sub_account',
          actorId: row.id,
          targetType: 'session',
          targetId: session.id,
          ip: meta.ip,
          data: { method: 'sub_account_password', shopId: row.shop_id },
        },
        trx,
      );
      return { session, subAccountId: row.id };
    });
  };
}
