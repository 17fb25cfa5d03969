import { CheckCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../../api/client';
import type { Upload } from '../../../api/verification';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';

const KNOWN_FLAGS = ['edited', 'no_camera_exif', 'recapture_suspect'];
/** Flags that are worth a warning; no_camera_exif alone means little (docs/uploads.md). */
const WARN = new Set(['edited', 'recapture_suspect']);

/** KYC-3 quality hints of an accepted upload: size, sharpness and the EXIF flags. */
export function UploadHints({ upload }: { upload: Upload }) {
  const { t } = useI18n();
  const rows: Array<{ key: string; icon: ReactNode; text: string }> = [
    {
      key: 'size',
      icon: <CheckCircleFilled style={{ color: '#52c41a' }} />,
      text: `${t('verification.upload.size', { width: upload.width, height: upload.height })} · ${t('verification.upload.sharp')}`,
    },
  ];
  for (const flag of upload.quality.flags) {
    const known = KNOWN_FLAGS.includes(flag);
    rows.push({
      key: flag,
      icon: WARN.has(flag) ? (
        <ExclamationCircleFilled style={{ color: '#faad14' }} />
      ) : (
        <InfoCircleFilled style={{ color: '#1677ff' }} />
      ),
      text: known ? t(`verification.flag.${flag}` as MessageKey) : t('verification.flag.other', { flag }),
    });
  }
  return (
    <ul className="kd-verify-hints" data-testid="upload-hints">
      {rows.map((r) => (
        <li key={r.key} data-flag={r.key}>
          {r.icon}
          <span>{r.text}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A refused upload: the server's message says what is wrong and what to do (too small, blurry,
 * HEIC, wrong format…), so it is shown as a hint on the photo rather than as a failure.
 */
export function UploadProblem({ error }: { error: unknown }) {
  if (!error) return null;
  if (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.code !== 'network_error'
  )
    return (
      <Alert
        type="warning"
        showIcon
        title={error.problem.title}
        data-code={error.code}
        data-testid="upload-problem"
        style={{ margin: '8px 0' }}
      />
    );
  return <ProblemAlert error={error} />;
}
