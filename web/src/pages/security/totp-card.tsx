import { SafetyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { disableTotp, enrolTotp } from '../../api/accounts';
import type { TotpEnrolment } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n-context';
import { RecoveryCodesModal } from './recovery-codes-modal';
import { TotpEnrol } from './totp-enrol';

/** Authenticator two-factor: enrol (QR + secret + confirm), show recovery codes once, or turn off. */
export function TotpCard({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const { run, busy, error } = useAction();

  const start = async () => {
    const r = await run(enrolTotp);
    if (r) setEnrolment(r.value);
  };
  const turnOff = async () => {
    const r = await run(disableTotp);
    if (r) {
      message.success(t('security.totp.disabled'));
      await qc.invalidateQueries({ queryKey: ['me'] });
    }
  };
  const title = (
    <>
      <SafetyOutlined /> {t('security.totp')}{' '}
      <Tag color={enabled ? 'green' : 'default'} style={{ marginLeft: 4 }}>
        {enabled ? t('home.twoFactorOn') : t('home.twoFactorOff')}
      </Tag>
    </>
  );
  return (
    <Card title={title} size="small" data-testid="totp-card">
      <Typography.Paragraph>{enabled ? t('security.totp.on') : t('security.totp.off')}</Typography.Paragraph>
      <ProblemAlert error={error} />
      {enabled ? (
        <Popconfirm
          title={t('security.totp.disableConfirm')}
          onConfirm={turnOff}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
        >
          <Button danger block loading={busy} data-testid="totp-disable">
            {t('security.totp.disable')}
          </Button>
        </Popconfirm>
      ) : enrolment ? (
        <TotpEnrol enrolment={enrolment} onConfirmed={setCodes} />
      ) : (
        <Button type="primary" block size="large" loading={busy} onClick={start} data-testid="totp-enable">
          {t('security.totp.enable')}
        </Button>
      )}
      {codes && (
        <RecoveryCodesModal
          codes={codes}
          onDone={async () => {
            setCodes(null);
            setEnrolment(null);
            message.success(t('security.totp.enabled'));
            await qc.invalidateQueries({ queryKey: ['me'] });
          }}
        />
      )}
    </Card>
  );
}
