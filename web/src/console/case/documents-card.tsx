import { FileImageOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Empty, Image, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { fetchDocumentUrl } from '../api';
import type { CaseDocument } from '../types';
import { useConsoleI18n } from '../use-console-i18n';

type Flag = { key: string; bad: boolean; text: string };

/**
 * The upload's quality findings (KYC-3): EXIF flags (edited, re-captured…) as warnings and the blur
 * score against its floor. Unknown shapes are shown as they come rather than hidden.
 */
function useQualityFlags() {
  const { t, label } = useConsoleI18n();
  return (quality: unknown): Flag[] => {
    if (!quality || typeof quality !== 'object')
      return quality ? [{ key: 'q', bad: true, text: String(quality) }] : [];
    if (Array.isArray(quality))
      return quality.map((f) => ({ key: String(f), bad: true, text: label('console.doc.flag', String(f)) }));
    const out: Flag[] = [];
    for (const [k, v] of Object.entries(quality as Record<string, unknown>)) {
      if (k === 'flags' && Array.isArray(v)) {
        for (const f of v)
          out.push({ key: `flag:${f}`, bad: true, text: label('console.doc.flag', String(f)) });
      } else if (k === 'blur') {
        const score = typeof v === 'number' ? v : (v as { score?: number } | null)?.score;
        const floor = (v as { threshold?: number } | null)?.threshold;
        if (typeof score === 'number')
          out.push({
            key: 'blur',
            bad: typeof floor === 'number' && score < floor * 1.5,
            text: t('console.doc.blur', { score: Math.round(score) }),
          });
      } else if (typeof v === 'string' || typeof v === 'number' || v === true) {
        out.push({ key: k, bad: false, text: `${k}: ${String(v)}` });
      }
    }
    return out;
  };
}

/** One document: fetched with the session cookie (an <img src> would not send the audit context), shown as a thumbnail that opens full size. */
function DocumentThumb({ caseId, doc }: { caseId: string; doc: CaseDocument }) {
  const { t, label } = useConsoleI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    let made: string | null = null;
    fetchDocumentUrl(caseId, doc.uploadId, ctrl.signal)
      .then((u) => {
        made = u;
        setUrl(u);
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setFailed(true);
      });
    return () => {
      ctrl.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [caseId, doc.uploadId]);

  const flags = useQualityFlags()(doc.quality);
  return (
    <div className="kd-console-thumb" data-testid="case-document" data-slot={doc.slot}>
      <div className="kd-console-thumb-img">
        {url ? (
          <Image
            src={url}
            alt={label('console.slot', doc.slot)}
            width={200}
            height={130}
            data-testid="case-document-img"
          />
        ) : failed ? (
          <Typography.Text type="danger">
            <WarningOutlined /> {t('console.doc.loadFailed')}
          </Typography.Text>
        ) : (
          <Spin />
        )}
      </div>
      <div style={{ marginTop: 6 }}>
        <Typography.Text strong>{label('console.slot', doc.slot)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {[doc.mime, doc.width && doc.height ? `${doc.width}×${doc.height}` : null]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
          {!flags.some((f) => f.bad) && <Tag color="success">{t('console.doc.qualityOk')}</Tag>}
          {flags.map((f) => (
            <Tag key={f.key} color={f.bad ? 'warning' : 'default'} data-testid="case-document-flag">
              {f.text}
            </Tag>
          ))}
        </Space>
      </div>
    </div>
  );
}

/** Slots in reading order: the licence, then each ID's portrait side before its emblem side. */
const SLOT_ORDER = [
  'business_licence',
  'industry_licence',
  'id_front',
  'id_back',
  'legal_rep_id_front',
  'legal_rep_id_back',
  'id_holding',
];
const slotRank = (slot: string) => SLOT_ORDER.indexOf(slot) + 1 || 99;

export function DocumentsCard({
  caseId,
  documents: raw,
}: {
  caseId: string;
  documents: CaseDocument[] | undefined;
}) {
  const { t } = useConsoleI18n();
  const documents = raw ? [...raw].sort((a, b) => slotRank(a.slot) - slotRank(b.slot)) : raw;
  return (
    <Card
      size="small"
      title={
        <Space>
          <FileImageOutlined />
          {t('console.case.documents')}
        </Space>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('console.doc.audited')}
        </Typography.Text>
      }
      data-testid="case-documents"
    >
      {documents?.length ? (
        <Image.PreviewGroup>
          <div className="kd-console-thumbs">
            {documents.map((d) => (
              <DocumentThumb key={d.uploadId} caseId={caseId} doc={d} />
            ))}
          </div>
        </Image.PreviewGroup>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.case.noDocuments')} />
      )}
    </Card>
  );
}
