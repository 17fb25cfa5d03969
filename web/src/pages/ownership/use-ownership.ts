import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isApiError } from '../../api/client';
import { getCurrentTransfer, getIncomingTransfers, OPEN_STATUSES, type Transfer } from '../../api/ownership';

/** react-query keys and hooks of the ownership pages. */
export const ownershipKeys = {
  current: (shopId: string) => ['owner-transfer', shopId] as const,
  incoming: ['transfers-incoming'] as const,
  checklist: (shopId: string, lang: string) => ['owner-checklist', shopId, lang] as const,
};

export const isOpen = (t: Transfer | null | undefined): boolean => !!t && OPEN_STATUSES.includes(t.status);

/** A 401 means the session ended (e.g. the shop changed hands): let RequireAuth send us to sign-in. */
function useSignedOutOn(error: unknown) {
  const qc = useQueryClient();
  const gone = isApiError(error) && error.status === 401;
  useEffect(() => {
    if (gone) void qc.invalidateQueries({ queryKey: ['me'] });
  }, [gone, qc]);
}

/** The shop's latest transfer and cooldowns; polled while a transfer is open. */
export function useCurrentTransfer(shopId: string) {
  const q = useQuery({
    queryKey: ownershipKeys.current(shopId),
    queryFn: () => getCurrentTransfer(shopId),
    retry: false,
    refetchInterval: (query) => (isOpen(query.state.data?.transfer) ? 15_000 : false),
  });
  useSignedOutOn(q.error);
  return q;
}

/** Offers to the signed-in merchant (any error: none to show). */
export function useIncomingTransfers(opts: { poll?: boolean } = {}) {
  const q = useQuery({
    queryKey: ownershipKeys.incoming,
    queryFn: getIncomingTransfers,
    retry: false,
    refetchInterval: opts.poll ? 15_000 : false,
  });
  useSignedOutOn(q.error);
  return q;
}
