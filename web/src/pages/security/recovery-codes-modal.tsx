import { Alert, Checkbox, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';

/** The recovery codes, shown once; closing needs the "I saved them" confirmation. */
export function RecoveryCodesModal({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      title={t('security.totp.recoveryTitle')}
      onOk={onDone}
      okText={t('security.totp.recoveryDone')}
      okButtonProps={{ disabled: !saved, 'data-testid': 'recovery-done' }}
      cancelButtonProps={{ style: { display: 'none' } }}
      data-testid="recovery-modal"
    >
      <Alert type="warning" showIcon title={t('security.totp.recoveryBody')} style={{ marginBottom: 12 }} />
      <div className="kd-recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <code key={c}>{c}</code>
        ))}
      </div>
      <Typography.Paragraph style={{ marginTop: 8 }}>
        <Typography.Text copyable={{ text: codes.join('\n') }}>{t('common.copy')}</Typography.Text>
      </Typography.Paragraph>
      <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="recovery-saved">
        {t('security.totp.recoverySaved')}
      </Checkbox>
    </Modal>
  );
}
