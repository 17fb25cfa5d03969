import { randomBytes, randomInt } from 'node:crypto';
import type { Context } from '../context.js';
import { newId } from '../kernel/ids.js';
import { newMerchant } from '../modules/accounts/accounts.store.js';
import { createAccountsModule } from '../modules/accounts/index.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { createOperators } from '../modules/operators/index.js';

/**
 * `kaidian seed demo` (development only): an operator and merchants to look around with. Each run
 * adds new ones (fresh phone numbers), so it is safe to repeat. Stages beyond `registered` arrive
 * with the verification and shops modules.
 */
export type DemoOutput = {
  operator: { login: string; password: string };
  merchants: Array<{
    phone: string;
    password: string;
    stage: 'registered' | 'verified' | 'with_shop';
    shopId?: string;
  }>;
};

function demoPassword(): string {
  // Satisfies PWD-1: upper, lower, digits, no long runs, not on the blocklist.
  return `Kd${randomBytes(4).toString('hex')}x${randomInt(10, 99)}Q`;
}

export async function seedDemo(ctx: Context): Promise<DemoOutput> {
  const accounts = createAccountsModule(ctx);
  const operatorLogin = `demo-admin-${randomBytes(2).toString('hex')}`;
  const operatorPassword = `Op-${randomBytes(9).toString('base64url')}`;
  await createOperators(ctx).create({
    login: operatorLogin,
    role: 'admin',
    password: operatorPassword,
    displayName: '演示管理员',
  });

  const agreement = await accounts.agreements.current();
  const merchants: DemoOutput['merchants'] = [];
  for (const accountType of ['personal', 'enterprise'] as const) {
    const phone = `+86139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    const password = demoPassword();
    const now = ctx.clock.now();
    const row = newMerchant({
      accountType,
      crossBorder: false,
      status: 'active',
      passwordHash: await hashPassword(password),
      agreementVersion: agreement.version,
      now,
    });
    row.phone_enc = accounts.store.sealPhone(phone);
    row.phone_bidx = accounts.store.phoneIndex(phone);
    const id = row.id;
    await ctx.db.transaction().execute(async (trx) => {
      await accounts.store.insert(row, trx);
      await trx
        .insertInto('agreement_acceptances')
        .values({
          id: newId('agr'),
          merchant_id: id,
          version: agreement.version,
          accepted_at: now,
          ip: null,
          user_agent: 'kaidian seed demo',
        })
        .execute();
      await ctx.audit.record(
        {
          action: 'merchant.registered',
          actorType: 'system',
          targetType: 'merchant',
          targetId: id,
          data: { method: 'seed_demo' },
        },
        trx,
      );
    });
    merchants.push({ phone: phone.slice(3), password, stage: 'registered' });
  }
  return { operator: { login: operatorLogin, password: operatorPassword }, merchants };
}
