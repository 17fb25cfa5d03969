import { api } from './client';
import type { SmsCodeSent } from './types';

/**
 * Typed calls of the ownership API (SPEC §7 MAIN-1..5, docs/ownership.md): the main-account
 * transfer, the new owner's offers and checklist, and the console's list / cancel / block.
 */

export type TransferStatus =
  | 'waiting'
  | 'awaiting_acceptance'
  | 'completed'
  | 'cancelled'
  | 'declined'
  | 'expired'
  | 'blocked';
export const TRANSFER_STATUSES: readonly TransferStatus[] = [
  'waiting',
  'awaiting_acceptance',
  'completed',
  'cancelled',
  'declined',
  'expired',
  'blocked',
];
export const OPEN_STATUSES: readonly TransferStatus[] = ['waiting', 'awaiting_acceptance'];

export type Transfer = {
  id: string;
  shopId: string;
  shopName: string;
  status: TransferStatus;
  requestedAt: string;
  /** End of the security waiting period; acceptance opens then. */
  waitingUntil: string;
  /** End of the new owner's acceptance window. */
  expiresAt: string;
  endedAt: string | null;
  endedBy: 'owner' | 'new_owner' | 'operator' | 'system' | null;
  /** The operator's reason, when an operator ended it. */
  reason: string | null;
  from: { phone: string | null };
  to: { phone: string | null };
};
export type AdminTransfer = Transfer & { fromMerchantId: string; toMerchantId: string };

export type OwnerCooldown = { shopUntil: string | null; accountUntil: string | null };
export type CurrentTransfer = { transfer: Transfer | null; cooldown: OwnerCooldown };

export const CHECKLIST_ITEMS = [
  'pending_orders',
  'products',
  'marketing',
  'customer_notices',
  'security_settings',
  'data_export',
] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number];
export type Checklist = {
  transferId: string;
  createdAt: string;
  items: Array<{ key: ChecklistItemKey; title: string; hint: string; done: boolean; doneAt: string | null }>;
};

const enc = encodeURIComponent;
const transfers = (shopId: string) => `/v1/shops/${enc(shopId)}/transfers`;

/** An SMS code of purpose main_account_change to the signed-in merchant's own phone ("self"). */
export const requestOwnCode = () =>
  api<SmsCodeSent>('/v1/sms-codes', { body: { phone: 'self', purpose: 'main_account_change' } });

export const getCurrentTransfer = (shopId: string) => api<CurrentTransfer>(`${transfers(shopId)}/current`);
export const requestTransfer = (
  shopId: string,
  body: { newOwnerPhone: string; password: string; smsCode: string },
) => api<{ transfer: Transfer }>(transfers(shopId), { body });
export const cancelTransfer = (shopId: string, id: string) =>
  api<{ transfer: Transfer }>(`${transfers(shopId)}/${enc(id)}/cancel`, { method: 'POST' });

export const getIncomingTransfers = () => api<{ transfers: Transfer[] }>('/v1/transfers/incoming');
export const acceptTransfer = (id: string, smsCode: string) =>
  api<{ transfer: Transfer }>(`/v1/transfers/${enc(id)}/accept`, { body: { smsCode } });
export const declineTransfer = (id: string) =>
  api<{ transfer: Transfer }>(`/v1/transfers/${enc(id)}/decline`, { method: 'POST' });

export const getOwnerChecklist = (shopId: string) =>
  api<{ checklist: Checklist | null }>(`/v1/shops/${enc(shopId)}/owner-checklist`);
export const setChecklistItem = (shopId: string, item: ChecklistItemKey, done: boolean) =>
  api<{ checklist: Checklist }>(`/v1/shops/${enc(shopId)}/owner-checklist/${enc(item)}/done`, {
    method: done ? 'PUT' : 'DELETE',
  });

// Console (operators): any role lists; admin / senior_reviewer cancel or block.
export function listAdminTransfers(filter: { status?: TransferStatus; shopId?: string; limit?: number }) {
  const q = new URLSearchParams();
  if (filter.status) q.set('status', filter.status);
  if (filter.shopId) q.set('shopId', filter.shopId);
  q.set('limit', String(filter.limit ?? 100));
  return api<{ transfers: AdminTransfer[] }>(`/v1/admin/transfers?${q}`);
}
export const endAdminTransfer = (id: string, body: { reason: string; block: boolean }) =>
  api<{ transfer: AdminTransfer }>(`/v1/admin/transfers/${enc(id)}/cancel`, { body });
