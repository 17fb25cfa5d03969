import { Button, Result } from 'antd';
import { useI18n } from '../../i18n/i18n-context';
import { navigate } from '../../router/use-route';

/** Step 5: registered and signed in; home shows the bind-email and TOTP prompts (PWD-3). */
export function DoneStep() {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t('register.doneTitle')}
      subTitle={t('register.doneBody')}
      style={{ padding: '16px 0' }}
      extra={
        <Button type="primary" size="large" block onClick={() => navigate('/')} data-testid="go-home">
          {t('register.goHome')}
        </Button>
      }
    />
  );
}
