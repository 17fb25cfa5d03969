import { normalizeName } from '../../adapters/kyc/index.js';
import type { Context } from '../../context.js';
import type { Principal } from '../../kernel/auth.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { normalizePhone } from '../accounts/index.js';
import { checkAccountNumber, type PayoutKind } from './account-numbers.js';
import { DEFAULT_LUHN_EXEMPT_BIN_PREFIXES } from './bank-card.js';
import {
  DEFAULT_UNIQUE,
  HOLDER_FIELD,
  NUMBER_FIELD,
  NUMBER_UNIQUE,
  type PayoutAccountRow,
  type PayoutsStore,
} from './payouts.store.js';
import './payouts.errors.js';

/** What the payouts module needs from the rest of the platform (wired in src/modules/index.ts). */
export type VerifiedIdentity = { name: string; kind: 'personal' | 'enterprise'; companyName?: string };
export type PayoutsDeps = {
  /** Verification: the merchant's approved identity, or null when there is none. */
  verifiedIdentity(merchantId: string): Promise<VerifiedIdentity | null>;
  /** Accounts: the merchant's registered phone (E.164), or null. */
  ownPhone(merchantId: string): Promise<string | null>;
  /** Re-verification (LIV-3): throws `merchant_restricted` while withdrawals are frozen. */
  assertNotRestricted(merchantId: string, effect: 'withdrawals_frozen'): Promise<void>;
  /** Accounts: throws `step_up_required` unless the session holds a fresh step-up. */
  requireStepUp(principal: Principal): void;
  /** BIN prefixes exempt from the Luhn check (default: bank-card.ts, docs/payouts.md). */
  luhnExemptBinPrefixes?: readonly string[] | undefined;
  /** Most accounts one merchant may bind (default 10). */
  maxAccounts?: number | undefined;
};

export type BindInput = {
  kind: PayoutKind;
  account: string;
  holderName: string;
  reservedPhone: string;
  bankName?: string | undefined;
  cardType?: 'debit' | 'credit' | undefined;
};
export type Meta = { ip: string | null };

export const DEFAULT_MAX_ACCOUNTS = 10;
const DEFAULTABLE: ReadonlySet<PayoutKind> = new Set(['alipay', 'wechat_pay']);

