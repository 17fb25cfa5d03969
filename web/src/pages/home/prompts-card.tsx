import { MailOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { navigate } from '../../router/use-route';

/** PWD-3: after registration, suggest binding an email and turning on TOTP. */
export function PromptsCard({ prompts }: { prompts: Me['prompts'] }) {
  const { t } = useI18n();
  return (
    <Card title={t('home.prompts')} size="small" data-testid="prompts">
      {prompts.map((p) => (
        <div key={p} className="kd-prompt" data-testid={`prompt-${p}`}>
          <div className="kd-prompt-icon">{p === 'bind_email' ? <MailOutlined /> : <SafetyOutlined />}</div>
          <div className="kd-prompt-text">
            <div className="kd-prompt-title">{t(`home.prompt.${p}`)}</div>
            <div className="kd-prompt-body">{t(`home.prompt.${p}.body`)}</div>
          </div>
          <Button
            type="primary"
            ghost
            size="small"
            onClick={() => navigate(`/security#${p === 'bind_email' ? 'email' : 'totp'}`)}
          >
            {t('home.prompt.go')}
          </Button>
        </div>
      ))}
    </Card>
  );
}
