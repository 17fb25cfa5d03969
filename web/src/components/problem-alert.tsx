import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n-context';

/**
 * Shows a server problem: its localized `title` (the server writes what happens next, e.g. "locked
 * until…"), every field of validation_failed, and extras such as remaining attempts.
 */
export function ProblemAlert({ error, extra }: { error: unknown; extra?: ReactNode }) {
  const { t } = useI18n();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return <Alert type="error" showIcon title={t('common.networkError')} style={{ marginBottom: 16 }} />;
  }
  const p = error.problem;
  const lines: ReactNode[] = [];
  if (p.errors?.length) {
    for (const e of p.errors)
      lines.push(<div key={e.path}>{`${e.path.replace(/^body\./, '')}: ${e.message}`}</div>);
  }
  if (p.code === 'sms_code_invalid' && typeof p.remainingAttempts === 'number') {
    lines.push(<div key="remaining">{t('sms.remaining', { n: p.remainingAttempts })}</div>);
  }
  if (extra) lines.push(<div key="extra">{extra}</div>);
  return (
    <Alert
      type={p.status === 423 || p.status === 429 ? 'warning' : 'error'}
      showIcon
      title={p.title}
      description={lines.length ? lines : undefined}
      data-code={p.code}
      role="alert"
      style={{ marginBottom: 16 }}
    />
  );
}
