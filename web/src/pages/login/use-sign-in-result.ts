import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SignIn } from '../../api/types';
import { navigate } from '../../router/use-route';

export type MfaChallenge = { challengeId: string; methods: Array<'totp' | 'recovery_code'> };

/** After POST /v1/sessions: either signed in (→ home) or a second step is needed (→ onMfa). */
export function useSignInResult(onMfa: (c: MfaChallenge) => void) {
  const qc = useQueryClient();
  return useCallback(
    async (r: SignIn) => {
      if (r.mfaRequired) return onMfa({ challengeId: r.challengeId, methods: r.methods });
      await qc.resetQueries({ queryKey: ['me'] });
      navigate('/');
    },
    [qc, onMfa],
  );
}
