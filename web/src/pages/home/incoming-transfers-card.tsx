import { SwapOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { navigate } from '../../router/use-route';
import { useIncomingTransfers } from '../ownership/use-ownership';
import { useOwnershipI18n } from '../ownership/use-ownership-i18n';

/** On the merchant's home: shops offered to this account (MAIN-3), shown only when there are some. */
export function IncomingTransfersCard() {
  const { ot } = useOwnershipI18n();
  const q = useIncomingTransfers();
  const n = q.data?.transfers.length ?? 0;
  if (n === 0) return null;
  return (
    <Card
      size="small"
      style={{ borderColor: '#91caff', background: '#f0f5ff', marginBottom: 16 }}
      data-testid="home-incoming-transfers"
      data-count={n}
      title={
        <span>
          <SwapOutlined style={{ marginInlineEnd: 8, color: '#1677ff' }} />
          {ot('own.card.title')}
        </span>
      }
      extra={
        <Button type="primary" size="small" onClick={() => navigate('/transfers')} data-testid="to-transfers">
          {ot('own.card.go')}
        </Button>
      }
    >
      {ot('own.card.body', { n })}
      {n === 1 && q.data?.transfers[0] ? ` · ${q.data.transfers[0].shopName}` : ''}
    </Card>
  );
}
