import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';

/**
 * A refused upload: the server's localized message says what is wrong and what to do, shown as a
 * warning on the file with its code (and any details the caller spells out) rather than as a failure.
 */
export function UploadProblem({
  error,
  details,
  testId,
}: {
  error: unknown;
  details?: ReactNode;
  testId?: string;
}) {
  if (!error) return null;
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    return (
      <Alert
        type="warning"
        showIcon
        title={error.problem.title}
        description={
          <>
            {details}
            <code className="kd-shop-code">{error.code}</code>
          </>
        }
        data-code={error.code}
        data-testid={testId ?? 'upload-problem'}
        style={{ margin: '8px 0' }}
      />
    );
  }
  return <ProblemAlert error={error} />;
}
