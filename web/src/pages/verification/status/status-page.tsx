import { ClockCircleTwoTone, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Result } from 'antd';
import { type ReactNode, useEffect } from 'react';
import type { Verification } from '../../../api/verification';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { nextPathFor, WITHDRAWABLE, WORKING } from '../use-verification';
import { WizardShell } from '../wizard-shell';
import { CaseFacts } from './case-facts';
import { ExpediteEntry } from './expedite-entry';
import { ReasonsList } from './reasons-list';
import { WithdrawButton } from './withdraw-button';

/** Reasons fixed by other details (name, number, validity): a case's details cannot be edited. */
const DETAIL_REASONS = ['info_mismatch', 'document_expiring'];

type View = {
  status: 'success' | 'error' | 'warning' | 'info';
  icon?: ReactNode;
  title: string;
  body: string;
  actions: ReactNode[];
};

/** The outcome and what happens next, for every status a case can be in (KYC-8, KYC-9). */
export function StatusPage({ verification: v }: { verification: Verification }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  // A draft has no outcome yet: continue where it was left.
  useEffect(() => {
    if (v.status === 'draft') navigate(nextPathFor(v), { replace: true });
  }, [v]);
  const base = `/verification/${encodeURIComponent(v.id)}`;
  const primary = (label: string, to: string, testId: string) => (
    <Button key={testId} type="primary" size="large" onClick={() => navigate(to)} data-testid={testId}>
      {label}
    </Button>
  );
  const home = (
    <Button key="home" size="large" onClick={() => navigate('/')} data-testid="verification-home">
      {t('verification.toHome')}
    </Button>
  );
  const restart = primary(t('verification.result.restart'), '/verification/start', 'verification-restart');
  const fix = primary(t('verification.result.fix'), `${base}/documents`, 'verification-fix');

  const views: Record<Verification['status'], View> = {
    draft: { status: 'info', title: t('verification.result.draft'), body: '', actions: [] },
    submitted: checking(),
    checking: checking(),
    pending_review: {
      status: 'info',
      icon: <ClockCircleTwoTone />,
      title: t('verification.result.pending'),
      body:
        v.slaDueAt && new Date(v.slaDueAt).getTime() > Date.now()
          ? t('verification.result.pendingBody', { time: dateTime(v.slaDueAt) })
          : v.slaDueAt
            ? t('verification.result.pendingOverdue')
            : t('verification.result.pendingNoSla'),
      actions: [home],
    },
    approved: {
      status: 'success',
      title: t('verification.result.approved'),
      body: t('verification.result.approvedBody'),
      actions: [primary(t('verification.toHome'), '/', 'verification-home')],
    },
    rejected_retry: {
      status: 'warning',
      title: t('verification.result.retry'),
      body: t('verification.result.retryBody'),
      actions: [fix, home],
    },
    rejected_final: {
      status: 'error',
      title: t('verification.result.final'),
      body: t('verification.result.finalBody'),
      actions: [
        home,
        <Button key="restart" type="link" onClick={() => navigate('/verification/start')}>
          {t('verification.result.restart')}
        </Button>,
      ],
    },
    more_info_requested: {
      status: 'warning',
      title: t('verification.result.moreInfo'),
      body: t('verification.result.moreInfoBody'),
      actions: [primary(t('verification.result.provide'), `${base}/documents`, 'verification-fix'), home],
    },
    withdrawn: {
      status: 'info',
      title: t('verification.result.withdrawn'),
      body: t('verification.result.withdrawnBody'),
      actions: [restart, home],
    },
  };
  function checking(): View {
    return {
      status: 'info',
      icon: <LoadingOutlined />,
      title: t('verification.result.checking'),
      body: t('verification.result.checkingBody'),
      actions: [],
    };
  }
  const view = views[v.status] ?? views.checking;
  const failed = v.status === 'rejected_final' || v.status === 'rejected_retry';
  return (
    <WizardShell
      kind={v.kind}
      step="result"
      title={t('verification.title')}
      testId="verification-status"
      status={v.status === 'approved' ? 'finish' : failed ? 'error' : 'process'}
    >
      <div className="kd-verify-result" data-status={v.status} data-testid="verification-result">
        <Result status={view.status} icon={view.icon} title={view.title} subTitle={view.body} />
        <ReasonsList reasons={v.reasons} />
        {v.status === 'rejected_retry' && v.reasons.some((r) => DETAIL_REASONS.includes(r.code)) && (
          <Alert
            type="info"
            showIcon
            title={t('verification.result.detailsHint')}
            style={{ marginBottom: 12 }}
            data-testid="verification-details-hint"
          />
        )}
        {(v.status === 'pending_review' || WORKING.includes(v.status)) && <ExpediteEntry v={v} />}
        <CaseFacts v={v} />
        <div className="kd-verify-actions">{view.actions}</div>
        {WITHDRAWABLE.includes(v.status) && v.status !== 'draft' && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <WithdrawButton v={v} />
          </div>
        )}
      </div>
    </WizardShell>
  );
}
