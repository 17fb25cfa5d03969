import { Alert } from 'antd';
import { useI18n } from '../i18n/i18n-context';

/** Neither a phone nor TOTP: nothing can prove it is the merchant, so say so (the footer offers binding). */
export function StepUpNoMethod() {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('stepUp.noMethodTitle')}
      description={t('stepUp.noMethodBody')}
      data-testid="step-up-no-method"
      style={{ marginBottom: 8 }}
    />
  );
}
