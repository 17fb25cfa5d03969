import { sql } from 'kysely';
import type { Crypto } from '../../kernel/crypto.js';
import { type Db, type Executor, precompiled } from '../../kernel/db.js';
import { newId } from '../../kernel/ids.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';
import { maskEmail, maskPhone } from './phone.js';
import type { LiveSessionQuery } from './sessions.service.js';

/** SQL for merchants, agreements and email tokens. PII columns are sealed; look-ups use blind indexes. */

export type MerchantRow = {
  id: string;
  account_type: 'personal' | 'enterprise';
  cross_border: number;
  status: 'active' | 'pending_activation' | 'disabled';
  phone_enc: string | null;
  phone_bidx: string | null;
  email_enc: string | null;
  email_bidx: string | null;
  email_verified_at: number | null;
  password_hash: string | null;
  password_changed_at: number | null;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  totp_enabled_at: number | null;
  totp_last_step: number | null;
  agreement_version: string | null;
  created_at: number;
  updated_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    merchants: MerchantRow;
    agreements: {
      version: string;
      title_zh: string;
      title_en: string;
      body_zh: string;
      body_en: string;
      published_at: number;
    };
    agreement_acceptances: {
      id: string;
      merchant_id: string;
      version: string;
      accepted_at: number;
      ip: string | null;
      user_agent: string | null;
    };
    email_tokens: {
      id: string;
      merchant_id: string;
      purpose: 'bind' | 'activate';
      email_enc: string;
      email_bidx: string;
      token_hash: string;
      expires_at: number;
      consumed_at: number | null;
      created_at: number;
    };
    recovery_codes: {
      id: string;
      merchant_id: string;
      code_hash: string;
      used_at: number | null;
      created_at: number;
    };
    mfa_challenges: {
      id: string;
      merchant_id: string;
      method: string;
      attempts: number;
      ip: string | null;
      user_agent: string | null;
      created_at: number;
      expires_at: number;
      consumed_at: number | null;
    };
  }
}

export type { Executor } from '../../kernel/db.js';

/** A new merchant row with every optional column empty; callers fill in phone or email. */
export function newMerchant(input: {
  accountType: 'personal' | 'enterprise';
  crossBorder: boolean;
  status: MerchantRow['status'];
  passwordHash: string | null;
  agreementVersion: string | null;
  now: number;
}): MerchantRow {
  return {
    id: newId('mer'),
    account_type: input.accountType,
    cross_border: input.crossBorder ? 1 : 0,
    status: input.status,
    phone_enc: null,
    phone_bidx: null,
    email_enc: null,
    email_bidx: null,
    email_verified_at: null,
    password_hash: input.passwordHash,
    password_changed_at: input.passwordHash ? input.now : null,
    totp_secret_enc: null,
    totp_pending_enc: null,
    totp_enabled_at: null,
    totp_last_step: null,
    agreement_version: input.agreementVersion,
    created_at: input.now,
    updated_at: input.now,
  };
}

/** What `GET /v1/me` shows of a merchant (and the AGR-1 check), read with the session. */
export type MeMerchant = Pick<
  MerchantRow,
  | 'id'
  | 'account_type'
  | 'cross_border'
  | 'status'
  | 'phone_enc'
  | 'email_enc'
  | 'email_verified_at'
  | 'totp_enabled_at'
  | 'agreement_version'
  | 'created_at'
> & { has_password: boolean };

/**
 * `GET /v1/me` in one statement: the session look-up (sessions.service `lookupWith`) joined with
 * the merchant behind a merchant session; `meMerchantOf` reads it back (null for other principals,
 * or when the merchant is gone).
 */
export function withMeMerchant(q: LiveSessionQuery) {
  return q
    .leftJoin('merchants', (j) =>
      j
        .onRef('merchants.id', '=', 'sessions.principal_id')
        .on('sessions.principal_type', '=', sql.lit('merchant')),
    )
    .select([
      'merchants.id as m_id',
      'merchants.account_type as m_account_type',
      'merchants.cross_border as m_cross_border',
      'merchants.status as m_status',
      'merchants.phone_enc as m_phone_enc',
      'merchants.email_enc as m_email_enc',
      'merchants.email_verified_at as m_email_verified_at',
      'merchants.totp_enabled_at as m_totp_enabled_at',
      'merchants.agreement_version as m_agreement_version',
      'merchants.created_at as m_created_at',
      sql<number>`merchants.password_hash is not null`.as('m_has_password'),
    ]);
}

type MeRow = Awaited<ReturnType<ReturnType<typeof withMeMerchant>['executeTakeFirstOrThrow']>>;

