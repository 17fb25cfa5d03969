import { CameraOutlined, DeleteOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Image, Spin, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  type AttachedDocument,
  attachDocument,
  type DocumentSlot,
  deleteUpload,
  type Upload,
  uploadContentUrl,
  uploadImage,
  type Verification,
} from '../../../api/verification';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';
import { keys, useStoreVerification } from '../use-verification';
import { PURPOSE_OF } from './slots';
import { UploadHints, UploadProblem } from './upload-hints';

type Props = { verification: Verification; slot: DocumentSlot; doc?: AttachedDocument; editable: boolean };

/**
 * One document: what to photograph, the preview, the quality hints, and replace/delete. Choosing a
 * file uploads it (the server checks it for real) and puts it in the case's slot. An attached photo
 * is replaced, not deleted (the API keeps every photo put in a case); a photo that was uploaded but
 * could not be put in the slot can be deleted or tried again.
 */
export function SlotCard({ verification: v, slot, doc, editable }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const store = useStoreVerification();
  const input = useRef<HTMLInputElement>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [pending, setPending] = useState<Upload | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Quality of an upload made in this session (the case lists upload ids only).
  const meta = useQuery<Upload | null>({
    queryKey: keys.upload(doc?.uploadId ?? '-'),
    queryFn: () => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  }).data;
  useEffect(() => () => void (local && URL.revokeObjectURL(local)), [local]);

  const label = t(`verification.slot.${slot}` as MessageKey);
  const attach = async (upload: Upload) => {
    const { verification } = await attachDocument(v.id, slot, upload.id);
    store(verification);
    setPending(null);
    setLocal(null);
  };
  const choose = async (file: File) => {
    setError(null);
    setBusy(true);
    setPending(null);
    setLocal(URL.createObjectURL(file));
    try {
      const { upload } = await uploadImage(PURPOSE_OF[slot], file, file.name);
      qc.setQueryData(keys.upload(upload.id), upload);
      setPending(upload);
      await attach(upload);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const retry = async () => {
    if (!pending) return;
    setError(null);
    setBusy(true);
    try {
      await attach(pending);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const discard = async () => {
    setError(null);
    if (pending) await deleteUpload(pending.id).catch(() => undefined);
    setPending(null);
    setLocal(null);
  };

  const src = local ?? (doc ? uploadContentUrl(doc.uploadId) : null);
  const shownMeta = pending ?? (meta && meta.id === doc?.uploadId ? meta : null);
  const failedLocal = local && !busy && !pending;
  return (
    <div className="kd-verify-slot" data-state={doc ? 'attached' : 'missing'} data-testid={`slot-${slot}`}>
      <div className="kd-verify-slot-head">
        <span className="kd-verify-slot-title">{label}</span>
        {doc ? (
          <Tag color="green">{t('verification.upload.attached')}</Tag>
        ) : (
          <Tag color="orange">{t('verification.upload.required')}</Tag>
        )}
      </div>
      <div className="kd-muted">{t(`verification.slotHint.${slot}` as MessageKey)}</div>
      {src && (
        <Spin spinning={busy} description={t('verification.upload.uploading')}>
          <div className="kd-verify-preview" style={failedLocal ? { opacity: 0.45 } : undefined}>
            <Image src={src} alt={t('verification.upload.preview', { slot: label })} />
          </div>
        </Spin>
      )}
      {!busy && shownMeta && <UploadHints upload={shownMeta} />}
      <UploadProblem error={error} />
      {editable && (
        <div className="kd-verify-slot-actions" style={{ marginTop: 8 }}>
          {pending ? (
            <Button type="primary" loading={busy} onClick={retry} data-testid={`slot-${slot}-retry`}>
              {t('common.retry')}
            </Button>
          ) : (
            <Button
              icon={doc ? <SyncOutlined /> : <CameraOutlined />}
              type={doc ? 'default' : 'primary'}
              ghost={!doc}
              loading={busy}
              onClick={() => input.current?.click()}
              data-testid={`slot-${slot}-choose`}
            >
              {doc || failedLocal ? t('verification.upload.replace') : t('verification.upload.choose')}
            </Button>
          )}
          {(pending || failedLocal) && !busy && (
            <Button danger icon={<DeleteOutlined />} onClick={discard} data-testid={`slot-${slot}-delete`}>
              {t('verification.upload.delete')}
            </Button>
          )}
          <input
            ref={input}
            type="file"
            accept={slot === 'business_licence' ? 'image/jpeg,image/png' : 'image/jpeg,image/png,image/webp'}
            hidden
            data-testid={`slot-${slot}-file`}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void choose(f);
            }}
          />
        </div>
      )}
    </div>
  );
}
