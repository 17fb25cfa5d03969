import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../../api/client';
import type { Verification } from '../../api/verification';
import { ProblemAlert } from '../../components/problem-alert';
import { useI18n } from '../../i18n/i18n-context';
import { navigate } from '../../router/use-route';
import { useVerification } from './use-verification';

/** Loads one case; a missing one says so and offers the way back. */
export function CaseLoader({ id, children }: { id: string; children: (v: Verification) => ReactNode }) {
  const { t } = useI18n();
  const q = useVerification(id);
  if (q.isPending) return <Loading />;
  if (q.error) {
    return (
      <div className="kd-verify">
        {isApiError(q.error, 'not_found') ? (
          <Result
            status="404"
            title={t('verification.notFound')}
            extra={
              <Button type="primary" onClick={() => navigate('/verification')}>
                {t('verification.title')}
              </Button>
            }
          />
        ) : (
          <Result status="warning" extra={<ProblemAlert error={q.error} />} />
        )}
      </div>
    );
  }
  return <>{children(q.data)}</>;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div style={{ textAlign: 'center', padding: 64 }} data-testid="verification-loading">
      <Spin size="large" description={t('verification.loading')} />
    </div>
  );
}