export function meMerchantOf(r: MeRow): MeMerchant | null {
  if (r.m_id === null || r.m_account_type === null || r.m_status === null || r.m_created_at === null)
    return null;
  return {
    id: r.m_id,
    account_type: r.m_account_type,
    cross_border: r.m_cross_border ?? 0,
    status: r.m_status,
    phone_enc: r.m_phone_enc,
    email_enc: r.m_email_enc,
    email_verified_at: r.m_email_verified_at,
    totp_enabled_at: r.m_totp_enabled_at,
    agreement_version: r.m_agreement_version,
    created_at: r.m_created_at,
    has_password: Boolean(r.m_has_password),
  };
}

export function createAccountsStore(db: Db, crypto: Crypto) {
  const byIdHot = precompiled(db, db.selectFrom('merchants').selectAll().where('id', '=', ''));
  // Every password and SMS sign-in by phone starts here.
  const byPhone = precompiled(db, db.selectFrom('merchants').selectAll().where('phone_bidx', '=', ''));
  // Masked phone/email shown on every /v1/me: decrypt once per ciphertext, not per request.
  const masked = new Map<string, string>();
  const maskedOf = (sealed: string, field: string, mask: (v: string) => string) => {
    let v = masked.get(sealed);
    if (v === undefined) {
      if (masked.size >= 10_000) masked.clear();
      v = mask(crypto.decrypt(sealed, field));
      masked.set(sealed, v);
    }
    return v;
  };
  const emailIndex = (email: string) => crypto.blindIndex('email', email.toLowerCase());
  const phoneIndex = (phone: string) => crypto.blindIndex('phone', phone);
  return {
    emailIndex,
    phoneIndex,
    sealPhone: (phone: string) => crypto.encrypt(phone, 'merchants.phone'),
    sealEmail: (email: string) => crypto.encrypt(email, 'merchants.email'),
    phoneOf: (m: Pick<MerchantRow, 'phone_enc'>) =>
      m.phone_enc ? crypto.decrypt(m.phone_enc, 'merchants.phone') : null,
    emailOf: (m: Pick<MerchantRow, 'email_enc'>) =>
      m.email_enc ? crypto.decrypt(m.email_enc, 'merchants.email') : null,
    totpSecretOf: (m: Pick<MerchantRow, 'totp_secret_enc'>) =>
      m.totp_secret_enc ? crypto.decrypt(m.totp_secret_enc, 'merchants.totp_secret') : null,
    sealTotp: (secret: string) => crypto.encrypt(secret, 'merchants.totp_secret'),

    /** Outside transactions, on hot paths: the precompiled look-up. */
    byIdHot: async (id: string) => (await byIdHot([id]))[0],
    maskedPhoneOf: (m: Pick<MerchantRow, 'phone_enc'>) =>
      m.phone_enc ? maskedOf(m.phone_enc, 'merchants.phone', maskPhone) : null,
    maskedEmailOf: (m: Pick<MerchantRow, 'email_enc'>) =>
      m.email_enc ? maskedOf(m.email_enc, 'merchants.email', maskEmail) : null,
    byId: (id: string, ex: Executor = db) =>
      ex.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst(),
    byPhone: async (phone: string, ex: Executor = db) => (await byPhone([phoneIndex(phone)], ex))[0],
    byEmail: (email: string, ex: Executor = db) =>
      ex.selectFrom('merchants').selectAll().where('email_bidx', '=', emailIndex(email)).executeTakeFirst(),

    insert: (row: MerchantRow, ex: Executor = db) => ex.insertInto('merchants').values(row).execute(),

    update: (id: string, set: Partial<MerchantRow>, ex: Executor = db) =>
      ex.updateTable('merchants').set(set).where('id', '=', id).executeTakeFirst(),

    currentAgreement: (now: number, ex: Executor = db) =>
      ex
        .selectFrom('agreements')
        .selectAll()
        .where('published_at', '<=', now)
        .orderBy('published_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
  };
}

export type AccountsStore = ReturnType<typeof createAccountsStore>;

registerSealedColumn({ table: 'merchants', pk: 'id', column: 'phone_enc', field: 'merchants.phone' });
registerSealedColumn({ table: 'merchants', pk: 'id', column: 'email_enc', field: 'merchants.email' });
registerSealedColumn({
  table: 'merchants',
  pk: 'id',
  column: 'totp_secret_enc',
  field: 'merchants.totp_secret',
});
registerSealedColumn({
  table: 'merchants',
  pk: 'id',
  column: 'totp_pending_enc',
  field: 'merchants.totp_secret',
});
registerSealedColumn({ table: 'email_tokens', pk: 'id', column: 'email_enc', field: 'email_tokens.email' });
