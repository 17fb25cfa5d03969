import { api } from './client';

/**
 * Typed calls of the verification, uploads and liveness API (SPEC §2–§3), one function per endpoint.
 * Everything goes through `api()`, the multipart calls (uploads, liveness frames) with `form`.
 */

export type VerificationKind = 'personal' | 'enterprise';
export type IdRegion = 'mainland' | 'hong_kong' | 'macao' | 'taiwan' | 'overseas';
export type IdType =
  | 'resident_id'
  | 'residence_permit'
  | 'foreign_permanent_residence'
  | 'hk_macao_travel_permit'
  | 'taiwan_travel_permit'
  | 'passport';
export type VerificationStatus =
  | 'draft'
  | 'submitted'
  | 'checking'
  | 'pending_review'
  | 'approved'
  | 'rejected_retry'
  | 'rejected_final'
  | 'more_info_requested'
  | 'withdrawn';
export type DocumentSlot =
  | 'id_front'
  | 'id_back'
  | 'id_holding'
  | 'business_licence'
  | 'legal_rep_id_front'
  | 'legal_rep_id_back'
  | 'industry_licence';
export type UploadPurpose =
  | 'id_front'
  | 'id_back'
  | 'id_holding'
  | 'business_licence'
  | 'industry_licence'
  | 'selfie'
  | 'liveness_frame';

export type Reason = { code: string; kind: 'retry' | 'final'; message: string };
export type AttachedDocument = { slot: DocumentSlot; uploadId: string; attachedAt: string };

export type Verification = {
  id: string;
  kind: VerificationKind;
  status: VerificationStatus;
  reasons: Reason[];
  crossBorder?: boolean;
  documents?: AttachedDocument[];
  requiredDocuments?: DocumentSlot[];
  missingDocuments?: DocumentSlot[];
  liveness?: { required: boolean; passed: boolean; sessionId: string | null };
  documentValidUntil?: string | null;
  slaDueAt?: string | null;
  expedite?: { eligibleAt: string | null; requestedAt: string | null };
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
};

export type PersonalInput = {
  kind: 'personal';
  name: string;
  idRegion: IdRegion;
  idType: IdType;
  idNumber: string;
  documentValidUntil?: string;
  crossBorder?: boolean;
  /** KYC-4: adds the photo holding the ID. */
  highRiskCategory?: boolean;
};
export type EnterpriseInput = {
  kind: 'enterprise';
  companyName: string;
  uscc: string;
  legalRepresentative: { name: string; idNumber: string };
  documentValidUntil?: string;
  crossBorder?: boolean;
  highRiskCategory?: boolean;
  /** KYC-2: adds the industry licence. */
  regulatedIndustry?: boolean;
};

export type Upload = {
  id: string;
  purpose: UploadPurpose;
  mime: string;
  bytes?: number;
  width: number;
  height: number;
  quality: { blur: number; flags: string[] };
};

export type LivenessAction = 'blink' | 'shake_head' | 'nod' | 'open_mouth';
export type LivenessSession = {
  id: string;
  purpose?: 'verification' | 'reverification';
  actions: LivenessAction[];
  status: 'open' | 'passed' | 'failed' | 'expired';
  attemptsUsed: number;
  attemptsLeft: number;
  expiresAt: string;
  /** How to take the frames, in the request language. */
  guidance?: string | null;
  /** Reason code of the last failed attempt, or `expired`. */
  failureReason?: string | null;
};
export type LivenessAttempt = {
  /** `message` says what to do differently, in the request language. */
  attempt: { number?: number; passed: boolean; reason: string | null; message?: string | null };
  session: LivenessSession;
};

type One = { verification: Verification };
const enc = encodeURIComponent;

export const listVerifications = () => api<{ verifications: Verification[] }>('/v1/verifications');
export const getVerification = (id: string) => api<One>(`/v1/verifications/${enc(id)}`);
export const createVerification = (body: PersonalInput | EnterpriseInput) =>
  api<One>('/v1/verifications', { body });
export const attachDocument = (id: string, slot: DocumentSlot, uploadId: string) =>
  api<One>(`/v1/verifications/${enc(id)}/documents/${enc(slot)}`, { method: 'PUT', body: { uploadId } });
export const submitVerification = (id: string) =>
  api<One>(`/v1/verifications/${enc(id)}/submit`, { method: 'POST', body: {} });
export const withdrawVerification = (id: string) =>
  api<One>(`/v1/verifications/${enc(id)}/withdraw`, { method: 'POST', body: {} });
/** KYC-8: after 48 h without a result; an SMS code (purpose expedite) and the ID number's last 4. */
export const requestExpedite = (id: string, body: { code: string; idLast4: string }) =>
  api<One>(`/v1/verifications/${enc(id)}/expedite`, { body });

export const uploadContentUrl = (id: string) => `/v1/uploads/${enc(id)}/content`;
export const uploadImage = (purpose: UploadPurpose, file: Blob, name = 'photo.jpg') => {
  const form = new FormData();
  form.append('file', file, name);
  return api<{ upload: Upload }>(`/v1/uploads?purpose=${enc(purpose)}`, { form });
};
export const deleteUpload = (id: string) => api<void>(`/v1/uploads/${enc(id)}`, { method: 'DELETE' });

export const startLiveness = (verificationId: string) =>
  api<{ session: LivenessSession }>('/v1/liveness-sessions', { body: { verificationId } });
export const getLiveness = (id: string) =>
  api<{ session: LivenessSession }>(`/v1/liveness-sessions/${enc(id)}`);
export const sendLivenessFrames = (id: string, frames: Blob[]) => {
  const form = new FormData();
  frames.forEach((f, i) => {
    form.append('frames', f, f instanceof File ? f.name : `frame-${i + 1}.jpg`);
  });
  return api<LivenessAttempt>(`/v1/liveness-sessions/${enc(id)}/attempts`, { form });
};

/** KYC-8: the SMS code for an expedite request goes to the merchant's own phone ("self"). */
export const requestExpediteCode = () =>
  api<{ expiresInSeconds: number; resendAfterSeconds: number }>('/v1/sms-codes', {
    body: { phone: 'self', purpose: 'expedite' },
  });