export function accountView(row: PayoutAccountRow, position: number) {
  return {
    id: row.id,
    kind: row.kind,
    accountMasked: row.number_masked,
    bankName: row.bank_name,
    cardType: row.card_type,
    luhnExempt: row.luhn_valid === 0,
    priority: position + 1,
    isDefault: row.is_default === 1,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
export type PayoutAccountView = ReturnType<typeof accountView>;

export function createPayoutAccounts(ctx: Context, store: PayoutsStore, deps: PayoutsDeps) {
  const { db, clock, crypto, audit } = ctx;
  const exempt = deps.luhnExemptBinPrefixes ?? DEFAULT_LUHN_EXEMPT_BIN_PREFIXES;
  const max = deps.maxAccounts ?? DEFAULT_MAX_ACCOUNTS;
  const bidx = (kind: PayoutKind, number: string) => crypto.blindIndex(NUMBER_FIELD, `${kind}:${number}`);
  const event = (merchantId: string, action: string, targetId: string, meta: Meta, data = {}) => ({
    action,
    actorType: 'merchant' as const,
    actorId: merchantId,
    targetType: 'payout_account',
    targetId,
    ip: meta.ip,
    data,
  });

  async function list(merchantId: string): Promise<PayoutAccountView[]> {
    return (await store.list(merchantId, db)).map(accountView);
  }

  async function requireIdentity(merchantId: string): Promise<VerifiedIdentity> {
    const identity = await deps.verifiedIdentity(merchantId);
    if (!identity) throw appError('payout_verification_required');
    return identity;
  }

  /** The name an account must be held in: the person, or for an enterprise the company itself. */
  function expectedHolder(identity: VerifiedIdentity): string {
    return identity.kind === 'enterprise' ? (identity.companyName ?? '') : identity.name;
  }

  /** Makes the first Alipay/WeChat Pay account in priority order the default when none is. */
  async function ensureDefault(merchantId: string): Promise<void> {
    const rows = await store.list(merchantId, db);
    if (rows.some((r) => r.is_default === 1)) return;
    const first = rows.find((r) => DEFAULTABLE.has(r.kind));
    if (!first) return;
    try {
      await store.setDefault(merchantId, first.id, clock.now(), db);
    } catch (err) {
      // A concurrent call set one meanwhile: that one stands.
      if (!isUniqueViolation(err, DEFAULT_UNIQUE)) throw err;
    }
  }

  return {
    requireIdentity,
    list,

    /** PAY-1 binding. The caller has checked the step-up (risk check) already. */
    async bind(merchantId: string, input: BindInput, meta: Meta): Promise<PayoutAccountView> {
      const identity = await requireIdentity(merchantId);
      const checked = checkAccountNumber(input.kind, input.account, exempt);
      if (!checked.ok) throw appError(checked.code, { reason: checked.reason });
      if (normalizeName(input.holderName) !== normalizeName(expectedHolder(identity)))
        throw appError('payout_holder_mismatch');
      const reserved = normalizePhone(input.reservedPhone);
      if (!reserved) throw appError('phone_invalid');
      const own = await deps.ownPhone(merchantId);
      if (!own || own !== reserved) throw appError('payout_phone_mismatch');
      // WeChat Pay is bound through the merchant's own verified phone.
      if (input.kind === 'wechat_pay' && checked.number !== own) throw appError('payout_phone_mismatch');
      const isCard = input.kind === 'bank_card';
      if (isCard && (!input.bankName?.trim() || !input.cardType))
        throw appError('validation_failed', {
          errors: [{ path: 'body.bankName', message: 'bankName and cardType are required for bank cards' }],
        });

      const now = clock.now();
      const row: PayoutAccountRow = {
        id: newId('pacc'),
        merchant_id: merchantId,
        kind: input.kind,
        number_enc: crypto.encrypt(checked.number, NUMBER_FIELD),
        number_bidx: bidx(input.kind, checked.number),
        number_masked: checked.masked,
        holder_name_enc: crypto.encrypt(input.holderName.normalize('NFKC').trim(), HOLDER_FIELD),
        bank_name: isCard ? (input.bankName?.trim() ?? null) : null,
        card_type: isCard ? (input.cardType ?? null) : null,
        luhn_valid: checked.luhnValid === null ? null : checked.luhnValid ? 1 : 0,
        priority: 0,
        is_default: 0,
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          const stats = await store.stats(merchantId, trx);
          if (stats.count >= max) throw appError('payout_account_limit', { max });
          row.priority = (stats.maxPriority ?? -1) + 1;
          await store.insert(row, trx);
          await audit.record(
            event(merchantId, 'payout_account.bound', row.id, meta, {
              kind: row.kind,
              bankName: row.bank_name,
              cardType: row.card_type,
              luhnExempt: row.luhn_valid === 0,
            }),
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err, NUMBER_UNIQUE)) throw appError('payout_account_duplicate');
        throw err;
      }
      if (DEFAULTABLE.has(row.kind)) await ensureDefault(merchantId);
      const rows = await store.list(merchantId, db);
      const i = rows.findIndex((r) => r.id === row.id);
      return accountView(rows[i] ?? row, Math.max(i, 0));
    },

    async unbind(merchantId: string, id: string, meta: Meta): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await store.byId(merchantId, id, trx);
        if (!row) throw appError('not_found');
        if ((await store.openWithdrawals(merchantId, id, trx)) > 0) throw appError('payout_account_in_use');
        await store.remove(merchantId, id, trx);
        await audit.record(
          event(merchantId, 'payout_account.unbound', id, meta, {
            kind: row.kind,
            wasDefault: row.is_default === 1,
          }),
          trx,
        );
      });
      await ensureDefault(merchantId);
    },

    /** `ids` must list each of the merchant's accounts exactly once: first = highest priority. */
    async reorder(merchantId: string, ids: string[], meta: Meta): Promise<PayoutAccountView[]> {
      await db.transaction().execute(async (trx) => {
        const rows = await store.list(merchantId, trx);
        const mine = new Set(rows.map((r) => r.id));
        const given = new Set(ids);
        if (given.size !== ids.length || ids.length !== rows.length || ids.some((x) => !mine.has(x)))
          throw appError('payout_order_invalid');
        const now = clock.now();
        for (const [i, accountId] of ids.entries())
          await store.setPriority(merchantId, accountId, i, now, trx);
        await audit.record(
          {
            ...event(merchantId, 'payout_account.reordered', merchantId, meta, { ids }),
            targetType: 'merchant',
          },
          trx,
        );
      });
      return list(merchantId);
    },

    /** PAY-1: the default receiving account is an Alipay or WeChat Pay account. */
    async makeDefault(merchantId: string, id: string, meta: Meta): Promise<PayoutAccountView> {
      try {
        await db.transaction().execute(async (trx) => {
          const row = await store.byId(merchantId, id, trx);
          if (!row) throw appError('not_found');
          if (!DEFAULTABLE.has(row.kind)) throw appError('payout_default_kind_invalid');
          await store.setDefault(merchantId, id, clock.now(), trx);
          await audit.record(
            event(merchantId, 'payout_account.default_set', id, meta, { kind: row.kind }),
            trx,
          );
        });
      } catch (err) {
        // Two concurrent changes of the default: the first one stands; this one may retry.
        if (isUniqueViolation(err, DEFAULT_UNIQUE)) throw appError('conflict');
        throw err;
      }
      const rows = await store.list(merchantId, db);
      const i = rows.findIndex((r) => r.id === id);
      if (i < 0) throw appError('not_found'); // unbound meanwhile
      return accountView(rows[i] as PayoutAccountRow, i);
    },
  };
}

export type PayoutAccounts = ReturnType<typeof createPayoutAccounts>;
