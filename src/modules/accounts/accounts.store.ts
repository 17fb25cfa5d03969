import type { Crypto } from '../../kernel/crypto.js';
import { type Db, type Executor, precompiled } from '../../kernel/db.js';
import { newId } from '../../kernel/ids.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';
import { maskEmail, maskPhone } from './phone.js';

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

export function createAccountsStore(db: Db, crypto: Crypto) {
  const byIdHot = precompiled(db, db.selectFrom('merchants').selectAll().where('id', '=', ''));
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
    byPhone: (phone: string, ex: Executor = db) =>
      ex.selectFrom('merchants').selectAll().where('phone_bidx', '=', phoneIndex(phone)).executeTakeFirst(),
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
