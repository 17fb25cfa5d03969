import { LeftOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { Link } from '../../router/link';
import './shop.css';

type Props = {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  testId: string;
  /** Where the back link goes (default: the shop hub); null hides it. */
  back?: { to: string; label: ReactNode } | null;
  extra?: ReactNode;
  wide?: boolean;
};

/** One shop page: a back link, a titled card; full width on phones, centred on desktop. */
export function ShopShell({ title, subtitle, children, testId, back, extra, wide }: Props) {
  const { t } = useI18n();
  const b = back === undefined ? { to: '/shop', label: t('shop.backToHub') } : back;
  return (
    <div className={wide ? 'kd-shop kd-shop-wide' : 'kd-shop'} data-testid={testId}>
      {b && (
        <Link to={b.to} className="kd-shop-back" data-testid="shop-back">
          <LeftOutlined /> {b.label}
        </Link>
      )}
      <Card className="kd-card">
        <div className="kd-shop-head">
          <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
            {title}
          </Typography.Title>
          {extra}
        </div>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 16px' }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {!subtitle && <div style={{ height: 12 }} />}
        {children}
      </Card>
    </div>
  );
}
