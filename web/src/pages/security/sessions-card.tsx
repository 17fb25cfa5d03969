import { DesktopOutlined, MobileOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Skeleton, Tag } from 'antd';
import { listSessions, revokeSession } from '../../api/accounts';
import type { SessionRow } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useFormat } from '../../hooks/use-format';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';
import { describeDevice } from './describe-device';

/** Signed-in devices (GET /v1/me/sessions) with sign-out for each other device. */
export function SessionsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['sessions'], queryFn: listSessions });
  const { run, error } = useAction();
  const method = (m: string) => {
    const key = `security.sessions.method.${m}` as MessageKey;
    return t(key) === key ? m : t(key);
  };
  const revoke = async (s: SessionRow) => {
    if (await run(() => revokeSession(s.id))) {
      message.success(t('security.sessions.revoked'));
      await qc.invalidateQueries({ queryKey: ['sessions'] });
    }
  };
  return (
    <Card title={t('security.sessions')} size="small" data-testid="sessions-card">
      <ProblemAlert error={error ?? q.error} />
      {q.isPending && <Skeleton active />}
      {q.data?.sessions.map((s) => {
        const d = describeDevice(s.userAgent);
        return (
          <div key={s.id} className="kd-session" data-testid="session-row">
            <div className="kd-session-icon">{d.mobile ? <MobileOutlined /> : <DesktopOutlined />}</div>
            <div className="kd-session-text">
              <div>
                {d.name || t('security.sessions.unknownDevice')}
                {s.current && (
                  <Tag color="blue" style={{ marginLeft: 8 }}>
                    {t('security.sessions.current')}
                  </Tag>
                )}
              </div>
              <div className="kd-muted">
                {t('security.sessions.created', { time: dateTime(s.createdAt), method: method(s.method) })}
                {s.ip ? ` · ${s.ip}` : ''}
              </div>
              <div className="kd-muted">
                {t('security.sessions.lastSeen', { time: dateTime(s.lastSeenAt) })}
              </div>
            </div>
            {!s.current && (
              <Popconfirm
                title={t('security.sessions.revokeConfirm')}
                onConfirm={() => revoke(s)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button size="small" danger>
                  {t('security.sessions.revoke')}
                </Button>
              </Popconfirm>
            )}
          </div>
        );
      })}
    </Card>
  );
}
