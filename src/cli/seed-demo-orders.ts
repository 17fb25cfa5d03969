import { HOUR } from '../kernel/clock.js';
import type { createServices } from '../modules/index.js';
import type { OrderStatus } from '../modules/orders/index.js';

type Services = ReturnType<typeof createServices>;

/**
 * `kaidian seed demo`: a handful of mirrored marketplace orders (docs/orders.md) in the demo shop,
 * one or more per status, written through the same upsert the integrator API uses.
 */
const DEMO_ORDERS: Array<{
  status: OrderStatus;
  totalFen: number;
  items: number;
  buyer: string;
  ship?: true;
}> = [
  { status: 'pending_payment', totalFen: 5_900, items: 1, buyer: '李**' },
  { status: 'to_ship', totalFen: 11_800, items: 2, buyer: '王**' },
  { status: 'to_ship', totalFen: 5_900, items: 1, buyer: '张*' },
  { status: 'shipped', totalFen: 17_700, items: 3, buyer: '陈**', ship: true },
  { status: 'completed', totalFen: 5_900, items: 1, buyer: '刘*', ship: true },
  { status: 'refunding', totalFen: 11_800, items: 2, buyer: '赵**', ship: true },
  { status: 'closed', totalFen: 5_900, items: 1, buyer: '孙*' },
];

export async function seedDemoOrders(services: Services, shopId: string, now: number): Promise<void> {
  for (const [i, o] of DEMO_ORDERS.entries()) {
    const placedAt = now - (DEMO_ORDERS.length - i) * 9 * HOUR;
    await services.orders.upsert(shopId, `DEMO${String(20261200 + i)}`, {
      version: 1,
      status: o.status,
      totalFen: o.totalFen,
      itemCount: o.items,
      buyerLabel: o.buyer,
      logistics: o.ship ? { carrier: '顺丰速运', trackingNo: `SF10${i}****${4321 + i}` } : null,
      placedAt: new Date(placedAt).toISOString(),
      updatedAt: new Date(now).toISOString(),
    });
  }
}
