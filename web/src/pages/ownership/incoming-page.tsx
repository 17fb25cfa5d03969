import { InboxOutlined, LeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Transfer } from '../../api/ownership';
import { ProblemAlert } from '../../components/problem-alert';
import { Link } from '../../router/link';
import { navigate } from '../../router/use-route';
import { shopKeys } from '../shop/use-shop';
import { IncomingOffer } from './incoming-offer';
import { ownershipKeys, useIncomingTransfers } from './use-ownership';
import { useOwnershipI18n } from './use-ownership-i18n';
import './ownership.css';

/** /transfers: shops offered to the signed-in merchant (the new owner's side of MAIN-3). */
export function IncomingPage() {
  const { ot, t } = useOwnershipI18n();
  const qc = useQueryClient();
  const q = useIncomingTransfers({ poll: true });
  const [accepted, setAccepted] = useState<Transfer | null>(null);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ownershipKeys.incoming });
    void qc.invalidateQueries({ queryKey: shopKeys.list });
  };

  if (accepted) {
    return (
      <div className="kd-own-page" data-testid="incoming-page">
        <Card className="kd-card">
          <Result
            status="success"
            title={ot('own.in.done.title', { shop: accepted.shopName })}
            subTitle={ot('own.in.done.body')}
            data-testid="incoming-accepted"
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                <Button
                  type="primary"
                  onClick={() => navigate('/shop/owner/checklist')}
                  data-testid="incoming-to-checklist"
                >
                  {ot('own.in.toChecklist')}
                </Button>
                <Button onClick={() => navigate('/shop')} data-testid="incoming-to-shop">
                  {ot('own.in.toShop')}
                </Button>
              </Space>
            }
          />
        </Card>
      </div>
    );
  }

  const offers = q.data?.transfers ?? [];
  return (
    <div className="kd-own-page" data-testid="incoming-page">
      <Link to="/" className="kd-own-back">
        <LeftOutlined /> {t('nav.home')}
      </Link>
      <Card className="kd-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <InboxOutlined style={{ marginInlineEnd: 8, color: '#1677ff' }} />
          {ot('own.in.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{ot('own.in.subtitle')}</Typography.Paragraph>
        <ProblemAlert error={q.error} />
        {q.isPending ? (
          <Skeleton active />
        ) : offers.length === 0 ? (
          <Empty description={ot('own.in.empty')} data-testid="incoming-empty" />
        ) : (
          <div className="kd-own-offers">
            {offers.map((o) => (
              <IncomingOffer
                key={o.id}
                transfer={o}
                onAccepted={(tr) => {
                  setAccepted(tr);
                  refresh();
                }}
                onChanged={refresh}
              />
            ))}
          </div>
        )}
        <div className="kd-muted" style={{ marginTop: 12 }}>
          {ot('own.in.hasShopNote')}
        </div>
      </Card>
    </div>
  );
}
