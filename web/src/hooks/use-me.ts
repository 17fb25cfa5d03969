import { useQuery } from '@tanstack/react-query';
import { getMe } from '../api/accounts';

/** The signed-in principal (GET /v1/me); errors with 401 when signed out. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: getMe, retry: false, staleTime: 30_000 });
}
