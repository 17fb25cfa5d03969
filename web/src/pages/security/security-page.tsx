import { Col, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useMe } from '../../hooks/use-me';
import { useI18n } from '../../i18n/i18n-context';
import { EmailCard } from './email-card';
import { PasswordCard } from './password-card';
import { PhoneCard } from './phone-card';
import { SessionsCard } from './sessions-card';
import { TotpCard } from './totp-card';

/** /security: phone, authenticator two-factor, email, password and signed-in devices. */
export function SecurityPage() {
  const { t } = useI18n();
  const me = useMe().data!;
  const m = me.merchant!;
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <div className="kd-wide" data-testid="security-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('security.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12} id="phone">
          <PhoneCard phone={m.phone} />
        </Col>
        <Col xs={24} lg={12} id="totp">
          <TotpCard enabled={m.totpEnabled} />
        </Col>
        <Col xs={24} lg={12} id="email">
          <EmailCard email={m.email} verified={m.emailVerified} />
        </Col>
        <Col xs={24} lg={12} id="password">
          <PasswordCard hasPassword={m.hasPassword} />
        </Col>
        <Col xs={24} lg={12} id="sessions">
          <SessionsCard />
        </Col>
      </Row>
    </div>
  );
}
