import { BankOutlined, GlobalOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Switch, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import type { VerificationKind } from '../../api/verification';
import { useMe } from '../../hooks/use-me';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';
import { Link } from '../../router/link';
import { navigate, useRoute } from '../../router/use-route';
import { SlaNote } from './sla-note';
import { currentCase, nextPathFor, useVerifications } from './use-verification';
import { WizardShell } from './wizard-shell';

/** Step 1: personal or enterprise, and the cross-border flag with what it means. */
export function TypePage() {
  const { t } = useI18n();
  const { query } = useRoute();
  const merchant = useMe().data?.merchant;
  const [kind, setKind] = useState<VerificationKind>(
    (query.get('kind') as VerificationKind | null) ?? merchant?.accountType ?? 'personal',
  );
  const [crossBorder, setCrossBorder] = useState(
    query.has('crossBorder') ? query.get('crossBorder') === '1' : (merchant?.crossBorder ?? false),
  );
  // An application that still holds its identity: a new one would be refused (verification_in_progress).
  const current = currentCase(useVerifications().data?.verifications);
  const open = current && current.status !== 'rejected_final' ? current : undefined;
  const next = () => navigate(`/verification/details?kind=${kind}&crossBorder=${crossBorder ? 1 : 0}`);
  return (
    <WizardShell
      kind={kind}
      step="type"
      title={t('verification.type.title')}
      subtitle={t('verification.subtitle')}
      testId="verification-type"
    >
      {open && (
        <Alert
          type="info"
          showIcon
          title={t('verification.type.existing', {
            status: t(`verification.status.${open.status}` as MessageKey),
          })}
          description={<Link to={nextPathFor(open)}>{t('verification.home.view')}</Link>}
          style={{ marginBottom: 12 }}
          data-testid="verification-existing"
        />
      )}
      <div role="radiogroup" aria-label={t('verification.type.title')}>
        <Choice
          checked={kind === 'personal'}
          onClick={() => setKind('personal')}
          icon={<UserOutlined />}
          title={t('verification.type.personal')}
          body={t('verification.type.personalBody')}
          testId="kind-personal"
          tag={merchant?.accountType === 'personal' ? t('verification.type.fromAccount') : undefined}
        />
        <Choice
          checked={kind === 'enterprise'}
          onClick={() => setKind('enterprise')}
          icon={<BankOutlined />}
          title={t('verification.type.enterprise')}
          body={t('verification.type.enterpriseBody')}
          testId="kind-enterprise"
          tag={merchant?.accountType === 'enterprise' ? t('verification.type.fromAccount') : undefined}
        />
      </div>
      <div className="kd-switch-row" style={{ marginTop: 8, marginBottom: 4 }}>
        <Switch
          id="kd-cross-border"
          checked={crossBorder}
          onChange={setCrossBorder}
          data-testid="verification-cross-border"
        />
        <label htmlFor="kd-cross-border">
          <GlobalOutlined style={{ marginRight: 6 }} />
          {t('verification.crossBorder')}
        </label>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('verification.crossBorderBody')}
      </Typography.Paragraph>
      <Alert type="info" showIcon title={<SlaNote kind={kind} crossBorder={crossBorder} />} />
      <div className="kd-verify-actions">
        <Button type="primary" size="large" onClick={next} data-testid="verification-type-next">
          {t('verification.type.next')}
        </Button>
      </div>
    </WizardShell>
  );
}

type ChoiceProps = {
  checked: boolean;
  onClick: () => void;
  icon: ReactNode;
  title: string;
  body: string;
  testId: string;
  tag?: string;
};

function Choice({ checked, onClick, icon, title, body, testId, tag }: ChoiceProps) {
  return (
    <label className="kd-verify-choice" data-checked={checked} data-testid={testId}>
      <input type="radio" name="verification-kind" checked={checked} onChange={onClick} />
      <span className="kd-verify-choice-icon">{icon}</span>
      <span>
        <div className="kd-verify-choice-title">{title}</div>
        <div className="kd-muted">{body}</div>
        {tag && (
          <div className="kd-muted" style={{ color: '#1677ff', marginTop: 4 }}>
            {tag}
          </div>
        )}
      </span>
    </label>
  );
}
