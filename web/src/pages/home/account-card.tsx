import { Card, Descriptions, Tag } from 'antd';
import type { Me } from '../../api/types';
import { useFormat } from '../../hooks/use-format';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';

type Merchant = NonNullable<Me['merchant']>;

/** Masked phone/email, account type, status and two-factor state. */
export function AccountCard({ merchant: m }: { merchant: Merchant }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const statusKey = `home.status.${m.status}` as MessageKey;
  const status = t(statusKey) === statusKey ? m.status : t(statusKey);
  return (
    <Card title={t('home.account')} size="small" data-testid="account-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('field.phone')}>{m.phone ?? t('home.phoneNone')}</Descriptions.Item>
        <Descriptions.Item label={t('home.accountType')}>
          {m.accountType === 'enterprise'
            ? t('field.accountType.enterprise')
            : t('field.accountType.personal')}
          {m.crossBorder && (
            <Tag color="geekblue" style={{ marginLeft: 8 }}>
              {t('home.crossBorder')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('home.status')}>
          <Tag color={m.status === 'active' ? 'green' : 'orange'}>{status}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('home.email')}>
          {m.email ? (
            <>
              {m.email}
              {!m.emailVerified && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {t('home.emailUnverified')}
                </Tag>
              )}
            </>
          ) : (
            t('home.emailNone')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('home.twoFactor')}>
          <Tag color={m.totpEnabled ? 'green' : 'default'}>
            {m.totpEnabled ? t('home.twoFactorOn') : t('home.twoFactorOff')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('home.createdAt')}>{dateTime(m.createdAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
