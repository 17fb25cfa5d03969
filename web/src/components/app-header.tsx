import { LogoutOutlined, SafetyOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown } from 'antd';
import { signOut } from '../api/accounts';
import { useMe } from '../hooks/use-me';
import { useI18n } from '../i18n/i18n-context';
import { Link } from '../router/link';
import { navigate } from '../router/use-route';
import { LanguageSwitch } from './language-switch';

/** Brand, language switch and — when signed in — the account menu. */
export function AppHeader() {
  const { t } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const merchant = me.data?.merchant;
  const doSignOut = async () => {
    try {
      await signOut();
    } finally {
      navigate('/login');
      // reset (not clear): mounted observers such as this header must drop the signed-in data too
      await qc.resetQueries();
    }
  };
  return (
    <header className="kd-header">
      <Link to={merchant ? '/' : '/login'} className="kd-brand" data-testid="brand">
        <ShopOutlined className="kd-brand-icon" />
        <span>{t('brand.name')}</span>
      </Link>
      <div className="kd-header-actions">
        <LanguageSwitch />
        {merchant && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'home', icon: <ShopOutlined />, label: t('nav.home'), onClick: () => navigate('/') },
                {
                  key: 'security',
                  icon: <SafetyOutlined />,
                  label: t('nav.security'),
                  onClick: () => navigate('/security'),
                },
                { type: 'divider' },
                {
                  key: 'out',
                  icon: <LogoutOutlined />,
                  label: <span data-testid="sign-out">{t('nav.signOut')}</span>,
                  onClick: doSignOut,
                },
              ],
            }}
          >
            <Button type="text" size="small" icon={<UserOutlined />} data-testid="account-menu">
              <span className="kd-hide-xs">{merchant.phone ?? merchant.email}</span>
            </Button>
          </Dropdown>
        )}
      </div>
    </header>
  );
}
