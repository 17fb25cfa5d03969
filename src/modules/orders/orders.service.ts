import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { assertMaskedBuyer, type OrderView, type UpsertInput } from './orders.schema.js';
import { createOrdersStore, ORDER_STATUSES, type OrderStatus, type ShopOrderRow } from './orders.store.js';

export type OrdersDeps = {
  /** True when the shop exists (any status): an unknown shop is 404 for the integrator. */
  shopExists(shopId: string): Promise<boolean>;
};

export type UpsertOutcome = 'created' | 'updated' | 'ignored';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

const encodeCursor = (r: ShopOrderRow) => Buffer.from(`${Number(r.placed_at)}:${r.id}`).toString('base64url');

function decodeCursor(c: string | undefined): { placedAt: number; id: string } | undefined {
  if (!c) return undefined;
  const m = /^(\d{1,16}):(ord_[0-9a-z]{20})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m)
    throw appError('validation_failed', {
      errors: [{ path: 'querystring.cursor', message: 'invalid cursor' }],
    });
  return { placedAt: Number(m[1]), id: m[2] as string };
}

/** One order as the portal shows it; logistics only for callers holding logistics.view. */
export function viewOf(row: ShopOrderRow, withLogistics: boolean): OrderView {
  const base: OrderView = {
    id: row.id,
    externalId: row.external_id,
    status: row.status,
    totalFen: Number(row.total_fen),
    itemCount: Number(row.item_count),
    buyerLabel: row.buyer_label,
    placedAt: iso(row.placed_at),
    updatedAt: iso(row.source_updated_at),
  };
  if (withLogistics) base.logistics = row.logistics ? JSON.parse(row.logistics) : null;
  return base;
}

/** The order summary mirror (docs/orders.md): integrator upserts, the portal's reads. */
export function createOrdersService(ctx: Context, deps: OrdersDeps) {
  const store = createOrdersStore(ctx.db);
  const knownShop = async (shopId: string) => {
    if (!(await deps.shopExists(shopId))) throw appError('not_found');
  };

  return {
    store,
    /** Insert or update one order; an update older than (or as old as) the stored one is ignored. */
    async upsert(
      shopId: string,
      externalId: string,
      input: UpsertInput,
    ): Promise<{ outcome: UpsertOutcome; row: ShopOrderRow }> {
      await knownShop(shopId);
      assertMaskedBuyer(input.buyerLabel);
      const now = ctx.clock.now();
      const placedAt = Date.parse(input.placedAt);
      const row: ShopOrderRow = {
        id: newId('ord'),
        shop_id: shopId,
        external_id: externalId,
        status: input.status,
        total_fen: input.totalFen,
        item_count: input.itemCount,
        buyer_label: input.buyerLabel,
        logistics: input.logistics ? JSON.stringify(input.logistics) : null,
        placed_at: placedAt,
        version: input.version,
        source_updated_at: input.updatedAt ? Date.parse(input.updatedAt) : now,
        created_at: now,
        updated_at: now,
      };
      const written = await store.upsert(row);
      const stored = await store.byExternalId(shopId, externalId);
      if (!stored) throw appError('not_found'); // deleted meanwhile
      const outcome: UpsertOutcome =
        written === null ? 'ignored' : written === row.id ? 'created' : 'updated';
      return { outcome, row: stored };
    },

    async remove(shopId: string, externalId: string): Promise<void> {
      await knownShop(shopId);
      if (!(await store.remove(shopId, externalId))) throw appError('not_found');
    },

    async list(
      shopId: string,
      q: { status?: OrderStatus | undefined; cursor?: string | undefined; limit: number },
    ): Promise<{ rows: ShopOrderRow[]; nextCursor: string | null }> {
      const before = decodeCursor(q.cursor);
      const rows = await store.page(shopId, {
        status: q.status,
        limit: q.limit,
        ...(before ? { before } : {}),
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
    },

    /** Orders per status (every status present, zero when none) and the total. */
    async summary(shopId: string): Promise<{ counts: Record<OrderStatus, number>; total: number }> {
      const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
      for (const { status, n } of await store.countsByStatus(shopId))
        if (status in counts) counts[status as OrderStatus] = n;
      return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
