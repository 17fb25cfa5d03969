import { LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App, Button, Card, Descriptions, Drawer, Image, Popconfirm, Space, Spin, Typography } from 'antd';
import { ProblemAlert } from '../../components/problem-alert';
import { Link } from '../../router/link';
import { AuthImage } from '../auth-image';
import { getTicket, setTicketStatus, ticketAttachmentPath } from '../shop-api';
import { formatDateTime } from '../time';
import { useConsoleI18n } from '../use-console-i18n';
import { TicketConversation } from './ticket-conversation';
import { TicketReply } from './ticket-reply';
import { TicketStatusTag, TicketTypeTag } from './ticket-tags';

/** One ticket: references, device, the conversation, screenshots (audited), reply and status. */
export function TicketDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, lang, label } = useConsoleI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const details = useQuery({
    queryKey: ['console', 'ticket', id],
    queryFn: () => getTicket(id!),
    enabled: !!id,
  });
  const status = useMutation({
    mutationFn: (to: 'open' | 'resolved' | 'closed') => setTicketStatus(id!, to),
    onSuccess: async (res) => {
      message.success({
        content: t('console.ticket.statusChanged', {
          status: label('console.ticket.status', res.ticket.status),
        }),
        key: 'console-action',
      });
      await qc.invalidateQueries({ queryKey: ['console', 'ticket', id] });
      await qc.invalidateQueries({ queryKey: ['console', 'tickets'] });
    },
  });

  const tk = details.data?.ticket;
  const canAnswer = tk?.status === 'open' || tk?.status === 'answered';

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={760}
      destroyOnHidden
      title={
        tk ? (
          <Space>
            <span data-testid="ticket-subject">{tk.subject}</span>
            <TicketTypeTag type={tk.type} />
            <TicketStatusTag status={tk.status} />
          </Space>
        ) : (
          t('console.ticket.drawerTitle')
        )
      }
      extra={
        tk && (
          <Space>
            {tk.status === 'resolved' && (
              <Button
                size="small"
                loading={status.isPending && status.variables === 'open'}
                onClick={() => status.mutate('open')}
                data-testid="ticket-reopen"
              >
                {t('console.ticket.reopen')}
              </Button>
            )}
            {canAnswer && (
              <Button
                size="small"
                loading={status.isPending && status.variables === 'resolved'}
                onClick={() => status.mutate('resolved')}
                data-testid="ticket-resolve"
              >
                {t('console.ticket.resolve')}
              </Button>
            )}
            {tk.status !== 'closed' && (
              <Popconfirm
                title={t('console.ticket.closeConfirm')}
                onConfirm={() => status.mutate('closed')}
                okButtonProps={{ 'data-testid': 'ticket-close-confirm' } as ButtonProps}
              >
                <Button
                  size="small"
                  danger
                  loading={status.isPending && status.variables === 'closed'}
                  data-testid="ticket-close"
                >
                  {t('console.ticket.close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
      data-testid="ticket-drawer"
    >
      {details.isPending && id ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : details.error ? (
        <ProblemAlert error={details.error} />
      ) : tk ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ProblemAlert error={status.error} />
          <Descriptions size="small" column={2} bordered data-testid="ticket-details">
            <Descriptions.Item label={t('console.ticket.merchant')}>
              <Typography.Text code style={{ fontSize: 12 }}>
                {tk.merchantId ?? '—'}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('console.ticket.shop')}>
              {tk.shopId ? (
                <Space size={4}>
                  <Typography.Text code copyable style={{ fontSize: 12 }}>
                    {tk.shopId}
                  </Typography.Text>
                  <Link
                    to={`/console/shops/deposit?shop=${encodeURIComponent(tk.shopId)}`}
                    data-testid="ticket-shop-deposit-link"
                  >
                    {t('console.shops.depositLink')}
                  </Link>
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {tk.verificationId && (
              <Descriptions.Item label={t('console.ticket.verification')} span={2}>
                <Link
                  to={`/console/cases/${encodeURIComponent(tk.verificationId)}`}
                  data-testid="ticket-case-link"
                >
                  <LinkOutlined /> {tk.verificationId}
                </Link>
                {tk.type === 'verification_expedite' && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {t('console.ticket.expediteHint')}
                  </Typography.Text>
                )}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('console.ticket.col.createdAt')}>
              {formatDateTime(tk.createdAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.ticket.col.updatedAt')}>
              {formatDateTime(tk.updatedAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('console.ticket.device')} span={2}>
              {tk.device ? (
                <span data-testid="ticket-device">
                  {[tk.device.platform, tk.device.screen, tk.device.appVersion].filter(Boolean).join(' · ')}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {tk.device.userAgent}
                  </Typography.Text>
                </span>
              ) : (
                '—'
              )}
            </Descriptions.Item>
          </Descriptions>

          {tk.attachments.length > 0 && (
            <Card
              size="small"
              title={t('console.ticket.attachments', { n: tk.attachments.length })}
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('console.ticket.audited')}
                </Typography.Text>
              }
            >
              <Image.PreviewGroup>
                <Space wrap>
                  {tk.attachments.map((a) => (
                    <AuthImage
                      key={a.id}
                      path={ticketAttachmentPath(tk.id, a.id)}
                      alt={a.id}
                      width={160}
                      height={120}
                      testId="ticket-attachment"
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
            </Card>
          )}

          <Card size="small" title={t('console.ticket.conversation')}>
            <TicketConversation messages={tk.messages} />
          </Card>

          {canAnswer ? (
            <TicketReply id={tk.id} />
          ) : (
            <Typography.Text type="secondary" data-testid="ticket-no-reply">
              {tk.status === 'closed' ? t('console.ticket.closedHint') : t('console.ticket.resolvedHint')}
            </Typography.Text>
          )}
        </Space>
      ) : null}
    </Drawer>
  );
}
