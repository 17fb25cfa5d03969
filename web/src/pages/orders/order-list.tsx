import { Card, Table, Tag, Typography } from 'antd';
import type { Order, OrderStatus } from '../../api/orders';
import { useFormat } from '../../hooks/use-format';
import { formatYuan } from '../shop/money';
import { useOrdersI18n } from './use-orders-i18n';

const STATUS_COLOR: Record<OrderStatus, string> = {
  pending_payment: 'gold',
  to_ship: 'orange',
  shipped: 'blue',
  completed: 'green',
  refunding: 'red',
  closed: 'default',
};

type Props = { orders: Order[]; logisticsVisible: boolean };

export function StatusTag({ status }: { status: OrderStatus }) {
  const { ot } = useOrdersI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="order-status" data-status={status}>
      {ot(`orders.status.${status}`)}
    </Tag>
  );
}

function Shipment({ order }: { order: Order }) {
  const { ot } = useOrdersI18n();
  if (!order.logistics) return <span className="kd-muted">{ot('orders.noLogistics')}</span>;
  return (
    <span data-testid="order-logistics">
      {order.logistics.carrier}
      {order.logistics.trackingNo ? ` ${order.logistics.trackingNo}` : ''}
    </span>
  );
}

/** Phone: one card per order. */
export function OrderCards({ orders, logisticsVisible }: Props) {
  const { ot } = useOrdersI18n();
  const { dateTime } = useFormat();
  return (
    <div className="kd-orders-cards">
      {orders.map((o) => (
        <Card key={o.id} size="small" data-testid={`order-row-${o.externalId}`} data-status={o.status}>
          <div className="kd-orders-card-head">
            <Typography.Text strong className="kd-orders-no">
              {o.externalId}
            </Typography.Text>
            <StatusTag status={o.status} />
          </div>
          <div className="kd-orders-card-body">
            <span>{o.buyerLabel}</span>
            <span className="kd-muted">{ot('orders.items', { n: o.itemCount })}</span>
            <span className="kd-orders-amount">¥{formatYuan(o.totalFen)}</span>
          </div>
          <div className="kd-orders-card-foot">
            <span className="kd-muted">{dateTime(o.placedAt)}</span>
            {logisticsVisible && <Shipment order={o} />}
          </div>
        </Card>
      ))}
    </div>
  );
}

/** Desktop: a table. */
export function OrderTable({ orders, logisticsVisible }: Props) {
  const { ot } = useOrdersI18n();
  const { dateTime } = useFormat();
  return (
    <Table<Order>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={orders}
      onRow={(o) => ({ 'data-testid': `order-row-${o.externalId}`, 'data-status': o.status }) as object}
      columns={[
        {
          title: ot('orders.col.order'),
          dataIndex: 'externalId',
          render: (v: string) => <strong>{v}</strong>,
        },
        { title: ot('orders.col.buyer'), dataIndex: 'buyerLabel' },
        { title: ot('orders.col.items'), dataIndex: 'itemCount', align: 'right' },
        {
          title: ot('orders.col.total'),
          dataIndex: 'totalFen',
          align: 'right',
          render: (v: number) => <span className="kd-orders-amount">¥{formatYuan(v)}</span>,
        },
        {
          title: ot('orders.col.status'),
          dataIndex: 'status',
          render: (s: OrderStatus) => <StatusTag status={s} />,
        },
        { title: ot('orders.col.placedAt'), dataIndex: 'placedAt', render: (v: string) => dateTime(v) },
        ...(logisticsVisible
          ? [
              {
                title: ot('orders.col.logistics'),
                key: 'logistics',
                render: (_: unknown, o: Order) => <Shipment order={o} />,
              },
            ]
          : []),
      ]}
    />
  );
}
