import { InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Empty, Input, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getOutbox } from '../api/accounts';
import { useDebounced } from '../hooks/use-debounced';
import { useIsMobile } from '../hooks/use-is-mobile';
import { useI18n } from '../i18n/i18n-context';
import { useOutbox } from './outbox-context';
import { OutboxMessageCard } from './outbox-message';

/**
 * The floating "开发收件箱 / Dev outbox": shown only when GET /v1/dev/outbox answers (development
 * mode; 404 in production). Lists SMS and email for the phone/email being typed, newest first.
 */
export function DevOutbox() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const { target } = useOutbox();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const recipient = target?.recipient ?? '';
  useEffect(() => setFilter(recipient), [recipient]);
  const to = useDebounced(filter.trim(), 400);

  const probe = useQuery({
    queryKey: ['outbox-probe'],
    queryFn: () => getOutbox(''),
    retry: false,
    staleTime: Infinity,
  });
  const list = useQuery({
    queryKey: ['outbox', to],
    queryFn: () => getOutbox(to),
    enabled: probe.isSuccess && (open || to.length > 0),
    refetchInterval: open ? 1500 : 4000,
    retry: false,
  });
  // On opening, show only what the server says now (not a cached list with yesterday's code).
  const [refreshing, setRefreshing] = useState(false);
  const refetch = list.refetch;
  useEffect(() => {
    if (!open) return;
    setRefreshing(true);
    refetch().finally(() => setRefreshing(false));
  }, [open, refetch]);
  if (!probe.isSuccess) return null;
  const messages = list.data?.messages ?? [];
  const fill = target?.fill;
  const onFill = fill
    ? (code: string) => {
        fill(code);
        message.success(t('outbox.filled'));
        setOpen(false);
      }
    : undefined;

  return (
    <>
      <div className="kd-outbox-fab">
        <Badge count={to ? messages.length : 0} size="small" offset={[-6, 2]}>
          <Button
            shape="round"
            icon={<InboxOutlined />}
            onClick={() => setOpen(true)}
            data-testid="outbox-open"
          >
            {t('outbox.button')}
          </Button>
        </Badge>
      </div>
      <Drawer
        title={t('outbox.title')}
        open={open}
        onClose={() => setOpen(false)}
        placement={mobile ? 'bottom' : 'right'}
        size={mobile ? '80%' : 440}
        // Above modals (1000) whichever opened first: the step-up modal needs its code from here.
        zIndex={1060}
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={() => list.refetch()}
            aria-label={t('outbox.refresh')}
          />
        }
        data-testid="outbox-drawer"
      >
        <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
        <Input
          allowClear
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t('outbox.filterAll')}
          aria-label={t('outbox.filter')}
          style={{ marginBottom: 16 }}
          data-testid="outbox-filter"
        />
        {refreshing ? (
          <Skeleton active />
        ) : messages.length === 0 ? (
          <Empty description={t('outbox.empty')} />
        ) : (
          messages.map((m) => (
            <OutboxMessageCard
              key={`${m.createdAt}-${m.channel}-${m.to}-${m.purpose}-${m.code ?? ''}`}
              message={m}
              onFill={!target?.purpose || target.purpose === m.purpose ? onFill : undefined}
              onNavigate={() => setOpen(false)}
            />
          ))
        )}
      </Drawer>
    </>
  );
}
