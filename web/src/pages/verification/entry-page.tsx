import { Result } from 'antd';
import { useEffect } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { navigate } from '../../router/use-route';
import { Loading } from './case-loader';
import { currentCase, nextPathFor, useVerifications } from './use-verification';

/** /verification: opens the current case where the merchant left it, or starts a new one. */
export function EntryPage() {
  const q = useVerifications();
  const target = q.data ? nextFor(q.data.verifications) : null;
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);
  if (q.error) return <Result status="warning" extra={<ProblemAlert error={q.error} />} />;
  return <Loading />;
}

function nextFor(list: Parameters<typeof currentCase>[0]): string {
  const v = currentCase(list);
  return v ? nextPathFor(v) : '/verification/start';
}
