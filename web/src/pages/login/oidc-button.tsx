import { LoginOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Divider } from 'antd';
import { getOidcConfig } from '../../api/accounts';
import { useI18n } from '../../i18n/i18n-context';

/** Third-party sign-in (REG-2), shown only when the server has an OIDC provider configured. */
export function OidcButton() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['oidc-config'],
    queryFn: getOidcConfig,
    retry: false,
    staleTime: Infinity,
  });
  if (!q.data?.enabled) return null;
  return (
    <>
      <Divider plain>{t('login.or')}</Divider>
      <Button block size="large" icon={<LoginOutlined />} href="/v1/oidc/authorize" data-testid="oidc">
        {t('login.oidc', { name: q.data.name ?? 'OIDC' })}
      </Button>
    </>
  );
}
