import { Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';

/** No reset-by-link: sign in with an SMS code, then set a new password under Security. */
export function ForgotPasswordModal({
  open,
  onClose,
  onUseSms,
}: {
  open: boolean;
  onClose: () => void;
  onUseSms: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={t('login.forgotTitle')}
      onCancel={onClose}
      onOk={onUseSms}
      okText={t('login.forgotUseSms')}
      cancelText={t('common.close')}
      data-testid="forgot-modal"
    >
      <Typography.Paragraph>{t('login.forgotBody')}</Typography.Paragraph>
    </Modal>
  );
}
