import { Card, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { VerificationKind } from '../../api/verification';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';
import './verification.css';

export type WizardStep = 'type' | 'details' | 'documents' | 'liveness' | 'submit' | 'result';

const STEPS: Record<VerificationKind, WizardStep[]> = {
  personal: ['type', 'details', 'documents', 'liveness', 'submit', 'result'],
  enterprise: ['type', 'details', 'documents', 'submit', 'result'],
};

type Props = {
  kind: VerificationKind;
  step: WizardStep;
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  testId: string;
  /** error on the result step colours it red (rejected). */
  status?: 'process' | 'finish' | 'error';
};

/** One wizard page: the steps on top, a titled card below; full width on phones. */
export function WizardShell({ kind, step, title, subtitle, children, testId, status }: Props) {
  const { t } = useI18n();
  const steps = STEPS[kind];
  return (
    <div className="kd-verify" data-testid={testId}>
      <Steps
        current={steps.indexOf(step)}
        status={status ?? 'process'}
        size="small"
        responsive={false}
        titlePlacement="vertical"
        className="kd-verify-steps"
        items={steps.map((s) => ({ title: t(`verification.step.${s}` as MessageKey) }))}
        data-testid="verification-steps"
      />
      <Card className="kd-card">
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 16 }}>
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
    </div>
  );
}
