import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  getVerification,
  listVerifications,
  type Verification,
  type VerificationStatus,
} from '../../api/verification';

/** react-query keys and hooks of the wizard. */
export const keys = {
  list: ['verifications'] as const,
  one: (id: string) => ['verification', id] as const,
  upload: (id: string) => ['upload', id] as const,
  liveness: (id: string) => ['liveness', id] as const,
};

/** Statuses while the platform is working on the case: the status page polls. */
export const WORKING: readonly VerificationStatus[] = ['submitted', 'checking'];
/** Statuses in which the merchant may change documents and submit (again). */
export const EDITABLE: readonly VerificationStatus[] = ['draft', 'rejected_retry', 'more_info_requested'];
/** Statuses the merchant may withdraw from (the state machine's `withdraw` row). */
export const WITHDRAWABLE: readonly VerificationStatus[] = [
  'draft',
  'submitted',
  'checking',
  'pending_review',
  'more_info_requested',
  'rejected_retry',
];

export function useVerifications() {
  return useQuery({ queryKey: keys.list, queryFn: listVerifications, retry: false });
}

export function useVerification(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: () => getVerification(id).then((r) => r.verification),
    retry: false,
    refetchInterval: (q) => (q.state.data && WORKING.includes(q.state.data.status) ? 3000 : false),
  });
}

/** Puts a fresh case from any answer into the cache (and marks the list stale). */
export function useStoreVerification() {
  const qc = useQueryClient();
  return useCallback(
    (v: Verification) => {
      qc.setQueryData(keys.one(v.id), v);
      void qc.invalidateQueries({ queryKey: keys.list });
    },
    [qc],
  );
}

/** The case the merchant is working on: the newest that is not withdrawn. */
export function currentCase(list: Verification[] | undefined): Verification | undefined {
  return list?.find((v) => v.status !== 'withdrawn');
}

/** Where a case should open: the first unfinished step of an editable case, else its status page. */
export function nextPathFor(v: Verification): string {
  const base = `/verification/${encodeURIComponent(v.id)}`;
  if (v.status !== 'draft') return base;
  if ((v.missingDocuments ?? []).length > 0) return `${base}/documents`;
  if (v.liveness?.required && !v.liveness.passed) return `${base}/liveness`;
  return `${base}/submit`;
}

/** Reasons that ask for a new face check (KYC-9 catalog). */
export const LIVENESS_REASONS: readonly string[] = ['liveness_failed', 'face_mismatch'];

/** Whether the face-check step should come before submitting: not passed, or rejected for it. */
export function needsLiveness(v: Verification): boolean {
  if (v.kind !== 'personal' || v.liveness?.required === false) return false;
  return (
    !v.liveness?.passed || (v.status !== 'draft' && v.reasons.some((r) => LIVENESS_REASONS.includes(r.code)))
  );
}
