import type { Executor } from '../../kernel/db.js';
import type { Notifier } from '../notify/index.js';
import type { QualificationItem } from '../qualifications/index.js';
import type { Restriction } from '../reverification/index.js';
import type { ShopsModule } from '../shops/index.js';

/** What the activation module needs from its neighbours; wired in src/modules/index.ts. */
export type ShopLike = NonNullable<Awaited<ReturnType<ShopsModule['find']>>>;

export type CategoryInfo = {
  id: string;
  nameZh: string;
  nameEn: string;
  parent: { nameZh: string; nameEn: string } | null;
  qualifications: string[];
};

/** The approved real-name identity of a merchant, in clear; this module masks it. */
export type VerifiedIdentity =
  | { kind: 'personal'; name: string; idNumber: string }
  | { kind: 'enterprise'; companyName: string; uscc: string; legalRepresentativeName: string };

export type ActivationDeps = {
  shops: Pick<ShopsModule, 'find' | 'owns' | 'apply'>;
  category(id: string): Promise<CategoryInfo | null>;
  deposit(shopId: string): Promise<{ requiredFen: number; heldFen: number; status: string }>;
  qualifications: {
    list(shopId: string): Promise<QualificationItem[]>;
    approved(shopId: string): Promise<boolean>;
  };
  contact(merchantId: string): Promise<{ phone: string | null; email: string | null }>;
  identity(merchantId: string): Promise<VerifiedIdentity | null>;
  /** The SMS module's blind index of a phone: the per-phone daily SMS counter is shared. */
  phoneIndex(phone: string): string;
  notify: Pick<Notifier, 'sms' | 'email' | 'flush'>;
  emit(type: string, data: Record<string, unknown>, trx?: Executor): Promise<unknown>;
  reverification: {
    listForMerchant(merchantId: string): Promise<Array<{ id: string; status: string; due_at: number }>>;
    restrictions(merchantId: string): Promise<Restriction>;
  };
  /** Products of the shop; absent until a products module is wired (0 then). */
  productsCount?: ((shopId: string) => Promise<number>) | undefined;
};
