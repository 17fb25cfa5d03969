import { Col, Row, Typography } from 'antd';
import { useMe } from '../../hooks/use-me';
import { useI18n } from '../../i18n/i18n-context';
import { StaffHomeEntry } from '../staff/home-entry';
import { StaffHome } from '../staff/staff-home';
import { AccountCard } from './account-card';
import { IncomingTransfersCard } from './incoming-transfers-card';
import { NextStepsCard } from './next-steps-card';
import { PromptsCard } from './prompts-card';

/** / : the merchant's home — account summary and the PWD-3 prompts; a staff sub-account's own home. */
export function HomePage() {
  const me = useMe().data!;
  if (me.type === 'sub_account') return <StaffHome />;
  return <MerchantHome />;
}

function MerchantHome() {
  const { t } = useI18n();
  const me = useMe().data!;
  const m = me.merchant;
  return (
    <div className="kd-wide" data-testid="home-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.title')}
      </Typography.Title>
      <IncomingTransfersCard />
      <Row gutter={[16, 16]}>
        {me.prompts.length > 0 && (
          <Col xs={24}>
            <PromptsCard prompts={me.prompts} />
          </Col>
        )}
        <Col xs={24} md={12}>
          {m && <AccountCard merchant={m} />}
        </Col>
        <Col xs={24} md={12}>
          <NextStepsCard />
          <div style={{ marginTop: 12 }}>
            <StaffHomeEntry />
          </div>
        </Col>
      </Row>
    </div>
  );
}
