import { Result, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { isApiError } from '../api/client';
import { useMe } from '../hooks/use-me';
import { navigate } from '../router/use-route';
import { AgreementGate } from './agreement-gate';
import { ProblemAlert } from './problem-alert';

/** Renders its children for a signed-in merchant (behind the AGR-1 agreement gate); a 401 goes to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
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
  return (
    <>
      {children}
      {me.data.agreementRequired && <AgreementGate />}
    </>
  );
}
