import { Button, Result } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { navigate } from '../router/use-route';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
