import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { decideQualification } from '../shop-api';
import { QUALIFICATION_REASONS, type QualificationReason } from '../shop-types';
import { useConsoleI18n } from '../use-console-i18n';

/** Approve, or reject with a merchant-facing reason; the note stays internal. */
export function QualificationDecisionForm({ id }: { id: string }) {
  const { t, label } = useConsoleI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [decision, setDecision] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState<QualificationReason | undefined>();
  const [note, setNote] = useState('');
  const [missingReason, setMissingReason] = useState(false);

  const decide = useMutation({
    mutationFn: () =>
      decideQualification(id, {
        decision: decision!,
        ...(decision === 'reject' && reason ? { reason } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (res) => {
      message.success({
        content: label('console.qual.decided', res.qualification.status),
        key: 'console-action',
      });
      setDecision(null);
      await qc.invalidateQueries({ queryKey: ['console', 'qualification', id] });
      await qc.invalidateQueries({ queryKey: ['console', 'qualifications'] });
    },
  });

  const submit = () => {
    if (decision === 'reject' && !reason) {
      setMissingReason(true);
      return;
    }
    decide.mutate();
  };

  return (
    <Card size="small" title={t('console.qual.decision')} data-testid="qual-decision">
      <Space style={{ marginBottom: decision ? 16 : 0 }}>
        <Button
          type={decision === 'approve' ? 'primary' : 'default'}
          icon={<CheckOutlined />}
          onClick={() => setDecision('approve')}
          data-testid="qual-approve"
        >
          {t('console.qual.approve')}
        </Button>
        <Button
          danger
          type={decision === 'reject' ? 'primary' : 'default'}
          icon={<CloseOutlined />}
          onClick={() => setDecision('reject')}
          data-testid="qual-reject"
        >
          {t('console.qual.reject')}
        </Button>
      </Space>
      {decision && (
        <Form layout="vertical" onFinish={submit}>
          {decision === 'reject' && (
            <Form.Item
              label={t('console.qual.reasonLabel')}
              required
              validateStatus={missingReason && !reason ? 'error' : undefined}
              help={
                missingReason && !reason ? t('console.qual.reasonRequired') : t('console.qual.reasonHelp')
              }
            >
              <Select<QualificationReason>
                value={reason}
                onChange={setReason}
                placeholder={t('console.qual.reasonPlaceholder')}
                options={QUALIFICATION_REASONS.map((r) => ({
                  value: r,
                  label: label('console.qual.reason', r),
                }))}
                data-testid="qual-reason"
              />
            </Form.Item>
          )}
          <Form.Item label={t('console.qual.note')} help={t('console.qual.noteHelp')}>
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={2000}
              rows={2}
              data-testid="qual-note"
            />
          </Form.Item>
          <ProblemAlert error={decide.error} />
          <Space>
            <Button
              type="primary"
              danger={decision === 'reject'}
              htmlType="submit"
              loading={decide.isPending}
              data-testid="qual-decision-submit"
            >
              {decision === 'approve' ? t('console.qual.confirmApprove') : t('console.qual.confirmReject')}
            </Button>
            <Button onClick={() => setDecision(null)}>{t('console.shops.cancel')}</Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {decision === 'approve' ? t('console.qual.approveEffect') : t('console.qual.rejectEffect')}
            </Typography.Text>
          </Space>
        </Form>
      )}
    </Card>
  );
}
