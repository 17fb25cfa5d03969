import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { getQualificationQueue, getTickets, searchShops } from '../shop-api';
import { useConsoleI18n } from '../use-console-i18n';

/**
 * Finds a shop by name, id, merchant id or owner phone (GET /v1/admin/shops); the shops seen on
 * qualification reviews and tickets are offered too, so the picker still helps if the search fails.
 */
export function ShopPicker({ value, onPick }: { value: string | null; onPick: (id: string) => void }) {
  const { t, label } = useConsoleI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = window.setTimeout(() => setQ(typed), 300);
    return () => window.clearTimeout(id);
  }, [typed]);

  const search = useQuery({
    queryKey: ['console', 'admin-shops', q],
    queryFn: () => searchShops(q),
    retry: false,
    staleTime: 30_000,
  });
  const quals = useQuery({
    queryKey: ['console', 'qualifications', 'pending_review'],
    queryFn: () => getQualificationQueue('pending_review'),
    staleTime: 60_000,
  });
  const tickets = useQuery({
    queryKey: ['console', 'tickets', 'all', ''],
    queryFn: () => getTickets({}),
    staleTime: 60_000,
  });

  const options = useMemo(() => {
    const out = new Map<string, { value: string; label: ReactNode; text: string }>();
    for (const s of search.data?.shops ?? [])
      out.set(s.id, {
        value: s.id,
        text: `${s.name} ${s.id}`,
        label: (
          <Space size={6} data-testid="shop-option" data-shop-id={s.id}>
            <span>{s.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.id} · {label('console.shop.status', s.status)}
              {s.ownerPhone ? ` · ${s.ownerPhone}` : ''}
            </Typography.Text>
          </Space>
        ),
      });
    const seen = [
      ...(quals.data?.qualifications ?? []).map((x) => x.shopId),
      ...(tickets.data?.tickets ?? []).map((x) => x.shopId),
    ];
    for (const id of seen)
      if (id && !out.has(id) && (!q || id.includes(q))) out.set(id, { value: id, text: id, label: id });
    return [...out.values()];
  }, [search.data, quals.data, tickets.data, q, label]);

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value ?? undefined}
      placeholder={t('console.deposit.searchPlaceholder')}
      style={{ width: 420 }}
      onChange={onPick}
      options={options}
      optionLabelProp="value"
      loading={search.isFetching}
      notFoundContent={t('console.deposit.noShopFound')}
      data-testid="deposit-shop-select"
    />
  );
}
