import { IdcardOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import type { VerificationStatus } from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { navigate } from '../../../router/use-route';

const WAITING: readonly string[] = ['submitted', 'checking', 'pending_review'];

/** SHOP-1: a shop opens after real-name approval; says where the merchant's case stands and links to it. */
export function NotVerified({ status }: { status: VerificationStatus | undefined }) {
  const { t } = useI18n();
  const waiting = status !== undefined && WAITING.includes(status);
  return (
    <Result
      status={waiting ? 'info' : 'warning'}
      icon={<IdcardOutlined />}
      title={t('shop.open.verifyTitle')}
      subTitle={
        <>
          <div>{t('shop.open.verifyBody')}</div>
          <div style={{ marginTop: 8 }} data-testid="shop-verification-status" data-status={status ?? 'none'}>
            {t('shop.open.verifyStatus', {
              status: t(`verification.status.${status ?? 'none'}` as MessageKey),
            })}
          </div>
          {waiting && <div style={{ marginTop: 4 }}>{t('shop.open.verifyWaiting')}</div>}
        </>
      }
      extra={
        <Button
          type="primary"
          size="large"
          onClick={() => navigate('/verification')}
          data-testid="to-verification"
        >
          {waiting ? t('verification.home.view') : t('shop.open.verifyGo')}
        </Button>
      }
      data-testid="shop-not-verified"
    />
  );
}
