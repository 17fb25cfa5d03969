import { CheckCircleTwoTone, RedoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Collapse, Result, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import {
  getLiveness,
  getVerification,
  type LivenessSession,
  sendLivenessFrames,
  startLiveness,
  type Verification,
} from '../../../api/verification';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { keys, LIVENESS_REASONS, useStoreVerification } from '../use-verification';
import { WizardShell } from '../wizard-shell';
import { CameraCapture } from './camera-capture';
import { FramesUpload } from './frames-upload';
import { Guidance } from './guidance';
import { SessionStatus } from './session-status';
import { useNow } from './use-now';

/**
 * Step 4 (personal): the action liveness (LIV-1/2). A session is started on demand (its 5 minutes
 * run from then), shows its random actions, attempts left and the countdown; frames come from the
 * camera or, without one, from chosen photos.
 */
export function LivenessPage({ verification: v }: { verification: Verification }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const store = useStoreVerification();
  const sessionId = v.liveness?.sessionId ?? null;
  const saved = useQuery({
    queryKey: keys.liveness(sessionId ?? '-'),
    queryFn: () => getLiveness(sessionId!).then((r) => r.session),
    enabled: !!sessionId && !v.liveness?.passed,
    retry: false,
  });
  const [session, setSession] = useState<LivenessSession | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A case rejected for its face check may take a new one before resubmitting.
  const canRedo = v.status !== 'draft' && v.reasons.some((r) => LIVENESS_REASONS.includes(r.code));
  const [redo, setRedo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const now = useNow();
  const s = session ?? saved.data ?? null;
  const base = `/verification/${encodeURIComponent(v.id)}`;

  const start = async () => {
    setBusy(true);
    setError(null);
    setFailure(null);
    try {
      const r = await startLiveness(v.id);
      setSession(r.session);
      store((await getVerification(v.id)).verification);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const send = async (frames: Blob[]) => {
    if (!s) return;
    setBusy(true);
    setError(null);
    try {
      const r = await sendLivenessFrames(s.id, frames);
      setSession(r.session);
      qc.setQueryData(keys.liveness(r.session.id), r.session);
      setFailure(r.attempt.passed ? null : (r.attempt.message ?? ''));
      if (r.attempt.passed) store((await getVerification(v.id)).verification);
    } catch (e) {
      setError(e);
      if (isApiError(e, 'liveness_session_expired') || isApiError(e, 'liveness_attempts_exhausted'))
        setSession(
          await getLiveness(s.id).then(
            (x) => x.session,
            () => null,
          ),
        );
    } finally {
      setBusy(false);
    }
  };

  if (v.kind !== 'personal' || v.liveness?.required === false) {
    return (
      <WizardShell
        kind={v.kind}
        step="liveness"
        title={t('verification.liveness.title')}
        testId="verification-liveness"
      >
        <Alert type="info" showIcon title={t('verification.liveness.notRequired')} />
        <Next to={`${base}/submit`} />
      </WizardShell>
    );
  }
  if ((v.liveness?.passed && !redo) || s?.status === 'passed') {
    return (
      <WizardShell
        kind={v.kind}
        step="liveness"
        title={t('verification.liveness.title')}
        testId="verification-liveness"
      >
        <Result
          icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
          title={t('verification.liveness.passed')}
          subTitle={t('verification.liveness.passedBody')}
          data-testid="liveness-passed"
        />
        <Next to={`${base}/submit`} />
        {canRedo && s?.status !== 'passed' && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <Button type="link" onClick={() => setRedo(true)} data-testid="liveness-redo">
              {t('verification.liveness.redo')}
            </Button>
          </div>
        )}
      </WizardShell>
    );
  }

  const left = s ? (new Date(s.expiresAt).getTime() - now) / 1000 : 0;
  const open = s?.status === 'open' && left > 0 && s.attemptsLeft > 0;
  const ended = !!s && !open;
  return (
    <WizardShell
      kind={v.kind}
      step="liveness"
      title={t('verification.liveness.title')}
      subtitle={t('verification.liveness.intro')}
      testId="verification-liveness"
    >
      <Guidance server={s?.guidance} />
      {!s && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('verification.liveness.beforeStart')}
        </Typography.Paragraph>
      )}
      {s && <SessionStatus s={s} open={open} secondsLeft={left} failure={failure} />}
      <ProblemAlert error={error} />
      {open ? (
        <>
          <CameraCapture actions={s.actions} busy={busy} onFrames={send} />
          <Collapse
            ghost
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'upload',
                label: <span data-testid="liveness-fallback">{t('verification.liveness.fallback')}</span>,
                children: <FramesUpload busy={busy} onFrames={send} />,
              },
            ]}
          />
        </>
      ) : (
        <Button
          type="primary"
          size="large"
          block
          icon={ended ? <RedoOutlined /> : undefined}
          loading={busy || saved.isFetching}
          onClick={start}
          data-testid="liveness-start"
        >
          {ended ? t('verification.liveness.restart') : t('verification.liveness.start')}
        </Button>
      )}
      <div className="kd-verify-actions">
        <Button size="large" onClick={() => navigate(`${base}/documents`)}>
          {t('common.back')}
        </Button>
      </div>
    </WizardShell>
  );
}

function Next({ to }: { to: string }) {
  const { t } = useI18n();
  return (
    <div className="kd-verify-actions">
      <Button type="primary" size="large" onClick={() => navigate(to)} data-testid="liveness-next">
        {t('verification.liveness.next')}
      </Button>
    </div>
  );
}
