import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { getDirectory, getMe } from './api';
import type { OperatorInfo } from './types';
import { useConsoleI18n } from './use-console-i18n';

/** The signed-in operator (GET /v1/me); undefined when signed out or signed in as a merchant. */
export function useOperatorMe() {
  return useQuery({ queryKey: ['console', 'me'], queryFn: getMe, retry: false, staleTime: 60_000 });
}

export function useOperator(): OperatorInfo | undefined {
  return useOperatorMe().data?.operator;
}

/** Roles that may claim and decide (the server refuses the others with `forbidden`). */
export const canDecide = (op: OperatorInfo | undefined) =>
  !!op && ['admin', 'senior_reviewer', 'reviewer'].includes(op.role);

/** Operator id → "Me" or their login, from the directory. */
export function useOperatorName() {
  const me = useOperator();
  const { t } = useConsoleI18n();
  const directory = useQuery({
    queryKey: ['console', 'directory'],
    queryFn: getDirectory,
    staleTime: 5 * 60_000,
    enabled: !!me,
  });
  return useCallback(
    (id: string | null | undefined) => {
      if (!id) return null;
      if (id === me?.id) return t('console.me');
      const op = directory.data?.operators.find((o) => o.id === id);
      return op ? op.displayName || op.login : id;
    },
    [me?.id, directory.data, t],
  );
}
