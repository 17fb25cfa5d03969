import { LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Divider, Drawer, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { getReasons } from '../api';
import type { CaseKind, DecisionInput, Reason } from '../types';
import { useConsoleI18n } from '../use-console-i18n';

export type DrawerMode = 'reject' | 'request_info';

/**
 * Reject or ask for more material (KYC-9): reasons from the server's catalog, retry and final kept
 * apart, the merchant-facing message previewed, and the internal note clearly separate.
 */
export function DecisionDrawer({
  mode,
  kind,
  open,
  busy,
  error,
  onClose,
  onSubmit,
}: {
  mode: DrawerMode;
  kind: CaseKind;
  open: boolean;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (d: DecisionInput) => void;
}) {
  const { t, lang } = useConsoleI18n();
  const catalog = useQuery({ queryKey: ['console', 'reasons'], queryFn: getReasons, staleTime: Infinity });
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (open) {
      setPicked([]);
      setNote('');
    }
  }, [open]);

  const applicable = useMemo(
    () => (catalog.data?.reasons ?? []).filter((r) => r.appliesTo.includes(kind)),
    [catalog.data, kind],
  );
  const retry = applicable.filter((r) => r.kind === 'retry');
  // Asking for more material is always fixable: only retry reasons make sense there.
  const final = mode === 'reject' ? applicable.filter((r) => r.kind === 'final') : [];
  const chosen = applicable.filter((r) => picked.includes(r.code));
  const isFinal = chosen.some((r) => r.kind === 'final');
  const messageOf = (r: Reason) => (lang === 'en' ? r.en : r.zh);

  const group = (title: string, reasons: Reason[], color: string, testId: string) =>
    reasons.length > 0 && (
      <div data-testid={testId} style={{ marginBottom: 12 }}>
        <Typography.Text strong>
          <Tag color={color}>{t(color === 'red' ? 'console.reason.final' : 'console.reason.retry')}</Tag>
          {title}
        </Typography.Text>
        <Checkbox.Group
          value={picked}
          onChange={(v) => setPicked(v as string[])}
          style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 6 }}
        >
          {reasons.map((r) => (
            <Checkbox key={r.code} value={r.code} data-testid={`reason-${r.code}`}>
              {messageOf(r)}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.code}
              </Typography.Text>
            </Checkbox>
          ))}
        </Checkbox.Group>
      </div>
    );

  const submit = () =>
    onSubmit({
      decision: mode === 'reject' ? 'reject' : 'request_info',
      reasons: picked,
      ...(note.trim() ? { internalNote: note.trim() } : {}),
    });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      title={t(mode === 'reject' ? 'console.decision.rejectTitle' : 'console.decision.infoTitle')}
      destroyOnHidden
      data-testid="decision-drawer"
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={mode === 'reject'}
            disabled={picked.length === 0}
            loading={busy}
            onClick={submit}
            data-testid="decision-submit"
          >
            {t(mode === 'reject' ? 'console.decision.submitReject' : 'console.decision.submitInfo')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={catalog.error ?? error} />
      {group(t('console.decision.retryGroup'), retry, 'orange', 'reasons-retry')}
      {group(t('console.decision.finalGroup'), final, 'red', 'reasons-final')}
      <Divider style={{ margin: '12px 0' }} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('console.decision.preview')}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
          {t('console.decision.previewLang')}
        </Typography.Text>
      </Typography.Title>
      {chosen.length === 0 ? (
        <Typography.Text type="secondary">{t('console.decision.previewEmpty')}</Typography.Text>
      ) : (
        <>
          <Alert
            type={isFinal ? 'error' : 'warning'}
            showIcon
            title={t(isFinal ? 'console.decision.finalWarning' : 'console.decision.retryInfo')}
            style={{ marginBottom: 8 }}
            data-testid={isFinal ? 'decision-final-warning' : 'decision-retry-info'}
          />
          <ul data-testid="decision-preview" style={{ paddingInlineStart: 20, margin: '8px 0' }}>
            {chosen.map((r) => (
              <li key={r.code}>{messageOf(r)}</li>
            ))}
          </ul>
        </>
      )}
      <Divider style={{ margin: '12px 0' }} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <LockOutlined /> {t('console.decision.note')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
        {t('console.decision.noteHelp')}
      </Typography.Paragraph>
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        maxLength={2000}
        showCount
        data-testid="decision-note"
      />
    </Drawer>
  );
}
