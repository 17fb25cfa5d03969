import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createTestLogger } from '../../../test/helpers/test-log.js';
import type { PaymentsAdapter } from '../../adapters/payments/payments.js';
import { createSandboxPayments, type SandboxPayments } from '../../adapters/payments/sandbox.js';
import { loadConfig } from '../../config.js';
import { type Context, createContext } from '../../context.js';
import { createAuthGuards, type Principal } from '../../kernel/auth.js';
import { createTestClock, type TestClock } from '../../kernel/clock.js';
import { openDatabase } from '../../kernel/db.js';
import { declareTransportErrors, watchDeclaredStatuses } from '../../kernel/declared-statuses.js';
import { newId } from '../../kernel/ids.js';
import { errorHandler } from '../../kernel/problem.js';
import { harnessShopAccess } from '../staff/index.js';
import { createWebhooksModule } from '../webhooks/index.js';
import { createDepositsModule, type DepositsModule, registerDepositRoutes } from './index.js';

/**
 * Test-only: the deposits module on a real database (in-memory SQLite, or a fresh PostgreSQL schema
 * when KAIDIAN_TEST_DATABASE_URL is set) with real webhooks, the sandbox provider and in-memory
 * fakes of the shops module (owners, required amounts). Sessions are faked: the bearer token
 * `m:<merchantId>` is that merchant, `o:<operatorId>` that operator (operators are real rows).
 */
export type Harness = {
  ctx: Context;
  clock: TestClock;
  app: FastifyInstance;
  deposits: DepositsModule;
  sandbox: SandboxPayments;
  undeclared: string[];
  sms: Array<{ phone: string; text: string }>;
  /** Shops the module reported fully paid (DepositsDeps.onFullyPaid). */
  fullyPaid: string[];
  shop(opts?: { requiredFen?: number; owner?: string }): { shopId: string; owner: string; token: string };
  operator(
    role: 'admin' | 'senior_reviewer' | 'reviewer' | 'support',
  ): Promise<{ id: string; token: string }>;
  events(type: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
};

export const testDbKind = process.env.KAIDIAN_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function createHarness(
  opts: { appealWindowMs?: number; payments?: PaymentsAdapter } = {},
): Promise<Harness> {
  const clock = createTestClock();
  const url = process.env.KAIDIAN_TEST_DATABASE_URL;
  const database = url
    ? await openDatabase({
        kind: 'postgres',
        url,
        schema: `t_${randomBytes(6).toString('hex')}`,
        dropSchemaOnClose: true,
      })
    : await openDatabase({ kind: 'sqlite', file: ':memory:' });
  const config = loadConfig({
    KAIDIAN_DATA_DIR: `/tmp/kaidian-deposits-${randomBytes(4).toString('hex')}`,
    KAIDIAN_MODE: 'development',
    KAIDIAN_MASTER_KEY: randomBytes(32).toString('base64'),
    KAIDIAN_LOG_LEVEL: 'silent',
  });
  const ctx = await createContext(config, { database, clock, log: createTestLogger() });
  const shops = new Map<string, { owner: string; requiredFen: number }>();
  const phones = new Map<string, string>();
  const sms: Harness['sms'] = [];
  const fullyPaid: string[] = [];
  const webhooks = createWebhooksModule(ctx);
  const sandbox = createSandboxPayments({ now: clock.now });
  const deposits = createDepositsModule(ctx, {
    requiredDepositFen: async (shopId) => shops.get(shopId)?.requiredFen ?? 0,
    shopOwner: async (shopId) => shops.get(shopId)?.owner ?? null,
    emit: webhooks.emit,
    notice: {
      phoneOf: async (merchantId) => phones.get(merchantId) ?? null,
      sms: async (phone, text) => {
        sms.push({ phone, text });
      },
    },
    payments: opts.payments ?? sandbox,
    onFullyPaid: async (shopId) => {
      fullyPaid.push(shopId);
    },
    appealWindowMs: opts.appealWindowMs,
  });

  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('principal', null);
  declareTransportErrors(app);
  const undeclared = watchDeclaredStatuses(app);
  const resolve = async (token: string): Promise<Principal | null> => {
    const m = /^([mos]):(.+)$/.exec(token);
    if (!m) return null;
    const type = m[1] === 'm' ? 'merchant' : m[1] === 'o' ? 'operator' : 'sub_account';
    return {
      type,
      id: m[2] as string,
      sessionId: 'ses_test',
      shopId: null,
      stepUpUntil: null,
      expiresAt: clock.now() + 3_600_000,
      mfa: false,
    };
  };
  // The real decision, with the fake owners (no sub-accounts here).
  const guards = createAuthGuards(
    resolve,
    undefined,
    harnessShopAccess(async (shopId) => shops.get(shopId)?.owner ?? null),
  );
  await app.register((v1) => registerDepositRoutes(v1, guards, deposits), { prefix: '/v1' });
  await app.ready();

  return {
    ctx,
    clock,
    app,
    deposits,
    sandbox,
    undeclared,
    sms,
    fullyPaid,
    shop(o = {}) {
      const shopId = newId('shop');
      const owner = o.owner ?? newId('mer');
      shops.set(shopId, { owner, requiredFen: o.requiredFen ?? 2_000_000 });
      phones.set(owner, `+86139${String(phones.size).padStart(8, '0')}`);
      return { shopId, owner, token: `m:${owner}` };
    },
    async operator(role) {
      const id = newId('op');
      await ctx.db
        .insertInto('operators')
        .values({
          id,
          login: id,
          display_name: role,
          role,
          password_hash: 'x',
          status: 'active',
          created_at: clock.now(),
        } as never)
        .execute();
      return { id, token: `o:${id}` };
    },
    async events(type) {
      const rows = await ctx.db
        .selectFrom('webhook_events')
        .selectAll()
        .where('type', '=', type)
        .orderBy('created_at')
        .execute();
      return rows.map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

export const auth = (token: string, key?: string) => ({
  authorization: `Bearer ${token}`,
  ...(key ? { 'idempotency-key': key } : {}),
});

/** Every ledger invariant at once: per-transaction sums, cached = derived balances, no negatives. */
export async function ledgerInvariants(ctx: Context) {
  const { db } = ctx;
  const sums = await db
    .selectFrom('deposit_entries')
    .select(['transaction_id', (eb) => eb.fn.sum<number>('amount_fen').as('s')])
    .groupBy('transaction_id')
    .execute();
  const unbalanced = sums.filter((r) => Number(r.s) !== 0);
  const derived = await db
    .selectFrom('deposit_entries')
    .select(['account', (eb) => eb.fn.sum<number>('amount_fen').as('s')])
    .groupBy('account')
    .execute();
  const balances = Object.fromEntries(derived.map((r) => [r.account, Number(r.s)]));
  const cached = await db.selectFrom('deposit_accounts').selectAll().execute();
  const cacheMismatch = cached.filter((c) => Number(c.balance_fen) !== (balances[c.id] ?? 0));
  const negativeShop = Object.entries(balances).filter(([a, v]) => a.startsWith('shop:') && v < 0);
  const total = Object.values(balances).reduce((s, v) => s + v, 0);
  return { unbalanced, cacheMismatch, negativeShop, total, balances };
}
