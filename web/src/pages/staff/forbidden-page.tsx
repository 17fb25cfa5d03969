import { Button, Result, Space } from 'antd';
import { useMe } from '../../hooks/use-me';
import { navigate } from '../../router/use-route';
import { useSignOut } from './use-sign-out';
import { useStaffI18n } from './use-staff-i18n';

/**
 * 403 forbidden, said plainly: the page or action is not for this account. A sub-account is also
 * told which powers stay with the main account (SUB-5).
 */
export function ForbiddenPage() {
  const { st } = useStaffI18n();
  const isSub = useMe().data?.type === 'sub_account';
  const signOut = useSignOut();
  return (
    <Result
      status="403"
      title={st('forbidden.title')}
      subTitle={
        <>
          <div>{st('forbidden.body')}</div>
          {isSub && <div style={{ marginTop: 8 }}>{st('forbidden.bodySub')}</div>}
        </>
      }
      data-testid="forbidden-page"
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          <Button type="primary" onClick={() => navigate('/')} data-testid="forbidden-home">
            {st('forbidden.home')}
          </Button>
          <Button onClick={signOut} data-testid="forbidden-sign-out">
            {st('forbidden.signOut')}
          </Button>
        </Space>
      }
    />
  );
}
