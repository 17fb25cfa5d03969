import { IdcardOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';
import { navigate } from '../../router/use-route';
import { currentCase, useVerifications } from './use-verification';

const COLOR: Partial<Record<string, string>> = {
  approved: 'green',
  rejected_final: 'red',
  rejected_retry: 'orange',
  more_info_requested: 'orange',
  pending_review: 'blue',
  checking: 'blue',
  submitted: 'blue',
};

/** The home page's way into the wizard: the current status and start / continue / view. */
export function VerificationHomeEntry() {
  const { t } = useI18n();
  const q = useVerifications();
  const v = currentCase(q.data?.verifications);
  const status = v?.status;
  const label = !v
    ? t('verification.home.start')
    : status === 'draft' || status === 'rejected_retry' || status === 'more_info_requested'
      ? t('verification.home.continue')
      : t('verification.home.view');
  return (
    <>
      <div style={{ marginBottom: 8 }} data-testid="home-verification-status" data-status={status ?? 'none'}>
        <span style={{ marginRight: 8 }}>{t('verification.title')}</span>
        <Tag color={status ? COLOR[status] : 'default'}>
          {t(`verification.status.${status ?? 'none'}` as MessageKey)}
        </Tag>
      </div>
      <Button
        type={status === 'approved' ? 'default' : 'primary'}
        icon={<IdcardOutlined />}
        onClick={() => navigate('/verification')}
        block
        loading={q.isPending}
        data-testid="to-verification"
      >
        {label}
      </Button>
    </>
  );
}
