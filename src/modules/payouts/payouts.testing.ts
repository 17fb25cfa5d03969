import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createTestLogger } from '../../../test/helpers/test-log.js';
import { loadConfig } from '../../config.js';
import { type Context, createContext } from '../../context.js';
import { createAuthGuards, type Principal } from '../../kernel/auth.js';
import { createTestClock, type TestClock } from '../../kernel/clock.js';
import { openDatabase } from '../../kernel/db.js';
import { declareTransportErrors, watchDeclaredStatuses } from '../../kernel/declared-statuses.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { errorHandler } from '../../kernel/problem.js';
import { createAccountsModule } from '../accounts/index.js';
import '../reverification/reverification.errors.js';
import { luhnCheckDigit } from './bank-card.js';
import { createPayoutsModule, type PayoutsModule, registerPayoutModuleRoutes } from './index.js';
import type { VerifiedIdentity } from './payouts.service.js';

/**
 * Test-only: the payouts module on a real database (in-memory SQLite, or a fresh PostgreSQL schema
 * when KAIDIAN_TEST_DATABASE_URL is set) with the accounts module's real step-up check and in-memory
 * fakes of verification, phones and re-verification. Sessions are faked: bearer `m:<id>` is that
 * merchant; `m:<id>:su` the same with a step-up valid for 10 more minutes.
 */
export type Harness = {
  ctx: Context;
  clock: TestClock;
  app: FastifyInstance;
  payouts: PayoutsModule;
  undeclared: string[];
  /** Frozen merchants (re-verification restriction). */
  frozen: Set<string>;
  merchant(opts?: { identity?: VerifiedIdentity | null; phone?: string }): {
    id: string;
    phone: string;
    token: string;
    stepUp: string;
  };
  close(): Promise<void>;
};

export const testDbKind = process.env.KAIDIAN_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function createHarness(opts: { luhnExemptBinPrefixes?: string[]; maxAccounts?: number } = {}) {
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
    KAIDIAN_DATA_DIR: `/tmp/kaidian-payouts-${randomBytes(4).toString('hex')}`,
    KAIDIAN_MODE: 'development',
    KAIDIAN_MASTER_KEY: randomBytes(32).toString('base64'),
    KAIDIAN_LOG_LEVEL: 'silent',
  });
  const ctx = await createContext(config, { database, clock, log: createTestLogger() });
  const identities = new Map<string, VerifiedIdentity | null>();
  const phones = new Map<string, string>();
  const frozen = new Set<string>();
  const accounts = createAccountsModule(ctx);
  const payouts = createPayoutsModule(ctx, {
    verifiedIdentity: async (m) => identities.get(m) ?? null,
    ownPhone: async (m) => phones.get(m) ?? null,
    assertNotRestricted: async (m, effect) => {
      if (frozen.has(m)) throw appError('merchant_restricted', { effect, effects: [effect], reasons: [] });
    },
    requireStepUp: accounts.sessions.requireStepUp,
    luhnExemptBinPrefixes: opts.luhnExemptBinPrefixes,
    maxAccounts: opts.maxAccounts,
  });

  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('principal', null);
  declareTransportErrors(app);
  const undeclared = watchDeclaredStatuses(app);
  const resolve = async (token: string): Promise<Principal | null> => {
    const m = /^m:([^:]+)(:su)?$/.exec(token);
    if (!m) return null;
    return {
      type: 'merchant',
      id: m[1] as string,
      sessionId: 'ses_test',
      shopId: null,
      stepUpUntil: m[2] ? clock.now() + 600_000 : null,
      expiresAt: clock.now() + 3_600_000,
      mfa: false,
    };
  };
  await app.register((v1) => registerPayoutModuleRoutes(v1, createAuthGuards(resolve), payouts), {
    prefix: '/v1',
  });
  await app.ready();
  let n = 0;

  const harness: Harness = {
    ctx,
    clock,
    app,
    payouts,
    undeclared,
    frozen,
    merchant(o = {}) {
      const id = newId('mer');
      const phone = o.phone ?? `+86139${String(n++).padStart(8, '0')}`;
      identities.set(id, o.identity === undefined ? { kind: 'personal', name: '张三' } : o.identity);
      phones.set(id, phone);
      return { id, phone, token: `m:${id}`, stepUp: `m:${id}:su` };
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
  return harness;
}

export const auth = (token: string, key?: string) => ({
  authorization: `Bearer ${token}`,
  ...(key ? { 'idempotency-key': key } : {}),
});

/** Request helpers over a harness: bind (with step-up), list, withdraw. */
export function client(harness: () => Harness) {
  const card = (payload: string) => `${payload}${luhnCheckDigit(payload)}`;
  const CARD = card('622848001234567'); // 16 digits, ABC BIN in the range that must pass Luhn
  const local = (e164: string) => e164.slice(3);

  const bind = (m: Merchant, body: Record<string, unknown>, token = m.stepUp) =>
    harness().app.inject({ method: 'POST', url: '/v1/payout-accounts', headers: auth(token), payload: body });
  const bankCard = (m: Merchant, over: Record<string, unknown> = {}, token = m.stepUp) =>
    bind(
      m,
      {
        kind: 'bank_card',
        account: CARD,
        bankName: '中国农业银行',
        cardType: 'debit',
        holderName: '张三',
        reservedPhone: local(m.phone),
        ...over,
      },
      token,
    );
  const alipay = (m: Merchant, account = local(m.phone)) =>
    bind(m, { kind: 'alipay', account, holderName: '张三', reservedPhone: local(m.phone) });
  const list = async (m: Merchant) =>
    (await harness().app.inject({ method: 'GET', url: '/v1/payout-accounts', headers: auth(m.token) })).json()
      .payoutAccounts as Array<{ id: string; kind: string; isDefault: boolean; priority: number }>;
  const withdraw = (m: Merchant, key: string, body: Record<string, unknown>) =>
    harness().app.inject({
      method: 'POST',
      url: '/v1/withdrawals',
      headers: auth(m.token, key),
      payload: body,
    });

  return { card, CARD, local, bind, bankCard, alipay, list, withdraw };
}

export type Merchant = ReturnType<Harness['merchant']>;

/**
 * Audit events whose data holds anything number-like: the test cards' BINs (6228…, 6217…), a mask,
 * a phone, an email. (Not any run of digits: random ids may hold a few in a row.)
 */
export async function auditLeaks(h: Harness) {
  const rows = await h.ctx.db.selectFrom('audit_events').select(['action', 'data']).execute();
  expectSome(rows);
  return rows.filter((r) => /6228\d|6217\d|\*\*\*|\+86|1[3-9]\d{9}|@/.test(r.data));
}

function expectSome(rows: unknown[]) {
  if (rows.length === 0) throw new Error('no audit events to check');
}
