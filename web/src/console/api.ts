import { api, apiLanguage } from '../api/client';
import type {
  CaseDetails,
  CaseKind,
  CaseSummary,
  DecisionInput,
  DirectoryEntry,
  OperatorMe,
  QueueStatus,
  Reason,
  ReviewStats,
} from './types';

/** The console's calls; errors arrive as ApiError (problem+json), like the portal's. */

export const signIn = (login: string, password: string) =>
  api<{ session: { token: string; expiresAt: string } }>('/v1/operator/sessions', {
    body: { login, password },
  });
export const signOut = () => api<void>('/v1/sessions/current', { method: 'DELETE' });
export const getMe = () => api<OperatorMe>('/v1/me');
export const getDirectory = () => api<{ operators: DirectoryEntry[] }>('/v1/operator/operators');

export function getQueue(filter: { status: QueueStatus; kind?: CaseKind | undefined }) {
  const q = new URLSearchParams({ status: filter.status, sort: 'sla' });
  if (filter.kind) q.set('kind', filter.kind);
  return api<{ cases: CaseSummary[] }>(`/v1/review/cases?${q}`);
}
export const getCase = (id: string) => api<CaseDetails>(`/v1/review/cases/${encodeURIComponent(id)}`);
export const claimCase = (id: string) =>
  api<{ id: string; claimedBy: string; claimedAt: string }>(
    `/v1/review/cases/${encodeURIComponent(id)}/claim`,
    { method: 'POST' },
  );
export const decideCase = (id: string, body: DecisionInput) =>
  api<{ id: string; status: string; reasons: string[] }>(
    `/v1/review/cases/${encodeURIComponent(id)}/decision`,
    { body },
  );
export const escalateCase = (id: string, note: string) =>
  api<{ id: string; status: string; escalated: boolean }>(
    `/v1/review/cases/${encodeURIComponent(id)}/escalate`,
    { body: { note } },
  );
export const getReasons = () => api<{ reasons: Reason[] }>('/v1/review/reasons');
export const getStats = (days: number) => api<ReviewStats>(`/v1/review/stats?days=${days}`);

/** A case document's bytes (each view is audited by the server), as an object URL. */
export async function fetchDocumentUrl(
  caseId: string,
  uploadId: string,
  signal?: AbortSignal,
): Promise<string> {
  const res = await fetch(
    `/v1/review/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(uploadId)}/content`,
    { credentials: 'same-origin', headers: { 'Accept-Language': apiLanguage() }, signal },
  );
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return URL.createObjectURL(await res.blob());
}
