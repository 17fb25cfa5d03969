import { CheckOutlined, CloseOutlined, FileAddOutlined, LockOutlined, RiseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { StatusTag } from '../case-tags';
import { SlaCountdown } from '../sla-countdown';
import { formatDateTime } from '../time';
import type { CaseDetails, DecisionInput } from '../types';
import { useConsoleI18n } from '../use-console-i18n';
import { canDecide, useOperator, useOperatorName } from '../use-operator';
import { DecisionDrawer, type DrawerMode } from './decision-drawer';

/** SLA, claim and the three decisions; the buttons work only for the reviewer holding the claim. */
export function ActionCard({
  details,
  fetchedAt,
  busy,
  error,
  onClaim,
  claiming,
  onDecide,
  onEscalate,
  escalateError,
}: {
  details: CaseDetails;
  fetchedAt: number;
  busy: boolean;
  error: unknown;
  onClaim: () => void;
  claiming: boolean;
  onDecide: (d: DecisionInput) => Promise<boolean>;
  onEscalate: (note: string) => Promise<boolean>;
  escalateError: unknown;
}) {
  const { t, lang, label } = useConsoleI18n();
  const me = useOperator();
  const nameOf = useOperatorName();
  const c = details.case;
  const [drawer, setDrawer] = useState<DrawerMode | null>(null);
  const [approving, setApproving] = useState(false);
  const [approveNote, setApproveNote] = useState('');
  const [escalating, setEscalating] = useState(false);
  const [escalateNote, setEscalateNote] = useState('');

  const pending = c.status === 'pending_review';
  const mine = !!me && c.claimedBy === me.id;
  const ready = pending && mine && canDecide(me);
  const hint = !pending
    ? t('console.action.notPending', { status: label('console.status', c.status) })
    : !canDecide(me)
      ? t('console.action.readOnly')
      : c.claimedBy && !mine
        ? t('console.action.claimedByOther', { who: nameOf(c.claimedBy) ?? '' })
        : !mine
          ? t('console.action.needClaim')
          : null;

  return (
    <Card size="small" title={t('console.case.sla')} data-testid="case-actions">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'status', label: t('console.col.status'), children: <StatusTag status={c.status} /> },
          {
            key: 'submitted',
            label: t('console.case.submittedAt'),
            children: formatDateTime(c.submittedAt, lang),
          },
          { key: 'due', label: t('console.case.slaDueAt'), children: formatDateTime(c.slaDueAt, lang) },
          ...(pending
            ? [
                {
                  key: 'left',
                  label: t('console.col.remaining'),
                  children: (
                    <SlaCountdown remainingMs={c.remainingMs} fetchedAt={fetchedAt} testId="case-sla" />
                  ),
                },
              ]
            : []),
          ...(c.expeditedAt
            ? [
                {
                  key: 'exp',
                  label: t('console.case.expeditedAt'),
                  children: formatDateTime(c.expeditedAt, lang),
                },
              ]
            : []),
          {
            key: 'claimed',
            label: t('console.case.claimedBy'),
            children: c.claimedBy ? (
              <span data-testid="case-claimed-by">
                {nameOf(c.claimedBy)} · {formatDateTime(c.claimedAt, lang)}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('console.unclaimed')}</Typography.Text>
            ),
          },
          ...(c.reasons.length
            ? [{ key: 'reasons', label: t('console.case.currentReasons'), children: c.reasons.join(', ') }]
            : []),
        ]}
      />
      {hint && (
        <Alert
          type={pending && !c.claimedBy && canDecide(me) ? 'info' : 'warning'}
          showIcon
          icon={<LockOutlined />}
          title={hint}
          style={{ margin: '8px 0' }}
          data-testid="case-action-hint"
          action={
            pending && canDecide(me) && !mine && !c.claimedBy ? (
              <Button
                type="primary"
                size="small"
                loading={claiming}
                onClick={onClaim}
                data-testid="case-claim"
              >
                {t('console.claim')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
        <Button
          type="primary"
          block
          icon={<CheckOutlined />}
          disabled={!ready}
          onClick={() => {
            setApproveNote('');
            setApproving(true);
          }}
          data-testid="case-approve"
        >
          {t('console.action.approve')}
        </Button>
        <Space.Compact block>
          <Button
            danger
            block
            icon={<CloseOutlined />}
            disabled={!ready}
            onClick={() => setDrawer('reject')}
            data-testid="case-reject"
            style={{ width: '50%' }}
          >
            {t('console.action.reject')}
          </Button>
          <Button
            block
            icon={<FileAddOutlined />}
            disabled={!ready}
            onClick={() => setDrawer('request_info')}
            data-testid="case-request-info"
            style={{ width: '50%' }}
          >
            {t('console.action.requestInfo')}
          </Button>
        </Space.Compact>
        {!c.escalated && (
          <Button
            block
            icon={<RiseOutlined />}
            disabled={!ready}
            onClick={() => {
              setEscalateNote('');
              setEscalating(true);
            }}
            data-testid="case-escalate"
          >
            {t('console.action.escalate')}
          </Button>
        )}
      </Space>
      <Modal
        open={escalating}
        title={t('console.escalate.title')}
        okText={t('console.action.escalate')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !escalateNote.trim() }}
        onCancel={() => setEscalating(false)}
        onOk={async () => {
          if (await onEscalate(escalateNote.trim())) setEscalating(false);
        }}
        data-testid="escalate-modal"
      >
        <Typography.Paragraph>{t('console.escalate.body')}</Typography.Paragraph>
        {escalating && escalateError ? <ProblemAlert error={escalateError} /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <LockOutlined /> {t('console.approve.note')}
        </Typography.Text>
        <Input.TextArea
          value={escalateNote}
          onChange={(e) => setEscalateNote(e.target.value)}
          rows={3}
          maxLength={2000}
          style={{ marginTop: 4 }}
          data-testid="escalate-note"
        />
      </Modal>

      <Modal
        open={approving}
        title={t('console.approve.title')}
        okText={t('console.action.approve')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setApproving(false)}
        onOk={async () => {
          const ok = await onDecide({
            decision: 'approve',
            ...(approveNote.trim() ? { internalNote: approveNote.trim() } : {}),
          });
          if (ok) setApproving(false);
        }}
        okButtonProps={{ 'data-testid': 'approve-confirm' } as Record<`data-${string}`, string>}
        data-testid="approve-modal"
      >
        <Typography.Paragraph>{t('console.approve.body')}</Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <LockOutlined /> {t('console.approve.note')}
        </Typography.Text>
        <Input.TextArea
          value={approveNote}
          onChange={(e) => setApproveNote(e.target.value)}
          rows={2}
          maxLength={2000}
          style={{ marginTop: 4 }}
          data-testid="approve-note"
        />
      </Modal>
      <DecisionDrawer
        mode={drawer ?? 'reject'}
        kind={c.kind}
        open={drawer !== null}
        busy={busy}
        error={drawer ? error : null}
        onClose={() => setDrawer(null)}
        onSubmit={async (d) => {
          if (await onDecide(d)) setDrawer(null);
        }}
      />
    </Card>
  );
}
