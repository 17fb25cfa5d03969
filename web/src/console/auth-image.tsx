import { WarningOutlined } from '@ant-design/icons';
import { Image, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { fetchImageUrl } from './shop-api';
import { useConsoleI18n } from './use-console-i18n';

/**
 * An operator-only image (fetched with the session cookie, so every view is audited by the server)
 * shown as a thumbnail that opens full size. A refusal shows the server's localized problem.
 */
export function AuthImage({
  path,
  alt,
  width,
  height,
  testId,
}: {
  path: string;
  alt: string;
  width: number;
  height: number;
  testId: string;
}) {
  const { t } = useConsoleI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    let made: string | null = null;
    setUrl(null);
    setError(null);
    fetchImageUrl(path, ctrl.signal)
      .then((u) => {
        made = u;
        setUrl(u);
      })
      .catch((e: Error) => {
        if (e.name === 'AbortError') return;
        setError(e instanceof ApiError ? e.problem.title : t('console.doc.loadFailed'));
      });
    return () => {
      ctrl.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [path, t]);

  return (
    <div
      className="kd-console-auth-img"
      style={{ width, height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
      data-testid={testId}
      data-loaded={url ? 'true' : 'false'}
    >
      {url ? (
        <Image src={url} alt={alt} width={width} height={height} style={{ objectFit: 'contain' }} />
      ) : error ? (
        <Typography.Text type="danger" role="alert">
          <WarningOutlined /> {error}
        </Typography.Text>
      ) : (
        <Spin />
      )}
    </div>
  );
}
