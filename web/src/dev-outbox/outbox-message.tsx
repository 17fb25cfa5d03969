import { MailOutlined, MessageOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, Typography } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import type { OutboxMessage } from '../api/types';
import { useFormat } from '../hooks/use-format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages-zh';
import { navigate } from '../router/use-route';

type Props = { message: OutboxMessage; onFill?: (code: string) => void; onNavigate: () => void };

const APP_PATHS = ['/verify-email', '/shop-activation', '/login', '/register', '/security', '/'];

/** One SMS or email of the dev outbox: the code with "fill code", the body with clickable links. */
export function OutboxMessageCard({ message, onFill, onNavigate }: Props) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const sms = message.channel === 'sms';
  const purposeLabel = (p: string) => {
    const key = `outbox.purpose.${p}` as MessageKey;
    return t(key) === key ? p : `${t(key)} (${p})`;
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="outbox-message"
      data-channel={message.channel}
    >
      <Space size={4} wrap style={{ marginBottom: 6 }}>
        <Tag icon={sms ? <MessageOutlined /> : <MailOutlined />} color={sms ? 'blue' : 'purple'}>
          {sms ? 'SMS' : 'Email'}
        </Tag>
        <Typography.Text strong>{message.to}</Typography.Text>
      </Space>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginBottom: 6 }}>
        {t('outbox.purpose', { purpose: purposeLabel(message.purpose) })} · {dateTime(message.createdAt)}
      </div>
      {message.code && sms && (
        <Space style={{ marginBottom: 6 }} wrap>
          <Typography.Text code copyable style={{ fontSize: 20 }} data-testid="outbox-code">
            {message.code}
          </Typography.Text>
          {onFill && (
            <Button
              type="primary"
              size="small"
              onClick={() => onFill(message.code!)}
              data-testid="outbox-fill"
            >
              {t('outbox.fill')}
            </Button>
          )}
        </Space>
      )}
      <div style={{ fontSize: 13, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {linkify(message.body, onNavigate)}
      </div>
    </Card>
  );
}

function linkify(text: string, onNavigate: () => void): ReactNode[] {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return parts.map((p, i) => {
    if (!/^https?:\/\//.test(p)) return p;
    const click = (e: MouseEvent<HTMLAnchorElement>) => {
      // Links to this app open here, whatever host the server's public URL names (dev convenience).
      const u = new URL(p);
      if (APP_PATHS.some((a) => u.pathname === a || (a !== '/' && u.pathname.startsWith(`${a}/`)))) {
        e.preventDefault();
        onNavigate();
        navigate(u.pathname + u.search);
      }
    };
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one immutable text, in order
      <a key={i} href={p} onClick={click} data-testid="outbox-link">
        {p}
      </a>
    );
  });
}
