import type { OrdersMessageKey } from './messages-zh';

/** Order mirror strings, English. Must hold every key of messages-zh.ts. */
export const ordersEn: Record<OrdersMessageKey, string> = {
  'orders.title': 'Orders',
  'orders.subtitle':
    'Orders are synced from the marketplace and shown here read-only; handle payment, shipping and after-sales in the marketplace.',
  'orders.back': 'Back',
  'orders.entry': 'Orders',
  'orders.tab.all': 'All',
  'orders.status.pending_payment': 'Awaiting payment',
  'orders.status.to_ship': 'To ship',
  'orders.status.shipped': 'Shipped',
  'orders.status.completed': 'Completed',
  'orders.status.refunding': 'Refunding',
  'orders.status.closed': 'Closed',
  'orders.col.order': 'Order',
  'orders.col.buyer': 'Buyer',
  'orders.col.items': 'Items',
  'orders.col.total': 'Total',
  'orders.col.status': 'Status',
  'orders.col.placedAt': 'Placed',
  'orders.col.logistics': 'Shipment',
  'orders.items': '{n} items',
  'orders.noLogistics': 'No shipment yet',
  'orders.logisticsHidden': 'You do not hold “Track shipments”, so shipment details are hidden.',
  'orders.empty': 'No orders yet',
  'orders.loadMore': 'Load more',
  'orders.noShop.title': 'No shop yet',
  'orders.noShop.body': 'Once your shop is open and active, its marketplace orders show here.',
  'orders.noShop.go': 'Open a shop',
  'orders.notFound': 'This shop was not found.',
};
