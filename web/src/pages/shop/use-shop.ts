import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { listShops, type Shop, type ShopStatus } from '../../api/shops';

/** react-query keys and hooks of the shop pages. */
export const shopKeys = {
  list: ['shops'] as const,
  categories: ['categories'] as const,
  home: (id: string) => ['shop-home', id] as const,
  activation: (id: string) => ['shop-activation', id] as const,
  qualifications: (id: string) => ['shop-qualifications', id] as const,
  deposit: (id: string) => ['shop-deposit', id] as const,
  decoration: (id: string) => ['shop-decoration', id] as const,
  templates: ['decoration-templates'] as const,
  products: (id: string) => ['shop-products', id] as const,
  tickets: ['support-tickets'] as const,
  ticket: (id: string) => ['support-ticket', id] as const,
};

/** Statuses before activation: the hub shows the onboarding steps. */
export const ONBOARDING: readonly ShopStatus[] = [
  'draft',
  'pending_qualification',
  'pending_deposit',
  'ready_to_activate',
];

export function useShops() {
  return useQuery({ queryKey: shopKeys.list, queryFn: listShops, retry: false });
}

/** The merchant's one open shop (not closed), else the newest closed one, else undefined. */
export function currentShop(list: Shop[] | undefined): Shop | undefined {
  return list?.find((s) => s.status !== 'closed') ?? list?.[0];
}

/** After any change to a shop: its list, home, summary, qualifications and deposit are stale. */
export function useRefreshShop() {
  const qc = useQueryClient();
  return useCallback(
    (shopId?: string) => {
      void qc.invalidateQueries({ queryKey: shopKeys.list });
      if (!shopId) return;
      for (const k of [
        shopKeys.home(shopId),
        shopKeys.activation(shopId),
        shopKeys.qualifications(shopId),
        shopKeys.deposit(shopId),
      ])
        void qc.invalidateQueries({ queryKey: k });
    },
    [qc],
  );
}
