import { SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Image, Input, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { attachmentUrl, getTicket, replyTicket } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import { ShopShell } from '../shop-shell';
import { shopKeys } from '../use-shop';
import { TicketStatusTag, TicketTypeLabel } from './ticket-status';

/** /shop/support/{id}: the conversation, screenshots, and a reply. */
export function TicketPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: shopKeys.ticket(id),
    queryFn: () => getTicket(id).then((r) => r.ticket),
    retry: false,
    refetchInterval: 15_000,
  });
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const x = q.data;
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const { ticket } = await replyTicket(id, reply.trim());
      qc.setQueryData(shopKeys.ticket(id), ticket);
      void qc.invalidateQueries({ queryKey: shopKeys.tickets });
      setReply('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ShopShell
      title={x?.subject ?? t('shop.support.title')}
      testId="shop-ticket-page"
      back={{ to: '/shop/support', label: t('shop.support.title') }}
      extra={x ? <TicketStatusTag status={x.status} /> : undefined}
    >
      {isApiError(q.error, 'not_found') ? (
        <Result status="404" title={t('shop.support.notFound')} />
      ) : q.error ? (
        <ProblemAlert error={q.error} />
      ) : null}
      {!x && !q.error && <Skeleton active />}
      {x && (
        <>
          <div className="kd-muted" style={{ marginBottom: 12 }}>
            <TicketTypeLabel type={x.type} /> · {dateTime(x.createdAt)} · {x.id}
          </div>
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={t(`shop.support.next.${x.status}`)}
            data-testid="ticket-next"
          />
          {x.attachments.length > 0 && (
            <div className="kd-shop-thumbs" style={{ marginBottom: 12 }}>
              <Image.PreviewGroup>
                {x.attachments.map((a) => (
                  <div key={a.id} className="kd-shop-thumb">
                    <Image src={attachmentUrl(a.id)} alt={t('shop.support.screenshot')} />
                  </div>
                ))}
              </Image.PreviewGroup>
            </div>
          )}
          <div className="kd-shop-chat" data-testid="ticket-messages">
            {x.messages.map((m) => (
              <div key={m.id} className="kd-shop-msg" data-author={m.author} data-testid="ticket-message">
                <div className="kd-shop-msg-meta">
                  {t(`shop.support.author.${m.author}`)} · {dateTime(m.createdAt)}
                </div>
                <div className="kd-shop-msg-body">{m.body}</div>
              </div>
            ))}
          </div>
          <ProblemAlert error={error} />
          {x.status === 'closed' ? (
            <Alert type="warning" showIcon title={t('shop.support.closedNote')} />
          ) : (
            <>
              <Input.TextArea
                value={reply}
                onChange={(e) => setReply(e.target.value)}
                maxLength={4000}
                autoSize={{ minRows: 2, maxRows: 6 }}
                placeholder={t('shop.support.replyPlaceholder')}
                data-testid="ticket-reply"
              />
              <Button
                type="primary"
                icon={<SendOutlined />}
                block
                loading={busy}
                disabled={!reply.trim()}
                onClick={send}
                style={{ marginTop: 8 }}
                data-testid="ticket-reply-send"
              >
                {t('shop.support.reply')}
              </Button>
            </>
          )}
        </>
      )}
    </ShopShell>
  );
}
