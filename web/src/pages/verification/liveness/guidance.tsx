import { BulbOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';

/** LIV-1 guidance: face unobstructed, no strong back or side light, 50–80 cm; plus the server's words. */
export function Guidance({ server }: { server?: string | string[] | null }) {
  const { t } = useI18n();
  const extra = Array.isArray(server) ? server : server ? [server] : [];
  const lines = extra.length
    ? extra
    : [
        t('verification.liveness.guide1'),
        t('verification.liveness.guide2'),
        t('verification.liveness.guide3'),
      ];
  return (
    <div style={{ marginBottom: 12 }} data-testid="liveness-guidance">
      <Typography.Text strong>
        <BulbOutlined style={{ marginRight: 6, color: '#faad14' }} />
        {t('verification.liveness.guidance')}
      </Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 22, fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
