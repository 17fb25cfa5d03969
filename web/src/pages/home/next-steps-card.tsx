import { IdcardOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { navigate } from '../../router/use-route';
import { ShopHomeEntry } from '../shop/home-entry';
import { VerificationHomeEntry } from '../verification/home-entry';

/** What comes after registration: real-name verification, then a shop (open it, continue, manage). */
export function NextStepsCard() {
  const { t } = useI18n();
  return (
    <Card title={t('home.next')} size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <IdcardOutlined style={{ marginRight: 8 }} />
          {t('home.nextBody')}
        </Typography.Paragraph>
        <VerificationHomeEntry />
        <ShopHomeEntry />
        <Button
          icon={<SafetyOutlined />}
          onClick={() => navigate('/security')}
          block
          data-testid="to-security"
        >
          {t('nav.security')}
        </Button>
      </Space>
    </Card>
  );
}
