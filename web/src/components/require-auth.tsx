import { Result, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { isApiError } from '../api/client';
import { useMe } from '../hooks/use-me';
import { ForbiddenPage } from '../pages/staff/forbidden-page';
import { navigate } from '../router/use-route';
import { AgreementGate } from './agreement-gate';
import { ProblemAlert } from './problem-alert';

/**
 * Renders its children for a signed-in merchant (behind the AGR-1 agreement gate); a 401 goes to /login.
 * A staff sub-account sees them only where `allowSubAccount` says so (its home, staff management);
 * everywhere else — verification, security, the shop's onboarding — it gets the no-permission page.
 */
export function RequireAuth({
  children,
  allowSubAccount,
}: {
  children: ReactNode;
  allowSubAccount?: boolean;
}) {
  const me = useMe();
  const unauth = isApiError(me.error) && me.error.status === 401;
  useEffect(() => {
    if (unauth) navigate('/login', { replace: true });
  }, [unauth]);
  if (me.isPending || unauth) {
    return (
      <div style={{ textAlign: 'center', padding: 64 }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.error) return <Result status="warning" extra={<ProblemAlert error={me.error} />} />;
  if (me.data.type === 'sub_account' && !allowSubAccount) return <ForbiddenPage />;
  return (
    <>
      {children}
      {me.data.agreementRequired && <AgreementGate />}
    </>
  );
}
