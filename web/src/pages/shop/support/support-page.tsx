import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Skeleton } from 'antd';
import { listTickets } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import { Link } from '../../../router/link';
import { navigate } from '../../../router/use-route';
import { ShopShell } from '../shop-shell';
import { shopKeys } from '../use-shop';
import { TicketStatusTag, TicketTypeLabel } from './ticket-status';

/** /shop/support (ACT-3): my tickets, newest first, and a new one. */
export function SupportPage() {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const q = useQuery({
    queryKey: shopKeys.tickets,
    queryFn: listTickets,
    retry: false,
    refetchInterval: 30_000,
  });
  const add = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => navigate('/shop/support/new')}
      data-testid="ticket-new"
    >
      {t('shop.support.new')}
    </Button>
  );
  return (
    <ShopShell
      title={t('shop.support.title')}
      subtitle={t('shop.support.subtitle')}
      testId="shop-support-page"
      extra={add}
    >
      {q.error ? <ProblemAlert error={q.error} /> : null}
      {!q.data && !q.error && <Skeleton active />}
      {q.data?.tickets.length === 0 && <Empty description={t('shop.support.empty')} />}
      <div data-testid="ticket-list">
        {q.data?.tickets.map((x) => (
          <Link
            key={x.id}
            to={`/shop/support/${encodeURIComponent(x.id)}`}
            className="kd-shop-row kd-shop-row-link"
            data-testid="ticket-row"
          >
            <div style={{ flex: 1, minWidth: 0 }}>
              <div className="kd-shop-item-title">{x.subject}</div>
              <div className="kd-muted">
                <TicketTypeLabel type={x.type} /> · {dateTime(x.updatedAt)}
              </div>
            </div>
            <TicketStatusTag status={x.status} />
          </Link>
        ))}
      </div>
    </ShopShell>
  );
}
