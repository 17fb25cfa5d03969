import { Empty, Typography } from 'antd';
import type { TicketFull } from '../shop-types';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';

/** The messages as a chat: the merchant on the left, support on the right, system notes centred. */
export function TicketConversation({ messages }: { messages: TicketFull['messages'] }) {
  const { lang, label } = useConsoleI18n();
  if (!messages.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="kd-console-chat" data-testid="ticket-messages">
      {messages.map((m) => (
        <div
          key={m.id}
          className={`kd-console-chat-row kd-console-chat-${m.author}`}
          data-testid="ticket-message"
          data-author={m.author}
        >
          <div className="kd-console-chat-bubble">
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {label('console.ticket.author', m.author)} · {formatDateTime(m.createdAt, lang)}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
          </div>
        </div>
      ))}
    </div>
  );
}
