import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { signOut } from '../../api/accounts';
import { navigate } from '../../router/use-route';

/** Ends the session and drops every signed-in query (as the header's menu does). */
export function useSignOut() {
  const qc = useQueryClient();
  return useCallback(async () => {
    try {
      await signOut();
    } finally {
      navigate('/login');
      await qc.resetQueries();
    }
  }, [qc]);
}
