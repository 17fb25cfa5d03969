import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { answerTicket } from '../shop-api';
import { useConsoleI18n } from '../use-console-i18n';

/** Answer the merchant: the ticket becomes "answered" and the merchant is told by SMS. */
export function TicketReply({ id }: { id: string }) {
  const { t } = useConsoleI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const reply = useMutation({
    mutationFn: () => answerTicket(id, body.trim()),
    onSuccess: async () => {
      setBody('');
      message.success({ content: t('console.ticket.replied'), key: 'console-action' });
      await qc.invalidateQueries({ queryKey: ['console', 'ticket', id] });
      await qc.invalidateQueries({ queryKey: ['console', 'tickets'] });
    },
  });
  return (
    <Card size="small" title={t('console.ticket.reply')} data-testid="ticket-reply">
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={4}
        maxLength={4000}
        showCount
        placeholder={t('console.ticket.replyPlaceholder')}
        data-testid="ticket-reply-input"
      />
      <ProblemAlert error={reply.error} />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={!body.trim()}
          loading={reply.isPending}
          onClick={() => reply.mutate()}
          data-testid="ticket-reply-submit"
        >
          {t('console.ticket.send')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('console.ticket.replyEffect')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
