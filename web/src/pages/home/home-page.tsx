import { Col, Row, Typography } from 'antd';
import { useMe } from '../../hooks/use-me';
import { useI18n } from '../../i18n/i18n-context';
import { AccountCard } from './account-card';
import { NextStepsCard } from './next-steps-card';
import { PromptsCard } from './prompts-card';

/** / : the merchant's home — account summary and the PWD-3 prompts. */
export function HomePage() {
  const { t } = useI18n();
  const me = useMe().data!;
  const m = me.merchant;
  return (
    <div className="kd-wide" data-testid="home-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.title')}
      </Typography.Title>
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
        </Col>
      </Row>
    </div>
  );
}
