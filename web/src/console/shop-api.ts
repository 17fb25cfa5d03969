import { ApiError, api, apiLanguage } from '../api/client';
import type {
  AdminCategory,
  AdminCategoryTree,
  AdminShop,
  AdminShopEvent,
  CategoryRequirements,
  Deduction,
  DepositStatement,
  QualificationDecision,
  QualificationDetails,
  QualificationStatus,
  QualificationSummary,
  Refund,
  ShopStatus,
  ShopStatusAction,
  TicketFull,
  TicketStatus,
  TicketSummary,
  TicketType,
} from './shop-types';

/** The console's calls for shops: qualification review, support tickets, deposits, categories. */
const enc = encodeURIComponent;

export const getQualificationQueue = (status: QualificationStatus) =>
  api<{ qualifications: QualificationSummary[] }>(`/v1/review/qualifications?status=${status}`);
export const getQualification = (id: string) =>
  api<QualificationDetails>(`/v1/review/qualifications/${enc(id)}`);
export const claimQualification = (id: string) =>
  api<{ id: string; claimedBy: string; claimedAt: string }>(`/v1/review/qualifications/${enc(id)}/claim`, {
    method: 'POST',
  });
export const decideQualification = (id: string, body: QualificationDecision) =>
  api<{ qualification: QualificationSummary }>(`/v1/review/qualifications/${enc(id)}/decision`, { body });

export function getTickets(filter: { status?: TicketStatus | undefined; type?: TicketType | undefined }) {
  const q = new URLSearchParams();
  if (filter.status) q.set('status', filter.status);
  if (filter.type) q.set('type', filter.type);
  const s = q.toString();
  return api<{ tickets: TicketSummary[] }>(`/v1/review/tickets${s ? `?${s}` : ''}`);
}
export const getTicket = (id: string) => api<{ ticket: TicketFull }>(`/v1/review/tickets/${enc(id)}`);
export const answerTicket = (id: string, body: string) =>
  api<{ ticket: TicketFull }>(`/v1/review/tickets/${enc(id)}/messages`, { body: { body } });
export const setTicketStatus = (id: string, status: 'open' | 'resolved' | 'closed') =>
  api<{ ticket: TicketSummary }>(`/v1/review/tickets/${enc(id)}/status`, { body: { status } });

export const getDeposit = (shopId: string, cursor?: string) =>
  api<DepositStatement>(
    `/v1/admin/shops/${enc(shopId)}/deposit?limit=100${cursor ? `&cursor=${enc(cursor)}` : ''}`,
  );
export const getDeductions = (shopId: string) =>
  api<{ deductions: Deduction[] }>(`/v1/admin/shops/${enc(shopId)}/deposit/deductions`);
export const decideDeduction = (
  shopId: string,
  id: string,
  body: { decision: 'uphold' | 'reverse'; note?: string },
) =>
  api<{ deduction: Deduction }>(`/v1/admin/shops/${enc(shopId)}/deposit/deductions/${enc(id)}/decision`, {
    body,
  });
export const createDeduction = (
  shopId: string,
  body: { amountFen: number; reason: string; evidenceUploadIds?: string[] },
  idempotencyKey: string,
) =>
  postIdempotent<{ deduction: Deduction }>(
    `/v1/admin/shops/${enc(shopId)}/deposit/deductions`,
    body,
    idempotencyKey,
  );
export const refundDeposit = (shopId: string, idempotencyKey: string) =>
  postIdempotent<{ refund: Refund }>(
    `/v1/admin/shops/${enc(shopId)}/deposit/refunds`,
    undefined,
    idempotencyKey,
  );

/** The operators' shop list: a search by shop id, merchant id, owner phone or name. */
export function searchShops(q: string) {
  const p = new URLSearchParams({ limit: '20' });
  if (q.trim()) p.set('q', q.trim());
  return api<{ shops: AdminShop[]; nextCursor: string | null }>(`/v1/admin/shops?${p}`);
}
export const getAdminShop = (shopId: string) =>
  api<{ shop: AdminShop; events: AdminShopEvent[] }>(`/v1/admin/shops/${enc(shopId)}`);

/** One page of the shop list, newest first (`cursor` from the previous page's `nextCursor`). */
export function listShops(filter: {
  status?: ShopStatus | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number;
}) {
  const p = new URLSearchParams({ limit: String(filter.limit ?? 20) });
  if (filter.status) p.set('status', filter.status);
  if (filter.q?.trim()) p.set('q', filter.q.trim());
  if (filter.cursor) p.set('cursor', filter.cursor);
  return api<{ shops: AdminShop[]; nextCursor: string | null }>(`/v1/admin/shops?${p}`);
}
/** Restrict, lift, suspend, reinstate, close…: one route with an `action` (roles checked by the server). */
export const changeShopStatus = (shopId: string, body: ShopStatusAction) =>
  api<{ shop: AdminShop; alreadyClosed?: boolean; refund?: { id: string; amountFen: number } | null }>(
    `/v1/admin/shops/${enc(shopId)}/status`,
    { body },
  );

export const getAdminCategories = () => api<AdminCategoryTree>('/v1/admin/categories');
export const patchCategory = (
  id: string,
  body: { version: number; status?: 'active' | 'disabled'; requirements?: Partial<CategoryRequirements> },
) => api<{ category: AdminCategory }>(`/v1/admin/categories/${enc(id)}`, { method: 'PATCH', body });

/** A fresh key per intended operation: a retry of the same submit reuses it (the server replays). */
export const newIdempotencyKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** POST with an Idempotency-Key header: a retry with the same key returns the first result. */
const postIdempotent = <T>(path: string, body: unknown, key: string) =>
  api<T>(path, { method: 'POST', body, headers: { 'Idempotency-Key': key } });

/**
 * An operator-only image (qualification document, ticket screenshot) as an object URL: fetched with
 * the session cookie so the server can audit the view. A refusal arrives as ApiError.
 */
export async function fetchImageUrl(path: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(path, {
    credentials: 'same-origin',
    headers: { 'Accept-Language': apiLanguage() },
    signal,
  });
  if (!res.ok) {
    let p: Partial<ApiError['problem']> = {};
    try {
      p = (await res.json()) as Partial<ApiError['problem']>;
    } catch {
      // not problem+json
    }
    throw new ApiError({
      ...p,
      title: p.title ?? `HTTP ${res.status}`,
      status: p.status ?? res.status,
      code: p.code ?? 'http_error',
    });
  }
  return URL.createObjectURL(await res.blob());
}
export const qualificationDocumentPath = (id: string) =>
  `/v1/review/qualifications/${enc(id)}/document/content`;
export const ticketAttachmentPath = (id: string, attachmentId: string) =>
  `/v1/review/tickets/${enc(id)}/attachments/${enc(attachmentId)}`;
