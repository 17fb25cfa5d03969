import { api } from './client';

/** Typed calls of the order mirror (docs/orders.md): read-only summaries fed by the marketplace. */

export const ORDER_STATUSES = [
  'pending_payment',
  'to_ship',
  'shipped',
  'completed',
  'refunding',
  'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type Order = {
  id: string;
  externalId: string;
  status: OrderStatus;
  totalFen: number;
  itemCount: number;
  buyerLabel: string;
  /** Only when the caller holds logistics.view (absent otherwise). */
  logistics?: { carrier: string; trackingNo: string | null } | null;
  placedAt: string;
  updatedAt: string;
};
export type OrderPage = { orders: Order[]; nextCursor: string | null; logisticsVisible: boolean };
export type OrderSummary = { counts: Record<OrderStatus, number>; total: number };

const enc = encodeURIComponent;

export function listOrders(
  shopId: string,
  q: { status?: OrderStatus | undefined; cursor?: string | undefined; limit?: number },
): Promise<OrderPage> {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.cursor) params.set('cursor', q.cursor);
  if (q.limit) params.set('limit', String(q.limit));
  const qs = params.toString();
  return api<OrderPage>(`/v1/shops/${enc(shopId)}/orders${qs ? `?${qs}` : ''}`);
}

export const getOrderSummary = (shopId: string) =>
  api<OrderSummary>(`/v1/shops/${enc(shopId)}/orders/summary`);
