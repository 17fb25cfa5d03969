import { CloudUploadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Image, Spin, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  attachQualification,
  type Qualification,
  uploadContentUrl,
  uploadQualificationDocument,
} from '../../../api/shops';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { UploadProblem } from '../upload-problem';

const COLOR: Record<Qualification['status'], string> = {
  missing: 'orange',
  attached: 'cyan',
  pending_review: 'blue',
  approved: 'green',
  rejected: 'red',
};
/** Statuses in which the document may be replaced (the API locks it under review and once approved). */
const REPLACEABLE: readonly Qualification['status'][] = ['missing', 'attached', 'rejected'];

type Props = { shopId: string; item: Qualification; editable: boolean; onChange: (q: Qualification) => void };

/** One licence: its status, the rejection reason, the photo, and upload/replace (POST /v1/uploads, then PUT). */
export function QualificationItem({ shopId, item, editable, onChange }: Props) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => () => void (local && URL.revokeObjectURL(local)), [local]);
  const choose = async (file: File) => {
    setError(null);
    setBusy(true);
    setLocal(URL.createObjectURL(file));
    try {
      const { upload } = await uploadQualificationDocument(file, file.name);
      const { qualification } = await attachQualification(shopId, item.code, upload.id);
      onChange(qualification);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const canReplace = editable && REPLACEABLE.includes(item.status);
  const src = local ?? (item.uploadId ? uploadContentUrl(item.uploadId) : null);
  return (
    <div className="kd-shop-item" data-testid={`qual-${item.code}`} data-status={item.status}>
      <div className="kd-shop-item-head">
        <span className="kd-shop-item-title">{item.name}</span>
        <Tag color={COLOR[item.status]} data-testid={`qual-status-${item.code}`}>
          {t(`shop.qual.status.${item.status}` as MessageKey)}
        </Tag>
      </div>
      <div className="kd-muted">{t(`shop.qual.hint.${item.status}` as MessageKey)}</div>
      {item.status === 'rejected' && item.reason && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '8px 0' }}
          title={item.reason.message}
          description={
            item.decidedAt ? t('shop.qual.decidedAt', { time: dateTime(item.decidedAt) }) : undefined
          }
          data-code={item.reason.code}
          data-testid={`qual-reason-${item.code}`}
        />
      )}
      {src && (
        <Spin spinning={busy}>
          <div className="kd-shop-preview">
            <Image src={src} alt={item.name} />
          </div>
        </Spin>
      )}
      <UploadProblem error={error} />
      {canReplace && (
        <>
          <Button
            block
            type={item.uploadId ? 'default' : 'primary'}
            ghost={!item.uploadId}
            icon={item.uploadId ? <SyncOutlined /> : <CloudUploadOutlined />}
            loading={busy}
            onClick={() => input.current?.click()}
            style={{ marginTop: 8 }}
            data-testid={`qual-upload-${item.code}`}
          >
            {item.uploadId ? t('shop.upload.replace') : t('shop.upload.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            style={{ display: 'none' }}
            data-testid={`qual-file-${item.code}`}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void choose(f);
            }}
          />
        </>
      )}
    </div>
  );
}
